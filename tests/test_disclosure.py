"""The two disclosures: publish, implement, objections, verify; escaping and personal data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, cli, copy_beiyuan_2024

PROJECT = "projects/2024-hongmeiyuan-activity-area"


def yaml_text(project: Path) -> str:
    return (project / "project.yaml").read_text(encoding="utf-8")


def test_publish_records_the_notice_and_verify_follows_the_records(beiyuan: Path) -> None:
    result = cli("publish", beiyuan, "resolution", "--date", "2024-04-28", "--format", "html", "--format", "txt")
    assert result.exit_code == 0, result.output
    assert "posted 2024-04-28 to 2024-05-06" in result.stdout
    html = beiyuan / "notices/2024-04-28-resolution.html"
    txt = beiyuan / "notices/2024-04-28-resolution.txt"
    assert html.is_file() and txt.is_file()
    text = yaml_text(beiyuan)
    assert "  - step: resolution_notice\n    date: 2024-04-28\n    period_start: 2024-04-28\n    period_end: 2024-05-06\n" in text
    assert "files: [notices/2024-04-28-resolution.html, notices/2024-04-28-resolution.txt]" in text
    assert cli("check", beiyuan).exit_code == 0
    for notice in (html, txt):
        ok = cli("verify", notice)
        assert ok.exit_code == 0 and ok.stdout.startswith("matches:"), ok.output
    (beiyuan / "project.yaml").write_text(yaml_text(beiyuan).replace("    for: 27\n", "    for: 26\n"), encoding="utf-8")
    changed = cli("verify", txt)
    assert changed.exit_code == 1 and changed.stdout.startswith("changed:")
    assert "votes for (同意) was 27, the records now say 26" in changed.stdout  # the fact that differs, by name
    check = cli("check", beiyuan)
    assert check.exit_code == 1 and "FT650" in check.stdout and "votes for (同意) was 27" in check.stdout


def test_the_notice_carries_the_figures(beiyuan: Path) -> None:
    cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt")
    text = (beiyuan / "notices/2024-04-28-resolution.txt").read_text(encoding="utf-8")
    for needle in (
        "关于红梅园小区居民活动场地改造的公示",
        "全体居民",
        "2024年4月26日",
        "186,452.60元",
        "人民币壹拾捌万陆仟肆佰伍拾贰元陆角整",
        "为民服务和发展专项资金",
        "216",
        "175",
        "81.0%",
        "0951-6012345",
        "2024年4月28日",
        "2024年5月4日",
    ):
        assert needle in text, needle
    assert "13800000" not in text  # no resident's phone on a public notice


def test_publish_is_refused_before_the_step_it_discloses(beiyuan: Path) -> None:
    before = yaml_text(beiyuan)
    result = cli("publish", beiyuan, "result", "--date", "2024-04-28")
    assert result.exit_code == 1 and "FT405" in result.stderr
    assert yaml_text(beiyuan) == before and not (beiyuan / "notices").exists()


def test_implementation_waits_for_the_notice_period_and_the_answers(beiyuan: Path) -> None:
    cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt")
    early = cli("implement", beiyuan, "--completed", "2024-05-06", "--cost", "183260.50")  # 5月4日 is in 劳动节: the period runs to 5月6日
    assert early.exit_code == 1 and "'resolution_notice' is up until 2024-05-06" in early.stderr
    raised = cli("object", beiyuan, "--date", "2024-04-30", "--text", "希望保留部分车棚停放电动车", "--by", "张三")
    assert raised.exit_code == 0 and "objection 1" in raised.stdout
    waiting = cli("implement", beiyuan, "--completed", "2024-07-20", "--cost", "183260.50")
    assert waiting.exit_code == 1 and "objection 1 of 2024-04-30 is unanswered" in waiting.stderr
    answered = cli("object", beiyuan, "--answer", "1", "--text", "在活动场地东侧保留电动车停放区", "--date", "2024-05-02")
    assert answered.exit_code == 0
    assert "    answer: 在活动场地东侧保留电动车停放区\n    answered: 2024-05-02\n" in yaml_text(beiyuan)
    done = cli(
        "implement",
        beiyuan,
        "--completed",
        "2024-07-20",
        "--cost",
        "183,260.50",
        "--contractor",
        "宁夏某建设工程有限公司",
        "--accepted-by",
        "解放西街街道",
        "--acceptance",
        "合格",
    )
    assert done.exit_code == 0, done.output
    result = cli("publish", beiyuan, "result", "--date", "2024-07-22", "--format", "txt")
    assert result.exit_code == 0, result.output
    text = (beiyuan / "notices/2024-07-22-result.txt").read_text(encoding="utf-8")
    for needle in ("实施结果", "2024年7月20日", "验收合格", "183,260.50元", "人民币壹拾捌万叁仟贰佰陆拾元零伍角整", "在活动场地东侧保留电动车停放区"):
        assert needle in text, needle
    assert "张三" not in text  # objectors are never named on a notice
    assert cli("check", beiyuan).exit_code == 0
    assert cli("verify", beiyuan / "notices/2024-07-22-result.txt").exit_code == 0


def test_a_hostile_title_is_escaped_and_never_evaluated(beiyuan: Path) -> None:
    hostile = "<script>alert(1)</script>{{ 7*7 }}"
    text = yaml_text(beiyuan).replace("title: 红梅园小区居民活动场地改造", f'title: "{hostile}"', 1)
    (beiyuan / "project.yaml").write_text(text, encoding="utf-8")
    result = cli("publish", beiyuan, "--date", "2024-04-28", "-f", "html", "-f", "md", "-f", "txt")
    assert result.exit_code == 0, result.output
    html = (beiyuan / "notices/2024-04-28-resolution.html").read_text(encoding="utf-8")
    md = (beiyuan / "notices/2024-04-28-resolution.md").read_text(encoding="utf-8")
    txt = (beiyuan / "notices/2024-04-28-resolution.txt").read_text(encoding="utf-8")
    for escaped in (html, md):
        assert "<script>" not in escaped and "&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}" in escaped
    assert hostile in txt
    assert "&lt;/script&gt;49" not in html + md and "</script>49" not in txt  # never evaluated


def test_a_template_naming_a_missing_value_fails_with_its_file_and_line(beiyuan: Path) -> None:
    ws = beiyuan.parent.parent
    (ws / "templates").mkdir()
    (ws / "templates/resolution.txt.j2").write_text("{{ notice.title }}\n{{ notice.no_such_field }}\n", encoding="utf-8")
    before = yaml_text(beiyuan)
    result = cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt")
    assert result.exit_code == 2 and "FT601" in result.stderr
    assert "resolution.txt.j2, line 2" in result.stderr and "no_such_field" in result.stderr
    assert yaml_text(beiyuan) == before


def test_a_workspace_template_overrides_the_built_in_one(beiyuan: Path) -> None:
    ws = beiyuan.parent.parent
    (ws / "templates").mkdir()
    (ws / "templates/resolution.txt.j2").write_text("{{ notice.title }} / {{ notice.date|cn_date }} / {{ trace }} / {{ digest }}\n", encoding="utf-8")
    cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt")
    text = (beiyuan / "notices/2024-04-28-resolution.txt").read_text(encoding="utf-8")
    assert text.startswith("关于红梅园小区居民活动场地改造的公示 / 2024年4月28日 / ")
    assert cli("verify", beiyuan / "notices/2024-04-28-resolution.txt").exit_code == 0


def test_personal_data_never_reaches_a_notice(beiyuan: Path) -> None:
    text = yaml_text(beiyuan).replace("place: 红梅园小区旧车棚", "place: 红梅园小区旧车棚（联系人13912345678）", 1)
    (beiyuan / "project.yaml").write_text(text, encoding="utf-8")
    refused = cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt")
    assert refused.exit_code == 1 and "FT611" in refused.stderr and "139****5678" in refused.stderr
    assert not (beiyuan / "notices").exists()
    (beiyuan / "notices").mkdir()
    (beiyuan / "notices/pasted.txt").write_text("联系人 13912345678，身份证 11010519491231002X\n", encoding="utf-8")
    check = cli("check", beiyuan)
    assert check.stdout.count("FT701") == 2 and "13912345678" not in check.stdout


def test_masked_households_only_when_asked(beiyuan: Path) -> None:
    cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt", "--with-households")
    text = (beiyuan / "notices/2024-04-28-resolution.txt").read_text(encoding="utf-8")
    assert "1-1-101" in text and "with_households: true" in yaml_text(beiyuan)
    assert "同意" in text  # the tally, never one household's opinion by name
    assert cli("verify", beiyuan / "notices/2024-04-28-resolution.txt").exit_code == 0


def test_working_days_follow_the_holiday_calendar(beiyuan: Path) -> None:
    ws = beiyuan.parent.parent
    (ws / "fourtwo.yaml").write_text((ws / "fourtwo.yaml").read_text(encoding="utf-8").replace("unit: calendar_days", "unit: working_days"), encoding="utf-8")
    result = cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt")
    assert result.exit_code == 0 and "posted 2024-04-28 to 2024-05-09" in result.stdout  # 4-28 was a make-up working day; 5-1..5 a holiday


def test_a_template_the_sandbox_stops_is_a_clear_error(beiyuan: Path) -> None:
    ws = beiyuan.parent.parent
    (ws / "templates").mkdir()
    (ws / "templates/_part.txt.j2").write_text("line one\n{{ notice.nothing_here }}\n", encoding="utf-8")
    (ws / "templates/resolution.txt.j2").write_text("{{ notice.__class__.__mro__ }}\n", encoding="utf-8")
    result = cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt")
    assert result.exit_code == 2 and "FT601" in result.stderr and "sorry" not in result.stderr
    (ws / "templates/resolution.txt.j2").write_text("{{ notice.subject }}\n{% include '_part.txt.j2' %}\n", encoding="utf-8")
    partial = cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt")
    assert partial.exit_code == 2 and "_part.txt.j2, line 2" in partial.stderr


def test_a_mobile_hotline_is_printed_on_purpose(beiyuan: Path) -> None:
    ws = beiyuan.parent.parent
    (ws / "fourtwo.yaml").write_text(
        (ws / "fourtwo.yaml").read_text(encoding="utf-8").replace("hotline: 0951-6012345", "hotline: 13912345678"), encoding="utf-8"
    )
    result = cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt")
    assert result.exit_code == 0, result.output
    assert "13912345678" in (beiyuan / "notices/2024-04-28-resolution.txt").read_text(encoding="utf-8")
    assert "FT701" not in cli("check", beiyuan).stdout


def test_check_reports_what_went_wrong_around_the_notices(beiyuan: Path) -> None:
    cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt")
    text = yaml_text(beiyuan).replace("period_end: 2024-05-06", "period_end: 2024-05-01")
    text += "  - step: implementation\n    date: 2024-04-30\n    cost: 1000\n  - step: result_notice\n    date: 2024-05-03\n    files: [notices/gone.txt]\n"
    text += "objections:\n  - number: 1\n    date: 2024-04-30\n    text: 有异议\n"
    (beiyuan / "project.yaml").write_text(text, encoding="utf-8")
    out = cli("check", beiyuan).stdout
    for code in ("FT604", "FT650", "FT607", "FT608", "FT609"):
        assert code in out, code
    assert "last day posted was 2024-05-06, the records now say 2024-05-01" in out  # the period recorded is a fact the notice stated
    assert "was up 4 天, shorter than the 7 天 required" in out
    (beiyuan / "project.yaml").write_text(text.replace("  - step: implementation\n    date: 2024-04-30\n    cost: 1000\n", ""), encoding="utf-8")
    assert "FT605" in cli("check", beiyuan).stdout


def test_a_refused_publish_leaves_no_file(beiyuan: Path, tmp_path: Path) -> None:
    text = yaml_text(beiyuan)
    head, steps = text.split("steps:\n", 1)
    import yaml as pyyaml

    flow = pyyaml.safe_dump(pyyaml.safe_load("steps:\n" + steps)["steps"], allow_unicode=True, default_flow_style=True, width=10**6)
    (beiyuan / "project.yaml").write_text(head + "steps: " + flow, encoding="utf-8")
    assert cli("check", beiyuan).exit_code == 0
    result = cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt", "--out", tmp_path / "print")
    assert result.exit_code == 2 and "FT905" in result.stderr
    assert not (beiyuan / "notices").exists() and not (tmp_path / "print").exists()


def test_verify_notices_an_edited_file(beiyuan: Path) -> None:
    cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt")
    notice = beiyuan / "notices/2024-04-28-resolution.txt"
    notice.write_text(notice.read_text(encoding="utf-8").replace("同意27人", "同意35人"), encoding="utf-8")
    result = cli("verify", notice)
    assert result.exit_code == 1 and "edited after it was published" in result.stdout


def test_check_notices_an_archived_file_edited_by_hand(beiyuan: Path) -> None:
    """Each archived file's digest is recorded; an edit shows in `fourtwo check` (in CI), not only in verify."""
    import hashlib

    assert cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt", "--format", "md").exit_code == 0
    txt, md = beiyuan / "notices/2024-04-28-resolution.txt", beiyuan / "notices/2024-04-28-resolution.md"
    digests = [f"sha256:{hashlib.sha256(p.read_bytes()).hexdigest()}" for p in (txt, md)]  # in the order of files
    assert f"file_digests: [{digests[0]}, {digests[1]}]" in yaml_text(beiyuan)
    md.write_bytes(md.read_bytes().replace(b"\n", b"\r\n"))  # a Windows checkout changes no word
    assert cli("check", beiyuan).exit_code == 0
    txt.write_text(txt.read_text(encoding="utf-8").replace("同意27人", "同意35人"), encoding="utf-8")
    check = cli("check", beiyuan)
    assert check.exit_code == 1 and "FT614 the archived notice notices/2024-04-28-resolution.txt was changed" in check.stdout
    assert "resolution.md" not in check.stdout


