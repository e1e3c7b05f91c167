"""Quorum and majority rules as data, evaluated in exact arithmetic.

A condition compares a count with a fraction of a denominator, in the words of the
law (民法典 第一千二百五十九条): 以上 includes the number itself (`at_least`:
3*n >= 2*total), 过半数 / 超过 excludes it (`more_than`: 2*n > total). A rule holds
when all (or any) of its conditions hold, and carries its legal basis as text so a
finding can quote it. Counts are integers; floor areas are exact decimals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Mapping

import yaml

from fourtwo.model import Located
from fourtwo.spec import MISSING, Ctx, Enum, Field, Kind, ListOf, Record, Str

COMPARATORS = {"at_least": "at least", "more_than": "more than"}
STAGES = ("quorum", "passing")
# What a meeting record can count; `for` is the key people write for votes in favour.
COUNTS = ("members", "present", "for", "against", "abstain", "households", "households_present", "area", "area_present", "area_for")
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
    expected = "a fraction such as 2/3 or 80%"

    def convert(self, node: yaml.Node, ctx: Ctx, key: str) -> Any:
        text = self._scalar(node, ctx, key)
        value = parse_fraction(text) if text is not None else None
        if value is None and text is not None:
            ctx.add("FT102", node, key=key, expected=self.expected, found=f"'{text}'", hint="write p/q with 0 < p <= q, or a percentage")
        return MISSING if value is None else value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^\d+\s*/\s*\d+$|^\d+(\.\d+)?\s*%$"}


Number = int | Fraction  # people and households are ints; an area (m², to the fen) is a Fraction


def holds(count: Number, total: Number, fraction: Fraction, comparator: str) -> bool:
    """Cross-multiplied, so no rounded percentage ever decides; nothing of nothing never holds (0 >= 0)."""
    if total <= 0:
        return False
    p, q = fraction.numerator, fraction.denominator
    return q * count >= p * total if comparator == "at_least" else q * count > p * total


def needed(total: Number, fraction: Fraction, comparator: str, whole: bool) -> Number:
    """The least value that satisfies the condition: 2/3 of 34 people, at least: 23."""
    if whole:  # people and households come in whole numbers: in integers, as ceil and floor
        top, bottom = fraction.numerator * total.numerator, fraction.denominator * total.denominator
        return -(-top // bottom) if comparator == "at_least" else top // bottom + 1
    return fraction * total  # an area: 'more than' is strict at the bound itself


def show_number(value: Number, whole: bool) -> str:
    if whole or value.denominator == 1:
        return str(int(value)) if value.denominator == 1 else str(float(value))
    cents = -(-value * 100 // 1)  # shown rounded up to 0.01 m², decided exactly
    return f"{Decimal(int(cents)) / 100:.2f}"


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


@dataclass(frozen=True)
class Check:
    """One condition applied to one record's figures."""

    condition: Condition
    count: Number
    total: Number
    needed: Number
    ok: bool
    whole: bool

    def figures(self) -> str:
        c = self.condition
        return f"{_label(c.count)} {show_number(self.count, self.whole)} of {show_number(self.total, self.whole)} {_label(c.of)}"

    def requirement(self) -> str:
        c = self.condition
        return f"{COMPARATORS[c.comparator]} {c.fraction} ({show_number(self.needed, self.whole)})"


@dataclass(frozen=True)
class Verdict:
    rule: Rule
    checks: list[Check]
    ok: bool
    missing: list[str]  # counts the rule needs that the record lacks

    def explain(self) -> str:
        """'present 20 of 40 members; needs more than 1/2 (21) — basis'."""
        if self.missing and not self.checks:
            return f"{self.rule.name}: the record has no {', '.join(self.missing)}"
        joiner = " and " if self.rule.needs_all else " or "
        figures = "; ".join(c.figures() for c in self.checks)
        needs = joiner.join(c.requirement() + ("" if len(self.checks) == 1 else f" of {_label(c.condition.of)}") for c in self.checks)
        lacking = f" (not recorded: {', '.join(self.missing)})" if self.missing else ""
        return f"{figures}; needs {needs}{lacking} — {self.rule.basis}"


_LABELS = {"for": "for", "households_present": "households present", "area_present": "m² present", "area": "m²", "area_for": "m² for"}


def _label(count: str) -> str:
    return _LABELS.get(count, count)


def evaluate(rule: Rule, figures: Mapping[str, int | Decimal | None]) -> Verdict:
    """Apply a rule to a record's figures (keys as in COUNTS).

    For `any_of`, one condition that holds is enough even if the figures of another
    were not recorded (a 村民会议 counted by adults needs no household count).
    """
    checks: list[Check] = []
    missing: set[str] = set()
    for c in rule.conditions:
        lacking = [n for n in (c.count, c.of) if figures.get(n) is None]
        if lacking:
            missing.update(lacking)
            continue
        count, total = _exact(figures[c.count]), _exact(figures[c.of])  # type: ignore[arg-type]
        whole = not c.of.startswith("area")
        checks.append(Check(c, count, total, needed(total, c.fraction, c.comparator, whole), holds(count, total, c.fraction, c.comparator), whole))
    if rule.needs_all:
        ok = not missing and all(ch.ok for ch in checks)
    else:
        ok = any(ch.ok for ch in checks)
    return Verdict(rule, checks, ok, [] if ok else sorted(missing))


def _exact(value: int | Decimal) -> Number:
    return value if type(value) is int else Fraction(value)


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
        "stage": Field(Enum(values=STAGES), "quorum (may the meeting decide at all) or passing (did the motion carry)", required=True),
        "all_of": Field(ListOf(CONDITION), "Every condition must hold", default=[]),
        "any_of": Field(ListOf(CONDITION), "One condition is enough (e.g. 村民会议: adults or households)", default=[]),
        "basis": Field(Str(multiline=True), "The legal basis, quoted in findings", required=True),
    },
)

RULE_LIST = ListOf(RULE)


def validate_rule(rule: Rule, ctx: Ctx) -> bool:
    """A rule needs conditions, in one list, each with one comparator."""
    ok = True
    if bool(rule.all_of) == bool(rule.any_of):
        ctx.findings.append(_finding("FT415", rule, what=f"rule '{rule.id}'", problem="needs exactly one of all_of or any_of"))
        ok = False
    for c in rule.conditions:
        if (c.at_least is None) == (c.more_than is None):
            ctx.findings.append(_finding("FT415", c, what=f"rule '{rule.id}'", problem="each condition needs exactly one of at_least or more_than"))
            ok = False
    return ok


def _finding(code: str, where: Located, **args: Any) -> Any:
    from fourtwo.diagnostics import diag

    return diag(code, where.loc, **args)
