"""CSV text as rows, all at once, when each row is one line; and what the row-by-row
reader needs to say where a quoted cell swallowed the lines after it.

Registers and canvass.csv are read whole and checked a column at a time when every row is
one line, and only when that declines, row by row with a finding for each bad row
(property tests hold the two ways to the same result).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator

from fourtwo.i18n import N_, T, Text

# The csv module's complaints (English, whatever the locale), in the reader's words.
_CSV_REASONS = (
    ("line contains NUL", N_("the line holds a NUL character (a binary file saved as CSV?)")),
    ("field larger than field limit", N_("a cell is larger than a cell can be (a quote never closed?)")),
    ("new-line character seen in unquoted field", N_("a line break inside a cell that is not in quotes")),
    ("unexpected end of data", N_("the file ends inside a quoted cell")),
    ("expected after", N_('a quote (") inside a cell is not doubled ("")')),
)


def csv_reason(exc: csv.Error) -> Text | str:
    """Why a CSV row cannot be read, as a person reads it."""
    said = str(exc)
    return next((T(msgid) for known, msgid in _CSV_REASONS if known in said), said)


def plain_rows(text: str) -> list[list[str]] | None:
    """Every row, row n on line n; None when that does not hold or the text is not plain CSV
    (a lone CR, line ends of both kinds, a quoted cell spanning lines, a CSV error)."""
    if text.count("\r") != text.count("\r\n"):
        return None  # a lone CR ends a row for csv but not a line for us
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))  # strict: a quote left open at the end
    except csv.Error:
        return None
    if not rows or len(rows) != text.count("\n") + (not text.endswith("\n")):
        return None  # a quoted cell spans lines
    return rows


def whole_at(text: str, part: str, start: int, end: int | None = None) -> int:
    """Where `part` is in text[start:end] but not the middle of a longer number; -1 if nowhere.
    How one household's lines are found in a register or canvass.csv without parsing the others."""
    end = len(text) if end is None else end
    while (at := text.find(part, start, end)) >= 0:
        start = at + 1
        if part[:1].isdigit() and at and text[at - 1].isdigit():
            continue
        after = at + len(part)
        if part[-1:].isdigit() and after < len(text) and text[after].isdigit():
            continue
        return at
    return -1


def unpadded(column: tuple[str, ...]) -> bool:
    """No cell starts or ends with white space (checked in C; closely only when any has some)."""
    joined = "".join(column)
    return not joined or joined.split() == [joined] or all(map(str.__eq__, column, map(str.strip, column)))  # an empty column (status) is plain too


class Lines:
    """The lines csv reads from a stream, keeping those of the row being read (`take` hands them
    over), so a reader can look at a row's raw text without holding the whole file."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._lines = iter(lines)
        self.kept: list[str] = []

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.kept.append(line)
        return line

    def take(self) -> list[str]:
        taken, self.kept = self.kept, []
        return taken

    def rest(self) -> str:
        return "".join(self._lines)


def swallowed(row: list[str], at: int, is_value: Callable[[str], bool]) -> bool:
    """Does a cell spanning lines hold whole rows (a quote left open swallowing them), not a
    note written on several lines (Alt+Enter in Excel)? A swallowed line reads as a row: a
    value of the column at `at` where that column is."""
    for cell in row:
        for text in cell.split("\n")[1:]:
            cells = text.split(",")
            if len(cells) > at and is_value(cells[at].strip()):
                return True
    return False


def open_at_end(raw: str) -> bool:
    """Is a quoted cell still open at the end of `raw` (a row's lines and any after), read as csv does?"""
    if '"' not in raw:
        return False
    quoted, at_start, i = False, True, 0
    while i < len(raw):
        char = raw[i]
        if quoted:
            if char == '"':
                if raw[i + 1 : i + 2] == '"':
                    i += 1  # a quote written twice is a quote
                else:
                    quoted = False
        elif char == '"' and at_start:
            quoted, at_start = True, False
        else:
            at_start = char in ",\r\n"
        i += 1
    return quoted
