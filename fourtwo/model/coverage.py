"""A canvass's coverage as a value: households in scope, those heard, and the breakdowns.

Computed by fourtwo.canvass.coverage; the threshold is decided in integers.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import compress
from operator import and_, attrgetter, ne, not_
from typing import Any, NamedTuple

from fourtwo.model.household import Household
from fourtwo.model.shares import holds, honest_percent, needed
from fourtwo.model.visit import CONTACTS, Visit, Visits

# Column getters: counting over whole columns with map/zip keeps the loops in C.
_BUILDING, _UNIT, _ID = attrgetter("building"), attrgetter("unit"), attrgetter("id")
_CONTACT = frozenset(CONTACTS).__contains__


class Exclusion(NamedTuple):
    """A household on the register left out of the scope: why, and when (None: by its status in the register)."""

    household: Household
    reason: str
    date: dt.date | None


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
    attempted_only: int  # households tried with nobody in (through a counted channel) and never met through one
    threshold: Fraction
    outside: Sequence[Visit]  # rows for households not on the register at all (columns: there may be many)
    excluded: int  # households on the register left out of scope, by status or recorded exclusion
    last_contact: dt.date | None = None
    first_contact: dt.date | None = None
    last_contact_row: tuple[str, int] | None = None  # the household and canvass.csv line of the latest contact
    scope: list[Household] = field(default_factory=list, repr=False)
    visits: Visits = field(default_factory=Visits, repr=False)
    contacts: dict[str, int] = field(default_factory=dict, repr=False)  # each household heard (in `visits`): the row of its counting contact
    found: list[bool] = field(default_factory=list, repr=False)  # of each household in scope, in order: heard
    channels: tuple[str, ...] = ()  # the channels whose contacts count, as the procedure says
    households_by_channel: dict[str, int] = field(default_factory=dict)  # households heard through each channel, counted or not
    unscoped: Sequence[Visit] = ()  # rows for households on the register now but not in the scope a step froze: never counted
    attempted_heard_otherwise: int = 0  # of the attempted only, heard later through a channel that does not count (a phone call)
    heard_elsewhere: int = 0  # households heard only through channels that do not count  # in `visits`, each met household's counting contact
    exclusions: list[Exclusion] = field(default_factory=list, repr=False)  # those left out, why and when
    carried: int = 0  # households left out by an undated status that alone carry the rate over the threshold
    frozen_by: tuple[str, dt.date | None] | None = None  # the step (and its date) whose record holds the scope counted against
    every_channel: Visits = field(default_factory=Visits, repr=False)  # the visits of every channel, counted or not (for what notices disclose)

    # What notices and reports read of the households; check needs only the counts, so these
    # are made when first asked (a tenth of check's time on 1,000 small projects otherwise).
    @functools.cached_property
    def met(self) -> list[Household]:
        """In scope and heard, in step with `heard_rows`."""
        return list(compress(self.scope, self.found))

    @functools.cached_property
    def missing(self) -> list[Household]:
        return list(compress(self.scope, map(not_, self.found)))

    @functools.cached_property
    def heard_rows(self) -> list[int]:
        """The row in `visits` of each met household's counting contact."""
        return list(map(self.contacts.__getitem__, map(_ID, self.met)))

    @functools.cached_property
    def opinions(self) -> Counter[str]:
        return Counter(map(self.visits.opinion.__getitem__, self.heard_rows))

    @functools.cached_property
    def latest(self) -> tuple[Counter[tuple[str, str]], list[str]]:
        """Each household in scope heard through any channel, by the channel and opinion of its
        latest contact (by date, then by row, as the counting contact is taken), and those heard
        at a visit that counts who said otherwise later. Asked by notices (check builds the facts of
        each archived one) and the coverage report, once per project."""
        table = self.every_channel
        ids = frozenset(map(_ID, self.scope))
        heard = map(and_, map(ids.__contains__, table.household), map(_CONTACT, table.opinion))
        rows = list(compress(range(len(table)), heard))  # over whole columns, as coverage counts: a notice of 20,000 visits
        if len(table.days) > 1:
            rows.sort(key=table.date.__getitem__)  # stable: a day's rows in file order, the last written wins
        latest = dict(zip(map(table.household.__getitem__, rows), rows, strict=True))
        counted = dict(zip(map(_ID, self.met), map(self.visits.opinion.__getitem__, self.heard_rows), strict=True))
        said_last = map(table.opinion.__getitem__, map(latest.__getitem__, counted))
        changed = list(compress(counted, map(ne, said_last, counted.values())))  # in C, as above
        last = list(latest.values())
        return Counter(zip(map(table.channel.__getitem__, last), map(table.opinion.__getitem__, last), strict=True)), changed

    @functools.cached_property
    def heard(self) -> Visits:
        """Each met household's counting contact (the report's breakdowns read them)."""
        return self.visits.take(self.heard_rows)

    # The breakdowns are for the coverage report; check, status and review need only the totals.
    @functools.cached_property
    def by_building(self) -> dict[str, Tally]:
        buildings, met = list(map(_BUILDING, self.scope)), list(map(_BUILDING, self.met))
        return _tallies(Counter(buildings), Counter(met), Counter(zip(met, self.heard.opinion, strict=True)), _plain)

    @functools.cached_property
    def by_unit(self) -> dict[str, Tally]:
        units = list(zip(map(_BUILDING, self.scope), map(_UNIT, self.scope), strict=True))
        met = list(zip(map(_BUILDING, self.met), map(_UNIT, self.met), strict=True))
        return _tallies(Counter(units), Counter(met), Counter(zip(met, self.heard.opinion, strict=True)), _unit_name)

    @functools.cached_property
    def by_worker(self) -> dict[str, Tally]:
        workers = self.heard.by  # a column: no row is built
        return _tallies(None, Counter(workers), Counter(zip(workers, self.heard.opinion, strict=True)), _plain)

    @functools.cached_property
    def by_channel(self) -> dict[str, Tally]:
        channels = self.heard.channel
        return _tallies(None, Counter(channels), Counter(zip(channels, self.heard.opinion, strict=True)), _plain)

    @property
    def fraction(self) -> Fraction:
        return Fraction(self.visited, self.total) if self.total else Fraction(0)

    @property
    def reached(self) -> bool:
        """The threshold is met, and not only because households were left out by an undated status."""
        return self.total > 0 and holds(self.visited, self.total, self.threshold, "at_least") and not self.carried

    def percent(self, part: int | None = None, whole: int | None = None) -> str:
        """A share as residents read it, never rounded up to the threshold (all visited by default)."""
        return honest_percent(self.visited if part is None else part, self.total if whole is None else whole, self.threshold)

    @property
    def needed(self) -> int:
        return int(needed(self.total, self.threshold, "at_least", whole=True))


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
