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

Free text is a model input, and people write personal data into it ("please call me on
0171 2345678", "Dear Ms Weber"): `mask_text` replaces e-mail addresses, phone numbers, IBANs,
payment card numbers and person names inside a text with a mark saying what was there
(«email», «phone», «iban», «card», «name») and counts them, so that what a run stores — the
snapshot, predictions, error analysis, report examples — never holds them.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from collections import Counter
from pathlib import Path

import pandas as pd

from workbench.inputs.text_memo import TextMemo

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


# -- personal data inside free text --------------------------------------------------------------
MARKS = {
    "email": "«email»",
    "iban": "«iban»",
    "card": "«card»",
    "phone": "«phone»",
    "name": "«name»",
}
MASK_KINDS = {  # in words, for people
    "email": "e-mail addresses",
    "iban": "IBANs",
    "card": "payment card numbers",
    "phone": "phone numbers",
    "name": "names",
}
EMAIL_IN_TEXT = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
IBAN_IN_TEXT = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
CARD_IN_TEXT = re.compile(r"(?<![\d-])\d{4}(?:[ -]?\d{4}){2}[ -]?\d{1,7}(?![\d-])")
_SEP = r"[\s./-]?"
PHONE_IN_TEXT = re.compile(
    r"(?<![\w+/.,-])(?:"
    rf"(?:\+|00)\d{{1,3}}{_SEP}(?:\(0\){_SEP})?\d(?:{_SEP}\d){{5,13}}"  # +49 171 2345678
    rf"|\(?0\d{{1,5}}\)?{_SEP}\d(?:{_SEP}\d){{4,11}}"  # 0171 2345678, (030) 123 4567
    r"|\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}"  # (555) 123-4567
    r")(?![\w/-])"
)
_CAPITALISED = r"[A-ZÄÖÜ][a-zäöüßéèáàíóúñç'-]+"
HONORIFIC = re.compile(
    rf"\b(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Herr|Frau|Hr|Fr)\.?\s+)+"
    rf"({_CAPITALISED}(?:\s+{_CAPITALISED})?)"
)
DIGIT = re.compile(r"\d")
TITLE_STARTS = ("Mr", "Ms", "Mi", "Mx", "Dr", "Pr", "He", "Hr", "Fr")  # every title begins so
GREETING = re.compile(
    r"\b(?:Dear|Hi|Hello|Hey|Hallo|Liebe|Lieber|Regards|Thanks|Cheers|Best|Grüße|Gruß|Servus)"
    rf",?\s+({_CAPITALISED}(?:\s+{_CAPITALISED})?)"
)
NOT_NAMES = {  # what follows "Hi" or "Thanks" without being a person
    "team", "all", "there", "everyone", "support", "service", "customer", "sir", "madam",
    "again", "for", "in", "so", "much", "and", "the", "you", "zusammen", "kollegen",
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "herr", "frau", "hr", "fr",
    "i", "i'm", "i've", "i'd", "i'll", "ich", "it", "it's", "we", "this", "that",
}  # fmt: skip
# first names that are also everyday words ("Can you…", "Mark it…", "Will it…"): a name only
# after a title or a greeting, never on their own
COMMON_WORDS = {"can", "grace", "mark", "frank", "max", "jack", "will", "may", "bill", "ben"}
CAPITALISED_WORD = re.compile(rf"\b{_CAPITALISED}\b")
NAMES_ALONE = FIRST_NAMES - COMMON_WORDS
DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")


def _phone(match: re.Match) -> bool:
    """A phone number, not a date or a short code: seven digits or more, not shaped as a date."""
    text = match.group()
    return sum(c.isdigit() for c in text) >= 7 and not DATE_LIKE.match(text.strip())


def _card(match: re.Match) -> bool:
    digits = re.sub(r"\D", "", match.group())
    return 13 <= len(digits) <= 19 and _luhn_ok(digits)


def _named(match: re.Match) -> str:
    """The match with its name group masked, unless the name is an everyday word."""
    name = match.group(1)
    if name.split()[0].lower() in NOT_NAMES:
        return match.group()
    start, end = match.span(1)
    offset = match.start()
    whole = match.group()
    return whole[: start - offset] + MARKS["name"] + whole[end - offset :]


def mask_text(text: str, counts: Counter) -> str:
    """`text` with its e-mail addresses, IBANs, payment card numbers, phone numbers and person
    names replaced by marks; `counts` gains how many of each were masked."""

    def sub(pattern: re.Pattern, kind: str, text: str, keep=None, replace=None) -> str:
        def one(m: re.Match) -> str:
            if keep is not None and not keep(m):
                return m.group()
            new = replace(m) if replace else MARKS[kind]
            if new != m.group():
                counts[kind] += 1
            return new

        return pattern.sub(one, text)

    # each pattern is tried only where what it cannot match without is written (an at sign,
    # a digit, a title): the same masks, in a fraction of the time on texts without them
    if "@" in text:
        text = sub(EMAIL_IN_TEXT, "email", text)
    if DIGIT.search(text):
        text = sub(IBAN_IN_TEXT, "iban", text)
        text = sub(CARD_IN_TEXT, "card", text, keep=_card)
        text = sub(PHONE_IN_TEXT, "phone", text, keep=_phone)
    if any(title in text for title in TITLE_STARTS):
        text = sub(HONORIFIC, "name", text, replace=_named)
    text = sub(GREETING, "name", text, replace=_named)
    return _first_names(text, counts)


def _first_names(text: str, counts: Counter) -> str:
    """A known first name written as a name (capitalised), with the capitalised word right
    after it (the surname), masked. Capitalised words are found once and looked up in the
    list: seven times faster than one pattern of every name."""
    words = list(CAPITALISED_WORD.finditer(text))
    out, last, i = [], 0, 0
    while i < len(words):
        word = words[i]
        if word.group().lower() not in NAMES_ALONE:
            i += 1
            continue
        end = word.end()
        after = words[i + 1] if i + 1 < len(words) else None
        if after is not None and text[end : after.start()].isspace():
            end, i = after.end(), i + 1  # the surname
        out += [text[last : word.start()], MARKS["name"]]
        counts["name"] += 1
        last, i = end, i + 1
    return "".join(out) + text[last:] if out else text


def mask_column(values: pd.Series) -> tuple[pd.Series, dict[str, int]]:
    """A text column with the personal data inside its values masked (missing stays missing),
    and how many of each kind were masked. Within `masks_remembered`, texts masked before are
    not masked again."""
    present = values.notna()
    texts = [str(v) for v in values[present]]

    def make() -> tuple[list[str], dict[str, int]]:
        counts: Counter = Counter()
        masked = [mask_text(t, counts) for t in texts]
        return masked, {k: counts[k] for k in MARKS if counts[k]}

    masked_texts, found = MASKS.made(texts, make)
    masked = values.astype("object").copy()
    masked[present] = masked_texts
    out = pd.Series(masked, index=values.index, name=values.name)
    if pd.api.types.is_string_dtype(values) or values.dtype == object:
        out = out.astype(values.dtype) if values.dtype != object else out
    return out, dict(found)


# within `masks_remembered`, a column of texts masked once is not masked again (`init` masks
# the free text to say what it will mask, then checks the data as a run will read it)
MASKS: TextMemo[tuple[list[str], dict[str, int]]] = TextMemo()
masks_remembered = MASKS.remembered


def mask_text_columns(
    frame: pd.DataFrame, columns: list[str]
) -> tuple[pd.DataFrame, dict[str, dict[str, int]]]:
    """`frame` with the personal data inside its free-text `columns` masked, and the count of
    masks per column and kind (columns with none are left out)."""
    out, counts = frame.copy(), {}
    for name in columns:
        if name in out.columns:
            out[name], found = mask_column(out[name])
            if found:
                counts[name] = found
    return out, counts


def masks_in_words(found: dict[str, int]) -> str:
    """'3 e-mail addresses, 1 phone number'"""
    singular = {"addresses": "address", "IBANs": "IBAN", "numbers": "number", "names": "name"}
    parts = []
    for kind, n in found.items():
        words = MASK_KINDS[kind]
        if n == 1:
            head, _, last = words.rpartition(" ")
            words = f"{head} {singular.get(last, last)}".strip()
        parts.append(f"{n:,} {words}")
    return ", ".join(parts)
