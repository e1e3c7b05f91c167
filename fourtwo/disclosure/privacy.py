"""Personal data in public outputs: unmasked mobile numbers and ID numbers are found here.

A mobile number is 11 digits starting with 1 (not inside a longer run of digits); an ID
number is 18 characters whose last is the ISO 7064 check digit of the first 17
(GB 11643), so order numbers and digests do not raise false alarms.
"""

from __future__ import annotations

import re

from fourtwo.model.workspace import Workspace

# Written as people write them: 138-1234-5678, 138 1234 5678, 138.1234.5678, +86 13812345678.
_MOBILE = re.compile(r"(?<![0-9])(?:\+?86[-. ]?)?1[3-9][0-9](?:[-. ]?[0-9]){8}(?![0-9])")
_ID = re.compile(r"(?<![0-9A-Za-z])[1-9](?:[-. ]?[0-9]){16}[-. ]?[0-9Xx](?![0-9A-Za-z])")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９＋－Ｘｘ　．", "0123456789+-Xx .")
_WRAP = re.compile(r"\n[ \t\u3000]*")
# Fast tests before the costly passes (a site scans thousands of pages): a text with no
# full-width digit or separator needs no translation, and one with no digit or separator
# on either side of a line break holds no number a wrap split.
_ANY_FULL_WIDTH = re.compile("[０-９＋－Ｘｘ\u3000．]")
_SPLIT_AT_BREAK = re.compile("[0-9０-９+＋ .．\\-－\u3000]\n|\n[ \t\u3000]*[0-9０-９+＋.．\\-－XxＸｘ]")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_check_digit_ok(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS, strict=False))
    return _CHECK[total % 11] == number[17].upper()


def _digits(value: str) -> str:
    return "".join(c for c in value if c.isdigit() or c in "Xx")


def unmasked(text: str, allowed: set[str] | None = None) -> list[tuple[str, str, int]]:
    """(what, the text found, offset) for each full mobile or ID number in `text` (full-width
    digits and separators included), but for the `allowed` numbers an office publishes on
    purpose (its hotline). Offsets are in `text` as given."""
    allowed = allowed or set()
    plain = text.translate(_FULL_WIDTH) if _ANY_FULL_WIDTH.search(text) else text  # same length: offsets still point into `text`
    ids = [m for m in _ID.finditer(plain) if id_check_digit_ok(_digits(m.group()))]
    found = [("ID number", _digits(m.group()), m.start()) for m in ids]
    for m in _MOBILE.finditer(plain):
        number = _digits(m.group())[-11:]
        inside_id = any(i.start() <= m.start() < i.end() for i in ids)
        if number not in allowed and not inside_id:
            found.append(("phone", number, m.start()))
    return sorted(found, key=lambda f: f[2])


def unmasked_anywhere(text: str, allowed: set[str] | None = None) -> list[tuple[str, str, int]]:
    """As unmasked, also across line breaks a text template makes when it wraps a long line
    (offset -1 for a number found only that way)."""
    found = unmasked(text, allowed)
    if not _SPLIT_AT_BREAK.search(text):
        return found
    seen = {value for _, value, _ in found}
    found += [(what, value, -1) for what, value, _ in unmasked(_WRAP.sub("", text), allowed) if value not in seen]
    return found


def masked(value: str) -> str:
    """How a finding shows what it found without repeating it whole."""
    return value[:3] + "****" + value[-4:] if len(value) > 7 else "****"


def public_numbers(workspace: Workspace) -> set[str]:
    """Phones a notice prints on purpose: the hotline and the offices' own lines (a village
    may use the supervision chair's mobile as its hotline)."""
    s = workspace.settings
    numbers = {s.notice.hotline}
    for body in (s.party_organisation, s.committee, s.supervision_committee, s.upper_party_organisation):
        if body:
            numbers.add(body.phone)
    return {"".join(c for c in n if c.isdigit()) for n in numbers if n}


def mask_phone(value: str) -> str:
    """13812345678 -> 138****5678; a landline keeps its area code and last four."""
    digits = "".join(c for c in value if c.isdigit())
    if len(digits) < 7:
        return "*" * len(value)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_id(value: str) -> str:
    """An ID number keeps its first 6 and last 4 characters."""
    value = value.strip()
    return value[:6] + "*" * (len(value) - 10) + value[-4:] if len(value) > 10 else "*" * len(value)


def mask_name(value: str) -> str:
    """张三明 -> 张*明, 张三 -> 张*."""
    value = value.strip()
    if len(value) <= 1:
        return value
    if len(value) == 2:
        return value[0] + "*"
    return value[0] + "*" * (len(value) - 2) + value[-1]
