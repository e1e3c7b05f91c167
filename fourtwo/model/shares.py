"""Exact shares: the arithmetic every threshold is decided by, and the percentages residents read.

Thresholds are decided by cross-multiplying integers (or exact fractions of m²), never
by a rounded percentage; percentages are for reading only.
"""

from __future__ import annotations

import functools
from fractions import Fraction

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


def percent(part: int, whole: int, digits: int = 1) -> str:
    """A percentage rounded half up (四舍五入), for reading only: it never decides."""
    if whole == 0:
        return "—"
    whole_part, fraction_part = divmod(_units(part, whole, 10**digits), 10**digits)
    return f"{whole_part}.{fraction_part:0{digits}d}%" if digits else f"{whole_part}%"


def _units(part: int, whole: int, scale: int) -> int:
    """part/whole in hundredths of `scale`ths, rounded half up: floor(100·scale·part/whole + 1/2),
    in integers (whole != 0)."""
    if whole < 0:
        part, whole = -part, -whole
    return (200 * scale * part + whole) // (2 * whole)


# Shares whose side a reader must never misjudge: none, half, two thirds, all ...
BOUNDARIES = (Fraction(0), Fraction(1, 2), Fraction(2, 3), Fraction(3, 4), Fraction(4, 5), Fraction(1))


@functools.lru_cache(maxsize=8192)  # pure, and the same counts recur (5 of 5 members, 175 of 216 households)
def honest_percent(part: int, whole: int, threshold: Fraction | None = None) -> str:
    """Like percent, with more digits where rounding would carry a share across a boundary
    that matters: 3999 of 5000 reads 79.98% (not 80.0%), 1999 of 2000 reads 99.95%
    (not 100.0%), 1001 of 2001 reads 50.02% (not 50.0%)."""
    if whole == 0:
        return "—"
    exact = Fraction(part, whole)
    marks = (*BOUNDARIES, *((threshold,) if threshold is not None else ()))
    text = ""
    for digits in range(1, 12):  # enough digits for any count people keep
        text = percent(part, whole, digits)
        shown = Fraction(text.rstrip("%")) / 100
        if all((shown > b) == (exact > b) and (shown < b) == (exact < b) for b in marks if b != exact):  # a boundary the share is on binds nothing
            return text
    return text


def exact_share(fraction: Fraction) -> str:
    """A threshold written so that it reads back the same: 80% for a whole percentage, else p/q (2/3)."""
    return f"{int(fraction * 100)}%" if (fraction * 100).denominator == 1 else f"{fraction.numerator}/{fraction.denominator}"


def share(fraction: Fraction) -> str:
    """A threshold as people write it: 4/5 -> 80%, 2/3 -> 66.7%."""
    if (fraction * 100).denominator == 1:
        return f"{int(fraction * 100)}%"
    return percent(fraction.numerator, fraction.denominator)
