"""Legal bases outside the meetings' rules, as data (fourtwo/bases.yaml): the analogy that
extends a notice period ending on a statutory holiday, and the holidays fixed by the solar
calendar that a year declared in fourtwo.yaml must have."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from fourtwo.files.record import Record, read_file
from fourtwo.files.spec import Date, Field, ListOf, Str
from fourtwo.model import Located


@dataclass(kw_only=True)
class Quoted(Located):
    cite: str
    text: str


@dataclass(kw_only=True)
class FixedHolidays(Located):
    """The days (MM-DD) a year has off by law, in the years from `start` to `end`."""

    start: dt.date | None
    end: dt.date | None
    days: list[str]
    basis: str

    def covers(self, year: int) -> bool:
        return (self.start is None or self.start.year <= year) and (self.end is None or year <= self.end.year)


@dataclass(kw_only=True)
class Bases(Located):
    holiday_end: Quoted
    fixed_holidays: list[FixedHolidays]

    def fixed(self, year: int) -> FixedHolidays | None:
        return next((f for f in self.fixed_holidays if f.covers(year)), None)


BASES = Record(
    cls=Bases,
    title="legal bases",
    fields={
        "holiday_end": Field(
            Record(cls=Quoted, title="quoted", fields={"cite": Field(Str(), "cited as", required=True), "text": Field(Str(), "the text", required=True)}),
            "A calendar-day period ending on a statutory holiday",
            required=True,
        ),
        "fixed_holidays": Field(
            ListOf(
                Record(
                    cls=FixedHolidays,
                    title="fixed holidays",
                    fields={
                        "from": Field(Date(), "first day in force", attr="start", default=None),
                        "until": Field(Date(), "last day in force", attr="end", default=None),
                        "days": Field(ListOf(Str(pattern=r"\d\d-\d\d", pattern_hint="MM-DD")), "the days off, MM-DD", required=True),
                        "basis": Field(Str(), "the text they come from", required=True),
                    },
                )
            ),
            "The statutory holidays fixed by the solar calendar",
            required=True,
        ),
    },
)


@functools.lru_cache(maxsize=1)
def bases() -> Bases:
    """The bases shipped in the package; a finding here is a bug, so it raises."""
    found, findings = read_file(Path(__file__).parent.parent / "bases.yaml", "legal bases", BASES)  # as procedure.builtin reads its files
    if findings or found is None:
        raise RuntimeError(f"fourtwo/bases.yaml is broken: {[f.message for f in findings]}")
    assert isinstance(found, Bases)
    return found
