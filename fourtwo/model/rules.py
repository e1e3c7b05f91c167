"""Quorum and majority rules as data: what a rule says, with its legal basis.

A condition compares a count with a fraction of a denominator, in the words of the
law (民法典 第一千二百五十九条): 以上 includes the number itself (`at_least`:
3*n >= 2*total), 过半数 / 超过 excludes it (`more_than`: 2*n > total). A rule holds
when all (or any) of its conditions hold. Applying a rule to a meeting's figures is
deliberation's work (fourtwo.deliberation.rules).

Laws change: a body's rules come in periods (`from` … `until`, both days included), each
with its own conditions and the citation a notice prints; a meeting is judged by the
period in force on its date, so a 2024 meeting keeps its 2024 basis after the law moves.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import yaml

from fourtwo.files.record import Record
from fourtwo.files.spec import MISSING, Ctx, Date, Enum, Field, Kind, ListOf, Str
from fourtwo.findings import Diagnostic, diag
from fourtwo.i18n import N_, T, Text
from fourtwo.model import Located

COMPARATORS = {"at_least": N_("at least"), "more_than": N_("more than")}
# composition: is the body made up as its law says (村民代表 at least 4/5 of a 村民代表会议);
# judged when the record gives the counts it names, as a consistency of the record.
STAGES = ("composition", "quorum", "passing")
# What a meeting record can count; `for` is the key people write for votes in favour.
COUNTS = (
    "members", "present", "for", "against", "abstain", "households", "households_present", "area", "area_present", "area_for",
    "representatives", "representatives_for",
)  # fmt: skip
_FRACTION_RE = re.compile(r"^(\d+)\s*/\s*(\d+)$|^(\d+(?:\.\d+)?)\s*%$")


def parse_fraction(text: str) -> Fraction | None:
    """'2/3' or '80%' as an exact fraction in (0, 1]; None when it is neither."""
    match = _FRACTION_RE.match(text.strip())
    if not match:
        return None
    if match[1]:
        if int(match[2]) == 0:
            return None
        value = Fraction(int(match[1]), int(match[2]))
    else:
        value = Fraction(match[3]) / 100
    return value if 0 < value <= 1 else None


@dataclass(frozen=True)
class FractionKind(Kind):
    expected = N_("a fraction such as 2/3 or 80%")

    def convert(self, node: yaml.Node, ctx: Ctx, key: str) -> Any:
        text = self._scalar(node, ctx, key)
        value = parse_fraction(text) if text is not None else None
        if value is None and text is not None:
            ctx.add("FT102", node, key=key, expected=T(self.expected), found=f"'{text}'", hint=T("write p/q with 0 < p <= q, or a percentage"))
        return MISSING if value is None else value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^\d+\s*/\s*\d+$|^\d+(\.\d+)?\s*%$"}


@dataclass(kw_only=True)
class Condition(Located):
    count: str
    of: str
    at_least: Fraction | None
    more_than: Fraction | None

    @property
    def comparator(self) -> str:
        return "at_least" if self.at_least is not None else "more_than"

    @property
    def fraction(self) -> Fraction:
        value = self.at_least if self.at_least is not None else self.more_than
        return value if value is not None else Fraction(1, 2)


@dataclass(kw_only=True)
class Rule(Located):
    id: str
    name: str
    stage: str
    all_of: list[Condition]
    any_of: list[Condition]
    basis: str

    @property
    def conditions(self) -> list[Condition]:
        return self.all_of or self.any_of

    @property
    def needs_all(self) -> bool:
        return bool(self.all_of)


_COUNT_ENUM = Enum(values=COUNTS)

CONDITION = Record(
    cls=Condition,
    title="condition",
    fields={
        "count": Field(_COUNT_ENUM, "What is counted, e.g. present", required=True),
        "of": Field(_COUNT_ENUM, "Against what, e.g. members", required=True),
        "at_least": Field(FractionKind(), "以上: count >= fraction of `of` (the bound itself passes)", default=None),
        "more_than": Field(FractionKind(), "过半数 / 超过: count > fraction of `of` (the bound itself fails)", default=None),
    },
)

RULE = Record(
    cls=Rule,
    title="rule",
    fields={
        "id": Field(Str(), "Short id, e.g. quorum", required=True),
        "name": Field(Str(), "As printed, e.g. 到会人数", required=True),
        "stage": Field(
            Enum(values=STAGES),
            "composition (is the body made up as its law says; judged when the record gives its counts), quorum (may the meeting decide at all) "
            "or passing (did the motion carry)",
            required=True,
        ),
        "all_of": Field(ListOf(CONDITION), "Every condition must hold", default=[]),
        "any_of": Field(ListOf(CONDITION), "One condition is enough (e.g. 村民会议: adults or households)", default=[]),
        "basis": Field(Str(multiline=True), "The legal basis, quoted in findings", required=True),
    },
)

RULE_LIST = ListOf(RULE)


@dataclass(kw_only=True)
class RulePeriod(Located):
    """The rules of a body in force from `start` to `end` (both included; None: open)."""

    start: dt.date | None
    end: dt.date | None
    rules: Any  # a rule set's name or a list of rules as written; list[Rule] once resolved
    cite: str  # what a notice cites, e.g. 村民委员会组织法（2018年修正）第二十六条
    pending: str = ""  # why the basis is not quoted from the law's text yet ('' when it is)
    whole: str = ""  # the body's own word for all its households on a notice: 全村, 本组 ('' : 全体)

    def covers(self, day: dt.date | None) -> bool:
        return day is None or ((self.start is None or self.start <= day) and (self.end is None or day <= self.end))


@dataclass(kw_only=True)
class DatedRules(Located):
    """Rules written as periods, in a procedure (a rule set writes `periods:` itself)."""

    periods: list[RulePeriod] = field(default_factory=list)


def period_record(rules_kind: Kind) -> Record:
    return Record(
        cls=RulePeriod,
        title="rule period",
        fields={
            "from": Field(Date(), "First day these rules are in force; open when absent", attr="start", default=None),
            "until": Field(Date(), "Last day they are in force; open when absent", attr="end", default=None),
            "rules": Field(rules_kind, "The rules of the period: a rule set's name or rules written out", required=True),
            "cite": Field(Str(), "The law and article a notice cites for a meeting judged by them", default=""),
            "pending": Field(
                Str(multiline=True),
                "Set when the basis could not yet be quoted from the law's text: what is awaited (fourtwo check notes each meeting judged so)",
                default="",
            ),
            "whole": Field(Str(), "The body's own word for all its households, as a notice prints it: 全村, 本组; 全体 when absent", default=""),
        },
    )


PERIODS = ListOf(period_record(RULE_LIST))


def cite_of(rules: list[Rule]) -> str:
    """A citation from the rules' own bases: what comes before the quotation (村民委员会组织法(2018) 第二十六条)."""
    cited = dict.fromkeys(r.basis.split("：", 1)[0].strip() for r in rules if r.basis.strip())
    return "；".join(cited)


