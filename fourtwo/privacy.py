"""Personal data in public outputs: unmasked mobile numbers and ID numbers are found here.

A mobile number is 11 digits starting with 1 (not inside a longer run of digits); an ID
number is 18 characters whose last is the ISO 7064 check digit of the first 17
(GB 11643), so order numbers and digests do not raise false alarms.
"""

from __future__ import annotations

import re

_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
_ID = re.compile(r"(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_check_digit_ok(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS))
    return _CHECK[total % 11] == number[17].upper()


def unmasked(text: str, allowed: set[str] | None = None) -> list[tuple[str, str, int]]:
    """(what, the text found, offset) for each full mobile or ID number in `text`, but for the
    `allowed` numbers an office publishes on purpose (its hotline)."""
    allowed = allowed or set()
    found = [("phone", m.group(), m.start()) for m in _MOBILE.finditer(text) if m.group() not in allowed]
    found += [("ID number", m.group(), m.start()) for m in _ID.finditer(text) if id_check_digit_ok(m.group())]
    return sorted(found, key=lambda f: f[2])


def masked(value: str) -> str:
    """How a finding shows what it found without repeating it whole."""
    return value[:3] + "****" + value[-4:] if len(value) > 7 else "****"
