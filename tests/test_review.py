"""`fourtwo review`: records what the rules allow, refuses the rest, and changes nothing then."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, cli, write_tree

GOLDEN = REPO / "tests" / "golden"

VILLAGE = """\
organisation:
  name: 塔桥村
  kind: village
party_organisation:
  name: 中共塔桥村支部委员会
  secretary: 王永
committee:
  name: 塔桥村村民委员会
  director: 王永
notice:
  hotline: 0951-6000000
  posting_place: 塔桥村村务公开栏
"""

COMMENTED = """\
# yaml-language-server: $schema=../../.fourtwo/project.schema.json
# 塔桥村 2024 年村内道路硬化：手工记录，注释请保留。
id: road
title: 村内道路硬化      # 公示标题用
procedure: village

budget:
  amount: 98000          # 元，村集体收入
  funding: 村集体收入

steps:                   # 按时间顺序记录
  # 第一步：支委会提议
  - step: branch
    date: 2024-03-01
    place: 村委会议室
    members: 5           # 支委 5 人
    present: 5
    for: 5
    # 会议记录存村档案室

# 以下为备注
contractor: ""           # 施工单位未定
"""


@pytest.fixture
def village(tmp_path: Path) -> Path:
    write_tree(tmp_path, {"fourtwo.yaml": VILLAGE, "projects/road/project.yaml": COMMENTED})
    return tmp_path / "projects/road"


def review(project: Path, step: str, *args: str) -> object:
    return cli("review", step, project, *args)


def test_three_reviews_keep_every_comment_golden(village: Path) -> None:
    steps = [
        ("committee", "--members", "9", "--present", "8", "--for", "8", "--date", "2024-03-05", "--place", "村委会议室"),
        ("members", "--members", "40", "--present", "30", "--for", "28", "--against", "1", "--abstain", "1", "--date", "2024-03-12"),
        (
            "assembly",
            "--form",
            "villagers",
            "--members",
            "1200",
            "--present",
            "420",
            "--households",
            "380",
            "--households-present",
            "260",
            "--for",
            "400",
            "--against",
            "12",
            "--abstain",
            "8",
            "--date",
            "2024-03-25",
            "--note",
            "按户代表计到会",
        ),
    ]
    for step, *args in steps:
        result = review(village, step, *args)
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith(f"recorded {step} (")
    text = (village / "project.yaml").read_text(encoding="utf-8")
    for line in COMMENTED.splitlines():
        if "#" in line:
            assert line in text.splitlines()
    assert text == (GOLDEN / "review_three.yaml").read_text(encoding="utf-8")
    check = cli("check", village.parent.parent)
    assert check.exit_code == 0 and "No problems found" in check.stdout


def _unchanged(village: Path, *args: str) -> object:
    before = (village / "project.yaml").read_bytes()
    result = cli(*args)
    assert (village / "project.yaml").read_bytes() == before
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("committee", "--members", "-1", "--present", "1", "--for", "1"), "-1"),
        (("committee", "--members", "9", "--present", "8", "--for", "9"), "FT404"),
        (("committee", "--members", "9", "--present", "10", "--for", "5"), "FT403"),
        (("committee", "--members", "9", "--present", "8", "--for", "5", "--abstain", "4"), "FT404"),
        (("council", "--members", "9", "--present", "8", "--for", "8"), "FT414"),
        (("resolution_notice", "--members", "9", "--present", "8", "--for", "8"), "FT414"),
        (("committee", "--members", "9", "--present", "8", "--for", "8", "--date", "2024-02-30"), "FT905"),
        (("committee", "--members", "9", "--present", "8", "--for", "8", "--date", "next week"), "FT905"),
        (("assembly", "--form", "town", "--members", "9", "--present", "8", "--for", "8"), "FT413"),
        (("committee", "--members", "99999999999", "--present", "8", "--for", "8"), "99999999999"),
    ],
)
def test_bad_input_exits_2_and_changes_nothing(village: Path, args: tuple[str, ...], needle: str) -> None:
    step, *rest = args
    result = _unchanged(village, "review", step, village, *rest)
    assert result.exit_code == 2, result.output
    assert needle in result.output


def test_unknown_project_exits_2(village: Path) -> None:
    result = _unchanged(village, "review", "committee", village.parent / "nope", "--members", "9", "--present", "8", "--for", "8")
    assert result.exit_code == 2 and "FT901" in result.stderr


def test_quorum_not_reached_is_refused_with_rule_and_figures(village: Path) -> None:
    result = _unchanged(village, "review", "committee", village, "--members", "9", "--present", "4", "--for", "4", "--date", "2024-03-05")
    assert result.exit_code == 1
    assert "FT401 committee (两委商议): quorum not reached: present 4 of 9 members; needs more than 1/2 (5)" in result.stderr
    assert "--record-failed" in result.stderr


def test_record_failed_keeps_the_failed_meeting_and_blocks_the_next_step(village: Path) -> None:
    failed = review(village, "committee", "--members", "9", "--present", "4", "--for", "4", "--date", "2024-03-05", "--record-failed")
    assert failed.exit_code == 1 and "FAILED, kept as a failed meeting" in failed.stdout
    assert "result: failed" in (village / "project.yaml").read_text(encoding="utf-8")
    assert cli("check", village).exit_code == 0  # a failed meeting kept as such is a fact
    blocked = _unchanged(village, "review", "members", village, "--members", "40", "--present", "30", "--for", "28", "--date", "2024-03-12")
    assert blocked.exit_code == 1 and "FT406" in blocked.stderr and "failed on 2024-03-05" in blocked.stderr
    again = review(village, "committee", "--members", "9", "--present", "6", "--for", "6", "--date", "2024-03-08")
    assert again.exit_code == 0
    assert review(village, "members", "--members", "40", "--present", "30", "--for", "28", "--date", "2024-03-12").exit_code == 0


def test_party_meeting_majority_counts_the_entitled(village: Path) -> None:
    review(village, "committee", "--members", "9", "--present", "8", "--for", "8", "--date", "2024-03-05")
    result = _unchanged(village, "review", "members", village, "--members", "40", "--present", "30", "--for", "20", "--date", "2024-03-12")
    assert result.exit_code == 1
    assert "not passed: for 20 of 40 members; needs more than 1/2 (21)" in result.stderr


def test_out_of_order_and_earlier_date_are_refused(village: Path) -> None:
    skipped = _unchanged(village, "review", "members", village, "--members", "40", "--present", "30", "--for", "28")
    assert skipped.exit_code == 1 and "FT405" in skipped.stderr and "'committee'" in skipped.stderr
    early = _unchanged(village, "review", "committee", village, "--members", "9", "--present", "8", "--for", "8", "--date", "2024-02-28")
    assert early.exit_code == 1 and "FT407" in early.stderr and "2024-03-01" in early.stderr
    again = _unchanged(village, "review", "branch", village, "--members", "5", "--present", "5", "--for", "5", "--date", "2024-03-02")
    assert again.exit_code == 1 and "FT417" in again.stderr


def test_a_step_before_one_already_recorded_is_refused(village: Path) -> None:
    text = COMMENTED.replace("present: 5\n    for: 5\n", "present: 2\n    for: 2\n    result: failed\n")  # the branch meeting failed...
    text += "  - step: committee\n    date: 2024-03-05\n    members: 9\n    present: 8\n    for: 8\n"  # ...yet someone went on
    (village / "project.yaml").write_text(text.replace('contractor: ""           # 施工单位未定\n', ""), encoding="utf-8")
    assert "FT406" in cli("check", village).stdout
    result = _unchanged(village, "review", "branch", village, "--members", "5", "--present", "5", "--for", "5", "--date", "2024-03-06")
    assert result.exit_code == 1 and "FT416" in result.stderr and "'committee', which comes after it" in result.stderr


def test_a_merged_step_counts_as_recorded(village: Path) -> None:
    (village / "project.yaml").write_text(
        COMMENTED.split("steps:")[0] + "steps:\n  - step: committee\n    date: 2024-03-02\n    members: 9\n    present: 8\n    for: 8\n    merges: [branch]\n",
        encoding="utf-8",
    )
    # 一肩挑 without the 支委's own counts: the branch cannot be judged (FT419), so nothing may follow it.
    assert "FT419" in cli("check", village).stdout
    assert review(village, "members", "--members", "40", "--present", "30", "--for", "28", "--date", "2024-03-12").exit_code == 1
    text = (village / "project.yaml").read_text(encoding="utf-8") + "    merged: [{step: branch, members: 5, present: 5, for: 5}]\n"
    (village / "project.yaml").write_text(text, encoding="utf-8")
    assert review(village, "members", "--members", "40", "--present", "30", "--for", "28", "--date", "2024-03-12").exit_code == 0
    assert cli("check", village).exit_code == 0


def test_merge_only_with_one_person_in_both_posts(village: Path, tmp_path: Path) -> None:
    (village / "project.yaml").write_text(COMMENTED.split("steps:")[0] + "steps: []\n", encoding="utf-8")
    no_counts = review(village, "committee", "--merges", "branch", "--members", "9", "--present", "8", "--for", "8", "--date", "2024-03-05")
    assert no_counts.exit_code == 2 and "--merged-members" in no_counts.stderr
    merged = ("--merged-members", "5", "--merged-present", "5", "--merged-for", "5")
    ok = review(village, "committee", "--merges", "branch", "--members", "9", "--present", "6", "--for", "6", "--date", "2024-03-05", *merged)
    assert ok.exit_code == 0, ok.output
    text = (village / "project.yaml").read_text(encoding="utf-8")
    assert "merges: [branch]\n    merged: [{step: branch, members: 5, present: 5, for: 5}]" in text
    assert cli("check", village).exit_code == 0

    ws = tmp_path / "other"
    write_tree(
        ws, {"fourtwo.yaml": VILLAGE.replace("director: 王永", "director: 李四"), "projects/road/project.yaml": COMMENTED.split("steps:")[0] + "steps: []\n"}
    )
    project = ws / "projects/road"
    refused = _unchanged(project, "review", "committee", project, "--merges", "branch", "--members", "9", "--present", "8", "--for", "8", *merged)
    assert refused.exit_code == 1 and "一肩挑" in refused.stderr
    wrong = _unchanged(project, "review", "members", project, "--merges", "branch", "--members", "9", "--present", "8", "--for", "8", *merged)
    assert wrong.exit_code == 1 and "does not allow" in wrong.stderr


def test_a_project_with_errors_is_fixed_by_hand_first(village: Path) -> None:
    (village / "project.yaml").write_text(COMMENTED.replace("present: 5", "present: five"), encoding="utf-8")
    result = _unchanged(village, "review", "committee", village, "--members", "9", "--present", "8", "--for", "8")
    assert result.exit_code == 2 and "FT102" in result.stderr


def test_a_held_lock_makes_the_command_wait_then_refuse(village: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from filelock import FileLock

    import fourtwo.files.atomic

    monkeypatch.setattr(fourtwo.files.atomic, "LOCK_TIMEOUT", 0.2)
    with FileLock(village / ".fourtwo.lock"):
        result = _unchanged(village, "review", "committee", village, "--members", "9", "--present", "8", "--for", "8", "--date", "2024-03-05")
    assert result.exit_code == 2 and "FT910" in result.stderr
    assert review(village, "committee", "--members", "9", "--present", "8", "--for", "8", "--date", "2024-03-05").exit_code == 0


def test_two_processes_recording_at_once_both_land(tmp_path: Path) -> None:
    """Two processes record the same step at once: the lock serialises them; one records, the other refuses."""
    import subprocess
    import sys

    write_tree(tmp_path, {"fourtwo.yaml": VILLAGE, "projects/road/project.yaml": COMMENTED})
    project = tmp_path / "projects/road"
    base = [sys.executable, "-m", "fourtwo", "review", "committee", str(project), "--members", "9", "--present", "8", "--for", "8"]
    procs = [subprocess.Popen([*base, "--date", f"2024-03-0{d}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for d in (5, 6)]
    codes = sorted(p.wait(timeout=60) for p in procs)
    for p in procs:
        p.communicate()  # and close the pipes
    text = (project / "project.yaml").read_text(encoding="utf-8")
    assert codes == [0, 1]  # one records it; the other then finds it already passed and refuses
    assert text.count("- step: committee") == 1


def test_a_broken_local_procedure_blocks_commands(tmp_path: Path) -> None:
    typo = "id: strict\nname: 严格\nkind: village\nextends: village\nsteps:\n  - id: branch\n    rules: party_branch_comittee\n"
    write_tree(
        tmp_path, {"fourtwo.yaml": VILLAGE, "procedures/strict.yaml": typo, "projects/road/project.yaml": "id: road\ntitle: t\nprocedure: strict\nsteps: []\n"}
    )
    project = tmp_path / "projects/road"
    check = cli("check", tmp_path)
    assert "procedures/strict.yaml:7:12: error FT415 step 'branch': no rule set 'party_branch_comittee'" in check.stdout.replace(str(tmp_path) + "/", "")
    result = _unchanged(project, "review", "branch", project, "--members", "5", "--present", "0", "--for", "0")
    assert result.exit_code == 2 and "FT415" in result.stderr


def test_a_record_with_missing_counts_blocks_the_next_command(village: Path) -> None:
    (village / "project.yaml").write_text(COMMENTED.replace("    for: 5\n", ""), encoding="utf-8")
    result = _unchanged(village, "review", "committee", village, "--members", "9", "--present", "8", "--for", "8", "--date", "2024-03-05")
    assert result.exit_code == 1 and "FT418" in result.stderr


def test_nothing_of_nothing_never_passes(village: Path) -> None:
    result = _unchanged(village, "review", "committee", village, "--members", "0", "--present", "0", "--for", "0", "--date", "2024-03-05")
    assert result.exit_code == 1 and "FT401" in result.stderr


def test_a_meeting_in_the_future_is_refused(village: Path) -> None:
    result = _unchanged(village, "review", "committee", village, "--members", "9", "--present", "8", "--for", "8", "--date", "2099-01-01")
    assert result.exit_code == 2 and "FT905" in result.stderr


def test_an_either_of_refusal_shows_what_was_counted(village: Path) -> None:
    review(village, "committee", "--members", "9", "--present", "8", "--for", "8", "--date", "2024-03-05")
    review(village, "members", "--members", "40", "--present", "30", "--for", "28", "--date", "2024-03-12")
    result = _unchanged(village, "review", "assembly", village, "--form", "villagers", "--members", "4", "--present", "2", "--for", "2", "--date", "2024-03-20")
    assert "present 2 of 4 members; needs more than 1/2 (3)" in result.stderr and "not recorded: households" in result.stderr


def test_a_merged_branch_is_judged_on_its_own_members(village: Path) -> None:
    """一肩挑: 6 of 9 at the joint meeting passes the two committees, but 2 of 5 支委 present fails the branch's own quorum."""
    (village / "project.yaml").write_text(COMMENTED.split("steps:")[0] + "steps: []\n", encoding="utf-8")
    merged = ("--merged-members", "5", "--merged-present", "2", "--merged-for", "2")
    refused = _unchanged(
        village, "review", "committee", village, "--merges", "branch", "--members", "9", "--present", "6", "--for", "6", "--date", "2024-03-05", *merged
    )
    assert refused.exit_code == 1 and "FT401 branch (党支部提议): quorum not reached: present 2 of 5 members" in refused.stderr
    (village / "project.yaml").write_text(
        COMMENTED.split("steps:")[0]
        + "steps:\n  - {step: committee, date: 2024-03-05, members: 9, present: 6, for: 6, merges: [branch], merged: [{step: branch, members: 5, present: 2, for: 2}]}\n",
        encoding="utf-8",
    )
    check = cli("check", village)
    assert "FT401 branch (党支部提议): quorum not reached: present 2 of 5 members" in check.stdout


