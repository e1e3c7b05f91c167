"""Each hint that names a command, in the area of exclusions, publish, implement and correct:
a project put into the finding's state, the command the hint names run as shown, and the
finding gone (no dead end: a command that refuses what its own hint asked for)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import cli
from hinted import hinted_command, run_hint
from test_frozen_scope import _five, _resolve, left_out_by_status


def test_ft521_names_the_exclusion_command_for_those_households_and_it_works(tmp_path: Path) -> None:
    project = _five(tmp_path)
    left_out_by_status(tmp_path, project)
    refused = _resolve(project)
    assert refused.exit_code == 1 and "FT521" in refused.stderr  # type: ignore[attr-defined]
    assert f"fourtwo canvass exclude {project} 1-1-401 1-1-501 --reason" in refused.stderr  # type: ignore[attr-defined]
    done = run_hint(refused.stderr, "canvass exclude", reason="常年外出", date="2024-04-12")  # type: ignore[attr-defined]
    assert done.exit_code == 0, done.output
    assert "FT521" not in cli("check", project).stdout
    assert _resolve(project).exit_code == 0  # type: ignore[attr-defined]
    text = cli("publish", project, "--date", "2024-04-28", "--format", "txt")
    assert text.exit_code == 0, text.output
    notice = next((project / "notices").glob("*.txt")).read_text(encoding="utf-8")
    assert "常年外出" in notice and "2024年4月12日" in notice


def test_a_household_recorded_as_left_out_is_not_left_out_twice(tmp_path: Path) -> None:
    project = _five(tmp_path)
    left_out_by_status(tmp_path, project)
    assert cli("canvass", "exclude", project, "1-1-401", "--reason", "常年外出", "--date", "2024-04-12").exit_code == 0
    again = cli("canvass", "exclude", project, "1-1-401", "--reason", "空置", "--date", "2024-04-13")
    assert again.exit_code == 2 and "FT524" in again.stderr and "left out already (常年外出)" in again.stderr


def test_a_household_heard_is_not_left_out_unless_the_reason_is_said(tmp_path: Path) -> None:
    """1-1-101 said agree on 2024-04-10: leaving it out after takes its opinion out of the counts."""
    project = _five(tmp_path)
    before = (project / "project.yaml").read_bytes()
    refused = cli("canvass", "exclude", project, "1-1-101", "--reason", "常年外出", "--date", "2024-04-12")
    assert refused.exit_code == 1 and "FT620" in refused.stderr, refused.output
    assert "canvass.csv:2" in refused.stderr and "on 2024-04-10" in refused.stderr and (project / "project.yaml").read_bytes() == before
    done = run_hint(refused.stderr, "canvass exclude", reason="常年外出", although_heard="入户后已迁出，户籍注销")
    assert done.exit_code == 0, done.output
    assert "although_heard: 入户后已迁出，户籍注销" in (project / "project.yaml").read_text(encoding="utf-8")
    assert "FT620" not in cli("check", project).stdout


def test_check_finds_a_heard_household_left_out_by_hand(tmp_path: Path) -> None:
    project = _five(tmp_path)
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(text + "exclusions:\n  - {household: 1-1-201, reason: 空置, date: 2024-04-11}\n", encoding="utf-8")
    check = cli("check", project)
    assert check.exit_code == 1 and "FT620" in check.stdout and "'1-1-201' was heard" in check.stdout, check.stdout
    # never heard: no finding (1-1-401 had no visit)
    (project / "project.yaml").write_text(text + "exclusions:\n  - {household: 1-1-401, reason: 空置, date: 2024-04-09}\n", encoding="utf-8")
    assert "FT620" not in cli("check", project).stdout


def test_ft409_names_the_correct_meeting_command_and_it_sets_the_result(beiyuan: Path) -> None:
    text = (beiyuan / "project.yaml").read_text(encoding="utf-8")
    (beiyuan / "project.yaml").write_text(text.replace("    abstain: 1\n    result: passed\n", "    abstain: 1\n    result: failed\n", 1), encoding="utf-8")
    check = cli("check", beiyuan)
    assert check.exit_code == 1 and "FT409" in check.stdout, check.stdout
    done = run_hint(check.stdout, "correct meeting", reason="表决结果笔误")
    assert done.exit_code == 0, done.output
    assert "FT409" not in cli("check", beiyuan).stdout and "result: failed" not in (beiyuan / "project.yaml").read_text(encoding="utf-8")


def test_ft504_names_the_project_as_the_clerk_can_reach_it_from_where_they_are(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The register moved away: the hint's command, run from outside the workspace, names it again."""
    project = _five(tmp_path)
    (tmp_path / "households/r.csv").rename(tmp_path / "households/2024.csv")
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    for refused in (cli("canvass", "record", project, "1-1-401", "agree", "--date", "2024-04-11"), cli("canvass", "coverage", project)):
        assert refused.exit_code == 2 and "FT504" in refused.stderr, refused.output
    done = run_hint(refused.stderr, "correct project", households=str(tmp_path / "households/2024.csv"), reason="名册改名")
    assert done.exit_code == 0, done.output
    assert cli("canvass", "record", project, "1-1-401", "agree", "--date", "2024-04-11").exit_code == 0


