"""A posted notice's history: published again, superseded, added to, verified by the code it prints.

A notice stays as it was posted. What happens after it (a correction, a re-acceptance) is
either a later event recorded beside it, which leaves it true, or a corrected fact that a
later notice of the same step states, which makes it history; never a dead end.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, cli

TAQIAO = "projects/2024-taqiao-lane-hardening"


@pytest.fixture
def taqiao(tmp_path: Path) -> Path:
    """A copy of the 塔桥村 example: resolved by its representatives on 2024-03-22, nothing posted."""
    shutil.copytree(EXAMPLES / "taqiao", tmp_path / "taqiao")
    return tmp_path / "taqiao" / TAQIAO


def _steps(project: Path, step: str) -> list[dict[str, object]]:
    data = yaml.safe_load((project / "project.yaml").read_text(encoding="utf-8"))
    return [s for s in data["steps"] if s["step"] == step]


def _check(project: Path, *args: str) -> tuple[int, str]:
    result = cli("check", project.parent.parent, *args)
    return result.exit_code, result.stdout


def test_verify_takes_the_trace_code_a_notice_prints(taqiao: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    published = cli("publish", taqiao, "决议", "--date", "2024-03-26", "--format", "txt")
    assert published.exit_code == 0, published.output
    code = re.search(r"trace code ([0-9A-F]{4}-[0-9A-F]{4})", published.stdout).group(1)  # type: ignore[union-attr]
    assert code in (taqiao / "notices/2024-03-26-resolution.txt").read_text(encoding="utf-8")  # the code the paper prints
    monkeypatch.chdir(taqiao.parent.parent)
    for typed in (code, code.lower(), code.replace("-", "")):
        verified = cli("verify", typed)
        assert verified.exit_code == 0 and verified.stdout.startswith("matches:") and code in verified.stdout, (typed, verified.output)
    assert cli("verify", code, "--workspace", ".").exit_code == 0
    unknown = cli("verify", "0000-0000")
    assert unknown.exit_code == 2 and "0000-0000" in unknown.stderr and "No such file" not in unknown.stderr
    monkeypatch.chdir(taqiao.parent.parent.parent)
    assert cli("verify", code, "--workspace", "taqiao").exit_code == 0


def test_publishing_a_notice_already_posted_adds_its_missing_formats_and_never_records_it_twice(taqiao: Path, tmp_path: Path) -> None:
    first = cli("publish", taqiao, "决议", "--date", "2024-03-26")
    assert first.exit_code == 0, first.output
    code = re.search(r"trace code ([0-9A-F]{4}-[0-9A-F]{4})", first.stdout).group(1)  # type: ignore[union-attr]
    for _ in range(3):
        again = cli("publish", taqiao, "决议", "--date", "2024-03-26")
        assert again.exit_code == 0 and "unchanged" in again.stdout and code in again.stdout, again.output
    assert len(_steps(taqiao, "resolution_notice")) == 1
    added = cli("publish", taqiao, "resolution", "--date", "2024-03-26", "--format", "txt", "--format", "html", "--out", tmp_path / "print")
    assert added.exit_code == 0, added.output
    (record,) = _steps(taqiao, "resolution_notice")
    assert record["files"] == ["notices/2024-03-26-resolution.html", "notices/2024-03-26-resolution.txt"]
    assert len(record["file_digests"]) == 2  # type: ignore[arg-type]
    assert sorted(p.name for p in (taqiao / "notices").iterdir()) == [
        "2024-03-26-resolution.facts.json",
        "2024-03-26-resolution.html",
        "2024-03-26-resolution.txt",
    ]
    assert sorted(p.name for p in (tmp_path / "print").iterdir()) == ["2024-03-26-resolution.html", "2024-03-26-resolution.txt"]
    assert cli("verify", taqiao / "notices/2024-03-26-resolution.txt").exit_code == 0
    assert _check(taqiao, "--strict") == (0, _check(taqiao)[1])
    other_day = cli("publish", taqiao, "决议", "--date", "2024-03-27", "--format", "txt", "--again", "重新张贴")  # posted again on another day, for a reason
    assert other_day.exit_code == 0 and len(_steps(taqiao, "resolution_notice")) == 2


def test_a_notice_stating_nothing_new_is_not_posted_again_unless_a_reason_is_given(taqiao: Path) -> None:
    """Another day, the same facts: nothing is recorded or written (exit 0, said so); a changed
    fact, or --again with a reason, posts a new notice."""
    assert cli("publish", taqiao, "决议", "--date", "2024-03-26", "--format", "txt").exit_code == 0
    before = {p.name: p.read_bytes() for p in taqiao.rglob("*") if p.is_file()}
    for day, fmt in (("2024-03-28", "txt"), ("2024-04-02", "html"), ("2024-03-26", "txt")):
        again = cli("publish", taqiao, "决议", "--date", day, "--format", fmt)
        assert again.exit_code == 0 and "2024-03-26" in again.stdout and "wrote" not in again.stdout, again.output
        assert {p.name: p.read_bytes() for p in taqiao.rglob("*") if p.is_file()} == before, day
    zh = cli("publish", taqiao, "决议", "--date", "2024-03-28", "--format", "txt", "--lang", "zh")
    assert zh.exit_code == 0 and "未变" in zh.stdout and "--again" in zh.stdout, zh.output
    forced = cli("publish", taqiao, "决议", "--date", "2024-03-28", "--format", "txt", "--again", "原公示被撕毁，重新张贴")
    assert forced.exit_code == 0, forced.output
    assert [s.get("note") for s in _steps(taqiao, "resolution_notice")] == [None, "原公示被撕毁，重新张贴"]
    fixed = cli("correct", "project", taqiao, "--matter", "硬化村内巷道1.2公里", "--reason", "按决议原文更正")
    assert fixed.exit_code == 0, fixed.output
    changed = cli("publish", taqiao, "决议", "--date", "2024-03-29", "--format", "txt")
    assert changed.exit_code == 0, changed.output
    assert len(_steps(taqiao, "resolution_notice")) == 3


def test_a_notice_recorded_twice_by_an_older_fourtwo_is_reported_as_one(taqiao: Path) -> None:
    assert cli("publish", taqiao, "决议", "--date", "2024-03-26", "--format", "txt").exit_code == 0
    text = (taqiao / "project.yaml").read_text(encoding="utf-8")
    record = text[text.index("  - step: resolution_notice") :]
    copy = record.replace("2024-03-26-resolution.", "2024-03-26-resolution-2.")
    (taqiao / "project.yaml").write_text(text + copy, encoding="utf-8")
    for name in ("txt", "facts.json"):
        shutil.copy(taqiao / f"notices/2024-03-26-resolution.{name}", taqiao / f"notices/2024-03-26-resolution-2.{name}")
    code, output = _check(taqiao, "--strict")
    assert code == 0 and "FT619" in output and "notices/2024-03-26-resolution.txt" in output, output


def _done(taqiao: Path) -> None:
    """Resolution posted 2024-03-26, the work done 2024-06-28 and accepted, its result posted 2024-07-01."""
    assert cli("publish", taqiao, "决议", "--date", "2024-03-26", "--format", "txt").exit_code == 0
    work = ["--started", "2024-05-06", "--completed", "2024-06-28", "--cost", "280000", "--acceptance", "合格", "--accepted-on", "2024-06-30"]
    assert cli("implement", taqiao, *work).exit_code == 0
    assert cli("publish", taqiao, "结果", "--date", "2024-07-01", "--format", "txt").exit_code == 0


def test_publish_never_writes_a_notice_check_calls_out_of_order(taqiao: Path, tmp_path: Path) -> None:
    """One rule for both: whatever publish accepts, check finds in order; a progress notice after
    the work is done is refused, naming the step it would come after."""
    _done(taqiao)
    assert _check(taqiao)[0] == 0
    refused = cli("publish", taqiao, "实施过程", "--date", "2024-08-01", "--milestones", "完工", "--format", "txt")
    assert refused.exit_code == 1 and "2024-06-28" in refused.stderr, refused.output
    assert len(_steps(taqiao, "progress_notice")) == 0 and _check(taqiao)[0] == 0
    workspace = taqiao.parent.parent
    for kind in ("决议", "实施过程", "结果"):
        for day in ("2024-03-27", "2024-06-01", "2024-06-29", "2024-07-02", "2024-08-01"):
            trial = tmp_path / f"{kind}-{day}"
            shutil.copytree(workspace, trial)
            project = trial / TAQIAO
            published = cli("publish", project, kind, "--date", day, "--milestones", "路基完成", "--format", "txt")
            code, output = _check(project)
            if published.exit_code == 0:
                assert code == 0, (kind, day, output)
            else:
                assert (project / "project.yaml").read_bytes() == (taqiao / "project.yaml").read_bytes(), (kind, day)


def test_a_notice_superseded_after_a_correction_is_history_and_the_correction_is_shown(taqiao: Path) -> None:
    """A meeting's date and place corrected: the notice stating the date differs (FT650) until a
    new one is posted; then the first is superseded, reported by verify as such, never by check."""
    assert cli("publish", taqiao, "决议", "--date", "2024-03-26", "--format", "txt").exit_code == 0
    for option, value in (("--place", "塔桥村村委会二楼会议室"), ("--date", "2024-03-21")):
        fixed = cli("correct", "meeting", taqiao, "村民代表会议", option, value, "--reason", "按签到表核对")
        assert fixed.exit_code == 0, fixed.output
    code, output = _check(taqiao)
    assert code == 1 and "FT650" in output and "2024-03-21" in output, output
    shown = cli("show", taqiao, "--lang", "en")
    assert "塔桥村党群服务中心 → 塔桥村村委会二楼会议室" in shown.stdout and "2024-03-22 → 2024-03-21" in shown.stdout, shown.stdout
    assert "按签到表核对" in shown.stdout
    assert cli("publish", taqiao, "决议", "--date", "2024-03-27", "--format", "txt").exit_code == 0
    code, output = _check(taqiao, "--strict")
    assert code == 0 and "FT650" not in output and "FT801" not in output, output
    old = cli("verify", taqiao / "notices/2024-03-26-resolution.txt", "--lang", "en")
    assert old.exit_code == 0 and "superseded" in old.stdout and "changed" not in old.stdout and "2024-03-27" in old.stdout, old.output
    assert cli("verify", taqiao / "notices/2024-03-27-resolution.txt").exit_code == 0


def test_a_result_notice_before_the_acceptance_it_states_is_refused_and_found(taqiao: Path) -> None:
    assert cli("publish", taqiao, "决议", "--date", "2024-03-26", "--format", "txt").exit_code == 0
    work = ["--started", "2024-05-06", "--completed", "2024-06-28", "--cost", "280000", "--acceptance", "合格", "--accepted-on", "2024-06-30"]
    assert cli("implement", taqiao, *work).exit_code == 0
    before = (taqiao / "project.yaml").read_bytes()
    early = cli("publish", taqiao, "结果", "--date", "2024-06-29", "--format", "txt", "--lang", "zh")
    assert early.exit_code == 1 and "FT633" in early.stderr and "验收" in early.stderr and "--date 2024-06-30" in early.stderr, early.output
    assert (taqiao / "project.yaml").read_bytes() == before and not (taqiao / "notices/2024-06-29-result.txt").exists()
    assert cli("publish", taqiao, "结果", "--date", "2024-06-30", "--format", "txt").exit_code == 0
    moved = cli("correct", "implementation", taqiao, "--accepted-on", "2024-07-02", "--reason", "复核验收单")
    assert moved.exit_code == 0, moved.output
    code, output = _check(taqiao)
    assert code == 1 and "FT633" in output and "project.yaml:" in output, output


def test_a_first_notice_after_a_later_step_is_refused_naming_that_step_in_chinese(taqiao: Path) -> None:
    _done(taqiao)
    refused = cli("publish", taqiao, "实施过程", "--date", "2024-07-05", "--milestones", "完工", "--format", "txt", "--lang", "zh")
    assert refused.exit_code == 1 and "FT634" in refused.stderr and "组织实施" in refused.stderr and "2024-06-28" in refused.stderr, refused.output
    assert "'implementation'" not in refused.stderr and "“implementation”" not in refused.stderr
    again = cli("publish", taqiao, "决议", "--date", "2024-07-05", "--format", "txt", "--again", "原公示损毁")  # a re-post moves no step
    assert again.exit_code == 0, again.output
    assert _check(taqiao, "--strict")[0] == 0


@pytest.mark.parametrize(
    ("counts", "code", "values"),
    [
        ({"present": "42"}, "FT403", {"--members": "41", "--present": "35"}),  # 实到 more than 应到
        ({"against": "3"}, "FT404", {"--for": "33", "--against": "1", "--abstain": "1"}),  # votes beyond those present
    ],
)
def test_a_count_that_cannot_be_true_names_the_command_that_corrects_it_and_that_command_works(
    taqiao: Path, counts: dict[str, str], code: str, values: dict[str, str]
) -> None:
    text = (taqiao / "project.yaml").read_text(encoding="utf-8")
    head, assembly = text.split("  - step: assembly\n", 1)
    for key, value in counts.items():
        assembly = re.sub(rf"(?m)^    {key}: \d+$", f"    {key}: {value}", assembly, count=1)
    (taqiao / "project.yaml").write_text(head + "  - step: assembly\n" + assembly, encoding="utf-8")
    result = cli("check", taqiao.parent.parent, "--format", "json")
    found = [f for f in json.loads(result.stdout)["findings"] if f["code"] == code]
    assert found, result.stdout
    hint = found[0]["hint"]
    command = re.search(r"fourtwo (correct meeting .*--reason …)", hint)
    assert command is not None, hint
    words = command.group(1).split()
    typed = [values.get(words[n - 1], "核对签到表") if w == "…" else w for n, w in enumerate(words)]
    assert all(w != "…" for w in typed)
    fixed = cli(*typed)
    assert fixed.exit_code == 0, (typed, fixed.output)
    assert _check(taqiao)[0] == 0
