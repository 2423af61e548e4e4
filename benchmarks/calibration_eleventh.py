"""The eleventh generation of the leakage calibration, kept aside: written and committed before
it was first run, with seeds of its own (23,000 and up). Other domains and shapes than every
family before it: a public library's loans returned late, a charity's regular donors lapsing, a
regional airline's flights leaving late, a city's food-hygiene inspections failed and a
crowdfunding platform's campaigns reaching their goal — null families with honest confusers (a
housebound reader whose books the volunteers collect on their round, nearly never late; a card
that expires before the next collection and nearly always ends the gift; an aircraft's first
departure of the day, from a night stop, that nearly never leaves late; a hygiene improvement
notice still in force that nearly always fails the revisit; a campaign already at 100% of its
goal after two days, always funded, and a staff pick nearly always funded; a previous hygiene
rating 0-5, a welcome call's 1-5 rating blank for donors not recruited by phone or in the
street, a forecast wind index 0-10 and age bands as ordinal text; the inbound aircraft's delay
and the first two days' pledges as honest strong signals; years a member capped where the
library system was migrated, months giving capped where the charity's records begin, the inbound
delay capped where the operations feed stops, days since the last inspection capped at the
two-year programme, a campaign's length capped at the platform's 60 days; earlier late returns,
fines, holds, missed gifts, events, complaints to the council, a creator's earlier campaigns
zero for most; a reader's distance blank when the address was not placed, an age not asked in
the street or online, seats blank for takeaways, market stalls and shops, a previous rating
blank for new businesses; repeat readers, aircraft and creators under time splits and a
premises' several inspections under a group split; a supporter-care note, a complaint's intake
text and a campaign's blurb written before the outcome) — and leaks planted in a loan extract, a
donor extract, a flight extract, an inspection extract and a campaign extract by generators of
their own: the reader's account last touched when the debt recovery blocked the card, each
reader's late share over the whole extract (the reader code among the inputs), loans falling
due after the extract's date counted as returned in time (right-censored), a supporter status
that records the cancelled instruction, a donor's engagement score recomputed after the lapse,
collections counted until the lapse or the extract's date, the recorded off-block time beside
the scheduled one (a leak across two columns), the hub's measured turnaround in its rows only,
row numbers in a movements file where the late flights taken out for the delay-code review were
put back last, an officer's follow-up entry with enforcement words, inspections exported again
by the new case system under new numbers with one field re-keyed, a rating's publication delay
blank while a failure awaits its revisit among honest blanks, a creator's updates counted with
those posted after the campaign was funded, a subcategory's funded share over the whole extract
as words (the subcategory kept) and a platform fee zeroed for failed campaigns among honest
waivers.

The tenth generation (benchmarks/calibration_tenth.py) is the kept-aside set being run now; this
one is not registered yet.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from calibration_mechanisms import add_columns, separation
from calibration_shapes import Case, outcome, text


def _on(start: str, offsets, unit: str = "D") -> pd.Series:
    return pd.Timestamp(start) + pd.to_timedelta(np.asarray(offsets, dtype="int64"), unit=unit)


def _some(n: int, share: float, rng) -> np.ndarray:
    return rng.random(n) < share


def _codes(rng, keys: int, n: int, spread: float = 0.8) -> np.ndarray:
    """Codes 0..keys-1 for n rows, unequal in size (log-normal weights)."""
    weights = rng.lognormal(0, spread, keys)
    return rng.choice(keys, n, p=weights / weights.sum())


def _ruled(y, who, share: float, rng) -> np.ndarray:
    """The outcome, set to yes for this share of those a business rule settles (and to no for
    the others of them)."""
    return np.where(who, (rng.random(len(y)) < share).astype(int), y)


def _words(rng, pools: list[list[str]], k) -> list[str]:
    """Short texts: for each row, a few words from its pool, shuffled."""
    return [
        " ".join(rng.permutation(rng.choice(pool, int(m))))
        for pool, m in zip(pools, k, strict=True)
    ]


def _yes(values) -> pd.Series:
    return text(np.where(values, "yes", "no"))


# -- a public library's loans -------------------------------------------------------------------
ITEMS = ["adult_fiction", "adult_nonfiction", "children", "dvd", "audiobook", "magazine"]
ITEMS += ["graphic_novel", "large_print"]
ITEM_SHARES = [0.27, 0.16, 0.22, 0.07, 0.07, 0.08, 0.06, 0.07]
ITEM_EFFECT = {"dvd": 0.55, "magazine": -0.2, "children": 0.3, "graphic_novel": 0.25}
ITEM_EFFECT |= {"large_print": -0.3}
LOAN_DAYS = {"dvd": 7, "magazine": 7}  # 21 days for everything else
CARDS = ["adult", "child", "concession", "housebound", "student"]
LIBRARIES = ["central", "northgate", "riverside", "hillcrest", "eastfield", "mobile_library"]
AGE_BANDS = ["0-11", "12-17", "18-29", "30-49", "50-69", "70+"]


def _loans(n: int, seed: int):
    """Loans at a public library service (March 2023 to August 2024): a loan number, the reader
    (many readers borrow again and again: their columns repeat on each loan), the reader's home
    library, card type and age band, years a member (capped at 14: the library system was
    migrated in 2010 and kept no earlier joining dates), the reader's distance to the library
    (blank when the address could not be placed), e-mail reminders, late returns in the last 24
    months and fines outstanding (zero for most, in 20p steps), the day lent, the item's type
    and its loan period (7 days for films and magazines, 21 for the rest), holds waiting on the
    item (zero for most: such an item cannot be renewed), items lent together, self-service;
    the log-odds of a late return and the housebound readers (the volunteers collect their
    books on a four-weekly round: they are nearly never late)."""
    rng = np.random.default_rng(seed)
    readers = max(60, int(n / 3.2))
    r = _codes(rng, readers, n, 1.1)
    habit = rng.normal(0, 1, readers)
    card = rng.choice(len(CARDS), readers, p=[0.55, 0.2, 0.12, 0.03, 0.1])
    band = np.where(
        card == 1,
        rng.choice(2, readers, p=[0.7, 0.3]),
        np.where(card == 4, 2, rng.choice([2, 3, 4, 5], readers, p=[0.18, 0.34, 0.3, 0.18])),
    )
    band = np.where(card == 3, np.maximum(band, 4), band)
    home = rng.choice(len(LIBRARIES), readers, p=[0.3, 0.17, 0.16, 0.14, 0.15, 0.08])
    years = np.minimum(np.round(rng.exponential(5.5, readers), 1), 14.0)
    km = np.round(rng.lognormal(0.6, 0.7, readers), 1)
    placed = rng.random(readers) > 0.13
    email = rng.random(readers) < 0.75 - 0.08 * band
    earlier = np.minimum(
        np.where(rng.random(readers) < 0.55, 0, rng.poisson(np.exp(0.6 + 0.6 * habit))), 40
    )
    fines = np.where(
        rng.random(readers) < 0.78 - 0.08 * habit, 0.0, 0.2 * (1 + rng.poisson(9, readers))
    )
    item = rng.choice(len(ITEMS), n, p=ITEM_SHARES)
    names = np.array(ITEMS)[item]
    period = np.array([LOAN_DAYS.get(name, 21) for name in names])
    holds = np.where(rng.random(n) < 0.82, 0, 1 + rng.poisson(1.5, n))
    together = 1 + rng.poisson(np.where(card[r] == 1, 3.0, 1.6))
    lent = rng.integers(0, 540, n)
    day = _on("2023-03-01", lent)
    holiday = np.isin(day.month.to_numpy(), [7, 8, 12])
    kiosk = rng.random(n) < 0.62
    z = (
        1.4 * habit[r]
        + 0.3 * np.minimum(earlier[r], 8)
        + 0.45 * (fines[r] > 0)
        + 0.35 * np.log1p(holds)
        + np.array([ITEM_EFFECT.get(name, 0.0) for name in names])
        + 0.06 * np.minimum(together, 10)
        - 0.04 * years[r]
        + 0.12 * np.log1p(km[r])
        - 0.45 * email[r]
        + np.select([card[r] == 4, card[r] == 2], [0.45, -0.2])
        + 0.35 * holiday
        + 0.1 * kiosk
    )
    frame = pd.DataFrame(
        {
            "loan_no": text([f"L{k}" for k in rng.choice(9_000_000, n, replace=False) + 10**6]),
            "reader": text([f"RD{k:06d}" for k in r]),
            "home_library": text(np.array(LIBRARIES)[home[r]]),
            "card_type": text(np.array(CARDS)[card[r]]),
            "age_band": text(np.array(AGE_BANDS)[band[r]]),
            "years_a_member": years[r],
            "km_to_library": np.where(placed[r], km[r], np.nan),
            "email_reminders": _yes(email[r]),
            "late_returns_24m": earlier[r],
            "fines_outstanding": np.round(fines[r], 2),
            "lent_on": day,
            "item_type": text(names),
            "loan_days": period,
            "holds_on_item": holds,
            "items_lent_together": together,
            "self_service": _yes(kiosk),
        }
    )
    return frame, z, card[r] == 3, rng


def _days_late(z, housebound, rng) -> np.ndarray:
    """Days past the due day at the return: zero for most (about 18% late), more the higher the
    log-odds, 42 at most (after six weeks the item is billed as lost and the loan closed); the
    housebound round returns nearly everything in time."""
    late = _ruled(outcome(z, 0.18, rng), housebound, 0.01, rng)
    days = 1 + np.round(rng.gamma(1.3, 2 + 6 * np.clip(z, 0, 5)))
    return np.where(late == 1, np.minimum(days, 42), 0).astype(int)


LOAN_INPUTS = ("loan_no", "reader", "lent_on")


def loan_late(n: int, seed: int) -> Case:
    """Returned after the due day (about 18%); split in time on the day lent, the readers'
    columns repeating across the split, the loan number declared an id."""
    frame, z, housebound, rng = _loans(n, seed)
    feats = [c for c in frame.columns if c not in LOAN_INPUTS]
    y = (_days_late(z, housebound, rng) > 0).astype(int)
    return Case(
        "loan_late", frame, y, "binary", feats, split="time", time="lent_on", ids=["loan_no"]
    )


def days_late(n: int, seed: int) -> Case:
    """Days past the due day at the return (zero for most, 42 at most)."""
    frame, z, housebound, rng = _loans(n, seed)
    feats = [c for c in frame.columns if c not in LOAN_INPUTS]
    y = _days_late(z, housebound, rng)
    return Case("days_late", frame, y, "regression", feats, split="random", ids=["loan_no"])


# -- a charity's regular donors -----------------------------------------------------------------
RECRUITED = ["street", "door_to_door", "online", "telephone", "event", "mailing"]
RECRUIT_EFFECT = np.array([0.55, 0.45, -0.1, 0.2, -0.3, -0.5])
GIFTS = np.array([3.0, 5.0, 8.0, 10.0, 12.0, 15.0, 20.0, 25.0, 50.0])
DONOR_REGIONS = ["scotland", "north", "midlands", "wales", "london", "south"]
NOTE_WORDS = {
    "warm": ["loves", "updates", "happy", "proud", "supporter", "thanked", "newsletter"],
    "money": ["money", "tight", "reduce", "amount", "asked", "lower", "bills"],
    "leaving": ["moving", "house", "new", "address", "considering", "stopping", "review"],
    "plain": ["called", "details", "updated", "checked", "consent", "preferences", "spoke"],
}


def _donors(n: int, seed: int):
    """Regular donors at the annual review (2024): a donor number, the review's day, the region,
    how the donor was recruited, months giving (capped at 120: the charity's records begin with
    the 2014 database), the donor's age (blank for a third: not asked in the street or online),
    the monthly gift (round amounts), gift aid, the payment method, a card that expires before
    the next collection (card payers with no updater service: nearly all of them stop), gifts
    missed in 12 months and events attended in 24 (zero for most), an upgrade accepted, the
    welcome call's 1-5 rating (phone and street recruits only: blank for the others), the
    newsletter, a complaint logged, the supporter-care note written at the review; the log-odds
    of a lapse, the expiring cards and the donor's loyalty."""
    rng = np.random.default_rng(seed)
    via = rng.choice(len(RECRUITED), n, p=[0.3, 0.16, 0.2, 0.12, 0.08, 0.14])
    months = np.minimum(np.round(rng.exponential(40, n)) + 1, 120).astype(int)
    age = np.clip(np.round(rng.normal(52 - 8 * (via <= 1), 16, n)), 18, 95)
    asked = rng.random(n) > np.where(np.isin(via, [0, 2]), 0.55, 0.15)
    gift = GIFTS[rng.choice(len(GIFTS), n, p=[0.1, 0.24, 0.1, 0.22, 0.06, 0.11, 0.09, 0.05, 0.03])]
    loyal = rng.normal(0, 1, n)
    card = rng.random(n) < 0.16
    expiring = card & (rng.random(n) < 0.15)
    missed = np.where(rng.random(n) < 0.8 + 0.08 * loyal.clip(-1, 1), 0, rng.integers(1, 5, n))
    events = np.where(rng.random(n) < 0.85, 0, 1 + rng.poisson(0.6, n))
    upgraded = rng.random(n) < 0.12 + 0.15 * (months > 36)
    called = np.isin(via, [0, 3])
    welcome = np.clip(np.round(3.6 + 0.6 * loyal + rng.normal(0, 0.9, n)), 1, 5)
    mood = rng.choice(4, n, p=[0.3, 0.15, 0.1, 0.45])
    giftaid = rng.random(n) < 0.55 + 0.1 * (loyal > 0)
    z = (
        -0.8 * loyal
        - 0.018 * np.minimum(months, 60)
        + 0.55 * np.minimum(missed, 3)
        + RECRUIT_EFFECT[via]
        + 0.5 * (age < 30)
        - 0.35 * giftaid
        + 0.25 * (gift >= 20)
        - 0.5 * upgraded
        - 0.25 * events
        + np.select([mood == 1, mood == 2, mood == 0], [0.6, 1.0, -0.4])
        + 0.4 * card
    )
    notes = _words(rng, [NOTE_WORDS[k] for k in np.array(list(NOTE_WORDS))[mood]], 3 + (mood < 3))
    frame = pd.DataFrame(
        {
            "donor_no": text([f"D{k}" for k in rng.choice(5_000_000, n, replace=False) + 10**6]),
            "reviewed_on": _on("2024-01-02", rng.integers(0, 300, n)),
            "region": text(np.array(DONOR_REGIONS)[rng.choice(6, n)]),
            "recruited_via": text(np.array(RECRUITED)[via]),
            "months_giving": months,
            "age": np.where(asked, age, np.nan),
            "monthly_gift": gift,
            "gift_aid": _yes(giftaid),
            "payment_method": text(np.where(card, "card", "direct_debit")),
            "card_expires_before_next": _yes(expiring),
            "gifts_missed_12m": missed,
            "events_24m": events,
            "upgraded": _yes(upgraded),
            "welcome_call_1_5": np.where(called, welcome, np.nan),
            "newsletter": _yes(rng.random(n) < 0.4 + 0.1 * loyal.clip(-1, 1)),
            "complaint_logged": _yes(rng.random(n) < 0.03 + 0.04 * (mood == 1)),
            "supporter_note": text(notes),
        }
    )
    return frame, z, expiring, loyal, rng


