"""Rules applied to a meeting's figures, in exact arithmetic, with a verdict that explains itself.

Counts are integers; floor areas are exact decimals. The verdict quotes the rule's
legal basis, so a refusal or a finding can say why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from fourtwo.i18n import N_, _
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
        return _("{count_label} {count} of {total} {of_label}").format(
            count_label=_label(c.count), count=show_number(self.count, self.whole), total=show_number(self.total, self.whole), of_label=_label(c.of)
        )

    def requirement(self) -> str:
        c = self.condition
        return _("{comparator} {fraction} ({needed})").format(
            comparator=_(COMPARATORS[c.comparator]), fraction=c.fraction, needed=show_number(self.needed, self.whole)
        )


@dataclass(frozen=True)
class RuleVerdict:
    rule: Rule
    checks: list[ConditionCheck]
    ok: bool
    missing: list[str]  # counts the rule needs that the record lacks

    def explain(self) -> str:
        """'present 20 of 40 members; needs more than 1/2 (21) — basis'."""
        if self.missing and not self.checks:
            counts = _(", ").join(_label(m) for m in self.missing)
            if self.ok:  # a rule of the body's composition, unjudged where the record lacks its counts
                return _("not judged: the record has no {counts} — {basis}").format(counts=counts, basis=self.rule.basis)
            return _("{rule}: the record has no {counts}").format(rule=self.rule.name, counts=counts)
        joiner = _(" and ") if self.rule.needs_all else _(" or ")
        figures = _("; ").join(c.figures() for c in self.checks)
        needs = joiner.join(
            c.requirement() if len(self.checks) == 1 else _("{requirement} of {of_label}").format(requirement=c.requirement(), of_label=_label(c.condition.of))
            for c in self.checks
        )
        lacking = _(" (not recorded: {counts})").format(counts=_(", ").join(_label(m) for m in self.missing)) if self.missing else ""
        return _("{figures}; needs {needs}{lacking} — {basis}").format(figures=figures, needs=needs, lacking=lacking, basis=self.rule.basis)


# The counts as a sentence names them (the keys people write are in COUNTS).
_LABELS = {
    "members": N_("members"),
    "present": N_("present"),
    "for": N_("for"),
    "against": N_("against"),
    "abstain": N_("abstain"),
    "households": N_("households"),
    "households_present": N_("households present"),
    "area": N_("m²"),
    "area_present": N_("m² present"),
    "area_for": N_("m² for"),
    "representatives": N_("representatives"),
    "representatives_for": N_("representatives for"),
}


def _label(count: str) -> str:
    return _(_LABELS.get(count, count))


def evaluate(rule: Rule, figures: Mapping[str, int | Decimal | None]) -> RuleVerdict:
    """Apply a rule to a record's figures (keys as in COUNTS).

    For `any_of`, one condition that holds is enough even if the figures of another
    were not recorded (a 村民会议 counted by adults needs no household count). A rule of
    the body's composition is judged on the counts the record gives: one it does not give
    (a 村民代表会议 recorded without its 村民代表) leaves it unjudged, not failed.
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
    if rule.stage == "composition":  # unjudged, not failed, where the record lacks its counts
        return RuleVerdict(rule, checks, all(ch.ok for ch in checks), sorted(missing))
    if rule.needs_all:
        ok = not missing and all(ch.ok for ch in checks)
    else:
        ok = any(ch.ok for ch in checks)
    return RuleVerdict(rule, checks, ok, [] if ok else sorted(missing))


def _exact(value: int | Decimal) -> Number:
    return value if type(value) is int else Fraction(value)
