"""先干后议 judged against the notice that makes the decision public, whatever the procedure calls
it (the resolution notice; in the seed's form, the progress notice that states the plan after the
canvass): implement, check and the office's report agree at the period's last day and the next."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import cli
from test_audit_notices import ALL_OPPOSED_BY_PHONE, _seed


def _posted(project: Path, kind: str, *args: str) -> str:
    """Publish; the last day of the notice's period."""
    result = cli("publish", project, *args, "--date", "2024-04-28", "--format", "txt")
    assert result.exit_code == 0, result.output
    return result.stdout.split(" to ")[1].split(";")[0]


def _flags(root: Path) -> set[str]:
    result = cli("report", root, "--date", "2024-08-01", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return {f["code"] for p in json.loads(result.stdout)["projects"] for f in p["flags"]}


def _next(day: str) -> str:
    import datetime as dt

    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


@pytest.mark.parametrize("form", ["seed", "representatives"])
def test_work_waits_for_the_decision_notices_period_in_every_form(form: str, tmp_path: Path, beiyuan: Path) -> None:
    if form == "seed":
        project, root, notice = _seed(tmp_path, ALL_OPPOSED_BY_PHONE), tmp_path, "progress_notice"
        last = _posted(project, "progress", "progress")
    else:
        project, root, notice = beiyuan, beiyuan.parents[1], "resolution_notice"
        last = _posted(project, "resolution")
    work = ("--completed", "2024-07-20", "--cost", "90000")
    refused = cli("implement", project, "--started", last, *work)
    assert refused.exit_code == 1 and "FT433" in refused.stderr, refused.output
    assert f"on or before the last day of the period of '{notice}' ({last})" in refused.stderr
    assert cli("implement", project, "--started", _next(last), *work).exit_code == 0
    assert cli("check", project).exit_code == 0
    assert "FT755" not in _flags(root)
    # the same start written by hand: check and the report both find it
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(text.replace(f"started: {_next(last)}", f"started: {last}"), encoding="utf-8")
    check = cli("check", project)
    assert check.exit_code == 1 and "FT433" in check.stdout, check.stdout
    assert "FT755" in _flags(root)


@pytest.mark.parametrize("form", ["seed", "representatives"])
def test_publish_refuses_a_notice_stating_work_that_check_finds_early(form: str, tmp_path: Path, beiyuan: Path) -> None:
    """A start written by hand inside the decision notice's period: check reports FT433 and the
    result notice that would state that work is refused with the same finding and its hint."""
    if form == "seed":
        project = _seed(tmp_path, ALL_OPPOSED_BY_PHONE)
        last = _posted(project, "progress", "progress")
    else:
        project = beiyuan
        last = _posted(project, "resolution")
    done = cli(
        "implement", project, "--started", _next(last), "--completed", "2024-07-20", "--cost", "90000", "--acceptance", "合格", "--accepted-on", "2024-07-20"
    )
    assert done.exit_code == 0, done.output
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(text.replace(f"started: {_next(last)}", f"started: {last}"), encoding="utf-8")
    assert "FT433" in cli("check", project).stdout
    refused = cli("publish", project, "result", "--date", "2024-07-22", "--format", "txt")
    assert refused.exit_code == 1 and "FT433" in refused.stderr and f"started on {last}" in refused.stderr, refused.output
    assert "fourtwo correct implementation" in refused.stderr and not list((project / "notices").glob("2024-07-22-*"))
    fixed = cli("correct", "implementation", project, "--started", _next(last), "--reason", "按施工日志更正")
    assert fixed.exit_code == 0, fixed.output
    assert cli("publish", project, "result", "--date", "2024-07-22", "--format", "txt").exit_code == 0
