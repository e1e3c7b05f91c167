"""Issue 22, notices print only what was recorded: every channel's opinions, counts nobody
recorded, acceptance, overspending, how to object, who carries the work out, the body's own
words, a failed vote held again, the seals. One test per rule, named after it."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import cli, write_tree

WORKSPACE = """\
organisation: {name: 北苑社区, kind: community}
party_organisation: {name: 中共北苑社区委员会}
committee: {name: 北苑社区居民委员会}
supervision_committee: {name: 北苑社区居务监督委员会, phone: 0951-6012346}
procedure: community-canvass
notice: {hotline: 0951-6012345, posting_place: 北苑社区居务公开栏}
"""

REVIEWED = """\
id: p
title: 活动场地改造
matter: 将旧车棚改造为居民活动场地
budget: {amount: 100000, funding: 为民服务和发展专项资金}
households: {register: households/h.csv}
steps:
  - {step: branch, date: 2024-03-22, members: 5, present: 5, for: 5, against: 0, abstain: 0}
  - {step: committee, date: 2024-03-28, members: 7, present: 6, for: 6, against: 0, abstain: 0}
  - {step: street, date: 2024-04-09, members: 9, present: 8, for: 8, against: 0, abstain: 0}
"""

REGISTER = "户号,户主\n" + "".join(f"1-1-{n}01,住户{n}\n" for n in range(1, 6))
HEADER = "household,opinion,by,date,channel,note\n"


def _seed(tmp_path: Path, visits: str, project: str = REVIEWED, workspace: str = WORKSPACE) -> Path:
    """A community under the seed's form: three reviews recorded, five households, these visits."""
    files = {"fourtwo.yaml": workspace, "households/h.csv": REGISTER, "projects/p/project.yaml": project, "projects/p/canvass.csv": HEADER + visits}
    write_tree(tmp_path, files)
    return tmp_path / "projects/p"


def _publish(project: Path, *args: str) -> str:
    result = cli("publish", project, *args, "--format", "txt")
    assert result.exit_code == 0, result.output
    day = args[args.index("--date") + 1]
    kind = args[0] if args and not args[0].startswith("-") else "resolution"
    return (project / f"notices/{day}-{kind}.txt").read_text(encoding="utf-8")


ALL_OPPOSED_BY_PHONE = "".join(f"1-1-{n}01,agree,李娟,2024-04-12,in_person,\n" for n in range(1, 5)) + "1-1-501,absent,李娟,2024-04-12,in_person,\n"
ALL_OPPOSED_BY_PHONE += "".join(f"1-1-{n}01,oppose,李娟,2024-04-15,phone,\n" for n in range(1, 6))


def test_opinions_of_every_channel_are_printed_each_household_by_its_latest(tmp_path: Path) -> None:
    """The rate counts visits at home (4 of 5); the opinions are every household's latest: all five opposed by phone."""
    project = _seed(tmp_path, ALL_OPPOSED_BY_PHONE)
    text = _publish(project, "progress", "--date", "2024-04-28")
    assert "实际入户4户，入户率80.0%" in text
    assert "听取意见5户（各户以最新意见计）：同意0户，反对5户，弃权0户" in text
    assert "其中电话5户（不计入入户率）：同意0户、反对5户、弃权0户" in text
    assert "4户在入户后又表达了不同意见，按最新意见计" in text
    assert "同意4户" not in text
    stated = json.loads((project / "notices/2024-04-28-progress.facts.json").read_text(encoding="utf-8"))["facts"]["canvass"]
    assert stated["latest"] == {"agree": 0, "oppose": 5, "abstain": 0} and stated["changed"] == 4 and "agree" not in stated


def test_unrecorded_votes_print_as_unrecorded_never_as_zero(tmp_path: Path) -> None:
    project = _seed(tmp_path, ALL_OPPOSED_BY_PHONE, REVIEWED.replace(", against: 0, abstain: 0}", "}", 1).replace("present: 6, for: 6", "present: 6, for: 4"))
    text = _publish(project, "progress", "--date", "2024-04-28")
    # the branch: nobody recorded them, but all 5 present voted for: none is left to have voted
    # otherwise, so the counts are implied (fix-a A9); 未记录 where they are not: test_site_same_facts.py
    assert "同意5人（占应到100.0%），反对0人，弃权0人" in text and "未记录" not in text
    assert "同意4人（占应到57.1%），反对0人，弃权0人，未表决2人" in text  # the committee: two present voted in no count
    assert "反对0人，弃权0人\n" in text  # the street recorded its zeros


