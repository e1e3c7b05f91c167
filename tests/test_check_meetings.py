"""`fourtwo check` judges every recorded meeting, in place, naming the rule, basis and figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import cli, write_tree
from test_review import VILLAGE

HEAD = "id: p\ntitle: t\nprocedure: village\nsteps:\n"


def meeting(step: str, date: str, members: int, present: int, votes: int, extra: str = "") -> str:
    return f"  - step: {step}\n    date: {date}\n    members: {members}\n    present: {present}\n    for: {votes}\n{extra}"


def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, steps: str, workspace: str = VILLAGE, files: dict[str, str] | None = None) -> tuple[int, list[str]]:
    write_tree(tmp_path, {"fourtwo.yaml": workspace, "projects/p/project.yaml": HEAD + steps, **(files or {})})
    monkeypatch.chdir(tmp_path)
    result = cli("check")
    return result.exit_code, [line for line in result.stdout.splitlines() if ": error " in line or ": warning " in line]


def test_quorum_and_majority_findings_are_located_with_basis(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    steps = meeting("branch", "2024-03-01", 5, 5, 5) + meeting("committee", "2024-03-02", 9, 8, 8) + meeting("members", "2024-03-03", 40, 19, 19)
    code, lines = run(tmp_path, monkeypatch, steps)
    assert code == 1
    assert lines == [
        "projects/p/project.yaml:18:14: error FT401 members (党员大会审议): quorum not reached: present 19 of 40 members; "
        "needs at least 1/2 (20) — 中国共产党支部工作条例（试行）第十一条：“表决必须有半数以上有表决权的党员到会方可进行”",
        "projects/p/project.yaml:19:10: error FT402 members (党员大会审议): not passed: for 19 of 40 members; "
        "needs more than 1/2 (21) — 中国共产党支部工作条例（试行）第十一条：赞成人数超过应到会有表决权的党员的半数为通过",
    ]


def test_inconsistent_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    steps = meeting("branch", "2024-03-01", 5, 6, 5) + meeting("committee", "2024-03-02", 9, 8, 6, "    against: 2\n    abstain: 1\n")
    _, lines = run(tmp_path, monkeypatch, steps)
    assert lines[0].startswith("projects/p/project.yaml:8:14: error FT403 'present' (6) is more than 'members' (5)")
    assert lines[1].startswith("projects/p/project.yaml:14:10: error FT404 votes cast (6 + 2 + 1 = 9) are more than those present (8)")


def test_missing_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, lines = run(tmp_path, monkeypatch, "  - step: branch\n    date: 2024-03-01\n    members: 5\n")
    assert [line.split(": error ")[1][:5] for line in lines] == ["FT408", "FT408"]
    assert "'present'" in lines[0] and "'for'" in lines[1]


def test_order_dates_and_failed_steps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    steps = (
        meeting("branch", "2024-03-05", 5, 5, 5)
        + meeting("committee", "2024-03-01", 9, 3, 3, "    result: failed\n")
        + meeting("assembly", "2024-03-10", 41, 35, 33)
    )
    code, lines = run(tmp_path, monkeypatch, steps)
    assert code == 1
    text = "\n".join(lines)
    assert "project.yaml:10:11: error FT407 'committee' is dated 2024-03-01, before 'branch' on 2024-03-05" in text
    assert "project.yaml:16:11: error FT406 'assembly' comes after 'committee', which failed on 2024-03-01" in text
    assert "project.yaml:16:11: error FT405 'assembly' comes after 'members', which is not recorded" in text
    assert "FT401" not in text  # the failed meeting is kept as such: a fact, not an error


def test_typed_result_is_compared_with_the_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, lines = run(tmp_path, monkeypatch, meeting("branch", "2024-03-01", 5, 5, 5, "    result: 未通过\n"))
    assert lines == ["projects/p/project.yaml:10:13: error FT409 'result: failed' contradicts the counts, which say passed"]


def test_repeated_passing_record_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, lines = run(tmp_path, monkeypatch, meeting("branch", "2024-03-01", 5, 5, 5) + meeting("branch", "2024-03-02", 5, 5, 5))
    assert code == 0 and lines == ["projects/p/project.yaml:10:11: warning FT411 'branch' is recorded again after it passed on 2024-03-01"]


def test_merge_needs_one_person_in_both_posts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    steps = meeting("committee", "2024-03-01", 9, 8, 8, "    merges: [branch]\n    merged: [{step: branch, members: 5, present: 5, for: 5}]\n")
    code, lines = run(tmp_path, monkeypatch, steps, workspace=VILLAGE.replace("director: 王永", "director: 李四"))
    assert code == 1 and len(lines) == 1
    assert lines[0].startswith("projects/p/project.yaml:10:13: error FT410 'committee' merges 'branch', but fourtwo.yaml does not record 一肩挑")
    code, lines = run(tmp_path / "ok", monkeypatch, steps)
    assert code == 0 and lines == []


def test_forms_and_minutes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    steps = (
        meeting("branch", "2024-03-01", 5, 5, 5, "    minutes: minutes/branch.pdf\n")
        + meeting("committee", "2024-03-02", 9, 8, 8, "    minutes: minutes/missing.pdf\n")
        + meeting("members", "2024-03-03", 40, 30, 28)
        + meeting("assembly", "2024-03-04", 1000, 400, 390, "    form: villagers\n    households: 300\n    households_present: 200\n")
    )
    code, lines = run(tmp_path, monkeypatch, steps, files={"projects/p/minutes/branch.pdf": "%PDF"})
    assert code == 1 and lines == ["projects/p/project.yaml:16:14: error FT412 minutes file not found: minutes/missing.pdf"]


def test_either_of_quorum_fails_when_neither_holds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    steps = (
        meeting("branch", "2024-03-01", 5, 5, 5)
        + meeting("committee", "2024-03-02", 9, 8, 8)
        + meeting("members", "2024-03-03", 40, 30, 28)
        + meeting("assembly", "2024-03-04", 1000, 500, 390, "    form: villagers\n    households: 300\n    households_present: 199\n")
    )
    _, lines = run(tmp_path, monkeypatch, steps)
    assert len(lines) == 1 and "FT401 assembly (村民会议): quorum not reached: present 500 of 1000 members; households present 199 of 300" in lines[0]


STRICT = """\
id: village-strict
name: 村级“四议两公开”（本镇要求）
kind: village
extends: village
steps:
  - id: members
    rules: party_general_meeting_two_thirds
  - id: assembly
    forms:
      - id: representatives
        name: 村民代表会议
        rules:
          - id: quorum
            name: 到会代表
            stage: quorum
            all_of: [{count: present, of: members, at_least: 2/3}]
            basis: 村民委员会组织法(2018) 第二十六条
          - id: passing
            name: 表决通过
            stage: passing
            all_of: [{count: for, of: members, more_than: 1/2}]
            basis: 本镇规定：经全体村民代表过半数同意
