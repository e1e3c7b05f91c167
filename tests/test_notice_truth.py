"""Notices state only what the records prove (issue 12): one test per defect class."""

from __future__ import annotations

from pathlib import Path

from conftest import cli, write_tree

PROJECT = "projects/2024-hongmeiyuan-activity-area"


def notice(project: Path, name: str) -> str:
    return (project / "notices" / name).read_text(encoding="utf-8")


def test_a_phone_or_proxy_contact_is_never_called_a_visit_at_home(beiyuan: Path) -> None:
    """Item 1 and 9: the community procedure counts visits at home only; the notice names each channel."""
    visits = (beiyuan / "canvass.csv").read_text(encoding="utf-8-sig")
    at_home = sum(1 for line in visits.splitlines()[1:] if ",in_person," in line and ",absent," not in line)
    phone_rows = [line for line in visits.splitlines() if ",phone," in line]
    assert phone_rows, "the example keeps phone contacts, to show they do not count"
    result = cli("canvass", "coverage", beiyuan, "--format", "json")
    import json

    doc = json.loads(result.stdout)
    assert doc["channels_counted"] == ["in_person"]
    assert doc["visited"] <= at_home  # a household heard by phone only is not visited
    assert doc["households_by_channel"]["phone"] > 0
    text = cli("canvass", "coverage", beiyuan).stdout
    assert "counted     入户 only" in text
    assert cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt", "--format", "md", "--format", "html").exit_code == 0
    for name in ("2024-04-28-resolution.txt", "2024-04-28-resolution.md"):
        body = "".join(notice(beiyuan, name).split()).replace("**", "")
        assert f"电话{doc['households_by_channel']['phone']}户（不计入入户率）" in body, name
        assert f"实际入户{doc['visited']}户" in body, name
    html = notice(beiyuan, "2024-04-28-resolution.html")
    assert f"电话{doc['households_by_channel']['phone']}户（不计入入户率）" in html and "<th>实际入户</th>" in html


def test_a_profile_that_counts_phone_calls_does_not_call_them_入户(beiyuan: Path) -> None:
    ws = beiyuan.parent.parent
    write_tree(
        ws,
        {
            "procedures/phone.yaml": "id: community-phone\nname: 社区（电话计入）\nkind: community\nextends: community\nsteps:\n  - id: canvass\n    channels: [in_person, phone]\n"
        },
    )
    text = (beiyuan / "project.yaml").read_text(encoding="utf-8").replace("procedure: community\n", "procedure: community-phone\n")
    (beiyuan / "project.yaml").write_text(text, encoding="utf-8")
    assert cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt").exit_code == 0
    body = "".join(notice(beiyuan, "2024-04-28-resolution.txt").split())  # as read, whatever the wrapping
    assert "入户率" not in body and "征求意见率" in body and "计入入户、电话" in body and "代录4户（不计入征求意见率）" in body
    site = ws.parent / "site"
    assert cli("site", ws, "--out", site, "--date", "2024-05-01").exit_code == 0
    page = "".join((site / "beiyuan" / f"{beiyuan.name}.html").read_text(encoding="utf-8").split())
    assert "入户率" not in page and "已入户" not in page and "征求意见率" in page  # the site says what the notice says


VILLAGE = """\
organisation: {name: 塔桥村, kind: village}
party_organisation: {name: 中共塔桥村支部委员会, secretary: 王}
committee: {name: 塔桥村村民委员会, director: 李}
supervision_committee: {name: 塔桥村村务监督委员会, phone: 0371-1111111}
notice: {hotline: 0371-2222222, posting_place: 塔桥村村务公开栏}
"""
STEPS = """\
id: road
title: 道路硬化
matter: 硬化村内道路。
budget: {amount: 100000, funding: 村集体收入}
steps:
  - {step: branch, date: 2024-03-01, members: 5, present: 5, for: 5}
  - {step: committee, date: 2024-03-02, members: 9, present: 8, for: 8}
  - {step: members, date: 2024-03-05, members: 40, present: 30, for: 25}
"""


def village(tmp_path: Path, assembly: str, matter: str = "硬化村内道路。") -> Path:
    write_tree(tmp_path, {"fourtwo.yaml": VILLAGE, "projects/road/project.yaml": STEPS.replace("硬化村内道路。", matter) + assembly})
    return tmp_path / "projects/road"


