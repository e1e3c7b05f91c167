"""Household visits: canvass.csv beside project.yaml, one row per visit, appended.

CSV, not YAML (DESIGN.md): appending a row costs the same in a 20,000-household
project as in a small one, and a grid worker opens the file in Excel or WPS, for
which it is written as UTF-8 with a BOM.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, overload

from fourtwo.files.canvasscsv import FIELDS, ZH_HEADER, ZH_WORDS
from fourtwo.files.values import CONTROL_IN_CELL, control_in, date_problem, household_id, invisible_in, parse_date, visible
from fourtwo.findings import Cap, Diagnostic, Loc, diag
from fourtwo.i18n import T, Term, Text, fold

# A contact is an opinion heard; `absent` (nobody home) is an attempt and never counts as visited.
CONTACTS = ("agree", "oppose", "abstain")
# `void` is no opinion: a row that cancels the household's visits of its date recorded above it
# (`fourtwo canvass void`), its reason in the note; the rows stay as history (docs/canvass.md).
VOID = "void"
OPINIONS = (*CONTACTS, "absent", VOID)
OPINION_ALIASES = {
    "同意": "agree",
    "赞成": "agree",
    "反对": "oppose",
    "不同意": "oppose",
    "弃权": "abstain",
    "未遇": "absent",
    "不在家": "absent",
    "无人": "absent",
    "家中无人": "absent",
    "支持": "agree",
    "赞同": "agree",
    "不赞成": "oppose",
    "不支持": "oppose",
    "作废": VOID,
}
CHANNELS = ("in_person", "phone", "paper", "proxy")
# How clerks write them on a sheet (the form's footer itself says 上门当面).
CHANNEL_ALIASES = {
    **dict.fromkeys(("入户", "上门", "当面", "走访", "入户走访", "上门走访", "面谈", "登门"), "in_person"),
    **dict.fromkeys(("电话", "打电话", "电话征求", "电话联系", "来电"), "phone"),
    **dict.fromkeys(("书面", "纸质", "书面意见", "意见书", "信函"), "paper"),
    **dict.fromkeys(("代录", "代填", "代签", "代为转达", "家属代答"), "proxy"),
}
OPINION_NAMES = {o: ZH_WORDS[o] for o in OPINIONS}
CHANNEL_NAMES = {c: ZH_WORDS[c] for c in CHANNELS}


class Visit(NamedTuple):
    """One row of canvass.csv (a tuple: 20,000 of them build quickly)."""

    household: str
    opinion: str
    by: str
    date: dt.date
    channel: str
    note: str
    row: int  # line in canvass.csv (the header is line 1)

    @property
    def contact(self) -> bool:
        return self.opinion in CONTACTS

    def key(self) -> tuple[str, str, str, dt.date, str, str]:
        """What makes two rows the same visit, for idempotent imports."""
        return self[:6]


def opinion_of(text: str) -> str | None:
    text = fold(text)
    return OPINION_OF.get(text) or OPINION_OF.get(text.lower())


def channel_of(text: str) -> str | None:
    text = fold(text)
    return CHANNEL_OF.get(text) or CHANNEL_OF.get(text.lower())


Cells = tuple[str, str, str, str, str, str]  # household, opinion, by, date, channel, note


Columns = dict[str, tuple[int, str]]  # a field's column in the file: its number (1-based) and its header as written


def parse_rows(
    rows: Iterable[tuple[int, Cells]], path: Path, default_channel: str = "in_person", cap: Cap | None = None, columns: Columns | None = None
) -> Iterator[Visit | Diagnostic]:
    """Visits from rows of cells in FIELDS order; for a row that is not one, a finding (at its
    row and the column of the cell at fault, as `columns` places it in the file) for each of its
    problems, while `cap` has room for the row (a row it has none for is counted there, not
    built). A blank channel is `default_channel`, or a problem when that is ''."""
    dates: dict[str, dt.date | None] = {}  # a canvass has few distinct days: parse each once
    opinions, channels = OPINION_OF, CHANNEL_OF
    placed = columns if columns is not None else {name: (i + 1, header) for i, (name, header) in enumerate(zip(FIELDS, ZH_HEADER, strict=True))}

    def problem(line: int, name: str, what: Text, hint: Text) -> Diagnostic:
        return diag("FT501", Loc(path, line, placed.get(name, (0, ""))[0]), row=line, column=column_words(placed, name), what=what, hint=hint)

    for line, (household, opinion_text, by, date_text, channel_text, note) in rows:
        cells = zip(FIELDS, (household, opinion_text, by, date_text, channel_text, note), strict=True)
        bad = next(((name, char) for name, cell in cells if (char := control_in(cell, CONTROL_IN_CELL))), None)
        if bad is not None:  # printed, it would move the cursor or retitle the window: no visit holds one
            if cap is None or cap.room("FT501"):
                what = T("the cell holds a control character ({char})", char=bad[1])
                yield problem(line, bad[0], what, T("retype the cell: a character that moves the cursor or rings a bell is no text"))
            continue
        household = household_id(household)
        if invisible_in(household):
            what = T("household id '{household}' holds an invisible character ({where})", household=household, where=invisible_in(household))
            if cap is None or cap.room("FT501"):
                yield problem(line, "household", what, T("retype the id: what cannot be seen makes it another household"))
            continue
        opinion = opinions.get(opinion_text) or opinions.get(opinion_text.lower())
        date = dates[date_text] if date_text in dates else dates.setdefault(date_text, parse_date(date_text))
        channel = channels.get(channel_text or default_channel) or channels.get(channel_text.lower())
        unexplained = opinion == VOID and not visible(note)  # a void needs a reason anyone can read
        if household and opinion and date and channel and not unexplained:
            yield Visit(household, opinion, by, date, channel, note, line)
            continue
        for name, what, hint in _problems(household, opinion, opinion_text, unexplained, date, date_text, channel, channel_text):
            if cap is None or cap.room("FT501"):  # past the cap, counted and not built
                yield problem(line, name, what, hint)


def column_words(columns: Columns, name: str) -> Text:
    """Where a field's cell is, as a clerk finds it: 'column 4 (日期)', or the field's name where the
    file has no column for it (a household id made of 楼栋, 单元 and 房号)."""
    col, header = columns.get(name, (0, ""))
    if col:
        return T("column {col} ({header})", col=col, header=header)
    return T("column {header}", header=Term(name, ZH_HEADER[FIELDS.index(name)]))


def _problems(
    household: str,
    opinion: str | None,
    opinion_text: str,
    unexplained: bool,
    date: dt.date | None,
    date_text: str,
    channel: str | None,
    channel_text: str,
) -> Iterator[tuple[str, Text, Text]]:
    """Every problem of a row that is not a visit, each as the field at fault, what is wrong and what to write."""
    if not household:
        yield "household", T("no household id"), T("fill 户号 (household)")
    if opinion is None:
        yield (
            "opinion",
            T("opinion '{opinion_text}' is not one of 同意/反对/弃权/未遇", opinion_text=opinion_text),
            T("write agree, oppose, abstain or absent (同意, 反对, 弃权, 未遇)"),
        )
    elif unexplained:
        yield "note", T("a void row has no reason"), T("write why the visit is cancelled in the note (备注), e.g. 记错户号，应为 1-1-102")
    if date is None:
        yield "date", T("date '{date_text}' is not a real date", date_text=date_text), date_problem(date_text)
    if channel is None and not channel_text:
        yield (
            "channel",
            T("no channel (方式): how the household was heard is not written"),
            T("write 入户, 电话, 书面 or 代录 in 方式, or give it for the whole sheet: --channel 入户"),
        )
    elif channel is None:
        yield "channel", T("channel '{channel_text}' is not one of 入户/电话/书面/代录", channel_text=channel_text), T("write in_person, phone, paper or proxy")


OPINION_OF = {**{o: o for o in OPINIONS}, **OPINION_ALIASES}


def is_opinion(text: str) -> bool:
    return text in OPINION_OF or text.lower() in OPINION_OF


CHANNEL_OF = {**{c: c for c in CHANNELS}, **CHANNEL_ALIASES}


class Visits(Sequence[Visit]):
    """The rows of canvass.csv as columns, in file order.

    A check over 1,000 projects counts, filters and compares whole columns (sets, maps,
    Counters run in C) and makes a Visit only for a row it names; iterating still gives
    Visits, one row at a time.
    """

    __slots__ = ("_days", "by", "channel", "date", "household", "note", "opinion", "row")

    def __init__(
        self,
        household: Sequence[str] = (),
        opinion: Sequence[str] = (),
        by: Sequence[str] = (),
        date: Sequence[dt.date] = (),
        channel: Sequence[str] = (),
        note: Sequence[str] = (),
        row: Sequence[int] = (),
    ) -> None:
        self.household, self.opinion, self.by, self.date = household, opinion, by, date
        self.channel, self.note, self.row = channel, note, row
        self._days: frozenset[dt.date] | None = None

    @property
    def days(self) -> frozenset[dt.date]:
        """The distinct days visited (a canvass has few): checks of dates look at these, not at every row."""
        if self._days is None:
            self._days = frozenset(self.date)
        return self._days

    @classmethod
    def of(cls, visits: Iterable[Visit]) -> Visits:
        if isinstance(visits, Visits):
            return visits
        columns = tuple(zip(*visits, strict=False))
        return cls(*columns) if columns else cls()

    def columns(self) -> tuple[Sequence[Any], ...]:
        return (self.household, self.opinion, self.by, self.date, self.channel, self.note, self.row)

    def __len__(self) -> int:
        return len(self.household)

    @overload
    def __getitem__(self, index: int) -> Visit: ...
    @overload
    def __getitem__(self, index: slice) -> Visits: ...
    def __getitem__(self, index: int | slice) -> Visit | Visits:
        if isinstance(index, slice):
            return Visits(*(c[index] for c in self.columns()))
        return _VISIT(c[index] for c in self.columns())

    def __iter__(self) -> Iterator[Visit]:
        return map(_VISIT, zip(*self.columns(), strict=True))

    def __repr__(self) -> str:
        return f"Visits({len(self)} rows)"

    def take(self, indices: Iterable[int]) -> Visits:
        """The rows at these positions, in the order given."""
        picked = list(indices)
        return Visits(*(tuple(map(c.__getitem__, picked)) for c in self.columns()))


_VISIT = functools.partial(tuple.__new__, Visit)  # a Visit from an iterable, without a Python call per row