"""


def test_a_stricter_profile_in_procedures_needs_no_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    steps = (
        meeting("branch", "2024-03-01", 5, 5, 5)
        + meeting("committee", "2024-03-02", 9, 8, 8)
        + meeting("members", "2024-03-03", 45, 29, 28)
        + meeting("assembly", "2024-03-04", 45, 30, 22)
    )
    write_tree(tmp_path, {"procedures/strict.yaml": STRICT})
    code, _lines = run(tmp_path, monkeypatch, steps)
    assert code == 0  # under the statutory rules all of this passes
    (tmp_path / "projects/p/project.yaml").write_text(HEAD.replace("procedure: village", "procedure: village-strict") + steps, encoding="utf-8")
    result = cli("check")
    found = [line for line in result.stdout.splitlines() if ": error " in line]
    assert result.exit_code == 1 and len(found) == 3
    assert "FT401 members (党员大会审议): quorum not reached: present 29 of 45 members; needs at least 2/3 (30)" in found[0]
    assert "FT406 'assembly' comes after 'members', which failed on 2024-03-03" in found[1]
    assert "FT402 assembly (村民代表会议): not passed: for 22 of 45 members; needs more than 1/2 (23) — 本镇规定" in found[2]


def test_broken_profiles_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = STRICT.replace("extends: village", "extends: town").replace("party_general_meeting_two_thirds", "nonsense")
    code, lines = run(tmp_path, monkeypatch, meeting("branch", "2024-03-01", 5, 5, 5), files={"procedures/strict.yaml": bad})
    assert code == 1 and any("FT415 procedure 'village-strict': extends 'town'" in line for line in lines)
    bad = STRICT.replace("party_general_meeting_two_thirds", "nonsense").replace("at_least: 2/3}", "at_least: 2/3, more_than: 1/2}")
    code, lines = run(tmp_path / "b", monkeypatch, meeting("branch", "2024-03-01", 5, 5, 5), files={"procedures/strict.yaml": bad})
    text = "\n".join(lines)
    assert "no rule set 'nonsense'" in text and "exactly one of at_least or more_than" in text


def test_procedure_rule_mistakes_are_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    both = "id: both\nname: 两者\nkind: community\nextends: village\nsteps:\n  - id: assembly\n    rules: villagers_representatives_all_members\n"
    bare = "id: bare\nname: 无规则\nkind: village\nsteps:\n  - {id: branch, kind: meeting, name: 党支部提议}\n"
    code, lines = run(tmp_path, monkeypatch, meeting("branch", "2024-03-01", 5, 5, 5), files={"procedures/both.yaml": both, "procedures/bare.yaml": bare})
    text = "\n".join(lines)
    assert code == 1
    assert "procedures/both.yaml:3:7: error FT415 procedure 'both': is for a community but extends 'village'" in text
    assert "procedures/both.yaml:7:12: error FT415 step 'assembly': has forms, each with its rules" in text
    assert "procedures/bare.yaml:5:5: error FT415 meeting step 'branch': has no rules" in text
