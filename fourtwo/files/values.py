"""Values as people write them, read in one place for the files and the command line alike:
dates (ISO, 2024年3月22日, 2024/3/22 as Excel writes them) and exact amounts (yuan and
fen, or m²; never a float). Words with a fixed meaning (opinions, channels, the
acceptance verdict) are read by their own specs' `parse`.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

_CN_DATE_RE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_SLASH_DATE_RE = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")  # as Excel writes dates in a Chinese locale
_MONEY_RE = re.compile(r"^\d+(\.\d{1,2})?$")
MAX_AMOUNT = Decimal("9999999999999.99")  # 13 digits of yuan: capitals up to 万亿 (disclosure/capitals.py)


def parse_date(text: str) -> dt.date | None:
    """ISO dates, the 2024年3月22日 form clerks type, and 2024/3/22 from Excel; None when not a real date."""
    match = _CN_DATE_RE.match(text) or _SLASH_DATE_RE.match(text)
    try:
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
    except ValueError:
        return None
    return None


def parse_amount(text: str) -> Decimal | None:
    """An exact amount as people write it (186,000.50 or 186000.5); None when it is not one."""
    cleaned = text.strip().replace(",", "").replace("，", "")
    return Decimal(cleaned) if _MONEY_RE.match(cleaned) else None