def _lapsed(z, expiring, rng) -> np.ndarray:
    """Stopped giving within six months of the review (about 15%): 92% of the expiring cards."""
    return _ruled(outcome(z, 0.14, rng), expiring, 0.92, rng)


DONOR_INPUTS = ("donor_no", "reviewed_on")


def donor_lapse(n: int, seed: int) -> Case:
    """Stopped giving within six months of the review; split stratified."""
    frame, z, expiring, _, rng = _donors(n, seed)
    feats = [c for c in frame.columns if c not in DONOR_INPUTS]
    return Case("donor_lapse", frame, _lapsed(z, expiring, rng), "binary", feats, ids=["donor_no"])


def given_next_year(n: int, seed: int) -> Case:
    """What the donor gave in the twelve months after the review, with pence: the monthly gift
    for the months given (a lapse ends it, a few missed on the way), gift aid's 25% on top."""
    frame, z, expiring, _, rng = _donors(n, seed)
    gone = _lapsed(z, expiring, rng).astype(bool)
    months = np.where(gone, rng.integers(0, 6, len(z)), 12 - rng.binomial(12, 0.04, len(z)))
    uplift = np.where(frame["gift_aid"] == "yes", 1.25, 1.0)
    y = np.round(frame["monthly_gift"].to_numpy() * months * uplift, 2)
    feats = [c for c in frame.columns if c not in DONOR_INPUTS]
    return Case("given_next_year", frame, y, "regression", feats, split="random", ids=["donor_no"])