def test_ft417_ft418_and_ft419_name_commands_that_work_as_written(village: Path) -> None:
    """Each hint's command, run as shown with its … filled, does what it says: no dead end."""
    from hinted import run_hint

    again = review(village, "branch", "--members", "5", "--present", "5", "--for", "5", "--date", "2024-03-02")
    assert again.exit_code == 1 and "FT417" in again.stderr  # type: ignore[attr-defined]
    done = run_hint(again.stderr, "correct meeting", present="4", reason="签到表核对", **{"for": "4"})  # type: ignore[attr-defined]
    assert done.exit_code == 0 and "present: 5 → 4" in done.stdout, done.output
    (village / "project.yaml").write_text(COMMENTED.replace("    for: 5\n", ""), encoding="utf-8")
    blocked = review(village, "committee", "--members", "9", "--present", "8", "--for", "8", "--date", "2024-03-05")
    assert blocked.exit_code == 1 and "FT418" in blocked.stderr  # type: ignore[attr-defined]
    done = run_hint(blocked.stderr, "correct meeting", members="5", present="5", reason="补记表决", **{"for": "5"})  # type: ignore[attr-defined]
    assert done.exit_code == 0, done.output
    assert review(village, "committee", "--members", "9", "--present", "8", "--for", "8", "--date", "2024-03-05").exit_code == 0  # type: ignore[attr-defined]
    (village / "project.yaml").write_text(
        COMMENTED.split("steps:")[0] + "steps:\n  - step: committee\n    date: 2024-03-02\n    members: 9\n    present: 8\n    for: 8\n    merges: [branch]\n",
        encoding="utf-8",
    )
    check = cli("check", village)
    assert check.exit_code == 1 and "FT419" in check.stdout, check.output
    done = run_hint(check.stdout.split("FT419", 1)[1], "correct withdraw", reason="未记支委会人数")
    assert done.exit_code == 0, done.output
    merged = ("--merges", "branch", "--merged-members", "5", "--merged-present", "5", "--merged-for", "5")
    assert review(village, "committee", "--members", "9", "--present", "8", "--for", "8", "--date", "2024-03-02", *merged).exit_code == 0  # type: ignore[attr-defined]
    assert cli("check", village).exit_code == 0
