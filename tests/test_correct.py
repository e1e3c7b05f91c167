"""Every recorded fact is corrected by a command; the old value, the reason and the day stay in the record.

A clerk's corrections as they come: a wrong count on a meeting a notice already states, a
phone number in an objection's text, what happens after a failed acceptance, the project's
own text; each followed by the command its output names, with no file edited by hand.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml
from conftest import cli

from fourtwo.files.values import today
from fourtwo.findings.catalogue import MESSAGES


def _record(project: Path) -> dict[str, object]:
    data = yaml.safe_load((project / "project.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _steps(project: Path, step: str) -> list[dict[str, object]]:
    steps = _record(project)["steps"]
    assert isinstance(steps, list)
    return [s for s in steps if s["step"] == step]


def test_a_wrong_count_is_corrected_in_place_and_its_history_kept(beiyuan: Path) -> None:
    text = (beiyuan / "project.yaml").read_text(encoding="utf-8")
    marked = text.replace("    members: 5                # 支部委员会: 应到 5\n", "    members: 5   # 签到表见档案盒 3\n", 1)
    (beiyuan / "project.yaml").write_text(marked, encoding="utf-8")
    before = _steps(beiyuan, "branch")[-1]
    result = cli("correct", "meeting", beiyuan, "党支部", "--present", "4", "--for", "4", "--reason", "签到表核对后更正", "--on", "2024-04-27")
    assert result.exit_code == 0, result.output
    assert "present: 5 → 4" in result.stdout and "for: 5 → 4" in result.stdout
    after = _steps(beiyuan, "branch")[-1]
    assert (after["present"], after["for"], after["members"]) == (4, 4, before["members"])
    written = (beiyuan / "project.yaml").read_text(encoding="utf-8")
    assert "    members: 5   # 签到表见档案盒 3\n    present: 4\n" in written  # a person's comment survives
    history = _record(beiyuan)["corrections"]
    assert isinstance(history, list)
    assert [(h["key"], h["old"], h["new"]) for h in history] == [("present", "5", "4"), ("for", "5", "4")]
    assert all(h["step"] == "branch" and h["reason"] == "签到表核对后更正" and str(h["date"]) == "2024-04-27" for h in history)
    assert cli("check", beiyuan.parent.parent).exit_code == 0  # nothing was posted yet: nothing else changes


def test_a_correction_of_a_fact_on_a_posted_notice_names_the_notice_until_it_is_published_again(beiyuan: Path) -> None:
    assert cli("publish", beiyuan, "决议", "--date", "2024-04-28", "--format", "txt").exit_code == 0
    result = cli("correct", "meeting", beiyuan, "assembly", "--against", "2", "--abstain", "0", "--reason", "计票单复核", "--on", "2024-04-29")
    assert result.exit_code == 0, result.output
    assert "notices/2024-04-28-resolution.txt" in result.stdout and "fourtwo publish" in result.stdout
    assert _record(beiyuan)["corrections"][0]["notices"] == ["notices/2024-04-28-resolution.txt"]  # type: ignore[index]
    verdict = cli("verify", beiyuan / "notices/2024-04-28-resolution.txt", "--lang", "zh")  # the notice's verdict names the corrected fact
    assert verdict.exit_code == 1 and "张贴后的更正：" in verdict.stdout and "反对人数：1 → 2（计票单复核" in verdict.stdout, verdict.stdout
    check = cli("check", beiyuan.parent.parent, "--lang", "en")
    named = [line for line in check.stdout.splitlines() if "FT801" in line]
    assert named and "against: 1 → 2" in named[0] and "计票单复核" in named[0], check.stdout
    hint = check.stdout.split(named[0], 1)[1].splitlines()[1]
    command = shlex.split(hint[hint.index("fourtwo publish") :])
    assert command[:2] == ["fourtwo", "publish"]
    assert cli(*command[1:], "--date", "2024-04-29", "--format", "txt").exit_code == 0  # the command the hint names
    assert "FT801" not in cli("check", beiyuan.parent.parent).stdout


def test_a_phone_number_in_an_objection_is_taken_out_and_not_kept_in_the_history(beiyuan: Path) -> None:
    assert cli("publish", beiyuan, "决议", "--date", "2024-04-28", "--format", "txt").exit_code == 0
    assert cli("object", beiyuan, "--text", "车棚拆了电动车停哪？请回电13812345678", "--date", "2024-04-29").exit_code == 0
    result = cli("correct", "objection", beiyuan, "1", "--text", "车棚拆了电动车停哪？", "--reason", "删去个人电话", "--on", "2024-04-29")
    assert result.exit_code == 0, result.output
    written = (beiyuan / "project.yaml").read_text(encoding="utf-8")
    assert "13812345678" not in written and "13812345678" not in result.output
    history = _record(beiyuan)["corrections"][0]  # type: ignore[index]
    assert history["objection"] == 1 and history["key"] == "text" and "138****5678" in history["old"]
    assert _record(beiyuan)["objections"][0]["text"] == "车棚拆了电动车停哪？"  # type: ignore[index]


def test_after_a_failed_acceptance_what_comes_next_is_added_by_the_command_the_refusal_names(beiyuan: Path) -> None:
    assert cli("publish", beiyuan, "决议", "--date", "2024-04-28", "--format", "txt").exit_code == 0
    assert cli("implement", beiyuan, "--completed", "2024-07-20", "--cost", "183260.50", "--acceptance", "不合格").exit_code == 0
    refused = cli("publish", beiyuan, "result", "--date", "2024-07-22", "--format", "txt", "--disclose-problems")
    assert refused.exit_code == 1 and "FT631" in refused.stderr
    named = re.search(r"fourtwo (correct implementation .*?--next)", refused.stderr)
    assert named, refused.stderr
    again = cli("implement", beiyuan, "--completed", "2024-07-20", "--cost", "183260.50")
    assert again.exit_code == 1 and "fourtwo correct implementation" in again.stderr  # no dead end
    result = cli("correct", "implementation", beiyuan, "--next", "施工单位限期整改，整改后重新验收", "--reason", "验收后补记", "--on", "2024-07-21")
    assert result.exit_code == 0, result.output
    assert _steps(beiyuan, "implementation")[-1]["next_steps"] == "施工单位限期整改，整改后重新验收"
    assert cli("publish", beiyuan, "result", "--date", "2024-07-22", "--format", "txt", "--disclose-problems").exit_code == 0


def test_the_projects_text_and_a_section_it_lacks(beiyuan: Path) -> None:
    result = cli("correct", "project", beiyuan, "--place", "红梅园小区东门旧车棚", "--end", "2024-08-31", "--reason", "现场踏勘后更正", "--on", "2024-04-27")
    assert result.exit_code == 0, result.output
    data = _record(beiyuan)
    assert data["place"] == "红梅园小区东门旧车棚" and str(data["schedule"]["end"]) == "2024-08-31"  # type: ignore[index]
    keys = [h["key"] for h in data["corrections"]]  # type: ignore[union-attr]
    assert keys == ["place", "schedule.end"]


def test_a_correction_that_makes_a_meeting_fail_is_kept_and_says_so(beiyuan: Path) -> None:
    result = cli("correct", "meeting", beiyuan, "branch", "--present", "2", "--for", "2", "--reason", "实到 2 人", "--on", "2024-04-27")
    assert result.exit_code == 1, result.output
    assert "FAILED" in result.stdout
    assert _steps(beiyuan, "branch")[-1]["result"] == "failed"
    assert [h["key"] for h in _record(beiyuan)["corrections"]] == ["present", "for", "result"]  # type: ignore[union-attr]


def test_what_a_correction_cannot_do_is_refused_and_nothing_is_written(beiyuan: Path) -> None:
    before = (beiyuan / "project.yaml").read_bytes()
    cases = [
        (["meeting", beiyuan, "branch", "--present", "5", "--reason", "x"], "FT905"),  # the record already says so
        (["meeting", beiyuan, "branch", "--present", "6", "--reason", "x"], "FT403"),  # more present than members
        (["meeting", beiyuan, "branch", "--place", "活动室", "--reason", " "], "FT905"),  # no reason
        (["meeting", beiyuan, "branch", "--date", "2024-05-30", "--reason", "x"], "FT407"),  # after the step that follows it
        (["meeting", beiyuan, "branch", "--held", "2024-01-01", "--place", "活动室", "--reason", "x"], "FT905"),
        (["meeting", beiyuan, "canvass", "--place", "活动室", "--reason", "x"], "FT414"),
        (["implementation", beiyuan, "--cost", "1", "--reason", "x"], "FT905"),  # not recorded yet
        (["objection", beiyuan, "3", "--text", "x", "--reason", "x"], "FT905"),
        (["project", beiyuan, "--title", "", "--reason", "x"], "FT905"),
        (["meeting", beiyuan, "branch", "--place", "活动室", "--reason", "x", "--on", (today().replace(year=today().year + 1)).isoformat()], "FT905"),
    ]
    for args, code in cases:
        result = cli("correct", *args)
        assert result.exit_code in (1, 2) and code in result.output, (args, result.output)
    assert (beiyuan / "project.yaml").read_bytes() == before


def test_no_hint_tells_the_clerk_to_edit_a_file_by_hand() -> None:
    """Every recorded fact has a command; a hint names it, in both languages."""
    by_hand = re.compile(
        r"by hand|手工|手动|(?:edit|correct|write|add|set)\b[^.;]{0,40}\b(?:project|fourtwo)\.yaml|在\s*(?:project|fourtwo)\.yaml\s*中"
        r"|(?:take|remove|delete)\b[^.;]{0,40}\b(?:out of|from)\s+(?:project|fourtwo)\.yaml|从\s*(?:project|fourtwo)\.yaml\s*删除"
        r"|\bunder\s+'[a-z_.]+:'|在“[a-z_.]+:”下"
        r"|\btake\s+'[a-z_.]+:[^']*'\s+out|删去[^。；]{0,10}“[a-z_.]+:"  # a key to take out of the record by hand
    )
    said = [m for m in MESSAGES.values() for m in (m.text, m.hint)]
    po = (Path(__file__).parent.parent / "fourtwo/locale/zh_CN/LC_MESSAGES/fourtwo.po").read_text(encoding="utf-8")
    said += re.findall(r'^msg(?:id|str) "(.*)"$', po, re.MULTILINE)
    assert [s for s in said if by_hand.search(s)] == []


def test_a_step_recorded_by_mistake_is_withdrawn_by_the_command_the_refusal_names(beiyuan: Path) -> None:
    """The clerk recorded 街道党工委 when it was the 社区党委 that met again: the refusal names `correct withdraw`, no dead end."""
    text = (beiyuan / "project.yaml").read_text(encoding="utf-8")
    cut = text.index("  - step: committee")
    (beiyuan / "project.yaml").write_text(text[:cut] + "  - {step: street, date: 2024-04-09, members: 9, present: 8, for: 8}\n", encoding="utf-8")
    refused = cli("review", "committee", beiyuan, "--members", "7", "--present", "6", "--for", "6", "--date", "2024-03-28")
    assert refused.exit_code == 1 and "FT416" in refused.stderr
    command = shlex.split(re.search(r"\((fourtwo correct withdraw .*?) --reason", refused.stderr).group(1))  # type: ignore[union-attr]
    done = cli(*command[1:], "--reason", "误记为街道党工委", "--on", "2024-04-10")
    assert done.exit_code == 0, done.output
    assert _steps(beiyuan, "street")[-1]["withdrawn"] is True  # kept, as history
    assert cli("review", "committee", beiyuan, "--members", "7", "--present", "6", "--for", "6", "--date", "2024-03-28").exit_code == 0
    assert [h["key"] for h in _record(beiyuan)["corrections"]] == ["withdrawn"]  # type: ignore[union-attr]
    assert "FT805" not in cli("check", beiyuan).stdout  # withdrawn by the command: its correction says why


def test_no_command_writes_a_full_phone_number_into_an_objection(beiyuan: Path) -> None:
    """Whichever command writes an objection's text, answer or who raised it, a resident's
    number is masked in project.yaml as object masks it (the record is shared), with a warning."""
    assert cli("publish", beiyuan, "决议", "--date", "2024-04-28", "--format", "txt").exit_code == 0
    raised = cli("object", beiyuan, "--text", "车棚拆了电动车停哪？", "--by", "李四 138-1234-5678", "--date", "2024-04-29")
    assert raised.exit_code == 0, raised.output
    assert cli("object", beiyuan, "--answer", "1", "--text", "已答复", "--date", "2024-04-30").exit_code == 0
    for option, value in (("--text", "希望保留电动车停放区，联系13912345678"), ("--answer", "请致电13712345678"), ("--by", "王大爷 13612345678")):
        done = cli("correct", "objection", beiyuan, "1", option, value, "--reason", "更正", "--on", "2024-04-30")
        assert done.exit_code == 0, (option, done.output)
        assert "FT664" in done.output, (option, done.output)
    written = (beiyuan / "project.yaml").read_text(encoding="utf-8")
    for number in ("12345678", "1234-5678"):
        assert number not in written, number
    objection = _record(beiyuan)["objections"][0]  # type: ignore[index]
    assert objection["text"] == "希望保留电动车停放区，联系139****5678" and objection["by"] == "王大爷 136****5678", objection


def test_a_correction_is_not_dated_before_what_it_corrects_nor_before_a_notice_it_changes(beiyuan: Path) -> None:
    before = (beiyuan / "project.yaml").read_bytes()
    early = cli("correct", "meeting", beiyuan, "党支部", "--place", "会议室", "--reason", "地点写错", "--on", "2020-01-01")
    assert early.exit_code == 2 and "--on" in early.stderr and (beiyuan / "project.yaml").read_bytes() == before, early.output
    assert cli("publish", beiyuan, "决议", "--date", "2024-04-28", "--format", "txt").exit_code == 0
    posted = (beiyuan / "project.yaml").read_bytes()
    late = cli("correct", "meeting", beiyuan, "assembly", "--against", "2", "--abstain", "0", "--reason", "计票单复核", "--on", "2024-04-27")
    assert late.exit_code == 2 and "2024-04-28" in late.stderr and (beiyuan / "project.yaml").read_bytes() == posted, late.output
    assert cli("correct", "meeting", beiyuan, "assembly", "--against", "2", "--abstain", "0", "--reason", "计票单复核", "--on", "2024-04-29").exit_code == 0


def test_a_date_corrected_past_visits_already_heard_is_refused(tmp_path: Path) -> None:
    """The 街道党工委 review moved to after the first visits: they would fall before the canvass
    opened and leave the counts; refused as a date out of the steps' order is, nothing written."""
    import shutil

    from conftest import EXAMPLES

    shutil.copytree(EXAMPLES / "beiyuan", tmp_path / "ws")
    project = tmp_path / "ws/projects/2024-hongmeiyuan-activity-area"
    before = (project / "project.yaml").read_bytes()
    moved = cli("correct", "meeting", project, "街道党工委", "--date", "2024-04-14", "--reason", "日期写错", "--on", "2026-01-05", "--lang", "en")
    assert moved.exit_code == 1 and "FT527" in moved.stderr and "2024-04-14" in moved.stderr, moved.output
    assert (project / "project.yaml").read_bytes() == before
    assert cli("check", tmp_path / "ws").exit_code == 0