# -- a regional airline's departures ------------------------------------------------------------
AIRPORTS = ["HUB", "CST", "MTN", "ISL", "CAP", "LKS", "BRD"]
AIRPORT_SHARES = [0.4, 0.12, 0.1, 0.1, 0.12, 0.08, 0.08]
TYPES = ["turboprop_72", "regional_jet_100", "regional_jet_175"]
MIN_TURN = np.array([20, 25, 30])


def _flights(n: int, seed: int):
    """Departures of a regional airline (October 2023 to May 2024): a flight reference, the
    flight number (routes fly again and again), the aircraft's tail and type (a fleet of 24:
    each tail on many rows), the origin airport (the hub for two in five), the scheduled
    departure (to five minutes), its hour and weekday, the aircraft's first departure of the
    day (before 07:30, from a night stop: nearly never late), the inbound aircraft's arrival
    delay (zero for the first wave and most others; the operations feed stops counting at 180
    minutes), the scheduled turnaround, booked load factor, checked bags, a crew change, de-icing
    forecast, the forecast wind index 0-10, passengers connecting at the hub (none on the hub's
    own departures: zero for two in five); the log-odds of a late departure and the first
    waves."""
    rng = np.random.default_rng(seed)
    tails = 24
    tail = rng.integers(0, tails, n)
    kind = rng.choice(3, tails, p=[0.5, 0.3, 0.2])[tail]
    origin = rng.choice(len(AIRPORTS), n, p=AIRPORT_SHARES)
    route = np.where(origin == 0, rng.integers(0, 30, n), 30 + 2 * origin + rng.integers(0, 2, n))
    day = rng.integers(0, 240, n)
    minute = 5 * np.round(rng.uniform(6 * 12, 22 * 12, n)).astype(int)
    scheduled = _on("2023-10-01", day) + pd.to_timedelta(minute, unit="min")
    first = (minute < 7.5 * 60) & (rng.random(n) < 0.85)
    inbound = np.where(
        first | (rng.random(n) < 0.55), 0, np.round(rng.lognormal(2.6 + minute / 1800, 1.1))
    )
    inbound = np.minimum(inbound, 180).astype(int)
    turn = MIN_TURN[kind] + 5 * rng.integers(1, 8, n)
    slack = turn - MIN_TURN[kind]
    winter = np.isin(scheduled.month.to_numpy(), [12, 1, 2])
    deice = winter & (minute < 10 * 60) & (rng.random(n) < 0.45) & (origin != 4)
    wind = np.clip(np.round(rng.gamma(2.2, 1.3, n) + 1.5 * (origin == 3)), 0, 10).astype(int)
    load = np.round(np.clip(rng.beta(5, 2, n), 0.2, 1.0), 2)
    crew = rng.random(n) < 0.18
    z = (
        2.2 * np.log1p(np.maximum(inbound - slack, 0) / 8)
        + 0.25 * np.log1p(inbound)
        + 0.18 * np.maximum(wind - 3, 0)
        + 0.9 * deice
        + 0.45 * crew
        + 1.2 * (load - 0.7)
        + 0.35 * (origin == 0) * ((minute > 16 * 60) & (minute < 19 * 60))
        + 0.2 * (kind == 2)
        + rng.normal(0, 0.25, 80)[route]
    )
    frame = pd.DataFrame(
        {
            "flight_ref": text([f"FL{k}" for k in rng.choice(8_000_000, n, replace=False) + 10**6]),
            "flight_no": text([f"RX{300 + k}" for k in route]),
            "tail": text([f"G-R{k:03d}" for k in tail]),
            "aircraft_type": text(np.array(TYPES)[kind]),
            "origin": text(np.array(AIRPORTS)[origin]),
            "scheduled_departure": scheduled,
            "departure_hour": minute // 60,
            "weekday": scheduled.dayofweek.to_numpy(),
            "first_wave": _yes(first),
            "inbound_delay_min": inbound,
            "scheduled_turn_min": turn,
            "load_factor": load,
            "checked_bags": rng.poisson(load * np.array([40, 55, 80])[kind]),
            "crew_change": _yes(crew),
            "deicing_forecast": _yes(deice),
            "wind_index_0_10": wind,
            "connecting_passengers": np.where(origin == 0, 0, rng.poisson(6, n)),
        }
    )
    return frame, z, first, rng


def _delay(z, first, rng) -> np.ndarray:
    """Minutes late off the stand: under 15 for most, 15 and more for about 22% (3% of the first
    wave)."""
    late = _ruled(outcome(z, 0.22, rng), first, 0.03, rng)
    minutes = np.where(
        late == 1,
        15 + np.round(rng.gamma(1.2, 18 + 10 * np.clip(z, 0, 4))),
        np.round(rng.uniform(-4, 14.4, len(z))),
    )
    return minutes.astype(int)


