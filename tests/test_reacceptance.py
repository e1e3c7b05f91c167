"""A re-acceptance (复验): after a failed acceptance and repair, `fourtwo implement --reaccepted`
records the second acceptance as a new fact beside the first; the result notice posted after it
states both, and the one posted before it stays true."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, cli

TAQIAO = "projects/2024-taqiao-lane-hardening"
WORK = ["--started", "2024-05-06", "--completed", "2024-06-28", "--cost", "280000", "--accepted-on", "2024-06-30"]


@pytest.fixture
def taqiao(tmp_path: Path) -> Path:
    """The 塔桥村 example, its resolution notice posted on 2024-03-26."""
    shutil.copytree(EXAMPLES / "taqiao", tmp_path / "taqiao")
    project = tmp_path / "taqiao" / TAQIAO
    assert cli("publish", project, "决议", "--date", "2024-03-26", "--format", "txt").exit_code == 0
    return project


def _failed(project: Path) -> None:
    done = cli("implement", project, *WORK, "--acceptance", "不合格", "--accepted-by", "镇建设办", "--next", "路面返工后复验")
    assert done.exit_code == 0, done.output


def _files(project: Path) -> dict[str, bytes]:
    return {str(p.relative_to(project)): p.read_bytes() for p in sorted(project.rglob("*")) if p.is_file()}


def test_a_re_acceptance_is_recorded_and_the_result_notice_states_both(taqiao: Path) -> None:
    _failed(taqiao)
    first = cli("publish", taqiao, "结果", "--date", "2024-07-01", "--format", "txt", "--disclose-problems")
    assert first.exit_code == 0, first.output
    again = cli("implement", taqiao, "--reaccepted", "2024-07-20", "--acceptance", "合格", "--accepted-by", "镇建设办", "--lang", "en")
    assert again.exit_code == 0, again.output
    assert "2024-07-20" in again.stdout and "2024-06-30" in again.stdout, again.stdout
    steps = [s for s in yaml.safe_load((taqiao / "project.yaml").read_text(encoding="utf-8"))["steps"] if s["step"] == "implementation"]
    assert [s.get("acceptance") for s in steps] == ["failed", "passed"] and str(steps[1]["accepted"]) == "2024-07-20"
    assert cli("check", taqiao.parent.parent).exit_code == 0  # the notice of 2024-07-01 stays true
    assert cli("verify", taqiao / "notices/2024-07-01-result.txt").exit_code == 0
    second = cli("publish", taqiao, "结果", "--date", "2024-07-22", "--format", "html,md,txt")
    assert second.exit_code == 0, second.output
    for suffix in ("html", "md", "txt"):
        text = (taqiao / f"notices/2024-07-22-result.{suffix}").read_text(encoding="utf-8")
        assert "复验合格" in text and "2024年7月20日" in text, (suffix, text)
        assert "验收不合格" in text and "2024年6月30日" in text, (suffix, text)  # the failed acceptance it follows
        assert "2024年6月28日" in text  # completed on the first record's day, not the re-acceptance's
    old = (taqiao / "notices/2024-07-01-result.txt").read_text(encoding="utf-8")
    assert "复验合格" not in old and "此前验收" not in old and "验收不合格" in old
    checked = cli("check", taqiao.parent.parent)
    assert checked.exit_code == 0 and "FT650" not in checked.stdout, checked.output


def test_a_re_acceptance_refused_changes_no_file_and_its_hint_works(taqiao: Path) -> None:
    before = _files(taqiao)
    nothing = cli("implement", taqiao, "--reaccepted", "2024-07-20", "--acceptance", "合格", "--lang", "en")
    assert nothing.exit_code == 1 and "FT635" in nothing.stderr and "fourtwo implement" in nothing.stderr and "--completed" in nothing.stderr, nothing.output
    assert _files(taqiao) == before
    assert cli("implement", taqiao, *WORK, "--acceptance", "合格").exit_code == 0
    before = _files(taqiao)
    passed = cli("implement", taqiao, "--reaccepted", "2024-07-20", "--acceptance", "合格", "--lang", "en")
    assert passed.exit_code == 1 and "FT635" in passed.stderr and "project.yaml:" in passed.stderr, passed.output
    assert "fourtwo correct implementation" in passed.stderr and "--acceptance failed" in passed.stderr
    assert _files(taqiao) == before
    assert cli("correct", "implementation", taqiao, "--acceptance", "failed", "--next", "返工", "--reason", "复核验收单").exit_code == 0
    before = _files(taqiao)
    early = cli("implement", taqiao, "--reaccepted", "2024-06-29", "--acceptance", "合格", "--lang", "en")
    assert early.exit_code == 1 and "FT635" in early.stderr and "project.yaml:" in early.stderr and "2024-06-30" in early.stderr, early.output
    assert "fourtwo implement" in early.stderr and "--reaccepted" in early.stderr
    assert _files(taqiao) == before
    mixed = cli("implement", taqiao, "--reaccepted", "2024-07-20", "--acceptance", "合格", "--completed", "2024-07-19")
    assert mixed.exit_code == 2 and "FT636" in mixed.stderr and _files(taqiao) == before, mixed.output
    unsaid = cli("implement", taqiao, "--reaccepted", "2024-07-20")
    assert unsaid.exit_code == 2 and "FT636" in unsaid.stderr and _files(taqiao) == before, unsaid.output
    done = cli("implement", taqiao, "--reaccepted", "2024-06-30", "--acceptance", "合格")  # on the failed one's day: allowed
    assert done.exit_code == 0, done.output


def test_implement_without_completion_or_cost_says_what_is_needed(taqiao: Path) -> None:
    before = _files(taqiao)
    for args in (["--cost", "280000"], ["--completed", "2024-06-28"]):
        result = cli("implement", taqiao, *args, "--lang", "en")
        assert result.exit_code == 2 and "FT636" in result.stderr and "--reaccepted" in result.stderr, result.output
    assert _files(taqiao) == before


def test_work_started_inside_the_period_is_still_found_after_a_re_acceptance(taqiao: Path) -> None:
    """The re-acceptance record has no start of its own: 先干后议 is judged on the work's record."""
    _failed(taqiao)
    assert cli("implement", taqiao, "--reaccepted", "2024-07-20", "--acceptance", "合格").exit_code == 0
    text = (taqiao / "project.yaml").read_text(encoding="utf-8")
    (taqiao / "project.yaml").write_text(text.replace("started: 2024-05-06", "started: 2024-03-27"), encoding="utf-8")
    checked = cli("check", taqiao.parent.parent)
    assert checked.exit_code == 1 and "FT433" in checked.stdout, checked.output


def test_a_result_notice_superseded_after_the_re_acceptance_no_longer_asks_for_what_is_done(taqiao: Path) -> None:
    """FT632 asks that what is done about a failed acceptance be recorded and published: once the
    re-acceptance's result notice is posted, the first is history and --strict passes."""
    _failed(taqiao)
    assert cli("publish", taqiao, "结果", "--date", "2024-07-01", "--format", "txt", "--disclose-problems").exit_code == 0
    before = cli("check", taqiao.parent.parent, "--strict")
    assert before.exit_code == 1 and "FT632" in before.stdout, before.output
    assert cli("implement", taqiao, "--reaccepted", "2024-07-20", "--acceptance", "合格", "--accepted-by", "镇建设办").exit_code == 0
    assert cli("publish", taqiao, "结果", "--date", "2024-07-22", "--format", "txt").exit_code == 0
    after = cli("check", taqiao.parent.parent, "--strict")
    assert after.exit_code == 0 and "FT632" not in after.stdout, after.output