def _implemented(project: Path, *args: str) -> object:
    return cli("implement", project, "--completed", "2024-07-20", "--started", "2024-05-20", "--cost", "90000", *args)


def test_implement_records_no_acceptance_unless_given_and_the_result_says_unaccepted(tmp_path: Path) -> None:
    project = _seed(tmp_path, ALL_OPPOSED_BY_PHONE)
    _publish(project, "progress", "--date", "2024-04-28")
    done = _implemented(project)
    assert done.exit_code == 0 and "acceptance not recorded (未验收)" in done.stdout
    assert "acceptance:" not in (project / "project.yaml").read_text(encoding="utf-8")
    refused = cli("publish", project, "result", "--date", "2024-07-22", "--format", "txt")
    assert refused.exit_code == 1 and "FT631" in refused.stderr and "no acceptance recorded (未验收)" in refused.stderr
    assert cli("correct", "implementation", project, "--next", "待街道组织验收", "--reason", "补记").exit_code == 0
    text = _publish(project, "result", "--date", "2024-07-22", "--disclose-problems")
    assert "本项目未验收。" in text and "验收结论：未验收" in text and "下一步：待街道组织验收" in text
    assert "验收合格" not in text


def test_a_failed_acceptance_never_shows_a_saving(tmp_path: Path) -> None:
    project = _seed(tmp_path, ALL_OPPOSED_BY_PHONE)
    _publish(project, "progress", "--date", "2024-04-28")
    assert _implemented(project, "--acceptance", "不合格", "--next", "限期整改后重新验收").exit_code == 0
    text = _publish(project, "result", "--date", "2024-07-22", "--disclose-problems")
    assert "本项目验收不合格。" in text and "节余" not in text
    stated = json.loads((project / "notices/2024-07-22-result.facts.json").read_text(encoding="utf-8"))["facts"]["implementation"]
    assert stated["saving"] is None and "difference" not in stated


def test_an_audited_amount_that_differs_from_the_cost_says_which_the_figures_use(tmp_path: Path) -> None:
    project = _seed(tmp_path, ALL_OPPOSED_BY_PHONE)
    _publish(project, "progress", "--date", "2024-04-28")
    assert _implemented(project, "--acceptance", "合格", "--audited", "88000").exit_code == 0
    text = _publish(project, "result", "--date", "2024-07-22")
    assert "节余金额：10,000.00元" in text and "审计金额：88,000.00元" in text
    assert "审计金额与实际支出不一致，以上节余（超支）按实际支出计算。" in text


def test_overspending_during_the_works_is_stated_plainly_on_a_progress_notice(tmp_path: Path) -> None:
    project = _seed(tmp_path, ALL_OPPOSED_BY_PHONE)
    _publish(project, "progress", "--date", "2024-04-28")
    args = ("progress", "--date", "2024-06-20", "--format", "txt", "--milestones", "车棚拆除完毕", "--spent", "120000")
    refused = cli("publish", project, *args)
    assert refused.exit_code == 1 and "FT662" in refused.stderr and "spending 20,000.00 yuan over budget" in refused.stderr
    text = _publish(project, *args[:3], *args[5:], "--next", "追加预算报街道审批", "--disclose-problems")
    assert "已支出超出预算20,000.00元。" in text and "下一步：追加预算报街道审批" in text


def test_every_notice_says_how_to_object_or_is_refused(tmp_path: Path) -> None:
    bare = WORKSPACE.replace(", phone: 0951-6012346", "").replace("hotline: 0951-6012345, ", "")
    project = _seed(tmp_path, ALL_OPPOSED_BY_PHONE, workspace=bare)
    refused = cli("publish", project, "progress", "--date", "2024-04-28", "--format", "txt")
    assert refused.exit_code == 1 and "FT660" in refused.stderr and "must say how to object" in refused.stderr
    assert not (project / "notices").exists()
    assert cli("correct", "workspace", project, "--objection-place", "社区党群服务中心一楼").exit_code == 0
    assert cli("publish", project, "progress", "--date", "2024-04-28", "--format", "txt").exit_code == 1  # a place without its hours is not enough
    assert cli("correct", "workspace", project, "--office-hours", "工作日8:30—17:30").exit_code == 0
    text = _publish(project, "progress", "--date", "2024-04-28")
    assert "也可于工作日8:30—17:30到社区党群服务中心一楼当面提出" in text


