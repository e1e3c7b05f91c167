"""Canvass coverage: households contacted against the households in scope, decided exactly.

A household counts as visited when it has a contact (an opinion heard); its opinion is
that of its latest contact. Rows saying nobody was home are attempts: they never
count, and never undo an earlier contact. The threshold is inclusive (入户率达到80%以上):
visited * q >= p * total, in integers. An empty scope never passes.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import compress
from operator import and_, attrgetter, not_
from typing import Any, Callable, Sequence

from fourtwo.model.household import Household, Register
from fourtwo.model.project import RegisterRef
from fourtwo.model.visit import CONTACTS, Visit, Visits
from fourtwo.rules import holds, needed

DEFAULT_THRESHOLD = Fraction(4, 5)


@dataclass
class Tally:
    """Figures of one group (a building, a unit, a worker, a channel)."""

    total: int = 0
    visited: int = 0
    opinions: Counter[str] = field(default_factory=Counter)  # noqa: RUF009


@dataclass
class Coverage:
    total: int
    visited: int
    attempted_only: int  # households with attempts and no contact
    threshold: Fraction
    opinions: Counter[str]
    missing: list[Household]
    outside: list[Visit]  # rows for households not on the register at all
    excluded: int  # households on the register left out of scope by status
    last_contact: dt.date | None = None
    first_contact: dt.date | None = None
    scope: list[Household] = field(default_factory=list, repr=False)
    met: list[Household] = field(default_factory=list, repr=False)  # in scope and heard, in step with `heard`
    visits: Visits = field(default_factory=Visits, repr=False)
    heard_rows: list[int] = field(default_factory=list, repr=False)  # in `visits`, each met household's counting contact

    @functools.cached_property
    def heard(self) -> Visits:
        """Each met household's counting contact (the report's breakdowns read them)."""
        return self.visits.take(self.heard_rows)

    # The breakdowns are for the coverage report; check, status and review need only the totals.
    @functools.cached_property
    def by_building(self) -> dict[str, Tally]:
        buildings, met = list(map(_BUILDING, self.scope)), list(map(_BUILDING, self.met))
        return _tallies(Counter(buildings), Counter(met), Counter(zip(met, self.heard.opinion)), _plain)

    @functools.cached_property
    def by_unit(self) -> dict[str, Tally]:
        units = list(zip(map(_BUILDING, self.scope), map(_UNIT, self.scope)))
        met = list(zip(map(_BUILDING, self.met), map(_UNIT, self.met)))
        return _tallies(Counter(units), Counter(met), Counter(zip(met, self.heard.opinion)), _unit_name)

    @functools.cached_property
    def by_worker(self) -> dict[str, Tally]:
        workers = self.heard.by  # a column: no row is built
        return _tallies(None, Counter(workers), Counter(zip(workers, self.heard.opinion)), _plain)

    @functools.cached_property
    def by_channel(self) -> dict[str, Tally]:
        channels = self.heard.channel
        return _tallies(None, Counter(channels), Counter(zip(channels, self.heard.opinion)), _plain)

    @property
    def fraction(self) -> Fraction:
        return Fraction(self.visited, self.total) if self.total else Fraction(0)

    @property
    def reached(self) -> bool:
        return self.total > 0 and holds(self.visited, self.total, self.threshold, "at_least")

    def percent(self, part: int | None = None, whole: int | None = None) -> str:
        """A share as residents read it, never rounded up to the threshold (all visited by default)."""
        return honest_percent(self.visited if part is None else part, self.total if whole is None else whole, self.threshold)

    @property
    def needed(self) -> int:
        return int(needed(self.total, self.threshold, "at_least", whole=True))


def scope_test(ref: RegisterRef | None) -> Callable[[str, str], str]:
    """For a household's building and status: '' when in scope, else 'building' or 'status'."""
    buildings = set(ref.buildings) if ref and ref.buildings else None
    exclude = set(ref.exclude_status) if ref else set()

    def test(building: str, status: str) -> str:
        if buildings is not None and building not in buildings:
            return "building"
        return "status" if status and status in exclude else ""

    return test


def in_scope(register: Register, ref: RegisterRef | None) -> tuple[list[Household], int]:
    """The households a project concerns: its buildings, less any excluded status."""
    if not ref or not (ref.buildings or ref.exclude_status):
        return list(register.households), 0
    test = scope_test(ref)
    scope, excluded = [], 0
    for h in register.households:
        why = test(h.building, h.status)
        if not why:
            scope.append(h)
        elif why == "status":
            excluded += 1
    return scope, excluded


# Column getters: counting over whole columns with map/zip keeps the loops in C.
_ID, _BUILDING, _UNIT = attrgetter("id"), attrgetter("building"), attrgetter("unit")
_CONTACT = frozenset(CONTACTS).__contains__