def test_a_village_meeting_valid_by_households_prints_the_households(tmp_path: Path) -> None:
    """Item 2: 900 adults, 400 present (44.4%), but 210 of 300 households: valid, and the notice says why."""
    project = village(
        tmp_path, "  - {step: assembly, form: villagers, date: 2024-03-10, members: 900, present: 400, households: 300, households_present: 210, for: 300}\n"
    )
    assert cli("publish", project, "--date", "2024-03-12", "--format", "txt").exit_code == 0
    body = notice(project, "2024-03-12-resolution.txt")
    assert "全村300户，到会户代表210户（70.0%），到会人数以户的代表计算" in body
    assert "村民会议" in body and "村民代表会议" not in body  # the form held, not the other one
    assert "（村民会议）" not in body  # no name repeated as its own body


def test_each_phone_is_printed_under_its_own_name(tmp_path: Path) -> None:
    """Item 3: the supervision committee's phone after its name; the hotline as the hotline."""
    project = village(tmp_path, "  - {step: assembly, date: 2024-03-10, members: 35, present: 30, for: 28}\n")
    assert cli("publish", project, "--date", "2024-03-12", "--format", "txt").exit_code == 0
    body = notice(project, "2024-03-12-resolution.txt")
    assert "向塔桥村村务监督委员会反映（电话：0371-1111111）；监督电话：0371-2222222。" in body


def test_a_notice_without_its_content_does_not_publish(tmp_path: Path) -> None:
    """Item 4: no matter, no publish; check reports a published notice without it."""
    project = village(tmp_path, "  - {step: assembly, date: 2024-03-10, members: 35, present: 30, for: 28}\n", matter="")
    before = (project / "project.yaml").read_bytes()
    result = cli("publish", project, "--date", "2024-03-12", "--format", "txt")
    assert result.exit_code == 1 and "FT630" in result.stderr and "matter" in result.stderr
    assert (project / "project.yaml").read_bytes() == before and not (project / "notices").exists()
    text = (project / "project.yaml").read_text(encoding="utf-8").replace("budget: {amount: 100000, funding: 村集体收入}\n", "")
    (project / "project.yaml").write_text(text.replace("matter: \n", "matter: 硬化村内道路。\n"), encoding="utf-8")
    result = cli("publish", project, "--date", "2024-03-12", "--format", "txt")
    assert (
        result.exit_code == 1
        and "budget.amount, budget.funding" in result.stderr
        and "fourtwo correct project " in result.stderr
        and "road --budget … --funding …" in result.stderr
    )
    (project / "project.yaml").write_text(text.replace("matter: \n", "matter: 硬化村内道路。\n") + "", encoding="utf-8")
    write_tree(
        tmp_path,
        {
            "procedures/nomoney.yaml": "id: village-nomoney\nname: 无资金\nkind: village\nextends: village\nsteps:\n  - id: resolution_notice\n    requires: [matter]\n"
        },
    )
    text = (project / "project.yaml").read_text(encoding="utf-8").replace("title: 道路硬化\n", "title: 道路硬化\nprocedure: village-nomoney\n")
    (project / "project.yaml").write_text(text, encoding="utf-8")
    assert cli("publish", project, "--date", "2024-03-12", "--format", "txt").exit_code == 0
    (project / "project.yaml").write_text(
        (project / "project.yaml").read_text(encoding="utf-8").replace("procedure: village-nomoney\n", "").replace("matter: 硬化村内道路。\n", ""),
        encoding="utf-8",
    )
    check = cli("check", tmp_path)
    assert check.exit_code == 1 and "FT630" in check.stdout


def test_an_answer_on_the_day_of_the_notice_never_breaks_it(beiyuan: Path) -> None:
    """Item 5: what happens once a notice is posted is not part of it."""
    assert cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt").exit_code == 0
    assert cli("object", beiyuan, "--date", "2024-04-28", "--text", "希望保留车棚").exit_code == 0
    assert cli("object", beiyuan, "--answer", "1", "--date", "2024-04-28", "--text", "东侧保留").exit_code == 0
    assert cli("check", beiyuan.parent.parent).exit_code == 0
    assert cli("verify", beiyuan / "notices/2024-04-28-resolution.txt").stdout.startswith("matches:")


def _implemented(beiyuan: Path, *extra: str) -> None:
    assert cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt").exit_code == 0
    args = ["implement", beiyuan, "--completed", "2024-07-20", "--started", "2024-05-20", "--accepted-on", "2024-07-21", "--contractor", "某公司", *extra]
    result = cli(*args)
    assert result.exit_code == 0, result.output


def test_the_result_notice_carries_what_real_ones_carry(beiyuan: Path) -> None:
    """Item 6: start, acceptance date and body, audited amount, and the resolution notice it follows."""
    _implemented(beiyuan, "--cost", "183260.50", "--audited", "182000", "--accepted-by", "解放西街街道", "--acceptance", "合格")
    assert cli("publish", beiyuan, "result", "--date", "2024-07-22", "--format", "txt").exit_code == 0
    body = notice(beiyuan, "2024-07-22-result.txt")
    for needle in ("开工日期：2024年5月20日", "验收日期：2024年7月21日", "验收单位：解放西街街道", "审计金额：182,000.00元"):
        assert needle in body
    assert "本事项决议已于2024年4月28日公示" in body and "公示期内收到意见0件，已答复0件" in body