def test_a_withdrawal_written_by_hand_is_named(beiyuan: Path) -> None:
    """`withdrawn: true` takes a record out of every judgement: a posted notice never (it stays
    posted), anything else only with the correction that says who withdrew it and why."""
    assert cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt").exit_code == 0
    assert cli("check", beiyuan).exit_code == 0
    path = beiyuan / "project.yaml"
    text = path.read_text(encoding="utf-8")
    notice = "  - step: resolution_notice\n"
    assert text.count(notice) == 1
    path.write_text(text.replace(notice, notice + "    withdrawn: true\n"), encoding="utf-8")
    checked = cli("check", beiyuan)
    assert checked.exit_code == 1 and "FT804" in checked.stdout, checked.stdout
    assert "FT615" not in checked.stdout  # the record still names its files: it stays posted for every command
    verified = cli("verify", beiyuan / "notices/2024-04-28-resolution.txt")
    assert verified.exit_code == 0 and "matches" in verified.stdout, verified.output
    meeting = "  - step: assembly\n"
    assert text.count(meeting) == 1
    path.write_text(text.replace(meeting, meeting + "    withdrawn: true\n"), encoding="utf-8")
    checked = cli("check", beiyuan)
    assert checked.exit_code == 1 and "FT805" in checked.stdout and "fourtwo correct withdraw" in checked.stdout, checked.stdout
