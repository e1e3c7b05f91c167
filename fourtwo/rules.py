"""Quorum and majority rules as data, evaluated in exact integer arithmetic.

A condition compares a count with a fraction of a denominator, in the words of the
law: 以上 (at_least, the number itself included: 3*n >= 2*total) or 过半数 / 超过
(more_than, excluded: 2*n > total). A rule holds when all (or any) of its conditions
hold; each carries its legal basis as text, so a finding can quote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from fourtwo.model import Located
from fourtwo.spec import Ctx, Enum, Field, Kind, ListOf, Record, Str

import yaml

COMPARATORS = ("at_least", "more_than")
_WORDS = {"at_least": "at least", "more_than": "more than"}
_FRACTION_RE = re.compile(r"^(\d+)\s*/\s*(\d+)$|^(\d+(?:\.\d+)?)\s*%$")


def parse_fraction(text: str) -> Fraction | None:
    """'2/3' or '80%' as an exact fraction in (0, 1]; None when it is neither."""
    match = _FRACTION_RE.match(text.strip())
    if not match:
        return None
    value = Fraction(int(match[1]), int(match[2])) if match[1] else Fraction(match[3]) / 100
    return value if 0 < value <= 1 else None


@dataclass(frozen=True)
class FractionKind(Kind):
    expected = "a fraction such as 2/3 or 80%"

    def convert(self, node: yaml.Node, ctx: Ctx, key: str) -> object:
        from fourtwo.spec import MISSING

        text = self._scalar(node, ctx, key)
        value = parse_fraction(text) if text is not None else None
        if value is None:
            if text is not None:
                ctx.add("FT102", node, key=key, expected=self.expected, found=f"'{text}'", hint="write p/q with p <= q, or a percentage")
            return MISSING
        return value

    def json_schema(self) -> dict[str, object]:
        return {"type": "string", "pattern": r"^\d+\s*/\s*\d+$|^\d+(\.\d+)?\s*%$"}


def needed(total: int, fraction: Fraction, comparator: str) -> int:
    """The smallest count that satisfies the condition (2/3 of 34 at least: 23)."""
    p, q = fraction.numerator, fraction.denominator
    if comparator == "at_least":
        return -(-p * total // q)
    return p * total // q + 1


def holds(count: int, total: int, fraction: Fraction, comparator: str) -> bool:
    """Integers only: never a rounded percentage."""
    p, q = fraction.numerator, fraction.denominator
    return q * count >= p * total if comparator == "at_least" else q * count > p * total


@dataclass(kw_only=True)
class Condition(Located):
    count: str
    of: str
    comparator: str
    fraction: Fraction

    def describe(self) -> str:
        return f"{_WORDS[self.comparator]} {self.fraction}"


@dataclass(kw_only=True)
class Rule(Located):
    id: str
    name: str
    mode: str  # all_of | any_of
    conditions: list[Condition]
    basis: str


@dataclass(frozen=True)
class Outcome:
    condition: Condition
    count: int
    total: int
    needed: int
    ok: bool


COUNT_FIELDS = ("members", "present", "for", "against", "abstain", "households", "households_present", "area", "area_present")