def test_ft203_names_the_command_that_names_the_register_it_is(tmp_path: Path) -> None:
    project = _five(tmp_path)
    (tmp_path / "households/r.csv").rename(tmp_path / "households/2024.csv")
    check = cli("check", tmp_path)
    assert check.exit_code == 1 and "FT203" in check.stdout, check.stdout
    done = run_hint(check.stdout.split("FT203", 1)[1], "correct project", households=str(tmp_path / "households/2024.csv"), reason="名册改名")
    assert done.exit_code == 0, done.output
    assert cli("check", project).exit_code == 0


def _settings(ws: Path) -> str:
    return (ws / "fourtwo.yaml").read_text(encoding="utf-8")


def test_every_hint_to_set_the_workspace_names_the_workspace_so_it_runs_from_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A clerk in their home folder (or CI at the repository's root) runs the command the
    output names, as written: it sets the workspace it speaks of, not the current folder."""
    elsewhere = tmp_path / "home"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    ws = tmp_path / "ws"
    init = cli("init", ws, "--name", "北苑社区", "--kind", "community")
    assert init.exit_code == 0, init.output
    done = run_hint(init.stdout, "correct workspace", region="宁夏回族自治区银川市金凤区北京中路街道", secretary="王某", director="王某")
    assert done.exit_code == 0 and "北京中路街道" in _settings(ws), done.output
    new = run_hint(init.stdout, "new", title="活动场地改造")
    assert new.exit_code == 2 or new.exit_code == 0, new.output  # ID is the clerk's to choose: filled below
    new = cli(*[w if w != "ID" else "p" for w in hinted_command(init.stdout, "new", title="活动场地改造")])
    assert new.exit_code == 0 and (ws / "projects/p/project.yaml").is_file(), new.output
    check = cli("check", ws)
    assert "FT206" in check.stdout, check.output
    done = run_hint(check.stdout, "correct workspace")
    assert done.exit_code == 0 and "0951-6012345" in _settings(ws), done.output
    site = cli("site", ws)
    assert site.exit_code == 2 and "--site-folder" in site.stderr, site.output
    done = run_hint(site.stderr, "correct workspace", site_folder="../site")
    assert done.exit_code == 0 and "folder: ../site" in _settings(ws), done.output
    built = cli("site", ws)
    assert built.exit_code == 0 and "--site-url" in built.stdout, built.output
    done = run_hint(built.stdout, "correct workspace", site_url="https://beiyuan.example.org/board/")
    assert done.exit_code == 0 and "beiyuan.example.org" in _settings(ws), done.output


def test_a_review_found_failed_after_a_notice_names_no_command_that_is_refused(tmp_path: Path) -> None:
    """The 街道党工委 review corrected to a failure after the progress notice was posted: the
    hints do not send the clerk round in a circle (review → withdraw a notice → publish)."""
    import shutil

    from conftest import EXAMPLES

    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    project = ws / "projects/2024-hongmeiyuan-activity-area"
    assert cli("correct", "meeting", project, "街道党工委", "--present", "4", "--for", "4", "--reason", "签到表核对", "--on", "2026-01-05").exit_code == 1
    check = cli("check", ws, "--lang", "en")
    assert "FT406" in check.stdout, check.stdout
    hint = check.stdout.split("FT406", 1)[1].split("\n", 2)[1]
    assert "fourtwo review" not in hint and "fourtwo correct meeting" in hint and "new project" in hint, hint
    again = cli("review", "street", project, "--members", "9", "--present", "8", "--for", "8", "--date", "2024-04-10", "--lang", "en")
    assert again.exit_code == 1 and "FT416" in again.stderr and "correct withdraw" not in again.stderr, again.stderr
    done = run_hint(check.stdout.split("FT406", 1)[1], "correct meeting", present="8", reason="再次核对签到表", **{"for": "8"})
    assert done.exit_code == 0, done.output
    assert cli("check", ws).exit_code == 0