def test_a_failed_or_overrun_result_needs_a_flag_and_says_so_plainly(beiyuan: Path) -> None:
    _implemented(beiyuan, "--cost", "200466.65", "--acceptance", "不合格")
    refused = cli("publish", beiyuan, "result", "--date", "2024-07-22", "--format", "txt")
    assert refused.exit_code == 1 and "FT631" in refused.stderr and "14,014.05" in refused.stderr
    assert cli("publish", beiyuan, "result", "--date", "2024-07-22", "--format", "txt", "--disclose-problems").exit_code == 1  # no --next recorded
    text = (
        (beiyuan / "project.yaml")
        .read_text(encoding="utf-8")
        .replace("    acceptance: failed\n", "    acceptance: failed\n    next_steps: 施工单位限期整改，整改后重新验收\n")
    )
    (beiyuan / "project.yaml").write_text(text, encoding="utf-8")
    assert cli("publish", beiyuan, "result", "--date", "2024-07-22", "--format", "txt", "--disclose-problems").exit_code == 0
    body = notice(beiyuan, "2024-07-22-result.txt")
    assert "本项目验收不合格。" in body and "实际支出超出预算14,014.05元。" in body and "施工单位限期整改" in body
    check = cli("check", beiyuan.parent.parent)
    assert "warning FT632" in check.stdout and check.exit_code == 0
    assert cli("check", beiyuan.parent.parent, "--strict").exit_code == 1


def test_progress_notices_are_a_step_of_the_procedure(beiyuan: Path) -> None:
    """Item 13: 过程公开, recorded like the other notices."""
    assert cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt").exit_code == 0
    result = cli(
        "publish",
        beiyuan,
        "progress",
        "--date",
        "2024-06-20",
        "--format",
        "txt",
        "--milestones",
        "车棚拆除完毕",
        "--spent",
        "93226.30",
        "--next",
        "安装乒乓球台",
    )
    assert result.exit_code == 0, result.output
    body = notice(beiyuan, "2024-06-20-progress.txt")
    assert "关于红梅园小区居民活动场地改造实施进展的公示" in body and "车棚拆除完毕" in body and "93,226.30元" in body and "占预算：50.0%" in body
    assert "安装乒乓球台" in body
    assert cli("check", beiyuan.parent.parent, "--strict").exit_code == 0
    assert cli("verify", beiyuan / "notices/2024-06-20-progress.txt").stdout.startswith("matches:")
    site = beiyuan.parent.parent.parent / "site"
    assert cli("site", beiyuan.parent.parent, "--out", site, "--date", "2024-06-21").exit_code == 0
    pages = [p.read_text(encoding="utf-8") for p in (site / "n").glob("*.html")]
    assert any("实施进展公示" in page for page in pages)  # the board names the kind in Chinese, as it does the others
    unknown = cli("publish", beiyuan, "bulletin", "--date", "2024-06-21", "--format", "txt")
    assert unknown.exit_code == 2 and "progress" in unknown.stderr


def test_verify_says_a_notice_renamed_or_copied_over_another_in_the_archive_changed(tmp_path: Path) -> None:
    """check says FT607/FT615 (or FT614) of an archived notice renamed by hand, or of one copied
    over another: verify of that file must not say 'matches'."""
    import shutil

    from conftest import EXAMPLES

    ws = tmp_path / "beiyuan"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    notices = ws / "projects/2024-hongmeiyuan-activity-area/notices"
    assert cli("verify", notices / "2024-07-22-result.txt").exit_code == 0
    shutil.copy(notices / "2024-04-28-progress.txt", notices / "2024-07-22-result.txt")  # the progress notice over the result's
    copied = cli("verify", notices / "2024-07-22-result.txt")
    assert copied.exit_code == 1 and "2024-04-28-progress" in copied.output, copied.output
    shutil.copytree(EXAMPLES / "beiyuan", tmp_path / "again")
    notices = tmp_path / "again/projects/2024-hongmeiyuan-activity-area/notices"
    (notices / "2024-07-22-result.txt").rename(notices / "result-final.txt")
    renamed = cli("verify", notices / "result-final.txt")
    assert renamed.exit_code == 1 and "2024-07-22-result.txt" in renamed.output, renamed.output
    assert cli("check", tmp_path / "again").exit_code == 1