def counting_visits(visits: Visits, ids: frozenset[str]) -> tuple[list[int], dict[str, int], set[str]]:
    """For the households in `ids`: the rows of every contact in date order, the row of each
    household's counting contact (the latest by date, then by row), and those only attempted."""
    households, dates = visits.household, visits.date
    contact = list(map(_CONTACT, visits.opinion))
    known = contact if ids.issuperset(households) else map(and_, map(ids.__contains__, households), contact)
    contacts = list(compress(range(len(visits)), known))
    if len(visits.days) > 1:  # one day (often) is in order already
        contacts.sort(key=dates.__getitem__)  # stable: rows of one day stay in file order, the last written wins
    latest = dict(zip(map(households.__getitem__, contacts), contacts))
    attempted = set(compress(households, map(not_, contact))) & ids
    return contacts, latest, attempted - latest.keys()


def _tallies(totals: Counter[Any] | None, visited: Counter[Any], opinions: Counter[tuple[Any, str]], name: Callable[[Any], str]) -> dict[str, Tally]:
    groups = {name(k): Tally(total=n) for k, n in (totals or visited).items()}
    for key, n in visited.items():
        groups.setdefault(name(key), Tally()).visited = n
    for (key, opinion), n in opinions.items():
        groups[name(key)].opinions[opinion] = n
    return groups


def _unit_name(key: tuple[str, str]) -> str:
    building, unit = key
    return f"{building}-{unit}" if unit else (building or "—")


def _plain(key: str) -> str:
    return key or "—"


def compute(register: Register, ref: RegisterRef | None, visits: Sequence[Visit], threshold: Fraction | None) -> Coverage:
    """Counted with Counters over whole columns: 20,000 households take a few milliseconds."""
    table = Visits.of(visits)
    scope, excluded = in_scope(register, ref)
    on_register = register.ids
    ids = on_register if len(scope) == len(register.households) else frozenset(map(_ID, scope))
    every, contacts, attempted = counting_visits(table, ids)
    met = [h for h in scope if h.id in contacts]
    heard = [contacts[h.id] for h in met]
    outside = [] if on_register.issuperset(table.household) else list(table.take(i for i, h in enumerate(table.household) if h not in on_register))
    return Coverage(
        total=len(scope),
        visited=len(met),
        attempted_only=len(attempted),
        threshold=threshold or DEFAULT_THRESHOLD,
        opinions=Counter(map(table.opinion.__getitem__, heard)),
        missing=[h for h in scope if h.id not in contacts],
        outside=outside,
        excluded=excluded,
        last_contact=table.date[every[-1]] if every else None,  # over every contact, not just the counting ones
        first_contact=table.date[every[0]] if every else None,
        scope=scope,
        met=met,
        visits=table,
        heard_rows=heard,
    )


def percent(part: int, whole: int, digits: int = 1) -> str:
    """A percentage rounded half up (四舍五入), for reading only: it never decides."""
    if whole == 0:
        return "—"
    scale = 10**digits
    units = (Fraction(part * 100 * scale, whole) + Fraction(1, 2)).__floor__()
    whole_part, fraction_part = divmod(units, scale)
    return f"{whole_part}.{fraction_part:0{digits}d}%" if digits else f"{whole_part}%"


# Shares whose side a reader must never misjudge: none, half, two thirds, all ...
BOUNDARIES = (Fraction(0), Fraction(1, 2), Fraction(2, 3), Fraction(3, 4), Fraction(4, 5), Fraction(1))


def honest_percent(part: int, whole: int, threshold: Fraction | None = None) -> str:
    """Like percent, with more digits where rounding would carry a share across a boundary
    that matters: 3999 of 5000 reads 79.98% (not 80.0%), 1999 of 2000 reads 99.95%
    (not 100.0%), 1001 of 2001 reads 50.02% (not 50.0%)."""
    if whole == 0:
        return "—"
    exact = Fraction(part, whole)
    marks = BOUNDARIES + ((threshold,) if threshold is not None else ())
    for digits in range(1, 12):  # enough digits for any count people keep
        text = percent(part, whole, digits)
        shown = Fraction(text.rstrip("%")) / 100
        if all((shown > b) == (exact > b) and (shown < b) == (exact < b) for b in marks if b != exact):
            return text
    return text


def share(fraction: Fraction) -> str:
    """A threshold as people write it: 4/5 -> 80%, 2/3 -> 66.7%."""
    if (fraction * 100).denominator == 1:
        return f"{int(fraction * 100)}%"
    return percent(fraction.numerator, fraction.denominator)
