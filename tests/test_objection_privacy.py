"""An objection's text and its answer are free text a resident gives: a full phone, ID or bank
card number in them is masked when recorded (as a correction's history masks it), and one
written into project.yaml by hand is reported by `check`, for notices print objections."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import cli

CARD = "6222021234567890128"  # passes the cards' checksum


def _objections(project: Path) -> list[dict[str, object]]:
    data = yaml.safe_load((project / "project.yaml").read_text(encoding="utf-8"))
    return list(data["objections"])


@pytest.mark.parametrize(
    ("text", "full", "shown"),
    [
        ("请回电13912345678商量", "13912345678", "139****5678"),
        ("身份证110101199003071234", "110101199003071234", "110101********1234"),
        ("补偿款打到银行卡" + CARD, CARD, "622202*********0128"),
        ("身份证11010119900307123X（末位抄错）", "11010119900307123X", "110101********123X"),
    ],
)
def test_a_personal_number_in_an_objection_is_masked_when_recorded_and_said(beiyuan: Path, text: str, full: str, shown: str) -> None:
    assert cli("publish", beiyuan, "决议", "--date", "2024-04-28", "--format", "txt").exit_code == 0
    result = cli("object", beiyuan, "--text", text, "--date", "2024-04-29")
    assert result.exit_code == 0, result.output
    written = (beiyuan / "project.yaml").read_text(encoding="utf-8")
    assert full not in written and full not in result.output
    assert shown in _objections(beiyuan)[0]["text"]  # type: ignore[operator]
    assert "FT664" in result.output and shown[:3] in result.output  # said, not done silently
    answered = cli("object", beiyuan, "--answer", "1", "--text", f"已回电{full[:0]}13812345678", "--date", "2024-04-30")
    assert answered.exit_code == 0 and "13812345678" not in (beiyuan / "project.yaml").read_text(encoding="utf-8")
    assert "FT663" not in cli("check", beiyuan.parent.parent).stdout


def test_the_hotline_in_an_objection_stays_as_written(beiyuan: Path) -> None:
    assert cli("publish", beiyuan, "决议", "--date", "2024-04-28", "--format", "txt").exit_code == 0
    result = cli("object", beiyuan, "--text", "打过0951-6012345没人接", "--date", "2024-04-29")
    assert result.exit_code == 0 and "FT663" not in result.output
    assert _objections(beiyuan)[0]["text"] == "打过0951-6012345没人接"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_check_reports_a_personal_number_written_into_an_objection_by_hand(beiyuan: Path, lang: str) -> None:
    record = beiyuan / "project.yaml"
    record.write_text(
        record.read_text(encoding="utf-8")
        + f"objections:\n  - number: 1\n    date: 2024-04-29\n    text: 卡号 {CARD[:4]} {CARD[4:8]} {CARD[8:12]} {CARD[12:16]} {CARD[16:]}\n"
        "    answer: 请拨13812345678\n    answered: 2024-04-30\n",
        encoding="utf-8",
    )
    check = cli("check", beiyuan.parent.parent, "--lang", lang)
    lines = [line for line in check.stdout.splitlines() if "FT663" in line]
    assert len(lines) == 2, check.stdout  # a warning, as a register in git is: publishing refuses the notice itself
    assert "project.yaml:" in lines[0] and ("warning FT663" in lines[0] or "警告 FT663" in lines[0]), lines
    assert cli("check", beiyuan.parent.parent, "--strict").exit_code == 1
    assert CARD not in check.stdout and "13812345678" not in check.stdout
    assert "622****0128" in check.stdout and "138****5678" in check.stdout