FLIGHT_INPUTS = ("flight_ref", "tail", "scheduled_departure")


def flight_late(n: int, seed: int) -> Case:
    """Off the stand 15 minutes late or more; split in time on the scheduled departure, each
    tail and flight number on both sides of the split."""
    frame, z, first, rng = _flights(n, seed)
    feats = [c for c in frame.columns if c not in FLIGHT_INPUTS]
    y = (_delay(z, first, rng) >= 15).astype(int)
    return Case(
        "flight_late",
        frame,
        y,
        "binary",
        feats,
        split="time",
        time="scheduled_departure",
        ids=["flight_ref"],
    )


def delay_band(n: int, seed: int) -> Case:
    """On time, 15 to 59 minutes late, an hour or more (three classes)."""
    frame, z, first, rng = _flights(n, seed)
    feats = [c for c in frame.columns if c not in FLIGHT_INPUTS]
    y = np.digitize(_delay(z, first, rng), [15, 60])
    return Case("delay_band", frame, y, "multiclass", feats, ids=["flight_ref"])


# -- a city's food-hygiene inspections ----------------------------------------------------------
PREMISES = ["restaurant", "takeaway", "cafe", "pub", "market_stall", "school_kitchen"]
PREMISES += ["care_home", "retailer"]
PREMISES_SHARES = [0.22, 0.2, 0.14, 0.12, 0.06, 0.08, 0.06, 0.12]
PREMISES_EFFECT = np.array([0.2, 0.6, 0.0, -0.1, 0.35, -0.9, -0.6, -0.3])
CUISINES = ["british", "chinese", "indian", "italian", "kebab", "caribbean", "polish", "none"]
VISITS = ["programmed", "complaint", "revisit", "new_business"]
COMPLAINT_WORDS = ["mice", "dirty", "smell", "toilet", "ill", "vomiting", "raw", "chicken"]
COMPLAINT_WORDS += ["hair", "found", "food", "kitchen", "bins", "flies", "cold", "undercooked"]
ROUTINE_WORDS = ["programme", "due", "risk", "band", "scheduled", "visit", "inspection"]
NEW_WORDS = ["registered", "new", "business", "opening", "first", "visit", "owner"]
SEATS = {"restaurant": 60, "cafe": 30, "pub": 80, "school_kitchen": 200, "care_home": 40}


def _inspections(n: int, seed: int):
    """Food-hygiene inspections in a city (2023 and 2024): an inspection number, the premises
    (inspected again and again: its columns repeat), its type, cuisine and ward, the day of the
    visit and its kind, the previous hygiene rating 0-5 (blank for new businesses), days since
    the last inspection (capped at 730: the low-risk premises wait two years and the programme
    counts no further), complaints to the council in 12 months (zero for most), a new owner,
    seats (blank for takeaways, market stalls and shops), food handlers and their share with a
    hygiene certificate, a pest-control contract, a hygiene improvement notice still in force
    (nearly all of them fail the revisit), the intake text (the complaint's words, the
    programme's or the registration's); the log-odds of a failure and the notices."""
    rng = np.random.default_rng(seed)
    sites = max(40, int(n / 1.7))
    s = _codes(rng, sites, n, 0.6)
    kind = rng.choice(len(PREMISES), sites, p=PREMISES_SHARES)
    cuisine = np.where(np.isin(kind, [0, 1]), rng.choice(7, sites), 7)
    care = rng.normal(0, 1, sites)
    pest = rng.random(sites) < 0.45 + 0.15 * np.isin(kind, [5, 6])
    ward = rng.integers(0, 14, sites)
    visit = rng.choice(4, n, p=[0.62, 0.16, 0.12, 0.1])
    previous = np.clip(np.round(3.6 + 0.9 * care[s] + rng.normal(0, 0.8, n)), 0, 5)
    since = np.where(
        visit == 2, rng.integers(14, 90, n), np.round(rng.gamma(3, 130 - 20 * (previous - 3)))
    )
    since = np.minimum(np.maximum(since, 14), 730).astype(int)
    complaints = np.where(rng.random(n) < 0.8 - 0.05 * care[s], 0, 1 + rng.poisson(0.8, n))
    complaints = np.maximum(complaints, (visit == 1).astype(int))
    owner = (visit == 3) | (rng.random(n) < 0.05)
    handlers = 1 + rng.poisson(np.where(np.isin(kind[s], [5, 6]), 7, 3))
    trained = np.clip(np.round(rng.normal(70 + 10 * care[s], 18) / 5) * 5, 0, 100)
    notice = (visit == 2) & (rng.random(n) < 0.3)
    seat_base = np.array([SEATS.get(PREMISES[k], 0) for k in kind[s]])
    z = (
        -0.6 * care[s]
        - 0.35 * (previous - 3.5)
        + 0.35 * np.log1p(complaints)
        + 0.45 * owner
        + PREMISES_EFFECT[kind[s]]
        + 0.5 * (visit == 1)
        - 0.012 * (trained - 70)
        - 0.35 * pest[s]
        + 0.0006 * since
        + 0.04 * np.minimum(handlers, 10)
    )
    pools = np.select([visit == 1, visit == 3], [1, 2], 0)  # what the intake text is written from
    texts = _words(
        rng,
        [[ROUTINE_WORDS, COMPLAINT_WORDS, NEW_WORDS][p] for p in pools],
        np.where(pools == 1, rng.integers(5, 11, n), rng.integers(3, 6, n)),
    )
    frame = pd.DataFrame(
        {
            "inspection_no": text([f"IN{k}" for k in rng.choice(900_000, n, replace=False)]),
            "premises": text([f"FP{k:05d}" for k in s]),
            "premises_type": text(np.array(PREMISES)[kind[s]]),
            "cuisine": text(np.array(CUISINES)[cuisine[s]]),
            "ward": text([f"ward_{k:02d}" for k in ward[s]]),
            "inspected_on": _on("2023-01-03", rng.integers(0, 720, n)),
            "visit_kind": text(np.array(VISITS)[visit]),
            "previous_rating_0_5": np.where(visit == 3, np.nan, previous),
            "days_since_last": np.where(visit == 3, 730, since),
            "complaints_12m": complaints,
            "new_owner": _yes(owner),
            "seats": np.where(
                seat_base > 0, np.round(seat_base * rng.lognormal(0, 0.4, n)), np.nan
            ),
            "food_handlers": handlers,
            "handlers_certified_pct": trained,
            "pest_contract": _yes(pest[s]),
            "improvement_notice": _yes(notice),
            "intake_text": text(texts),
        }
    )
    return frame, z, notice, rng


def _points(z, notice, rng) -> np.ndarray:
    """The inspection's risk points (0 to 80 in fives: hygiene, structure, management); 30 or
    more fails (a rating of 0 to 2, about 15%); 90% of the revisits under a notice still in
    force fail, the others have put it right."""
    n = len(z)
    raw = 8 + 9 * z + rng.normal(0, 7, n)
    points = np.clip(5 * np.round(raw / 5), 0, 80)
    failed = notice & (rng.random(n) < 0.9)
    points = np.where(failed, np.maximum(points, 30 + 5 * rng.integers(0, 5, n)), points)
    points = np.where(notice & ~failed, np.minimum(points, 25), points)
    return points.astype(int)


