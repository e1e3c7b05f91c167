"""Issue 13 item 17 (rest): a second notice of a step dated before an earlier one is
refused by publish and reported by check, whichever notice kind it is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, cli

PROJECT = "projects/2024-taqiao-lane-hardening"


@pytest.fixture
def taqiao(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES / "taqiao", tmp_path / "taqiao")
    return tmp_path / "taqiao" / PROJECT


def test_publish_refuses_a_notice_dated_before_an_earlier_one(taqiao: Path) -> None:
    assert cli("publish", taqiao, "resolution", "--date", "2024-03-26", "--format", "txt").exit_code == 0
    before = (taqiao / "project.yaml").read_bytes()
    refused = cli("publish", taqiao, "resolution", "--date", "2024-03-25", "--format", "txt")
    assert refused.exit_code == 1, refused.output
    assert "FT640" in refused.output and "2024-03-26" in refused.output, refused.output
    assert (taqiao / "project.yaml").read_bytes() == before
    assert not (taqiao / "notices/2024-03-25-resolution.txt").exists()
    # the same day, or later, is that notice (nothing new is stated: nothing is recorded)
    assert cli("publish", taqiao, "resolution", "--date", "2024-03-26", "--format", "txt").exit_code == 0
    assert cli("publish", taqiao, "resolution", "--date", "2024-03-27", "--format", "txt").exit_code == 0


def test_check_reports_a_notice_dated_before_an_earlier_one(taqiao: Path) -> None:
    assert cli("publish", taqiao, "resolution", "--date", "2024-03-26", "--format", "txt").exit_code == 0
    assert cli("publish", taqiao, "resolution", "--date", "2024-03-28", "--format", "txt", "--again", "重新张贴").exit_code == 0
    text = (taqiao / "project.yaml").read_text(encoding="utf-8")
    assert text.count("date: 2024-03-28") == 1
    (taqiao / "project.yaml").write_text(text.replace("date: 2024-03-28", "date: 2024-03-24"), encoding="utf-8")
    checked = cli("check", taqiao.parent.parent)
    assert checked.exit_code == 1
    line = next(x for x in checked.stdout.splitlines() if "FT640" in x)
    assert "project.yaml:" in line and "2024-03-24" in line and "2024-03-26" in line, line