def test_the_notice_names_who_carries_out_the_work(tmp_path: Path) -> None:
    project = _seed(tmp_path, ALL_OPPOSED_BY_PHONE)
    assert "实施主体：北苑社区居民委员会" in _publish(project, "progress", "--date", "2024-04-28")
    assert cli("correct", "project", project, "--implementer", "解放西街街道办事处", "--reason", "街道申请项目并组织实施").exit_code == 0
    assert "实施主体：解放西街街道办事处" in _publish(project, "progress", "--date", "2024-04-29")


def test_the_signature_block_leaves_room_for_seals_and_carries_the_supervision_review(tmp_path: Path) -> None:
    project = _seed(tmp_path, ALL_OPPOSED_BY_PHONE, workspace=WORKSPACE.replace("posting_place", "supervision_review: true, posting_place"))
    text = _publish(project, "progress", "--date", "2024-04-28")
    assert "中共北苑社区委员会（盖章）\n北苑社区居民委员会（盖章）\n审查：北苑社区居务监督委员会（盖章）\n" in text


def test_a_calendar_period_ending_on_a_statutory_holiday_ends_on_the_next_working_day(tmp_path: Path) -> None:
    """民法典 第二百零三条 by analogy: seven days from 2024-04-28 end on 5月4日, inside 劳动节: on 5月6日 instead."""
    project = _seed(tmp_path, ALL_OPPOSED_BY_PHONE)
    text = _publish(project, "progress", "--date", "2024-04-28")
    assert "公示期：2024年4月28日至2024年5月6日，共9天（原届满日2024年5月4日为法定节假日，顺延至其后第一个工作日，参照民法典第二百零三条）。" in text
    from fourtwo.model.bases import bases

    assert bases().holiday_end.text == "期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日"  # quoted in data, from the Code's text
    plain = _publish(project, "progress", "--date", "2024-05-10")
    assert "公示期：2024年5月10日至2024年5月16日，共7天。" in plain


def test_publishing_a_notice_dated_in_the_future_is_refused(tmp_path: Path) -> None:
    project = _seed(tmp_path, ALL_OPPOSED_BY_PHONE)
    refused = cli("publish", project, "progress", "--date", "2099-01-01", "--format", "txt")
    assert refused.exit_code == 2 and "FT905" in refused.stderr and "not a later one" in refused.stderr
    assert not (project / "notices").exists()


def test_an_objection_after_the_period_is_late_counted_apart_and_blocks_nothing_by_itself(beiyuan: Path) -> None:
    _publish(beiyuan, "--date", "2024-04-28")  # up until 2024-05-06 (5月4日 is in 劳动节)
    within = cli("object", beiyuan, "--text", "希望保留电动车停放区", "--date", "2024-05-02")
    assert within.exit_code == 0 and "the implementation waits" in within.stdout
    assert cli("object", beiyuan, "--answer", "1", "--text", "东侧保留停放区", "--date", "2024-05-05").exit_code == 0
    late = cli("object", beiyuan, "--text", "施工噪音", "--date", "2024-05-10")
    assert late.exit_code == 0 and "as late: the notice of 2024-04-28 was up until 2024-05-06" in late.stdout
    assert "(late: after the period of the notice of 2024-04-28)" in cli("show", beiyuan).stdout
    done = cli("implement", beiyuan, "--completed", "2024-07-20", "--started", "2024-05-20", "--cost", "183260.50", "--acceptance", "合格")
    assert done.exit_code == 0, done.output  # objection 2 is unanswered, but late: it does not hold up the work
    assert "FT608" not in cli("check", beiyuan).stdout
    assert cli("object", beiyuan, "--answer", "2", "--text", "夜间停工", "--date", "2024-05-12").exit_code == 0
    text = _publish(beiyuan, "result", "--date", "2024-07-22")
    assert "公示期内收到意见1件，公示期后收到1件，已答复2件" in text
    assert "2号意见（2024年5月10日提出，公示期后提出）" in text