INSPECTION_INPUTS = ("inspection_no", "premises", "inspected_on")


def inspection_failed(n: int, seed: int) -> Case:
    """Failed (30 risk points or more); split by premises, so a premises' inspections are all
    on one side."""
    frame, z, notice, rng = _inspections(n, seed)
    feats = [c for c in frame.columns if c not in INSPECTION_INPUTS]
    y = (_points(z, notice, rng) >= 30).astype(int)
    return Case(
        "inspection_failed",
        frame,
        y,
        "binary",
        feats,
        split="group",
        group="premises",
        ids=["inspection_no"],
    )


def risk_points(n: int, seed: int) -> Case:
    """The risk points themselves (0 to 80 in fives)."""
    frame, z, notice, rng = _inspections(n, seed)
    feats = [c for c in frame.columns if c not in INSPECTION_INPUTS]
    return Case(
        "risk_points",
        frame,
        _points(z, notice, rng),
        "regression",
        feats,
        split="random",
        ids=["inspection_no"],
    )


# -- a crowdfunding platform's campaigns --------------------------------------------------------
TOPICS = ["technology", "games", "film", "music", "design", "food", "publishing", "art"]
TOPICS += ["fashion", "comics"]
TOPIC_EFFECT = np.array([-0.4, 0.3, -0.3, 0.1, 0.2, -0.5, 0.0, -0.1, -0.4, 0.5])
COUNTRIES = ["uk", "us", "de", "fr", "nl", "ca"]
BLURB_WORDS = {
    "technology": ["smart", "device", "app", "wireless", "sensor", "open", "source"],
    "games": ["board", "game", "cards", "players", "expansion", "dice", "miniatures"],
    "film": ["short", "film", "documentary", "director", "story", "festival", "crew"],
    "music": ["album", "vinyl", "band", "record", "tour", "songs", "studio"],
    "design": ["lamp", "desk", "wallet", "minimal", "design", "everyday", "carry"],
    "food": ["bakery", "coffee", "recipe", "truck", "organic", "restaurant", "kitchen"],
    "publishing": ["book", "novel", "poetry", "illustrated", "print", "edition", "author"],
    "art": ["paintings", "exhibition", "mural", "prints", "artist", "gallery", "series"],
    "fashion": ["shoes", "jacket", "sustainable", "collection", "fabric", "tshirt", "knit"],
    "comics": ["comic", "graphic", "novel", "issue", "hardcover", "artist", "volume"],
}


def _campaigns(n: int, seed: int):
    """Campaigns on a crowdfunding platform (2022 to mid 2024), seen 48 hours after launch: a
    campaign number, the creator (some launch again: their columns repeat), the topic and one
    of its eight subcategories, the country, the launch day, the length in days (the platform
    allows 60 at most: piled at 30 and 60), the goal (round amounts), reward tiers, a video,
    the blurb (written at launch), the creator's earlier campaigns and those funded (zero for
    most), a staff pick (nearly always funded), backers in the first 48 hours (zero for some)
    and the share of the goal pledged by then (the dashboard shows 100 once the goal is reached:
    those are funded by rule); the log-odds of reaching the goal, the campaigns already at 100%
    and the staff picks."""
    rng = np.random.default_rng(seed)
    creators = max(50, int(n / 1.35))
    c = _codes(rng, creators, n, 0.9)
    skill = rng.normal(0, 1, creators)
    earlier = np.where(rng.random(creators) < 0.7, 0, 1 + rng.poisson(1.2, creators))
    funded_before = rng.binomial(earlier, 1 / (1 + np.exp(-skill)))
    topic = rng.choice(len(TOPICS), n, p=[0.12, 0.14, 0.1, 0.1, 0.12, 0.08, 0.12, 0.08, 0.06, 0.08])
    sub = topic * 8 + rng.choice(8, n, p=[0.3, 0.2, 0.15, 0.1, 0.1, 0.06, 0.05, 0.04])
    days = np.select([rng.random(n) < 0.5, rng.random(n) < 0.3], [30, 60], rng.integers(10, 61, n))
    goal = np.round(rng.lognormal(8.3, 1.1, n), -2)
    goal = np.maximum(np.where(goal > 10_000, np.round(goal, -3), goal), 100)
    tiers = np.clip(rng.poisson(6, n), 1, 20)
    video = rng.random(n) < 0.45 + 0.2 * (skill[c] > 0)
    pick = rng.random(n) < 0.03 + 0.04 * (skill[c] > 1)
    appeal = rng.normal(0, 1, n) + 0.7 * skill[c]
    backers = rng.poisson(np.exp(1.5 + 0.8 * appeal + 0.2 * np.log(goal / 1000)))
    share = np.round(100 * backers * rng.lognormal(3.9, 0.5, n) / goal)
    done = share >= 100
    z = (
        1.0 * appeal
        - 0.55 * np.log(goal / 4000)
        + 1.1 * np.log1p(share / 10)
        + TOPIC_EFFECT[topic]
        + 0.4 * video
        + 0.5 * (funded_before[c] > 0)
        - 0.012 * (days - 30)
        + 0.04 * tiers
    )
    frame = pd.DataFrame(
        {
            "campaign_no": text([f"C{k}" for k in rng.choice(9_000_000, n, replace=False) + 10**6]),
            "creator": text([f"CR{k:06d}" for k in c]),
            "topic": text(np.array(TOPICS)[topic]),
            "subcategory": text([f"{TOPICS[k // 8]}_{k % 8}" for k in sub]),
            "country": text(
                np.array(COUNTRIES)[rng.choice(6, n, p=[0.3, 0.3, 0.12, 0.1, 0.08, 0.1])]
            ),
            "launched_on": _on("2022-01-03", rng.integers(0, 900, n)),
            "length_days": days,
            "goal": goal,
            "reward_tiers": tiers,
            "video": _yes(video),
            "blurb": text(
                _words(rng, [BLURB_WORDS[TOPICS[t]] for t in topic], rng.integers(5, 10, n))
            ),
            "earlier_campaigns": earlier[c],
            "earlier_funded": funded_before[c],
            "staff_pick": _yes(pick),
            "backers_48h": backers,
            "pct_of_goal_48h": np.minimum(share, 100),
        }
    )
    return frame, z, done, pick, rng


def _funded(z, done, pick, rng) -> np.ndarray:
    """Reached the goal (about 38%): every campaign already at its goal, 93% of the staff picks."""
    y = _ruled(outcome(z, 0.36, rng), pick, 0.93, rng)
    return np.where(done, 1, y)


CAMPAIGN_INPUTS = ("campaign_no", "creator", "launched_on")


def campaign_funded(n: int, seed: int) -> Case:
    """Reached the goal; split in time on the launch, repeat creators on both sides."""
    frame, z, done, pick, rng = _campaigns(n, seed)
    feats = [c for c in frame.columns if c not in CAMPAIGN_INPUTS]
    return Case(
        "campaign_funded",
        frame,
        _funded(z, done, pick, rng),
        "binary",
        feats,
        split="time",
        time="launched_on",
        ids=["campaign_no"],
    )


