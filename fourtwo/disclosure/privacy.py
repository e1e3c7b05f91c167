"""Personal data in public outputs: unmasked mobile numbers and ID numbers are found here.

Numbers are found the way a person reads them, not by a list of formats. Each character
is read as one of: a digit (in any width or script, by NFKC, and Chinese numerals: 一三八,
壹叁捌, 〇/零 for 0, 幺 for 1); the ID's check character X; a separator (any space, dash,
dot, slash, bracket, symbol, control or zero-width character, and any punctuation but
what ends a clause, 、，。；：！？, or a line); a letter a-f, as in hex; or anything else
(other letters, Chinese words). Digits with at most MAX_GAP separators between them are
one run; a number is any stretch of whole digit groups of a run (a group: digits written
together), so 138 1234 5678 2024 holds 13812345678 but 213812345678 does not. A group
glued to a letter a-f cannot begin or end a number (digests, trace codes: 3E42-126F),
nor can one glued to a percent sign; tel13812345678 is still a phone.

- a mobile: 1[3-9] and 9 more digits, after an optional 86 or 0086 (+86, (+86), 86-, +86 (0));
- an ID number: 18 characters whose last is the ISO 7064 check digit of the first 17
  (GB 11643), and, when written in several groups, a real birth date in it (so a list
  of household ids or dates that happens to pass the check raises no alarm); 18
  characters with a real birth date in an ID's place (an area code beginning 1-8, then
  the date) whatever the check digit, for a number copied with one digit wrong is still
  a person's; or the old 15 digits (6-digit area code, a real YYMMDD birth date, 3 digits);
- a bank card: 16 to 19 digits that pass the cards' checksum (ISO/IEC 7812, Luhn) and
  begin as an issuer's do (3, 4, 5, 6, 9, or 2221-2720; never 1, as phones and dates do),
  read from the first digit of a run or right after a number found before it in the run
  (a card is written on its own, not as the tail of a list of figures).

A run that is a list of household ids, dates or amounts (1-1-101 1-2-302, 2024-03-26
2024-04-01, 3,192.10 183,260.50) holds no number, however its digits add up; an amount
in thousands (13,812,345,678) is not a phone. The class of each character is worked out
once per distinct character and the text is mapped with str.translate (one character to
one, so offsets stay those of the text as given); only runs of 11 digits or more are
looked at further.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
import unicodedata

from fourtwo.i18n import N_
from fourtwo.model.workspace import Workspace

MAX_GAP = 6  # separators between two digits of one number: " - ", "）（", runs of spaces
_NUMERALS = {
    **dict.fromkeys("〇○零", "0"),
    **dict.fromkeys("一壹幺", "1"),
    **dict.fromkeys("二贰貳", "2"),
    **dict.fromkeys("三叁參叄", "3"),
    **dict.fromkeys("四肆", "4"),
    **dict.fromkeys("五伍", "5"),
    **dict.fromkeys("六陆陸", "6"),
    **dict.fromkeys("七柒", "7"),
    **dict.fromkeys("八捌", "8"),
    **dict.fromkeys("九玖", "9"),
}
# Sentence punctuation and line breaks end a number rather than sit inside one: 1-3-801、1-3-802
# is a list, and a date at the end of one line and a count at the start of the next are two.
_BREAKS = frozenset("、，。；：！？;!?\n\r\v\f\x85\u2028\u2029")
_GLUE = frozenset("%％‰")  # a digit run into a percent sign is a share, not part of a number
# digit, "X", "_" separator, "a" hex letter, "." anything else; filled per character met
_CLASS: dict[int, int] = {}
_RUN = re.compile(rf"[0-9X](?:_{{0,{MAX_GAP}}}[0-9X])*")
# Where a run of 11 digits may be, read from the text as written (no classing, at C speed): a
# digit may be any character but an ASCII letter other than x, a CJK ideograph other than a
# numeral, or a line break; a separator any but an ASCII letter or digit, an ideograph or a break.
# tests/test_privacy.py holds every character's class within these.
_IDEOGRAPHS = "\u4e00-\u9fef"  # CJK unified ideographs (Unicode 11): words, never digits but for _NUMERALS
_MAY_DIGIT = "0-9Xx" + "".join(sorted(_NUMERALS)) + "\u0080-\u4dff\u9ff0-\U0010ffff"
_MAY_SEPARATE = "^0-9A-Za-z" + _IDEOGRAPHS + re.escape("".join(sorted(_BREAKS)))
_MAY_BE_LONG = re.compile(f"[{_MAY_DIGIT}](?:[{_MAY_SEPARATE}]{{0,{MAX_GAP}}}[{_MAY_DIGIT}]){{10}}")
_GROUP = re.compile(r"[0-9]+X?|X")  # an X ends an ID (10 in the check digit), written with the rest or apart
_MOBILE = re.compile(r"(?:00)?(?:860?)?(1[3-9][0-9]{9})")  # +86, 0086, +86 (0)
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]{1,2})?")
# The figures a notice lists side by side, and a run that is nothing but a list of them.
_ITEM = (
    r"[0-9]{1,3}-[0-9]{1,3}-[0-9]{1,4}"  # a household id: building-unit-room
    r"|(?:19|20)[0-9]{2}(?:[-./](?:0?[1-9]|1[0-2])[-./](?:0?[1-9]|[12][0-9]|3[01]))?"  # a date, or a year (2024年 …)
    r"|[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]{1,2})?|[0-9]+\.[0-9]{2}"  # an amount
    r"|[0-9]{1,3}(?:\.[0-9]{1,2})?[%％]"  # a share
)
_LIST = re.compile(rf"(?:{_ITEM})(?:[^0-9]{{1,{MAX_GAP}}}(?:{_ITEM}))+")
_CARD = N_("bank card")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_check_digit_ok(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS, strict=False))
    return _CHECK[total % 11] == number[17].upper()


def _class_of(c: str) -> str:
    if c in _NUMERALS:
        return _NUMERALS[c]
    if c in _BREAKS:
        return "."
    if c in _GLUE:
        return "a"
    n = unicodedata.normalize("NFKC", c)
    if len(n) == 1 and n.isascii():
        if n.isdigit():
            return n
        if n in "Xx":
            return "X"
        if n in "ABCDEFabcdef":
            return "a"  # a hex digit: digests and trace codes glue digits to these
    if unicodedata.category(c)[0] == "N" and unicodedata.decimal(c, None) is not None:
        return str(unicodedata.decimal(c))
    if unicodedata.category(c)[0] in "ZCPSM" and not n.isalnum():
        return "_"
    return "."


def _classes(text: str) -> str:
    for c in set(text):
        if ord(c) not in _CLASS:
            _CLASS[ord(c)] = ord(_class_of(c))  # ints: translate is faster with them
    return text.translate(_CLASS)


def _real_date(text: str) -> bool:
    try:
        dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return False
    return 1900 <= int(text[:4]) <= 2099


def luhn_ok(number: str) -> bool:
    """The bank cards' checksum (ISO/IEC 7812): every second digit from the right doubled."""
    total = 0
    for i, d in enumerate(reversed(number)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _issuer(number: str) -> bool:
    """Begins as a card issuer's number does (ISO/IEC 7812): 3-6 and 9 (UnionPay 62, Visa 4,
    Mastercard 5, JCB 35, the old domestic 95…), or Mastercard's 2221-2720."""
    return number[0] in "34569" or "2221" <= number[:4] <= "2720"


def _kind(number: str, groups: int, card: bool = False) -> tuple[str, str] | None:
    """What a stretch of digits is, and the number to report, or None; `card`: a card may begin here."""
    if len(number) == 18 and number[0] != "0" and number[:17].isdigit() and id_check_digit_ok(number):
        if groups == 1 or _real_date(number[6:14]):
            return N_("ID number"), number
    if card and 16 <= len(number) <= 19 and number.isdigit() and _issuer(number) and luhn_ok(number):
        return _CARD, number
    if len(number) == 18 and number[0] in "12345678" and number[:17].isdigit() and _real_date(number[6:14]):
        return N_("ID number"), number  # the check digit wrong, the birth date where an ID has it
    if len(number) == 15 and number[0] != "0" and number.isdigit() and _real_date("19" + number[6:12]):
        return N_("ID number"), number
    mobile = _MOBILE.fullmatch(number.replace("X", ""))  # an x between or after a phone's digits is not a digit of it
    if mobile:
        return N_("phone"), mobile.group(1)
    return None


def unmasked(text: str, allowed: set[str] | None = None) -> list[tuple[str, str, int]]:
    """(what, the number found, offset) for each full mobile or ID number in `text`, however
    it is written, but for the `allowed` numbers an office publishes on purpose (its
    hotline). Offsets are in `text` as given.

    A line break ends a number, so a text is read line by line, and a line met before in
    this process is not read again: notices repeat their template's lines (the style sheet,
    the headings, the signatures) from one to the next, and only their own lines cost. A
    text whose every line is known to hold no number is clean at the cost of a set difference.
    The lines not met before are searched together, as written, for where a run of 11 digits
    may be: only the few lines with one are read carefully."""
    allowed = allowed or set()
    fresh = set(text.split("\n"))
    fresh.difference_update(_CLEAN)
    leaks = False
    for line in _with_long_runs(fresh) if fresh else ():
        hits = _line_numbers(line) if len(line) <= _MAX_LINE else tuple(numbers(line))
        if hits:
            fresh.discard(line)  # read again wherever it is met
            leaks = leaks or any(value not in allowed for _, value, _ in hits)
    if len(_CLEAN) + len(fresh) > _MAX_CLEAN:
        _CLEAN.clear()
    _CLEAN.update(fresh)  # every line left holds no number
    if not leaks:
        return []
    found: list[tuple[str, str, int]] = []
    offset = 0
    for line in text.split("\n"):  # where each number is, for the findings that name it
        for what, value, at in _line_numbers(line) if len(line) <= _MAX_LINE else numbers(line):
            if value not in allowed:
                found.append((what, value, offset + at))
        offset += len(line) + 1
    return found


_MAX_LINE = 4096  # longer lines are read each time: a line that long is no template's
_CLEAN: set[str] = set()  # lines read in this process that hold no number at all
_MAX_CLEAN = 1 << 17


def _with_long_runs(lines: set[str]) -> set[str]:
    """The lines that may hold a run of 11 digits or more (a line break ends a run): one search in
    C over them all, no character classed, not a Python loop over each line's figures. Notices of
    different projects share only their template's lines: their own are scanned this way (the
    scan of 1,800 notices whose lines are each their own in 0.3 s, not 1.5 s; hongmei's in half)."""
    joined = "\n".join(lines)
    found = set()
    for run in _MAY_BE_LONG.finditer(joined):
        start = joined.rfind("\n", 0, run.start()) + 1
        end = joined.find("\n", run.end())
        found.add(joined[start : end if end >= 0 else len(joined)])
    return found


@functools.lru_cache(maxsize=1 << 16)
def _line_numbers(line: str) -> tuple[tuple[str, str, int], ...]:
    return tuple(numbers(line))


def numbers(text: str) -> list[tuple[str, str, int]]:
    """Every full mobile or ID number in `text` with its offset: the careful reading."""
    classes = _classes(text)
    found: list[tuple[str, str, int]] = []
    for run in _RUN.finditer(classes):
        if run.end() - run.start() - run.group().count("_") < 11:
            continue
        found += _in_run(text, classes, run.start(), run.end())
    return found


def _in_run(text: str, classes: str, start: int, end: int) -> list[tuple[str, str, int]]:
    """The numbers in one run: from each group that may begin one, the longest number read
    over whole groups (an ID before a phone that is a part of it). A run that is a list of
    figures (household ids, dates, amounts) holds none."""
    written = "".join(c if "0" <= c <= "9" else text[start + i] for i, c in enumerate(classes[start:end]))
    if _LIST.fullmatch(written):
        return []
    groups = [piece for m in _GROUP.finditer(classes, start, end) for piece in _by_script(text, m.start(), m.end())]
    found: list[tuple[str, str, int]] = []
    taken_until = -1  # a group inside a number already read begins none
    card_from = groups[0][0] if groups else -1  # where a card may begin: the run's start, or right after a number
    for i, (a, _) in enumerate(groups):
        if a < taken_until or (a > 0 and classes[a - 1] == "a"):
            continue
        number, best = "", None
        for j in range(i, len(groups)):
            b = groups[j][1]
            number += classes[groups[j][0] : b]
            if len(number) > 19:
                break
            if b < len(classes) and classes[b] == "a":
                continue  # glued to a letter: a number cannot end here
            # a card never extends an ID or a phone read before it: 15 digits and a year are an old ID and a year
            kind = _kind(number, j - i + 1, a == card_from and (best is None or best[0][0] == _CARD))
            if kind is not None and not _THOUSANDS.fullmatch(text[a:b]):
                best = (kind, b)
        if best is not None:
            (what, value), taken_until = best
            found.append((what, value, a))
            card_from = next((g for g, _ in groups[i:] if g >= taken_until), -1)
    return found


def _by_script(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """A group split where its digits turn from Chinese numerals to figures or back: a numeral is
    a word too (李四, 三楼), so 李四13912345678 is a name and a phone, not a 12-digit number."""
    cuts = [k for k in range(a + 1, b) if (text[k - 1] in _NUMERALS) != (text[k] in _NUMERALS)]
    edges = sorted({a, *cuts, b, *_name_ends(text, [a, *cuts, b])})
    return list(itertools.pairwise(edges))


def _name_ends(text: str, edges: list[int]) -> list[int]:
    """Where a number in numerals may begin after a name that ends in one (王五一三九…, 刘一一一三九…):
    one and two numerals into a stretch of them longer than a phone. The reading goes on over
    the pieces as over any groups, so a number written with no name before it is read as before."""
    ends = []
    for start, end in itertools.pairwise(edges):
        if end - start > 11 and text[start] in _NUMERALS:
            ends += [start + 1, start + 2]
    return ends


def mask_as_notices(text: str, allowed: set[str] | None = None) -> str:
    """`text` with each full number found in it masked as notices mask it, where it is written:
    a phone keeps its first 3 and last 4 digits (138****5678), an ID number or a bank card
    its first 6 and last 4."""
    chars = list(text)
    for what, number, offset in unmasked(text, allowed):
        keep_start, keep_end = (3, 4) if what == "phone" else (6, 4)
        seen = 0
        at = offset
        while at < len(chars) and seen < len(number):
            if chars[at].isalnum():
                if keep_start <= seen < len(number) - keep_end:
                    chars[at] = "*"
                seen += 1
            at += 1
    return "".join(chars)


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


def mask_numbers(text: str, allowed: set[str] | None = None) -> str:
    """`text` with each full mobile or ID number found in it starred but for its last four
    digits, however it was written (an objection's text in the office's dataset)."""
    found = unmasked(text, allowed)
    if not found:
        return text
    classes = _classes(text)
    chars = list(text)
    for _what, value, start in found:
        read, where = "", []
        for i in range(start, len(text)):
            if classes[i] in "0123456789X":
                read += classes[i]
                where.append(i)
                if read.endswith(value):
                    break
            elif classes[i] != "_":
                break
        for i in where[:-4]:
            chars[i] = "*"
    return "".join(chars)
