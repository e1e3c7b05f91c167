"""How long a notice stays up: calendar days, or working days by China's holiday calendar.

A period of N days starting on day S ends on the Nth day counted from S itself, so a
7-day notice posted on 2024-04-20 stays up through 2024-04-26. In working days,
weekends and statutory holidays are skipped and make-up working days (调休) count,
as chinese_calendar publishes them each year, or as the workspace declares a year the
library does not know yet (fourtwo.yaml `holidays:`), which is used first.

A period in calendar days that would end on a statutory holiday ends on the next working
day instead, by analogy with 民法典 第二百零三条 (fourtwo/bases.yaml): a notice posted on
2024-04-28 for 7 days would end on 2024-05-04, inside 劳动节, and ends on 2024-05-06. No
statute fixes 公示期, so the notice says it is an analogy.
"""

from __future__ import annotations

import datetime as dt

from fourtwo.findings.errors import InputError
from fourtwo.model.bases import bases
from fourtwo.model.workspace import Declared

UNIT_NAMES = {"calendar_days": "天", "working_days": "个工作日"}


def is_working_day(day: dt.date, declared: Declared | None = None) -> bool:
    """A working day: by the year the workspace declares (fourtwo.yaml holidays:), else by
    chinese_calendar's data."""
    if declared and day.year in declared:
        off, working = _declared(day.year, declared)
        return day in working or (day.weekday() < 5 and day not in off)
    import chinese_calendar  # only a period that needs the holidays pays for it

    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError as exc:
        raise InputError("FT603", year=day.year, folder=declared.folder if declared is not None else ".") from exc


def statutory_holiday(day: dt.date, declared: Declared | None = None) -> bool:
    """A day off of a statutory holiday (法定节假日, weekends inside one included), not an
    ordinary weekend: by the year the workspace declares, else by chinese_calendar's data."""
    if declared and day.year in declared:
        return day in _declared(day.year, declared)[0]
    import chinese_calendar

    try:
        off, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError as exc:
        raise InputError("FT603", year=day.year, folder=declared.folder if declared is not None else ".") from exc
    return bool(off) and name is not None


def missing_fixed(year: int, days_off: frozenset[dt.date]) -> tuple[list[dt.date], str]:
    """The statutory holidays fixed by the solar calendar (元旦, 劳动节, 国庆节) that a declared
    year leaves out, and the basis that fixes them (fourtwo/bases.yaml)."""
    fixed = bases().fixed(year)
    if fixed is None:
        return [], ""
    days = [dt.date(year, int(d[:2]), int(d[3:])) for d in fixed.days]
    return [d for d in days if d not in days_off], fixed.basis


def _declared(year: int, declared: Declared) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """A declared year, refused when it leaves out a fixed statutory holiday: a year without
    元旦 would count a day off as a working day."""
    off, working = declared[year]
    missing, basis = missing_fixed(year, off)
    if missing:
        raise InputError("FT661", year=year, days="、".join(f"{d.month}月{d.day}日" for d in missing), basis=basis)
    return off, working


def period_end(start: dt.date, days: int, unit: str, declared: Declared | None = None) -> dt.date:
    """The last day of a period of `days` units that starts on `start` (in calendar days, moved
    off a statutory holiday to the next working day)."""
    if unit != "working_days":
        end = start + dt.timedelta(days=days - 1)
        if statutory_holiday(end, declared):
            end += dt.timedelta(days=1)
            while not is_working_day(end, declared):
                end += dt.timedelta(days=1)
        return end
    day, counted = start, 0
    while True:
        if is_working_day(day, declared):
            counted += 1
            if counted == days:
                return day
        day += dt.timedelta(days=1)


def extended_from(start: dt.date | None, end: dt.date | None, days: int, unit: str) -> dt.date | None:
    """Where a calendar-day period was extended off a statutory holiday: the day it would have
    ended (None when it was not). From the dates alone, so a check needs no holiday calendar."""
    if unit == "working_days" or start is None or end is None:
        return None
    due = start + dt.timedelta(days=days - 1)
    return due if end > due else None


def length(start: dt.date, end: dt.date, unit: str, declared: Declared | None = None) -> int:
    """How many units a posted period covers, both ends included."""
    if end < start:
        return 0
    if unit != "working_days":
        return (end - start).days + 1
    return sum(1 for n in range((end - start).days + 1) if is_working_day(start + dt.timedelta(days=n), declared))