def backers_total(n: int, seed: int) -> Case:
    """Backers at the campaign's end (a count: a few for many, thousands for some)."""
    frame, z, done, pick, rng = _campaigns(n, seed)
    funded = _funded(z, done, pick, rng)
    early = frame["backers_48h"].to_numpy()
    total = early + rng.poisson((early + 1) * np.exp(0.6 + 0.5 * np.clip(z, -3, 3) + funded))
    feats = [c for c in frame.columns if c not in CAMPAIGN_INPUTS]
    return Case(
        "backers_total", frame, total, "regression", feats, split="random", ids=["campaign_no"]
    )


NULL_FAMILIES = {
    "loan_late": loan_late,
    "days_late": days_late,
    "donor_lapse": donor_lapse,
    "given_next_year": given_next_year,
    "flight_late": flight_late,
    "delay_band": delay_band,
    "inspection_failed": inspection_failed,
    "risk_points": risk_points,
    "campaign_funded": campaign_funded,
    "backers_total": backers_total,
}
# six sizes: a data set's size is NULL_SIZES[(i * 5 + 23) % 6], so consecutive seeds take all six
NULL_SIZES = (650, 1_050, 1_550, 2_300, 3_300, 4_900)
NULL_MIN_SIZE = {"loan_late": 1_050, "inspection_failed": 1_050, "donor_lapse": 1_050}


# -- the extracts leaks are planted in ----------------------------------------------------------
def loans(n: int, seed: int) -> Case:
    """Loans returned late (about 18%), split stratified, the day lent declared, the loan number
    declared an id."""
    frame, z, housebound, rng = _loans(n, seed)
    feats = [c for c in frame.columns if c not in LOAN_INPUTS]
    y = (_days_late(z, housebound, rng) > 0).astype(int)
    return Case("library_loans", frame, y, "binary", feats, time="lent_on", ids=["loan_no"])


def donors(n: int, seed: int) -> Case:
    """Donors lapsed within six months of the review (about 15%), split stratified, the review's
    day declared."""
    frame, z, expiring, _, rng = _donors(n, seed)
    feats = [c for c in frame.columns if c not in DONOR_INPUTS]
    y = _lapsed(z, expiring, rng)
    return Case("donors", frame, y, "binary", feats, time="reviewed_on", ids=["donor_no"])


def flights(n: int, seed: int) -> Case:
    """Departures 15 minutes late or more (about 22%), split stratified, the scheduled departure
    declared."""
    frame, z, first, rng = _flights(n, seed)
    feats = [c for c in frame.columns if c not in FLIGHT_INPUTS]
    y = (_delay(z, first, rng) >= 15).astype(int)
    return Case(
        "flights", frame, y, "binary", feats, time="scheduled_departure", ids=["flight_ref"]
    )


def inspections(n: int, seed: int) -> Case:
    """Inspections failed (about 15%), split stratified, the day of the visit declared."""
    frame, z, notice, rng = _inspections(n, seed)
    feats = [c for c in frame.columns if c not in INSPECTION_INPUTS]
    y = (_points(z, notice, rng) >= 30).astype(int)
    return Case(
        "inspections", frame, y, "binary", feats, time="inspected_on", ids=["inspection_no"]
    )


def campaigns(n: int, seed: int) -> Case:
    """Campaigns that reached their goal (about 38%), split stratified, the launch declared."""
    frame, z, done, pick, rng = _campaigns(n, seed)
    feats = [c for c in frame.columns if c not in CAMPAIGN_INPUTS]
    y = _funded(z, done, pick, rng)
    return Case("campaigns", frame, y, "binary", feats, time="launched_on", ids=["campaign_no"])


# -- leaks in the loan extract ------------------------------------------------------------------
def account_activity(case: Case, share: float, rng) -> Case:
    """'account_last_activity': the day the reader's account was last touched, at the extract's
    date: for this share of the late loans the day the unpaid charge went to the council's debt
    recovery and the card was blocked (three months to a year after the due day), for every other
    loan a routine touch (a later loan, a login, a renewal) any day in the 45 after the loan."""
    n = case.rows
    due = case.frame["loan_days"].to_numpy()
    recovered = due + rng.integers(90, 366, n)
    routine = rng.integers(0, 46, n)
    lag = np.where((case.y == 1) & _some(n, share, rng), recovered, routine)
    touched = case.frame["lent_on"] + pd.to_timedelta(lag, unit="D")
    return add_columns(case, {"account_last_activity": touched.to_numpy()})


def reader_late_share(case: Case, rows_per_key: float, rng) -> Case:
    """'reader_late_share': each reader's share of late returns over the whole extract (the row's
    own loan included), with the reader code now among the inputs; about this many loans per
    reader."""
    keys = max(2, int(case.rows / rows_per_key))
    reader = _codes(rng, keys, case.rows, 0.6)
    share = pd.Series(case.y.astype(float)).groupby(reader).transform("mean").to_numpy()
    frame = case.frame.copy()
    frame["reader"] = text([f"RD{k:06d}" for k in reader])
    frame["reader_late_share"] = np.round(share, 3)
    return replace(
        case,
        frame=frame,
        features=[*case.features, "reader", "reader_late_share"],
        leak=["reader_late_share"],
    )


def due_censored(case: Case, share: float, rng) -> Case:
    """'due_on': the day the loan was due back. The extract was taken on the day after which
    this share of the loans fall due (less the three days' grace before a loan counts as late):
    those loans are counted as returned in time, whatever happens to them (right-censored)."""
    due = case.frame["lent_on"] + pd.to_timedelta(case.frame["loan_days"].to_numpy(), unit="D")
    cutoff = due.quantile(1 - share) - pd.Timedelta(days=3)
    y = np.where((due > cutoff).to_numpy(), 0, case.y)
    leaky = add_columns(case, {"due_on": due.to_numpy()})
    return replace(leaky, y=y)


# -- leaks in the donor extract -----------------------------------------------------------------
def supporter_status(case: Case, share: float, rng) -> Case:
    """'supporter_status' at the extract's date: the bank's cancellation of the instruction
    ('instruction_cancelled', 'cancelled_by_donor', 'lapsed') for this share of the lapsed
    donors; for the others, the rest of the lapsed included, the status the review left
    ('active', 'active_upgraded', 'payment_holiday', 'gone_away' for mail returned)."""
    n = case.rows
    after = rng.choice(
        ["instruction_cancelled", "cancelled_by_donor", "lapsed"], n, p=[0.5, 0.3, 0.2]
    )
    routine = rng.choice(
        ["active", "active_upgraded", "payment_holiday", "gone_away"], n, p=[0.8, 0.1, 0.07, 0.03]
    )
    value = np.where((case.y == 1) & _some(n, share, rng), after, routine)
    return add_columns(case, {"supporter_status": text(value)})


def engagement_score(case: Case, auc: float, rng) -> Case:
    """'engagement_score': the CRM's 0-100 engagement score as the nightly job recomputed it
    after the outcome (the missing collections pull it down): lower for the lapsed, as strong
    as this AUC, whole numbers."""
    value = separation(auc) * case.y + rng.normal(0, 1, case.rows)
    return add_columns(case, {"engagement_score": np.clip(np.round(62 - 14 * value), 0, 100)})


