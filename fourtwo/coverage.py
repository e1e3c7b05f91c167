"""Canvass coverage: households contacted against the households in scope, decided exactly.

A household counts as visited when it has a contact (an opinion heard); its opinion is
that of its latest contact. Rows saying nobody was home are attempts: they never
count, and never undo an earlier contact. The threshold is inclusive (入户率达到80%以上):
visited * q >= p * total, in integers. An empty scope never passes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction

from fourtwo.model.household import Household, Register
from fourtwo.model.project import RegisterRef
from fourtwo.model.visit import CONTACTS, Visit
from fourtwo.rules import holds, needed

DEFAULT_THRESHOLD = Fraction(4, 5)


@dataclass
class Tally:
    """Figures of one group (a building, a unit, a worker, a channel)."""

    total: int = 0
    visited: int = 0
    opinions: Counter[str] = field(default_factory=Counter)


@dataclass
class Coverage:
    total: int
    visited: int
    attempted_only: int  # households with attempts and no contact
    threshold: Fraction
    opinions: Counter[str]
    by_building: dict[str, Tally]
    by_unit: dict[str, Tally]
    by_worker: dict[str, Tally]
    by_channel: dict[str, Tally]
    missing: list[Household]
    outside: list[Visit]  # rows for households not in scope
    excluded: int  # households on the register left out of scope by status
    last_contact: dt.date | None = None
    first_contact: dt.date | None = None

    @property
    def fraction(self) -> Fraction:
        return Fraction(self.visited, self.total) if self.total else Fraction(0)

    @property
    def reached(self) -> bool:
        return self.total > 0 and holds(Fraction(self.visited), Fraction(self.total), self.threshold, "at_least")

    @property
    def needed(self) -> int:
        return int(needed(Fraction(self.total), self.threshold, "at_least", whole=True))


def in_scope(register: Register, ref: RegisterRef | None) -> tuple[list[Household], int]:
    """The households a project concerns: its buildings, less any excluded status."""
    buildings = set(ref.buildings) if ref and ref.buildings else None
    exclude = set(ref.exclude_status) if ref else set()
    scope, excluded = [], 0
    for h in register.households:
        if buildings is not None and h.building not in buildings:
            continue
        if h.status and h.status in exclude:
            excluded += 1
            continue
        scope.append(h)
    return scope, excluded


def counting_visits(visits: list[Visit]) -> tuple[dict[str, Visit], set[str]]:
    """Each household's counting contact (the latest by date, then by row) and those only attempted."""
    latest: dict[str, Visit] = {}
    attempted: set[str] = set()
    for v in visits:
        if v.opinion not in CONTACTS:
            attempted.add(v.household)
            continue
        held = latest.get(v.household)
        if held is None or (v.date, v.row) >= (held.date, held.row):
            latest[v.household] = v
    return latest, attempted - latest.keys()


def compute(register: Register, ref: RegisterRef | None, visits: list[Visit], threshold: Fraction | None) -> Coverage:
    scope, excluded = in_scope(register, ref)
    ids = {h.id for h in scope}
    contacts, attempted = counting_visits(visits)
    cov = Coverage(
        total=len(scope), visited=0, attempted_only=len(attempted & ids), threshold=threshold or DEFAULT_THRESHOLD,
        opinions=Counter(), by_building={}, by_unit={}, by_worker={}, by_channel={}, missing=[],
        outside=[v for v in visits if v.household not in ids], excluded=excluded,
    )
    for h in scope:
        building = cov.by_building.setdefault(h.building or "—", Tally())
        unit = cov.by_unit.setdefault(f"{h.building}-{h.unit}" if h.unit else (h.building or "—"), Tally())
        building.total += 1
        unit.total += 1
        visit = contacts.get(h.id)
        if visit is None:
            cov.missing.append(h)
            continue
        cov.visited += 1
        cov.opinions[visit.opinion] += 1
        cov.last_contact = max(filter(None, (cov.last_contact, visit.date)))
        cov.first_contact = min(filter(None, (cov.first_contact, visit.date)))
        for tally in (building, unit, cov.by_worker.setdefault(visit.by or "—", Tally()), cov.by_channel.setdefault(visit.channel, Tally())):
            tally.visited += 1
            tally.opinions[visit.opinion] += 1
    return cov


def percent(part: int, whole: int) -> str:
    """A percentage to one decimal, for reading only: rounded down, so a coverage short of
    80% can never read as 80.0% (3999/5000 reads 79.9%); 173/216 reads 80.0%."""
    if whole == 0:
        return "—"
    tenths = part * 1000 // whole
    return f"{tenths // 10}.{tenths % 10}%"


def share(fraction: Fraction) -> str:
    """A threshold as people write it: 4/5 -> 80%, 2/3 -> 66.6%."""
    if (fraction * 100).denominator == 1:
        return f"{int(fraction * 100)}%"
    return percent(fraction.numerator, fraction.denominator)
