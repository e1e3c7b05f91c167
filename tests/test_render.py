"""The filters residents' text goes through: dates, masking."""

from __future__ import annotations

import datetime as dt

from fourtwo.disclosure.privacy import (
    id_check_digit_ok,
    mask_id,
    mask_name,
    mask_phone,
    unmasked,
)
from fourtwo.render import cn_date


def test_chinese_dates() -> None:
    assert cn_date(dt.date(2024, 3, 22)) == "2024年3月22日" and cn_date("2024-12-05") == "2024年12月5日" and cn_date("") == ""


def test_masks() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert mask_id("11010519491231002X") == "110105********002X"
    assert mask_name("张三明") == "张*明" and mask_name("张三") == "张*" and mask_name("欧阳小明") == "欧**明"


def test_unmasked_numbers_are_found_but_not_lookalikes() -> None:
    assert id_check_digit_ok("11010519491231002X") and not id_check_digit_ok("110105194912310021")
    text = "电话13812345678，单号201234567890123456，身份证11010519491231002X，138****5678"
    assert [(what, value) for what, value, _ in unmasked(text)] == [("phone", "13812345678"), ("ID number", "11010519491231002X")]
    assert unmasked("热线13812345678", {"13812345678"}) == []


def test_numbers_are_found_however_they_are_written() -> None:
    for text in ("电话138-1234-5678", "电话138 1234 5678", "+8613812345678", "电话１３８１２３４５６７８"):
        assert [v for _, v, _ in unmasked(text)] == ["13812345678"], text
    assert [v for _, v, _ in unmasked("身份证110105 19491231 002X")] == ["11010519491231002X"]
    assert unmasked("核对日期1999-01-01\n10.0%") == []  # a line break ends a number: text notices are no longer wrapped