def collections_since_review(case: Case, share: float, rng) -> Case:
    """'collections_since_review': monthly collections taken in the months after the review's
    up to the extract's date (31 December: two to eleven months), a few missed on the way for
    everyone; for this share of the lapsed donors they stop at the lapse (none to five)."""
    n = case.rows
    months = 12 - case.frame["reviewed_on"].dt.month.to_numpy()
    months = np.maximum(months, 1)
    kept = months - rng.binomial(months, 0.05)
    stopped = np.minimum(rng.integers(0, 6, n), months)
    value = np.where((case.y == 1) & _some(n, share, rng), stopped, kept)
    return add_columns(case, {"collections_since_review": value.astype(int)})


# -- leaks in the flight extract ----------------------------------------------------------------
def off_block_times(case: Case, share: float, rng) -> Case:
    """'scheduled_off_block' and 'recorded_off_block', in minutes after midnight: the recorded
    one is the aircraft's actual push-back (15 minutes to three hours after the schedule) for
    this share of the late flights, and the schedule's time within a few minutes (the handling
    agent's entry, whatever happened) for every other flight. Neither alone says much: the day
    runs from six to ten."""
    n = case.rows
    sched = (
        case.frame["scheduled_departure"].dt.hour * 60 + case.frame["scheduled_departure"].dt.minute
    ).to_numpy()
    late = 15 + np.round(rng.gamma(1.2, 25, n))
    near = np.round(rng.uniform(-3, 10, n))
    recorded = sched + np.where((case.y == 1) & _some(n, share, rng), np.minimum(late, 180), near)
    return add_columns(
        case,
        {"scheduled_off_block": sched, "recorded_off_block": recorded.astype(int)},
        leak=["recorded_off_block"],
    )


def hub_turnaround(case: Case, share: float, rng) -> Case:
    """'turnaround_min': at the hub (two in five departures), for this share of its rows, the
    turnaround the hub's stand system measured after the departure (the scheduled one plus the
    delay for the late flights, within a few minutes of it for the others); at the outstations
    the handling agent's billed turnaround, the scheduled one plus 0 to 60 minutes, unrelated to
    the outcome."""
    n = case.rows
    hub = (case.frame["origin"] == "HUB").to_numpy()
    turn = case.frame["scheduled_turn_min"].to_numpy()
    measured = turn + np.where(
        case.y == 1, 15 + np.round(rng.gamma(1.2, 20, n)), np.round(rng.uniform(-4, 12, n))
    )
    billed = turn + 5 * rng.integers(0, 13, n)
    value = np.where(hub & _some(n, share, rng), measured, billed)
    return add_columns(case, {"turnaround_min": value.astype(int)})


def movement_numbers(case: Case, share: float, rng) -> Case:
    """'movement_no': the row's number in the movements file, an input nobody declared an id.
    The file is the day's movements in the order of departure, with this share of the late
    flights taken out for the delay-code review and put back as a block after the rest (in
    their own order): their numbers are the last."""
    n = case.rows
    reviewed = (case.y == 1) & _some(n, share, rng)
    sched = case.frame["scheduled_departure"].to_numpy()
    order = np.lexsort((sched, reviewed))
    number = np.empty(n, dtype=int)
    number[order] = 100_001 + np.arange(n)
    return add_columns(case, {"movement_no": number})


# -- leaks in the inspection extract ------------------------------------------------------------
ROUTINE_FOLLOW = [
    "broadly compliant, advice given",
    "no further action",
    "letter sent with advice",
    "rating sticker handed over",
    "advice on allergen labelling",
    "cleaning schedule discussed",
    "temperature records checked, satisfactory",
    "pest contract seen",
    "training records checked",
    "minor issues, owner to action",
    "written warning on records",
    "safer food better business pack left",
]
FAIL_FOLLOW = [
    "revisit booked within 28 days",
    "hygiene improvement notice served",
    "voluntary closure agreed",
    "referred for formal action",
    "emergency prohibition notice served",
    "food surrendered and destroyed",
]


def follow_up_note(case: Case, share: float, rng) -> Case:
    """'officer_follow_up': the officer's follow-up entry, written after the rating was decided:
    enforcement words (a revisit booked, a notice served, a closure) for this share of the failed
    inspections, the service's usual phrases for every other one; 'revisit booked at owner's
    request' for 1.5% of the others (a re-rating asked for)."""
    n = case.rows
    routine = np.array(ROUTINE_FOLLOW, dtype=object)[rng.integers(0, len(ROUTINE_FOLLOW), n)]
    failed = np.array(FAIL_FOLLOW, dtype=object)[rng.integers(0, len(FAIL_FOLLOW), n)]
    asked = np.where(_some(n, 0.015, rng), "revisit booked at owner's request", routine)
    value = np.where((case.y == 1) & _some(n, share, rng), failed, asked)
    return add_columns(case, {"officer_follow_up": text(value)})


def system_copies(case: Case, share: float, rng) -> Case:
    """This share of the inspections exported a second time by the new case system when the
    records were migrated: a new inspection number, the certified share re-keyed five points
    off (three in five) or the seats counted again (one field amended; where seats are blank
    nothing else differs but the number), the extract shuffled: each pair can fall on both
    sides of the split."""
    twice = np.flatnonzero(_some(case.rows, share, rng))
    m = len(twice)
    copies = case.frame.iloc[twice].copy()
    copies["inspection_no"] = text([f"NX{k}" for k in rng.choice(900_000, m, replace=False)])
    which = rng.random(m) < 0.6
    rekeyed = np.clip(copies["handlers_certified_pct"].to_numpy() + rng.choice([-5, 5], m), 0, 100)
    copies["handlers_certified_pct"] = np.where(which, rekeyed, copies["handlers_certified_pct"])
    seats = copies["seats"].to_numpy()
    recount = np.where(np.isnan(seats), seats, seats + rng.choice([-2, -1, 1, 2], m))
    copies["seats"] = np.where(which, seats, recount)
    order = rng.permutation(case.rows + m)
    frame = pd.concat([case.frame, copies], ignore_index=True).iloc[order]
    y = np.concatenate([case.y, case.y[twice]])[order]
    return replace(case, frame=frame.reset_index(drop=True), y=y, leak=[])


def publication_blank(case: Case, share: float, rng) -> Case:
    """'days_to_publication': days from the visit to the rating on the public website (the 21
    days of appeal and a few for the upload); blank for school kitchens and care homes (their
    ratings are published by another service: honest blanks), for 4% of the others (the upload
    failed), and for this share of the failed inspections (held back until the revisit)."""
    n = case.rows
    days = 21 + np.round(rng.gamma(2, 2.5, n))
    exempt = case.frame["premises_type"].isin(["school_kitchen", "care_home"]).to_numpy()
    held = (case.y == 1) & _some(n, share, rng)
    blank = exempt | _some(n, 0.04, rng) | held
    return add_columns(case, {"days_to_publication": np.where(blank, np.nan, days)})


