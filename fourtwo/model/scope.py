"""The canvass's scope as records keep it: households left out (why, and when), and the
scope a later step froze."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from fractions import Fraction
from urllib.parse import unquote

from fourtwo.files.record import Record
from fourtwo.files.spec import Bool, Date, Field, Int, ListOf, Str
from fourtwo.files.values import household_id
from fourtwo.model import Located
from fourtwo.model.rules import FractionKind


@dataclass(kw_only=True)
class Excluded(Located):
    """A household on the register left out of the canvass's scope, why, and when that was decided."""

    household: str
    reason: str
    date: dt.date | None = None  # None: by the register's status (exclude_status), undated
    although_heard: str = ""  # why a household heard before is left out all the same (its opinion leaves the counts)
    withdrawn: bool = False  # recorded by mistake and withdrawn (`fourtwo correct exclusion`): kept, never counted

    def __post_init__(self) -> None:
        self.household = household_id(self.household)  # as the register's ids read (3号楼-2单元-501 is 3-2-501)


@dataclass(kw_only=True)
class FrozenScope(Located):
    """The canvass's scope as it stood when a step first relied on its rate: the households
    counted against, those left out and why, and the register it came from. Later steps and
    notices are judged against it, whatever the register says since."""

    register: str
    register_digest: str
    households: int
    in_scope: str  # the ids, separated by spaces (a space or % inside an id as %20, %25)
    excluded: list[Excluded] = field(default_factory=list)
    threshold: Fraction | None = None  # the share the canvass had to reach then; None (an older scope): the procedure's now

    @functools.cached_property
    def ids(self) -> list[str]:
        """Read once: the canvass's coverage and the check of the register both ask."""
        ids = self.in_scope.split()
        ids = [unquote_id(i) for i in ids] if "%" in self.in_scope else ids
        return ids if self.in_scope.isascii() else [household_id(i) for i in ids]  # as the register's ids read


def quote_id(household: str) -> str:
    """An id as `in_scope` keeps it: whitespace and % written as %XX, so ids split on spaces."""
    return "".join(f"%{ord(c):02X}" if c == "%" or c.isspace() else c for c in household)


def unquote_id(text: str) -> str:
    return unquote(text) if "%" in text else text


def _excluded(date_required: bool) -> Record:
    return Record(
        cls=Excluded,
        title="household left out",
        fields={
            "household": Field(Str(), "The household's id on the register", required=True, example="3-2-501"),
            "reason": Field(Str(), "Why it is left out, as a notice states it: 空置, 常年外出", required=True, example="常年外出"),
            "date": Field(Date(), "When that was decided (YYYY-MM-DD)", required=date_required, default=None, example="2024-04-15"),
            "although_heard": Field(
                Str(), "Why a household already heard (a visit with an opinion) is left out all the same: its opinion leaves the counts", default=""
            ),
            "withdrawn": Field(
                Bool(), "The exclusion was recorded by mistake and withdrawn (fourtwo correct exclusion): kept as history, never counted", default=False
            ),
        },
    )


FROZEN_SCOPE = Record(
    cls=FrozenScope,
    title="canvass scope, frozen",
    fields={
        "register": Field(Str(), "The register the households came from", required=True),
        "register_digest": Field(Str(), "sha256 of that register's bytes then", default=""),
        "households": Field(Int(minimum=0, maximum=10_000_000), "应征求: how many households were in scope", required=True),
        "in_scope": Field(Str(multiline=True), "Their ids, separated by spaces", default=""),
        "excluded": Field(ListOf(_excluded(False)), "Households on the register left out, and why", default=[]),
        "threshold": Field(FractionKind(), "The share of households the canvass had to reach then (its procedure's, that day)", default=None),
    },
)


EXCLUDED = _excluded(True)  # an exclusion a project records needs the day it was decided