def test_an_unknown_holiday_year_is_a_finding_not_a_failure(beiyuan: Path) -> None:
    ws = beiyuan.parent.parent
    (ws / "fourtwo.yaml").write_text((ws / "fourtwo.yaml").read_text(encoding="utf-8").replace("unit: calendar_days", "unit: working_days"), encoding="utf-8")
    assert cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt").exit_code == 0  # counted in working days, as in force then
    (beiyuan / "project.yaml").write_text(yaml_text(beiyuan).replace("period_end: 2024-05-09", "period_end: 2099-01-10"), encoding="utf-8")
    result = cli("check", ws)
    assert result.exit_code == 1 and "FT603" in result.stdout and "1 project checked" in result.stdout


def test_amounts_beyond_capitals_are_refused(beiyuan: Path) -> None:
    (beiyuan / "project.yaml").write_text(yaml_text(beiyuan).replace("amount: 186452.60", "amount: 99999999999999999"), encoding="utf-8")
    assert "FT106" in cli("check", beiyuan).stdout
    assert cli("implement", beiyuan, "--completed", "2024-07-20", "--cost", "99999999999999999.99").exit_code == 2


def test_a_workspace_template_cannot_reach_outside(beiyuan: Path) -> None:
    ws = beiyuan.parent.parent
    (ws / "templates").mkdir()
    (ws / "templates/resolution.txt.j2").write_text("{% include '../../../../../../etc/passwd' %}\n", encoding="utf-8")
    result = cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt")
    assert result.exit_code == 2 and "root:" not in result.output and "FT602" in result.stderr