def period_problems(periods: list[RulePeriod]) -> list[Text]:
    """Periods must each run forward and follow one another without overlapping."""
    problems = []
    for period in periods:
        if period.start and period.end and period.end < period.start:
            problems.append(T("a period ends ({end}) before it starts ({start})", end=period.end, start=period.start))
    for earlier, later in itertools.pairwise(periods):
        if later.start is None or earlier.end is None or later.start <= earlier.end:
            problems.append(T("periods overlap: each must start after the one before it ends (until: … then from: …)"))
    return problems


def validate_rule(rule: Rule, ctx: Ctx) -> bool:
    """A rule needs conditions, in one list, each with one comparator."""
    ok = True
    if bool(rule.all_of) == bool(rule.any_of):
        ctx.findings.append(_finding("FT415", rule, what=T("rule '{id}'", id=rule.id), problem=T("needs exactly one of all_of or any_of")))
        ok = False
    for c in rule.conditions:
        if (c.at_least is None) == (c.more_than is None):
            ctx.findings.append(_finding("FT415", c, what=T("rule '{id}'", id=rule.id), problem=T("each condition needs exactly one of at_least or more_than")))
            ok = False
    return ok


def _finding(code: str, where: Located, **args: Any) -> Diagnostic:
    return diag(code, where.loc, **args)
