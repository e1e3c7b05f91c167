"""Amounts in capitals follow 会计基础工作规范 第五十二条 (人民币, 整, 零), checked against a
parser and an oracle written here, independently of fourtwo.disclosure.capitals."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from fourtwo.disclosure.capitals import capitals
from fourtwo.files.values import MAX_AMOUNT

NUMERALS = {c: i for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
PLACES = {"拾": 10, "佰": 100, "仟": 1000}
MAX_FEN = int(MAX_AMOUNT * 100)


def parse(text: str) -> int:
    """Capitals back to fen, read as a person reads them: digits times their place, 万 and 亿
    multiplying what came before them in their group, 角 and 分 after 元."""
    assert text.startswith("人民币"), text
    body = text.removeprefix("人民币").removesuffix("整")
    assert re.fullmatch(r"[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分]+", body), text
    above_yi = wan = section = number = fen = 0
    yuan_done = False
    for ch in body:
        if ch in NUMERALS:
            assert number == 0 or ch == "零", f"two digits in a row in {text}"
            number = NUMERALS[ch]
        elif ch in PLACES:
            assert number, f"{ch} without its digit in {text}"
            section += number * PLACES[ch]
            number = 0
        elif ch == "万":
            wan += (section + number) * 10**4
            section = number = 0
        elif ch == "亿":
            above_yi = (above_yi + wan + section + number) * 10**8
            wan = section = number = 0
        elif ch == "元":
            fen += (above_yi + wan + section + number) * 100
            above_yi = wan = section = number = 0
            yuan_done = True
        elif ch == "角":
            fen += number * 10
            number = 0
        elif ch == "分":
            fen += number
            number = 0
    assert number == 0 and section == wan == above_yi == 0, f"digits left over in {text}"
    assert yuan_done or not re.search("[拾佰仟万亿]", body), text
    return fen


def digits_and_zeros(fen: int) -> str:
    """The oracle of 零: the figure's digits (yuan, 角, 分) without leading or trailing zeros,
    each run of zeros between two non-zero digits written as one 零."""
    figure = str(fen).zfill(3).lstrip("0").rstrip("0")
    return re.sub("0+", "零", figure).translate(str.maketrans("123456789", "壹贰叁肆伍陆柒捌玖"))


# Amounts with many zeros in them: the interesting cases for 零.
sparse = st.lists(st.tuples(st.integers(0, len(str(MAX_FEN)) - 1), st.integers(1, 9)), max_size=5).map(
    lambda places: min(MAX_FEN, sum(d * 10**p for p, d in dict(places).items()))
)


@given(st.one_of(st.integers(0, MAX_FEN), sparse, st.integers(0, 10**6)))
@example(0)
@example(MAX_FEN)
@example(100_00)  # 壹佰元整
def test_capitals_follow_the_rules(fen: int) -> None:
    value = Decimal(fen) / 100
    text = capitals(value)
    assert parse(text) == fen  # round trip
    body = text.removeprefix("人民币")
    # 整 after 元 or 角, never after 分
    assert text.endswith("分") == (fen % 10 != 0) and text.endswith("整") == (fen % 10 == 0)
    if fen == 0:
        assert text == "人民币零元整"
        return
    # 零: one for every run of zeros between non-zero digits, just before the next digit
    assert re.sub("[拾佰仟万亿元角分整]", "", body) == digits_and_zeros(fen)
    assert not body.startswith("拾") and "零零" not in body and not re.search("零[拾佰仟万亿元角分整]", body)
    assert ("元" in body) == (fen >= 100)


@pytest.mark.parametrize(
    ("figure", "words"),
    [
        ("183260.50", "人民币壹拾捌万叁仟贰佰陆拾元零伍角整"),
        ("1005", "人民币壹仟零伍元整"),
        ("10050", "人民币壹万零伍拾元整"),
        ("100000", "人民币壹拾万元整"),
        ("1680.32", "人民币壹仟陆佰捌拾元零叁角贰分"),  # 第五十二条's own example
        ("107000.53", "人民币壹拾万零柒仟元零伍角叁分"),
        ("100.05", "人民币壹佰元零伍分"),
        ("186452.60", "人民币壹拾捌万陆仟肆佰伍拾贰元陆角整"),
        ("0.50", "人民币伍角整"),
        ("0.05", "人民币伍分"),
        ("100000001", "人民币壹亿零壹元整"),
        ("1000010000000", "人民币壹万亿零壹仟万元整"),
    ],
)
def test_capitals_examples(figure: str, words: str) -> None:
    assert capitals(Decimal(figure)) == words


def test_capitals_refuse_what_is_not_an_amount() -> None:
    for bad in ("-1", "0.001", str(MAX_AMOUNT + 1)):
        with pytest.raises(ValueError):
            capitals(Decimal(bad))


def test_notice_amount_prints_renminbi_and_zheng() -> None:
    from fourtwo.disclosure.context import amount

    a = amount(Decimal("183260.5"))
    assert a is not None and a.capitals == "人民币壹拾捌万叁仟贰佰陆拾元零伍角整" and a.figures == "183,260.50元"
