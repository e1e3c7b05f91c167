"""How long a notice stays up: calendar days, or working days by China's holiday calendar.

A period of N days starting on day S ends on the Nth day counted from S itself, so a
7-day notice posted on 2024-04-28 stays up through 2024-05-04. In working days,
weekends and statutory holidays are skipped and make-up working days (调休) count,
as chinese_calendar publishes them each year, or as the workspace declares a year the
library does not know yet (fourtwo.yaml `holidays:`), which is used first.
"""

from __future__ import annotations

import datetime as dt

from fourtwo.findings.errors import InputError
from fourtwo.model.workspace import Declared

UNIT_NAMES = {"calendar_days": "天", "working_days": "个工作日"}


def is_working_day(day: dt.date, declared: Declared | None = None) -> bool:
    """A working day: by the year the workspace declares (fourtwo.yaml holidays:), else by
    chinese_calendar's data."""
    if declared and day.year in declared:
        off, working = declared[day.year]
        return day in working or (day.weekday() < 5 and day not in off)
    import chinese_calendar  # only workspaces counting working days pay for it

    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError as exc:
        raise InputError("FT603", year=day.year) from exc


def period_end(start: dt.date, days: int, unit: str, declared: Declared | None = None) -> dt.date:
    """The last day of a period of `days` units that starts on `start`."""
    if unit != "working_days":
        return start + dt.timedelta(days=days - 1)
    day, counted = start, 0
    while True:
        if is_working_day(day, declared):
            counted += 1
            if counted == days:
                return day
        day += dt.timedelta(days=1)


def length(start: dt.date, end: dt.date, unit: str, declared: Declared | None = None) -> int:
    """How many units a posted period covers, both ends included."""
    if end < start:
        return 0
    if unit != "working_days":
        return (end - start).days + 1
    return sum(1 for n in range((end - start).days + 1) if is_working_day(start + dt.timedelta(days=n), declared))
