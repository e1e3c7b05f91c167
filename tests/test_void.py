"""Issue 13, item 9: `fourtwo canvass void` corrects a visit by an appended row; history is kept."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import cli
from test_canvass import canvass_workspace

from fourtwo.model.visitfile import load_visits


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


def test_recording_an_earlier_dated_opinion_after_a_later_one_says_it_does_not_count(tmp_path: Path) -> None:
    project = canvass_workspace(tmp_path)
    assert cli("canvass", "record", project, "1-1-101", "反对", "--date", "2024-04-10").exit_code == 0
    result = cli("canvass", "record", project, "1-1-101", "同意", "--date", "2024-04-09")
    assert result.exit_code == 0 and "warning FT517" in result.stderr and "row 2" in result.stderr and "canvass void" in result.stderr
    assert visited(project) == (1, {"agree": 0, "oppose": 1, "abstain": 0})
    quiet = cli("canvass", "record", project, "1-1-101", "同意", "--date", "2024-04-11")
    assert quiet.exit_code == 0 and "FT517" not in quiet.stderr


def test_a_meeting_dated_before_the_last_visit_names_that_visit(tmp_path: Path) -> None:
    project = canvass_workspace(tmp_path)
    for n, household in enumerate(("1-1-101", "1-1-201", "1-1-301", "1-1-401", "1-1-501", "2-1-101", "2-1-201", "2-1-301")):
        assert cli("canvass", "record", project, household, "同意", "--date", f"2024-04-1{n % 3}").exit_code == 0
    assert cli("canvass", "record", project, "2-1-401", "同意", "--date", "2024-04-25").exit_code == 0  # a wrong date
    refused = cli("review", "assembly", project, "--members", "30", "--present", "25", "--for", "20", "--date", "2024-04-20")
    assert refused.exit_code == 1 and "FT407" in refused.stderr
    assert "the visit of 2-1-401, canvass.csv line 10" in refused.stderr and "fourtwo canvass void" in refused.stderr
    assert cli("canvass", "void", project, "2-1-401", "--date", "2024-04-25", "--reason", "日期记错").exit_code == 0
    assert cli("review", "assembly", project, "--members", "30", "--present", "25", "--for", "20", "--date", "2024-04-20").exit_code == 0
