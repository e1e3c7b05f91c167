"""CSV text as rows, all at once, when each row is one line.

Registers and canvass.csv are read twice over when large: this fast way, then a column
at a time, and only when that declines, row by row with a finding for each bad row
(property tests hold the two ways to the same result).
"""

from __future__ import annotations

import csv
import io


def plain_rows(text: str) -> list[list[str]] | None:
    """Every row, row n on line n; None when that does not hold or the text is not plain CSV
    (a lone CR, line ends of both kinds, a quoted cell spanning lines, a CSV error)."""
    crlf = text.count("\r\n")
    if text.count("\r") != crlf:
        return None  # a lone CR ends a row for csv but not a line for us
    if '"' in text or "\0" in text:
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))  # strict: a quote left open at the end
        except csv.Error:
            return None
        if not rows or len(rows) != text.count("\n") + (not text.endswith("\n")):
            return None  # a quoted cell spans lines
        return rows
    if crlf and crlf != text.count("\n"):
        return None
    # Nothing quoted: a row is a line split at its commas, as csv would (in half the time).
    rows = [line.split(",") for line in text.split("\r\n" if crlf else "\n")]
    if rows[-1] == [""]:
        rows.pop()  # the end of the last line
    return rows or None


def unpadded(column: tuple[str, ...]) -> bool:
    """No cell starts or ends with white space (checked in C; closely only when any has some)."""
    joined = "".join(column)
    return joined.split() == [joined] or all(map(str.__eq__, column, map(str.strip, column)))
