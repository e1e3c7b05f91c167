"""Rules applied to a meeting's figures, in exact arithmetic, with a verdict that explains itself.

Counts are integers; floor areas are exact decimals. The verdict quotes the rule's
legal basis, so a refusal or a finding can say why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from fourtwo.model.rules import COMPARATORS, Condition, Rule
from fourtwo.model.shares import Number, holds, needed


def show_number(value: Number, whole: bool) -> str:
    if whole or value.denominator == 1:
        return str(int(value)) if value.denominator == 1 else str(float(value))
    cents = -(-value * 100 // 1)  # shown rounded up to 0.01 m², decided exactly
    return f"{Decimal(int(cents)) / 100:.2f}"


@dataclass(frozen=True)
class ConditionCheck:
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
class RuleVerdict:
    rule: Rule
    checks: list[ConditionCheck]
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


def evaluate(rule: Rule, figures: Mapping[str, int | Decimal | None]) -> RuleVerdict:
    """Apply a rule to a record's figures (keys as in COUNTS).

    For `any_of`, one condition that holds is enough even if the figures of another
    were not recorded (a 村民会议 counted by adults needs no household count).
    """
    checks: list[ConditionCheck] = []
    missing: set[str] = set()
    for c in rule.conditions:
        lacking = [n for n in (c.count, c.of) if figures.get(n) is None]
        if lacking:
            missing.update(lacking)
            continue
        count, total = _exact(figures[c.count]), _exact(figures[c.of])  # type: ignore[arg-type]
        whole = not c.of.startswith("area")
        checks.append(ConditionCheck(c, count, total, needed(total, c.fraction, c.comparator, whole), holds(count, total, c.fraction, c.comparator), whole))
    if rule.needs_all:
        ok = not missing and all(ch.ok for ch in checks)
    else:
        ok = any(ch.ok for ch in checks)
    return RuleVerdict(rule, checks, ok, [] if ok else sorted(missing))


def _exact(value: int | Decimal) -> Number:
    return value if type(value) is int else Fraction(value)