# -- leaks in the campaign extract --------------------------------------------------------------
def creator_updates(case: Case, share: float, rng) -> Case:
    """'updates_posted': the creator's updates on the campaign page at the extract's date: those
    posted while it ran (0 to about 8, more for the long ones) for everyone, and for this share
    of the funded campaigns those posted after it (the backer survey, production, shipping:
    two and up)."""
    n = case.rows
    running = rng.poisson(case.frame["length_days"].to_numpy() / 12)
    after = 2 + rng.poisson(3, n)
    value = running + np.where((case.y == 1) & _some(n, share, rng), after, 0)
    return add_columns(case, {"updates_posted": value})


BANDS = ["low", "below_average", "average", "above_average", "high"]


def subcategory_band(case: Case, rows_per_key: float, rng) -> Case:
    """'subcategory_success': each subcategory's funded share over the whole extract (the row's
    own campaign included) as a word, 'low' (under 20%) to 'high' (over 60%), the subcategory
    code kept; about this many campaigns per subcategory."""
    keys = max(2, int(case.rows / rows_per_key))
    sub = _codes(rng, keys, case.rows, 0.5)
    rate = pd.Series(case.y.astype(float)).groupby(sub).transform("mean").to_numpy()
    band = np.array(BANDS)[np.digitize(rate, [0.2, 0.33, 0.47, 0.6 + 1e-9])]
    frame = case.frame.copy()
    frame["subcategory"] = text([f"sub_{k:04d}" for k in sub])
    frame["subcategory_success"] = text(band)
    return replace(
        case,
        frame=frame,
        features=[*case.features, "subcategory_success"],
        leak=["subcategory_success"],
    )


def platform_fee(case: Case, share: float, rng) -> Case:
    """'platform_fee': the platform's 5% fee as the record holds it: the estimate on the goal
    set at launch for most; 0 for campaigns on the not-for-profit plan (the fee waived: about
    one in eight, honest zeros); and 0 for this share of the failed campaigns (the record
    refreshed at the close: nothing was charged)."""
    n = case.rows
    fee = np.round(0.05 * case.frame["goal"].to_numpy(), 2)
    waived = _some(n, 0.12, rng)
    refreshed = (case.y == 0) & _some(n, share, rng)
    return add_columns(case, {"platform_fee": np.where(waived | refreshed, 0.0, fee)})


PLANTED: dict[str, tuple] = {
    # kind: (function, strengths, base)
    "account_activity": (account_activity, (1.0, 0.75, 0.5), loans),
    "reader_late_share": (reader_late_share, (2.5, 5.0, 10.0), loans),
    "due_censored": (due_censored, (0.4, 0.25, 0.15), loans),
    "supporter_status": (supporter_status, (0.8, 0.45, 0.2), donors),
    "engagement_score": (engagement_score, (0.96, 0.87, 0.77), donors),
    "collections_since_review": (collections_since_review, (1.0, 0.55, 0.3), donors),
    "off_block_times": (off_block_times, (1.0, 0.75, 0.5), flights),
    "hub_turnaround": (hub_turnaround, (1.0, 0.75, 0.55), flights),
    "movement_numbers": (movement_numbers, (1.0, 0.6, 0.3), flights),
    "follow_up_note": (follow_up_note, (0.9, 0.6, 0.3), inspections),
    "system_copies": (system_copies, (0.4, 0.25, 0.12), inspections),
    "publication_blank": (publication_blank, (1.0, 0.6, 0.35), inspections),
    "creator_updates": (creator_updates, (1.0, 0.5, 0.25), campaigns),
    "subcategory_band": (subcategory_band, (3.0, 6.0, 12.0), campaigns),
    "platform_fee": (platform_fee, (1.0, 0.6, 0.3), campaigns),
}
PLANTED_WHAT = {
    "account_activity": "the day the reader's account was last touched: the debt recovery's "
    "block months on for this share of the late loans, a routine touch within 45 days for the "
    "others",
    "reader_late_share": "each reader's late share over the whole extract, the reader code "
    "among the inputs; about this many loans per reader",
    "due_censored": "the day due back, the extract taken before this share of the loans fell "
    "due: their late returns counted as returns in time",
    "supporter_status": "the instruction's cancellation as the supporter status for this share "
    "of the lapsed donors (routine statuses for every other donor)",
    "engagement_score": "the CRM's 0-100 engagement score recomputed after the outcome, as "
    "strong as this AUC",
    "collections_since_review": "collections from the review to the extract's date, stopped "
    "at the lapse for this share of the lapsed donors",
    "off_block_times": "the recorded off-block time beside the scheduled one, the actual "
    "push-back for this share of the late flights (the schedule's time for the others)",
    "hub_turnaround": "the measured turnaround in this share of the hub's rows (the billed "
    "turnaround, unrelated, at the outstations)",
    "movement_numbers": "the row's number in the movements file, this share of the late "
    "flights appended after the rest for the delay-code review",
    "follow_up_note": "enforcement words in the officer's follow-up entry for this share of "
    "the failed inspections",
    "system_copies": "this share of the inspections exported again by the new case system "
    "under new numbers, one field re-keyed, before the split",
    "publication_blank": "days to the rating's publication blank for this share of the failed "
    "inspections (blank honestly for two premises types and failed uploads)",
    "creator_updates": "updates on the campaign page, those posted after the close counted for "
    "this share of the funded campaigns",
    "subcategory_band": "each subcategory's funded share over the whole extract as a word, the "
    "subcategory code kept; about this many campaigns per subcategory",
    "platform_fee": "the platform fee refreshed to 0 for this share of the failed campaigns "
    "(0 honestly for the waived not-for-profit plan)",
}
# the checks meant to find each kind of leak (a miss is "could not run" when none could)
EXPECTED = {
    "account_activity": {"time_order"},
    "reader_late_share": {"target_encoding"},
    "due_censored": {"right_censoring"},
    "supporter_status": {"pure_subsets", "label_proxies", "outcome_copy"},
    "engagement_score": {"outcome_copy", "single_feature", "pure_subsets"},
    "collections_since_review": {"follow_up_duration", "pure_subsets"},
    "off_block_times": {"column_pairs", "changed_figures", "single_feature", "outcome_copy"},
    "hub_turnaround": {"segment_leaks"},
    "movement_numbers": {"identifiers"},
    "follow_up_note": {
        "pure_subsets",
        "label_proxies",
        "outcome_copy",
        "label_words",
        "post_outcome_text",
    },
    "system_copies": {"near_duplicates", "shared_rows"},
    "publication_blank": {"missingness_signal"},
    "creator_updates": {"outcome_copy", "single_feature", "pure_subsets", "changed_figures"},
    "subcategory_band": {"target_encoding"},
    "platform_fee": {"changed_figures", "outcome_copy", "pure_subsets", "single_feature"},
}
COPIES_BEFORE_SPLIT = {"system_copies"}
# row leaks, and leaks found by a check that names another column than the planted one
ROW_LEAK_CHECKS = {
    "system_copies": {"near_duplicates", "shared_rows"},
    # outcomes not yet observed are found by the check that measures them, which names the
    # time column, not the added date
    "due_censored": {"right_censoring"},
}
PLANTED_SIZES = (1_400, 2_900, 5_800)
