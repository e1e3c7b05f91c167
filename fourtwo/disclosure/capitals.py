"""Amounts in Chinese capitals (大写金额), as 会计基础工作规范 第五十二条 writes them.

- 人民币 stands before the capitals with no space (第三项: 货币名称与金额数字之间不得留有空白).
- An amount that ends at 元 or 角 is closed with 整; one with 分 is not (第二项).
- A 零 is written for every run of zeros between two non-zero digits of the figure, yuan,
  角 and 分 together, one 零 however long the run (第四项): 1005 壹仟零伍元整,
  10050 壹万零伍拾元整, 107000.53 壹拾万零柒仟元零伍角叁分, 100.05 壹佰元零伍分.
  Where 第四项 leaves the 零 optional (元位 is 0 and 角 is not) it is written: the
  第四项's own first example (壹仟陆佰捌拾元零叁角贰分) does, and one rule is easier to
  hold to than a choice.
- 拾 keeps its digit at the front (壹拾万元整, never 拾万元整), as amounts in capitals
  always do, so no character can be added before the first one.

Amounts run to 13 digits of yuan (files.values.MAX_AMOUNT): above 亿 the count of 亿 is
written as a number below 10^5 (壹万贰仟亿).
"""

from __future__ import annotations

import functools
from decimal import Decimal

from fourtwo.files.values import MAX_AMOUNT

DIGITS = "零壹贰叁肆伍陆柒捌玖"
_PLACES = ("", "拾", "佰", "仟")


def _tokens(yuan: int, jiao: int, fen: int) -> list[tuple[int, str, str]]:
    """(digit, its place word, the group word closing after it) for every digit, yuan first.
    A group word (万, 亿, 元) is written only if a digit of its group is not zero; it
    stands after the group's last digit even when that digit is zero (壹拾万零伍元)."""
    text = str(yuan) if yuan else ""
    tokens = []
    for i, d in enumerate(text):
        place = len(text) - 1 - i
        group = ""
        if place == 0:
            group = "元"
        elif place == 8:  # the first digit is at or above it: there are 亿
            group = "亿"
        elif place in (4, 12) and text[max(0, i - 3) : i + 1].strip("0"):
            group = "万"
        tokens.append((int(d), _PLACES[place % 4], group))
    return [*tokens, (jiao, "角", ""), (fen, "分", "")]


@functools.lru_cache(maxsize=1024)  # a pure function of the amount: a budget is written on every notice of its project
def capitals(value: Decimal) -> str:
    """人民币 and the amount in capitals: Decimal("183260.50") -> 人民币壹拾捌万叁仟贰佰陆拾元零伍角整."""
    if value < 0 or value > MAX_AMOUNT or value != value.quantize(Decimal("0.01")):
        raise ValueError(f"not an amount in yuan and fen up to {MAX_AMOUNT}: {value}")
    yuan, cents = divmod(int(value * 100), 100)
    jiao, fen = divmod(cents, 10)
    out: list[str] = []
    pending_zero = False  # a run of zeros after a non-zero digit: one 零 if a non-zero digit follows
    for digit, place, group in _tokens(yuan, jiao, fen):
        if digit:
            out.append("零" * pending_zero + DIGITS[digit] + place + group)
            pending_zero = False
        else:
            pending_zero = any(out)  # zeros before the first digit are not between two
            out.append(group)
    return "人民币" + ("".join(out) or "零元") + ("" if fen else "整")