def test_work_before_the_decision_is_refused(beiyuan: Path) -> None:
    """先干后议: a start on or before the end of the resolution notice's period, or before the proposal."""
    _publish(beiyuan, "--date", "2024-04-28")
    for started, why in (
        ("2024-05-06", "on or before the last day of the period of 'resolution_notice' (2024-05-06)"),
        ("2024-03-01", "before the matter was first put forward"),
    ):
        refused = cli("implement", beiyuan, "--completed", "2024-07-20", "--started", started, "--cost", "183260.50")
        assert refused.exit_code == 1 and "FT433" in refused.stderr and why in refused.stderr, refused.stderr
    assert cli("implement", beiyuan, "--completed", "2024-07-20", "--started", "2024-05-07", "--cost", "183260.50").exit_code == 0
    corrected = cli("correct", "implementation", beiyuan, "--started", "2024-05-01", "--reason", "补记")
    assert corrected.exit_code == 1 and "FT433" in corrected.stderr
    text = (beiyuan / "project.yaml").read_text(encoding="utf-8").replace("started: 2024-05-07", "started: 2024-04-30")
    (beiyuan / "project.yaml").write_text(text, encoding="utf-8")
    check = cli("check", beiyuan)
    assert check.exit_code == 1 and "FT433" in check.stdout and "started on 2024-04-30" in check.stdout


def test_work_in_the_seeds_form_waits_for_the_canvass(tmp_path: Path) -> None:
    project = _seed(tmp_path, ALL_OPPOSED_BY_PHONE)
    _publish(project, "progress", "--date", "2024-04-28")
    refused = cli("implement", project, "--completed", "2024-07-20", "--started", "2024-04-10", "--cost", "90000")
    assert refused.exit_code == 1 and "before the decision: 'canvass' was reached on 2024-04-12" in refused.stderr


def test_a_failed_vote_held_again_is_disclosed_with_the_one_that_passed(beiyuan: Path) -> None:
    text = (beiyuan / "project.yaml").read_text(encoding="utf-8")
    cut = text.index("  - step: assembly")
    failed = "  - {step: assembly, date: 2024-04-24, members: 35, present: 20, for: 18, result: failed}\n"
    (beiyuan / "project.yaml").write_text(text[:cut] + failed + text[cut:], encoding="utf-8")
    assert cli("check", beiyuan).exit_code == 0
    notice = _publish(beiyuan, "--date", "2024-04-28")
    assert "此前于2024年4月24日表决未通过：应到35人，实到20人，同意18人（占实到90.0%），反对未记录，弃权未记录" in notice


GROUP = """\
id: village-group
name: 村民小组“四议两公开”
kind: village
steps:
  - {id: branch, kind: meeting, name: 党支部提议, body: 村党支部委员会, rules: party_branch_committee}
  - {id: group, kind: meeting, name: 村民小组会议决议, body: 村民小组会议, rules: villager_group_meeting}
  - {id: resolution_notice, kind: notice, name: 决议公开, body: 村民委员会, notice: resolution}
"""


def test_the_body_s_own_words_a_villagers_group_never_says_the_whole_village(tmp_path: Path) -> None:
    village = "organisation: {name: 塔桥村, kind: village}\nparty_organisation: {name: 中共塔桥村支部委员会}\ncommittee: {name: 塔桥村村民委员会}\n"
    village += "notice: {hotline: 0951-6000000, posting_place: 塔桥村村务公开栏}\n"
    steps = "  - {step: branch, date: 2024-03-01, members: 5, present: 5, for: 5}\n"
    steps += "  - {step: group, date: 2024-03-15, members: 96, present: 66, households: 38, households_present: 26, for: 50, against: 10, abstain: 6}\n"
    write_tree(
        tmp_path,
        {"fourtwo.yaml": village, "procedures/g.yaml": GROUP, "projects/g/project.yaml": f"id: g\ntitle: 组内道路\nprocedure: village-group\nsteps:\n{steps}"},
    )
    text = _publish(tmp_path / "projects/g", "--date", "2024-03-20")
    assert "本组38户，到会户代表26户" in text and "全村" not in text


def test_a_household_whose_later_opinion_differs_from_its_visit_is_flagged(tmp_path: Path) -> None:
    """The coverage report (internal) names them; the notice counts them."""
    project = _seed(tmp_path, ALL_OPPOSED_BY_PHONE)
    report = cli("canvass", "coverage", project).stdout
    assert "opinions    同意 4, 反对 0, 弃权 0" in report  # the visits that count
    assert "latest      同意 0, 反对 5, 弃权 0 (every channel, each household by its latest opinion)" in report
    assert "changed     4 households said otherwise after the visit that counts: 1-1-101 1-1-201 1-1-301 1-1-401" in report
    data = json.loads(cli("canvass", "coverage", project, "--format", "json").stdout)
    assert data["opinions_latest"] == {"agree": 0, "oppose": 5, "abstain": 0} and data["changed_after_visit"] == ["1-1-101", "1-1-201", "1-1-301", "1-1-401"]
