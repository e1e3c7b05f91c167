"""Issue 13, item 9: `fourtwo canvass void` corrects a visit by an appended row; history is kept."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import cli
from test_canvass import canvass_workspace

from fourtwo.model.visit import load_visits


def visited(project: Path) -> tuple[int, dict[str, int]]:
    result = cli("canvass", "coverage", project, "--format", "json")
    data = json.loads(result.stdout)
    return data["visited"], data["opinions"]


def test_void_cancels_the_visits_of_that_day_and_keeps_the_rows(tmp_path: Path) -> None:
    project = canvass_workspace(tmp_path)
    for household, opinion in (("1-1-101", "反对"), ("1-1-201", "同意")):
        assert cli("canvass", "record", project, household, opinion, "--by", "w", "--date", "2024-04-10").exit_code == 0
    assert visited(project) == (2, {"agree": 1, "oppose": 1, "abstain": 0})
    result = cli("canvass", "void", project, "1-1-101", "--date", "2024-04-10", "--reason", "记错了户号", "--by", "w")
    assert result.exit_code == 0 and "voided 1 visit" in result.stdout, result.output
    lines = (project / "canvass.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 4 and lines[-1] == "1-1-101,void,w,2024-04-10,in_person,记错了户号"
    assert visited(project) == (1, {"agree": 1, "oppose": 0, "abstain": 0})
    assert cli("check", tmp_path).exit_code == 0
    # a visit recorded after the void, that same day, counts
    assert cli("canvass", "record", project, "1-1-101", "同意", "--date", "2024-04-10").exit_code == 0
    assert visited(project) == (2, {"agree": 2, "oppose": 0, "abstain": 0})
    visits, findings = load_visits(project / "canvass.csv")
    assert [v.row for v in visits] == [3, 5] and not findings


def test_void_refuses_what_it_cannot_do(tmp_path: Path) -> None:
    project = canvass_workspace(tmp_path)
    assert cli("canvass", "record", project, "1-1-101", "同意", "--date", "2024-04-10").exit_code == 0
    before = (project / "canvass.csv").read_bytes()
    nothing = cli("canvass", "void", project, "1-1-101", "--date", "2024-04-11", "--reason", "x")
    assert nothing.exit_code == 2 and "FT515" in nothing.stderr and "2024-04-10" in nothing.stderr
    assert cli("canvass", "void", project, "1-1-101", "--date", "2024-04-10", "--reason", " ").exit_code == 2
    as_opinion = cli("canvass", "record", project, "1-1-101", "void", "--date", "2024-04-10")
    assert as_opinion.exit_code == 2 and "canvass void" in as_opinion.stderr
    assert (project / "canvass.csv").read_bytes() == before


def test_a_hand_written_void_row_that_cancels_nothing_is_a_warning(tmp_path: Path) -> None:
    project = canvass_workspace(tmp_path)
    (project / "canvass.csv").write_text("household,opinion,by,date,channel,note\n1-1-101,作废,w,2024-04-10,,写错\n", encoding="utf-8")
    result = cli("check", tmp_path)
    assert "canvass.csv:2:1: warning FT516" in result.output
