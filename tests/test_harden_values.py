"""Bad values are located findings, never an internal error (exit 3): empty required values,
dates out of range, notes with line breaks, void rows without a reason, future visits."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, cli

PROJECT = "projects/2024-hongmeiyuan-activity-area"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    ws = tmp_path / "beiyuan"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    return ws


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EMPTIED = [
    ("title: 红梅园小区居民活动场地改造", "title:"),
    ("    date: 2024-03-22", "    date:"),
    ("    text: 希望保留部分车棚用于停放电动车，避免电动车停到楼道里。", "    text:"),
    ("  - number: 1", "  - number:"),
    ("  - step: branch ", "  - step: "),
    ("    members: 5", "    members:"),
    ("  register: households/hongmeiyuan.csv", "  register:"),
    ("id: 2024-hongmeiyuan-activity-area", "id:"),
    ("budget:\n  amount: 186452.60", "budget:\n  amount:"),
]


@pytest.mark.parametrize(("old", "new"), EMPTIED, ids=[n for _, n in EMPTIED])
def test_an_empty_value_is_a_finding_in_every_command(example: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str) -> None:
    file = example / PROJECT / "project.yaml"
    _edit(file, old, new)
    monkeypatch.chdir(example)
    for args in (["check"], ["status"], ["show", PROJECT], ["canvass", "coverage", PROJECT], ["site", ".", "--out", example.parent / "site"]):
        result = cli(*args)
        assert result.exit_code in (0, 1, 2), (args, result.output)
        assert "internal error" not in result.output and "Traceback" not in result.output, (args, result.output)
    check = cli("check")
    assert check.exit_code == 1 and "project.yaml:" in check.output, check.output


@pytest.mark.parametrize("day", ["9999-12-28", "2100-01-01", "1900-01-01", "1948-12-31", "73051"])
def test_a_date_out_of_range_is_refused_on_the_command_line(example: Path, day: str) -> None:
    before = (example / PROJECT / "project.yaml").read_bytes()
    result = cli("publish", example / PROJECT, "result", "--date", day)
    assert result.exit_code == 2 and "FT905" in result.output and "1949" in result.output, result.output
    assert (example / PROJECT / "project.yaml").read_bytes() == before


@pytest.mark.parametrize("day", ["9999-12-28", "2100-01-01", "1900-01-01"])
def test_a_date_out_of_range_in_a_file_is_located(example: Path, monkeypatch: pytest.MonkeyPatch, day: str) -> None:
    _edit(example / PROJECT / "project.yaml", "    date: 2024-03-22", f"    date: {day}")
    monkeypatch.chdir(example)
    result = cli("check")
    assert result.exit_code == 1 and f"project.yaml:34:11: error FT020 'steps[1].date' is outside the dates a record can have: {day}" in result.output, (
        result.output
    )
    for args in (["status"], ["show", PROJECT]):
        assert cli(*args).exit_code in (0, 1, 2)


def test_a_visit_dated_out_of_range_is_a_located_row(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open(example / PROJECT / "canvass.csv", "a", encoding="utf-8", newline="") as f:
        f.write("3-1-302,agree,李娟,9999-12-28,in_person,\r\n")
    monkeypatch.chdir(example)
    result = cli("check")
    assert result.exit_code == 1 and "FT501" in result.output and "9999-12-28" in result.output, result.output