def test_broken_workspace_templates_are_findings_and_refusals(beiyuan: Path) -> None:
    ws = beiyuan.parent.parent
    (ws / "templates").mkdir()
    (ws / "templates/resolution.txt.j2").write_text("{% extends 'resolution.txt.j2' %}\n", encoding="utf-8")
    result = cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt")
    assert result.exit_code == 2 and "FT601" in result.stderr and "sorry" not in result.stderr
    (ws / "templates/resolution.txt.j2").write_bytes(bytes(range(256)) * 10)
    result = cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt")
    assert result.exit_code == 2 and "FT601" in result.stderr
    (ws / "templates/resolution.txt.j2").write_text("{{ notice.title }\n", encoding="utf-8")
    check = cli("check", ws)
    assert check.exit_code == 1 and "resolution.txt.j2:1:1: error FT601" in check.stdout.replace(str(ws) + "/", "").replace("templates/", "")


def test_a_publish_whose_record_cannot_be_written_leaves_no_notice(beiyuan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fourtwo.transaction
    from fourtwo.findings.errors import InputError

    def refuse(path: Path, data: bytes) -> None:
        raise InputError("FT908", path=path, reason="Operation not permitted")

    monkeypatch.setattr(fourtwo.transaction, "atomic_write_bytes", refuse)
    before = yaml_text(beiyuan)
    result = cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt")
    assert result.exit_code == 2 and "FT908" in result.stderr
    assert not list((beiyuan / "notices").glob("*")) and yaml_text(beiyuan) == before


def test_the_door_sheet_is_named_after_the_folder_not_a_claimed_id(beiyuan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (beiyuan / "project.yaml").write_text(yaml_text(beiyuan).replace("id: 2024-hongmeiyuan-activity-area", "id: ../../../../evil", 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("canvass", "sheet", beiyuan)
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.glob("canvass-*")) == ["canvass-2024-hongmeiyuan-activity-area.html", "canvass-2024-hongmeiyuan-activity-area.xlsx"]
    assert not list(tmp_path.parent.glob("evil*"))


def test_coverage_against_an_unreadable_register_is_exit_2(beiyuan: Path) -> None:
    register = beiyuan.parent.parent / "households/hongmeiyuan.csv"
    register.write_bytes(b"\xff\xfe" + register.read_text(encoding="utf-8-sig").encode("utf-16-le"))
    result = cli("canvass", "coverage", beiyuan)
    assert result.exit_code == 2 and "FT002" in result.stderr and "0 of 0" not in result.stdout


def test_a_template_cannot_build_an_endless_notice(beiyuan: Path) -> None:
    ws = beiyuan.parent.parent
    (ws / "templates").mkdir()
    (ws / "templates/resolution.txt.j2").write_text("{{ 'x' * 1000000000 }}\n", encoding="utf-8")
    result = cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt")
    assert result.exit_code == 2 and "FT601" in result.stderr and "too large" in result.stderr


def test_publish_refuses_an_invalid_id(beiyuan: Path) -> None:
    (beiyuan / "project.yaml").write_text(yaml_text(beiyuan).replace("id: 2024-hongmeiyuan-activity-area", "id: ../escape", 1), encoding="utf-8")
    result = cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt")
    assert result.exit_code == 2 and "FT207" in result.stderr and not (beiyuan / "notices").exists()


def test_only_a_workspaces_own_templates_are_sandboxed_and_fourtwos_render_the_same_in_both(tmp_path: Path) -> None:
    """fourtwo's templates run unsandboxed (the sandbox checks every attribute: a tenth of a
    site's build) and print exactly what the sandbox prints; a workspace's own run sandboxed."""
    import datetime as dt

    from jinja2.sandbox import SandboxedEnvironment

    from fourtwo import render
    from fourtwo.site.build import build_site

    plain, boxed = tmp_path / "plain/beiyuan", tmp_path / "boxed/beiyuan"
    copy_beiyuan_2024(plain)
    copy_beiyuan_2024(boxed)
    (boxed / "templates").mkdir()  # empty: fourtwo's own templates, sandboxed
    assert not isinstance(render.environment(plain), SandboxedEnvironment)
    assert isinstance(render.environment(boxed), SandboxedEnvironment)
    sites = []
    for ws in (plain, boxed):
        build_site([ws], ws.parent / "site", dt.date(2024, 5, 1))
        sites.append({p.relative_to(ws.parent / "site"): p.read_bytes() for p in (ws.parent / "site").rglob("*") if p.is_file()})
    assert len(sites[0]) > 5 and sites[0] == sites[1]


def test_verify_takes_a_copy_of_a_notice_kept_anywhere(beiyuan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A notice saved to the desktop, or downloaded from the board: its project is found by its digest in the workspace."""
    assert cli("publish", beiyuan, "--date", "2024-04-28", "--format", "html", "--format", "txt").exit_code == 0
    copies = tmp_path / "desktop"
    copies.mkdir()
    for name in ("2024-04-28-resolution.html", "2024-04-28-resolution.txt"):
        (copies / name).write_bytes((beiyuan / "notices" / name).read_bytes())
    workspace = beiyuan.parent.parent
    assert cli("verify", copies / "2024-04-28-resolution.html", "--workspace", workspace).exit_code == 0
    monkeypatch.chdir(workspace)
    assert cli("verify", copies / "2024-04-28-resolution.txt").exit_code == 0
    elsewhere = cli("verify", copies / "2024-04-28-resolution.txt", "--workspace", EXAMPLES / "taqiao")
    assert elsewhere.exit_code == 2 and "FT922" in elsewhere.output
    monkeypatch.chdir(tmp_path)
    nowhere = cli("verify", copies / "2024-04-28-resolution.txt")
    assert nowhere.exit_code == 2 and "FT921" in nowhere.output and "--workspace" in nowhere.output


def test_each_archived_file_is_judged_by_one_finding_whether_read_before_or_not(beiyuan: Path, tmp_path: Path) -> None:
    """check reads an archived text file once, for every check of it; the file's digest is then
    compared without a walk or a stat more. What it says of each file stays the same: edited
    (FT614), a link out of the workspace (FT204, never read, though its text is the published
    one), gone (FT607), a folder in its place (FT607), the untouched one nothing."""
    assert cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt", "--format", "md", "--format", "html").exit_code == 0
    notices = beiyuan / "notices"
    txt, md, html = (notices / f"2024-04-28-resolution.{ext}" for ext in ("txt", "md", "html"))
    txt.write_text(txt.read_text(encoding="utf-8").replace("同意27人", "同意35人"), encoding="utf-8")
    outside = tmp_path / "elsewhere.md"
    outside.write_bytes(md.read_bytes())
    md.unlink()
    md.symlink_to(outside)
    html.unlink()
    check = cli("check", beiyuan)
    found = [line for line in check.stdout.splitlines() if re.search(r"FT(204|607|614)", line)]
    assert len(found) == 3, check.stdout
    assert any("FT614" in line and "resolution.txt" in line for line in found), found
    assert any("FT204" in line and "resolution.md" in line for line in found), found
    assert any("FT607" in line and "resolution.html" in line for line in found), found
    html.mkdir()
    found = [line for line in cli("check", beiyuan).stdout.splitlines() if "resolution.html" in line and re.search(r"FT\d+", line)]
    assert len(found) == 1 and "FT607" in found[0], found
