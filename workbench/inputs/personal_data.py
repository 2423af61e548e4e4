"""Personal data and free text in a client's extract: which columns hold them, and how they are
kept out of the run directory.

`personal_data(name, values)` says why a column looks like personal data (e-mail addresses,
phone numbers, person names, IBANs, street addresses, IP addresses, national identifiers,
payment cards), judged by the column's name and the shape of its values — never by one alone
where the other contradicts it (a date is not a phone number, an amount is not an identifier).
`free_text(values)` says whether a column is prose (long strings of many distinct words).

`protect(frame, contract, keep)` is what every read of the data passes through before anything
is written: personal-data columns are dropped, and those the study needs as a group key are
replaced by a keyed hash whose key lives outside the run directory (`pii_key`).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

import pandas as pd

KEY_ENV = "WORKBENCH_PII_KEY"
KEY_FILE = Path(".workbench") / "pii.key"  # in the project folder, beside runs/, never inside
SAMPLE = 2_000

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
PHONE = re.compile(r"^(?:\+|00|0|\()[\d\s()/.-]{6,20}\d$")
DATE_SHAPED = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?:[ T]\d{1,2}:\d{2}.*)?$")
IBAN = re.compile(r"^[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}$")
IPV4 = re.compile(r"^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$")
IPV6 = re.compile(r"^(?=.*:.*:)[0-9A-Fa-f:]{2,39}$")
US_SSN = re.compile(r"^\d{3}-\d{2}-\d{4}$")
UK_NINO = re.compile(r"^[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]$")
DE_SVNR = re.compile(r"^\d{2}\s?\d{6}\s?[A-Z]\s?\d{3}$")
CARD = re.compile(r"^(?:\d[ -]?){12,18}\d$")
STREET = re.compile(
    r"^(?:\d+[a-z]?\s+)?[A-ZÄÖÜ][\wäöüßÄÖÜ.' -]*?"
    r"(?:stra(?:ß|ss)e|str\.|weg|platz|allee|gasse|ring|damm|ufer|chaussee|"
    r"\bstreet|\bst\.?|\bavenue|\bave\.?|\broad|\brd\.?|\blane|\bln\.?|\bdrive|\bdr\.?|"
    r"\bboulevard|\bblvd\.?|\bway|\bcourt|\bplace)"
    r"(?:\s+\d+[a-z]?(?:\s*[-/]\s*\d+[a-z]?)?)?(?:,.*)?$",
    re.IGNORECASE,
)
PERSON = re.compile(r"^[A-ZÄÖÜ][a-zäöüßéèáàíóúñç'-]+(?:\s+[A-ZÄÖÜ][a-zäöüßéèáàíóúñç'-]+){0,2}$")
COMPANY = re.compile(r"\b(?:GmbH|AG|KG|SE|Ltd|Inc|LLC|plc|Co|Corp|e\.V\.|mbH|OHG|UG)\b\.?")
FIRST_NAMES = {
    line.strip()
    for line in (Path(__file__).with_name("first_names.txt"))
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip() and not line.startswith("#")
}
NAME_COLUMNS = re.compile(
    r"(^|_|\b)(first_?name|last_?name|given_?name|family_?name|sur_?name|full_?name|"
    r"person|customer_?name|client_?name|contact(_?person|_?name)?|owner|holder|"
    r"account_?holder|name|vorname|nachname|familienname|kundenname|ansprechpartner|"
    r"inhaber|kontoinhaber|name_?des_?kunden|kunde|customer|client|patient|mitarbeiter|"
    r"employee|applicant|antragsteller|borrower|kreditnehmer)($|_|\b)",
    re.IGNORECASE,
)
NAME_HINTS = {
    "e-mail addresses": r"e_?mail|mail",
    "phone numbers": r"phone|telefon|tel|mobile|mobil|handy|fax",
    "IBANs": r"iban",
    "street addresses": r"address|adresse|anschrift|street|stra(ss|ß)e",
    "IP addresses": r"ip(_?addr(ess)?)?$|ip_",
    "national identifiers": r"ssn|social_?security|national_?id|nino|steuer_?id|tax_?id|"
    r"svnr|sozialversicherung|personalausweis|passport|reisepass",
    "payment card numbers": r"card_?number|credit_?card|kreditkarte|pan$",
}


def _share(text: pd.Series, pattern: re.Pattern) -> float:
    return (
        float(text.str.fullmatch(pattern.pattern, flags=pattern.flags).mean()) if len(text) else 0.0
    )


def _iban_ok(value: str) -> bool:
    v = value.replace(" ", "")
    digits = "".join(str(int(c, 36)) for c in v[4:] + v[:4])
    return int(digits) % 97 == 1


def _luhn_ok(value: str) -> bool:
    digits = [int(c) for c in re.sub(r"\D", "", value)]
    odd = digits[-1::-2]
    even = [sum(divmod(2 * d, 10)) for d in digits[-2::-2]]
    return (sum(odd) + sum(even)) % 10 == 0


def personal_data(name: str, values: pd.Series) -> str | None:
    """Why the column looks like personal data ("e-mail addresses", …), or None."""
    if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values):
        return None  # numbers and typed dates: an amount or a date is not an identifier
    text = values.dropna().astype("str").str.strip()
    text = text[text != ""]
    if len(text) > SAMPLE:
        text = text.sample(SAMPLE, random_state=0)
    if len(text) == 0:
        return None
    key = name.strip().lower().replace(" ", "_").replace("-", "_")
    hinted = {what for what, pat in NAME_HINTS.items() if re.search(pat, key)}
    dates = _share(text, DATE_SHAPED)
    found = _by_shape(text, dates)
    if found:
        return found
    if NAME_COLUMNS.search(key) and _share(text, PERSON) > 0.6 and dates < 0.5:
        return "person names"
    for what in hinted:  # a telling name with values that do not contradict it
        if dates < 0.5 and not text.str.fullmatch(r"[+-]?\d+([.,]\d+)?").mean() > 0.9:
            return what
    if _looks_like_people(text):
        return "person names"
    return None


def _by_shape(text: pd.Series, dates: float) -> str | None:
    if _share(text, EMAIL) > 0.5:
        return "e-mail addresses"
    ibans = text[text.str.fullmatch(IBAN.pattern)]
    if len(ibans) > 0.8 * len(text) and ibans.map(_iban_ok).mean() > 0.9:
        return "IBANs"
    if _share(text, IPV4) > 0.8 or _share(text, IPV6) > 0.8:
        return "IP addresses"
    if _share(text, US_SSN) > 0.8 or _share(text, UK_NINO) > 0.8 or _share(text, DE_SVNR) > 0.8:
        return "national identifiers"
    cards = text[text.str.fullmatch(CARD.pattern)]
    if len(cards) > 0.8 * len(text) and cards.map(_luhn_ok).mean() > 0.9:
        return "payment card numbers"
    if dates < 0.5 and _share(text, PHONE) > 0.8 and text.str.count(r"\d").mean() >= 7:
        return "phone numbers"
    if _share(text, STREET) > 0.6:
        return "street addresses"
    return None


def _looks_like_people(text: pd.Series) -> bool:
    """Two or three capitalised words, mostly distinct, most starting with a known first
    name, none a company: person names even under an unhelpful column name."""
    if text.nunique() < 0.2 * len(text):
        return False
    shaped = text[text.str.fullmatch(PERSON.pattern) & ~text.str.contains(COMPANY.pattern)]
    if len(shaped) < 0.8 * len(text):
        return False
    words = shaped.str.split()
    if words.str.len().min() < 2:
        return False
    firsts = words.str[0].str.lower().isin(FIRST_NAMES) | words.str[-1].str.lower().isin(
        FIRST_NAMES
    )  # "Müller, Anna" style lists put the first name last
    return bool(firsts.mean() > 0.5)


def free_text(values: pd.Series) -> bool:
    """Prose: strings averaging 30 characters or more, of five words or more, most rows
    different, with a vocabulary of many distinct words."""
    if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values):
        return False
    text = values.dropna().astype("str").str.strip()
    text = text[text != ""].head(SAMPLE)
    if len(text) < 20:
        return False
    words = text.str.split()
    vocabulary = {w.lower() for ws in words for w in ws}
    return bool(
        text.str.len().mean() >= 30
        and words.str.len().mean() >= 5
        and text.nunique() > 0.5 * len(text)
        and len(vocabulary) >= 100
    )


def mentions_personal_data(values: pd.Series) -> str | None:
    """Free text that carries contact details in at least 1% of its rows."""
    text = values.dropna().astype("str").head(SAMPLE)
    if len(text) == 0:
        return None
    if text.str.contains(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}").mean() >= 0.01:
        return "e-mail addresses inside the text"
    if text.str.contains(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}\b").mean() >= 0.01:
        return "IBANs inside the text"
    return None


# -- keeping it out of the run directory --------------------------------------------------------
def pii_key(project_dir: Path) -> bytes:
    """The key of the keyed hash: the environment's WORKBENCH_PII_KEY, else a random key kept
    in the project folder (`.workbench/pii.key`, created on first use). Never in a run
    directory: without it a hashed value cannot be matched back to a person."""
    env = os.environ.get(KEY_ENV)
    if env:
        return env.encode()
    path = project_dir / KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


def keyed_hash(values: pd.Series, key: bytes) -> pd.Series:
    """Each value as the first 16 hex digits of its HMAC-SHA256 under `key`; missing stays
    missing. Equal values stay equal, so the column still groups rows."""

    def one(v: object) -> str:
        return hmac.new(key, str(v).encode(), hashlib.sha256).hexdigest()[:16]

    return values.map(one, na_action="ignore").astype("str").where(values.notna())


def protect(frame: pd.DataFrame, pii: list[str], keep: set[str], key: bytes) -> pd.DataFrame:
    """`frame` without its personal-data columns `pii`, but for those in `keep` (the columns
    the study needs as group keys), whose values become keyed hashes."""
    out = frame.drop(columns=[c for c in pii if c in frame.columns and c not in keep])
    for c in keep:
        if c in out.columns:
            out[c] = keyed_hash(out[c], key)
    return out
