"""plain_rows cuts a text with no quote at its commas: the rows must be csv.reader's, or None
where the reader declines (tests/test_properties.py holds the whole readers together)."""

from __future__ import annotations

import csv
import io
import random

import pytest

from fourtwo.files.csvtext import plain_rows


def by_reader(text: str) -> list[list[str]] | None:
    """What plain_rows gave before it had a path of its own for text without quotes."""
    if text.count("\r") != text.count("\r\n"):
        return None
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error:
        return None
    if not rows or len(rows) != text.count("\n") + (not text.endswith("\n")):
        return None
    return rows


CASES = [
    "household,opinion\n1-1-101,agree\n",
    "household,opinion\r\n1-1-101,agree\r\n",
    "household,opinion\n1-1-101,agree",
    "household,opinion\n\n1-1-101,agree\n",  # an empty line: no row for csv
    "household,opinion\n1-1-101,agree\n\n",
    "a,b\r\nc,d\ne,f\n",  # line ends of both kinds
    "a,b\rc,d\n",  # a lone CR
    "a,b\n c , d \n",  # spaces kept
    "a,,b,\n,,,\n",
    "a\x00b,c\n",  # NUL: the reader's error
    "",
    "\n",
    "a,b\n" + "x" * 200_000 + ",y\n",  # a cell over the reader's limit
    "一,二\n三,四\n",
]


@pytest.mark.parametrize("text", CASES)
def test_the_same_rows_as_the_reader(text: str) -> None:
    assert plain_rows(text) == by_reader(text)


def test_random_texts_without_quotes() -> None:
    rng = random.Random(20)
    alphabet = ["a", "1", ",", "\n", "\r\n", "\r", " ", "户", "-", "\x00", "\t"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert plain_rows(text) == by_reader(text), repr(text)
