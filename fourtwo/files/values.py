"""Values as people write them, read in one place for the files and the command line alike:
dates (ISO, 2024年3月22日, 2024/3/22 as Excel writes them) and exact amounts (yuan and
fen, or m²; never a float). Words with a fixed meaning (opinions, channels, the
acceptance verdict) are read by their own specs' `parse`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal

from fourtwo.i18n import T, Text

_DATE_RE = re.compile(r"^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?(?:[ T]00:00(?::00)?)?$")
_SERIAL_RE = re.compile(r"^(\d{5})(?:\.0+)?$")  # an Excel date serial number, as a date cell without its format shows
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 is 1900-01-01, counting Excel's 1900-02-29
_MONEY_RE = re.compile(r"^\d+(\.\d{1,2})?$")
MAX_AMOUNT = Decimal("9999999999999.99")  # 13 digits of yuan: capitals up to 万亿 (disclosure/capitals.py)


def parse_date(text: str) -> dt.date | None:
    """A date as people type it: year first (2024-04-10, 2024-4-10, 2024/4/10, 2024.4.10,
    2024年4月10日, full-width digits), or an Excel serial number (45392); None when it is
    not a real date, or not one from FIRST_DAY to LAST_DAY. Day-first and two-digit years
    are ambiguous and not read."""
    return _read_date(text)[0]


def date_problem(text: str) -> Text:
    """Why `text` is not a date, for the message that refuses it."""
    return _read_date(text)[1]


def date_out_of_range(text: str) -> bool:
    """Is `text` a real day outside FIRST_DAY..LAST_DAY (a typo for a year, as a rule)?"""
    return _read_date(text)[2]


# The days a record of this method can be dated: none before the People's Republic, and none so
# far ahead that adding a notice period to it leaves the calendar (9999-12-28 + 7 days).
FIRST_DAY = dt.date(1949, 1, 1)
LAST_DAY = dt.date(2099, 12, 31)


def _read_date(text: str) -> tuple[dt.date | None, Text, bool]:
    cleaned = unicodedata.normalize("NFKC", text).strip()
    match = _DATE_RE.match(cleaned)
    try:
        if match:
            day = dt.date(int(match[1]), int(match[2]), int(match[3]))
        elif (serial := _SERIAL_RE.match(cleaned)) and 2 <= int(serial[1]) <= 2958465:
            day = _EXCEL_EPOCH + dt.timedelta(days=int(serial[1]))
        else:
            return None, T("write the year first: 2024-04-10, 2024/4/10 or 2024年4月10日"), False
    except ValueError:
        return None, T("there is no such day: check the month and the day"), False
    if not FIRST_DAY <= day <= LAST_DAY:
        return None, T("write a date from {first} to {last}: is the year a typo?", first=FIRST_DAY.year, last=LAST_DAY.year), True
    return day, _NO_PROBLEM, False


_NO_PROBLEM = T("")


# Ids as the eye reads them: NFKC turns full-width digits and letters (１-２-３) into
# ASCII; dashes of every width are a hyphen; spaces around are not part of an id. What
# cannot be seen cannot be normalised safely (a zero-width space, a direction mark): it is reported.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"))
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def normal_id(text: str) -> str:
    """An id as it reads: NFKC, every dash a hyphen, no surrounding spaces."""
    return text.strip() if text.isascii() else unicodedata.normalize("NFKC", text).translate(_DASHES).strip()


# The words a clerk writes after a building, a unit and a room number: 3号楼-2单元-501室 is 3-2-501.
# Only after a number or a letter: 东楼 is a building's name, 3号楼 is building 3.
_BUILDING = re.compile(r"(?<=[0-9A-Za-z])(号楼|号|栋|幢|座|楼)$")
_UNIT = re.compile(r"(?<=[0-9A-Za-z])(单元|门|号)$")
_ROOM = re.compile(r"(?<=[0-9A-Za-z])(室|号|房)$")
_SPELT_OUT = re.compile(r"^(?P<b>[^-]*?[0-9A-Za-z])(?:号楼|栋|幢|座)(?:(?P<u>[^-]*?[0-9A-Za-z])单元)?(?P<r>[^-]*?[0-9A-Za-z])(?:室|号|房)?$")


def household_id(text: str) -> str:
    """A household's id as every file and command reads it (normal_id), with the words after its
    building, unit and room dropped, so one household is one id however its parts are spelt:
    3号楼-2单元-501室, 3栋2单元501 and 3-2-501 are 3-2-501. Applied wherever an id is read (a
    register, canvass.csv, a sheet, project.yaml, the command line), so an id kept in the old
    spelling still names its household."""
    hid = normal_id(text)
    if hid.isascii():
        return hid
    parts = hid.split("-")
    if len(parts) == 1 and (whole := _SPELT_OUT.match(hid)):
        parts = [p for p in whole.group("b", "u", "r") if p]
    if len(parts) not in (2, 3):
        return hid  # not building-unit-room: kept as written
    trims = (_BUILDING, _UNIT, _ROOM) if len(parts) == 3 else (_BUILDING, _ROOM)
    return "-".join(trim.sub("", part.strip()) for trim, part in zip(trims, parts, strict=True))


# Characters no record holds: C0 controls but tab and line breaks, DEL, and the C1 controls
# (U+009B is a terminal's CSI): printed, they move the cursor, retitle the window, ring a bell.
CONTROL_IN_CELL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")  # in YAML or typed: no carriage return but before a line feed


def control_in(text: str, pattern: re.Pattern[str] = CONTROL_IN_TEXT) -> str:
    """'U+001B' for the first control character in `text`, '' when it holds none (checked in C first)."""
    found = pattern.search(text) if not text.isprintable() else None
    return f"U+{ord(found.group()):04X}" if found else ""


def invisible_in(text: str) -> str | Text:
    """'' or where an invisible character sits in `text`, e.g. 'U+200B at character 4'."""
    found = _INVISIBLE.search(text)
    return T("U+{code} at character {n}", code=f"{ord(found[0]):04X}", n=found.start() + 1) if found else ""


def visible(text: str) -> bool:
    """Does `text` hold anything a reader can see (not only spaces, zero-width or control characters)?"""
    return any(not c.isspace() and unicodedata.category(c) not in _UNSEEN for c in text)


_UNSEEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})


# The day "today" is where the committee sits: a server in UTC must not record yesterday's
# date in a Chinese morning, nor refuse today's as the future. China keeps UTC+8 all year.
DEFAULT_TIMEZONE = "Asia/Shanghai"


def today(zone: str = DEFAULT_TIMEZONE) -> dt.date:
    """Today's date in the workspace's time zone (UTC+8 when the zone is unknown to this machine)."""
    try:
        from zoneinfo import ZoneInfo

        return dt.datetime.now(ZoneInfo(zone)).date()
    except (KeyError, ValueError, OSError, ImportError):
        return dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date()


def parse_amount(text: str) -> Decimal | None:
    """An exact amount as people write it (186,000.50 or 186000.5); None when it is not one."""
    cleaned = text.strip().replace(",", "").replace("，", "")
    return Decimal(cleaned) if _MONEY_RE.match(cleaned) else None
