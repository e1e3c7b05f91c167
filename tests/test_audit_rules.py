"""Issue 22, counts that cannot be true: each refused as a located error naming its rule, and
the readings of the rules the audit asked for. One test per rule, named after it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import cli, write_tree

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

DELIBERATED = """\
  - {step: branch, date: 2024-03-01, members: 5, present: 5, for: 5, against: 0, abstain: 0}
  - {step: committee, date: 2024-03-05, members: 9, present: 8, for: 8, against: 0, abstain: 0}
  - {step: members, date: 2024-03-12, members: 40, present: 30, for: 28, against: 1, abstain: 1}
"""


def _village(tmp_path: Path, procedure: str = "village", steps: str = DELIBERATED) -> Path:
    project = f"id: road\ntitle: 村内道路硬化\nprocedure: {procedure}\nbudget: {{amount: 98000, funding: 村集体收入}}\nmatter: 硬化村内道路\nsteps:\n{steps}"
    write_tree(tmp_path, {"fourtwo.yaml": VILLAGE, "projects/road/project.yaml": project})
    return tmp_path / "projects/road"


def _unchanged(project: Path, *args: str) -> object:
    before = (project / "project.yaml").read_bytes()
    result = cli(*args)
    assert (project / "project.yaml").read_bytes() == before and "Traceback" not in result.output
    return result


def test_land_contracting_counts_only_the_representatives_own_votes(tmp_path: Path) -> None:
    """农村土地承包法 第十九条: 三分之二以上村民代表的同意. 30 votes for, but 19 of the 30 representatives: refused."""
    road = _village(tmp_path, "village-land")
    base = ("review", "assembly", road, "--members", "35", "--present", "33", "--representatives", "30", "--for", "30", "--date", "2024-03-25")
    short = _unchanged(road, *base, "--representatives-for", "19")
    assert short.exit_code == 1 and "FT402" in short.stderr and "representatives for 19 of 30 representatives; needs at least 2/3 (20)" in short.stderr
    assert "农村土地承包法 第十九条" in short.stderr
    more = _unchanged(road, *base, "--representatives-for", "31")
    assert more.exit_code == 2 and "FT431" in more.stderr and "never more than the representatives" in more.stderr and "第十九条" in more.stderr
    among = _unchanged(road, *base[:-4], "--for", "20", "--date", "2024-03-25", "--representatives-for", "21")
    assert among.exit_code == 2 and "FT431" in among.stderr and "among all the votes for" in among.stderr
    assert cli(*base, "--representatives-for", "20").exit_code == 0


def test_representatives_are_four_fifths_of_the_representatives_meeting(tmp_path: Path) -> None:
    """村民委员会组织法(2018) 第二十五条: 村民代表应当占村民代表会议组成人员的五分之四以上."""
    road = _village(tmp_path)
    base = ("review", "assembly", road, "--members", "40", "--present", "35", "--for", "30", "--date", "2024-03-25")
    refused = _unchanged(road, *base, "--representatives", "31")
    assert refused.exit_code == 1 and "FT430" in refused.stderr and "not made up as its law says" in refused.stderr
    assert "representatives 31 of 40 members; needs at least 4/5 (32)" in refused.stderr and "第二十五条" in refused.stderr
    assert cli(*base, "--representatives", "32").exit_code == 0
    unknown = cli("review", "assembly", _village(tmp_path / "b"), *base[3:])  # the 村民代表 not recorded: unjudged, never failed
    assert unknown.exit_code == 0 and "—   村民代表比例: not judged: the record has no representatives" in unknown.stdout
    text = (road / "project.yaml").read_text(encoding="utf-8").replace("representatives: 32", "representatives: 20")
    (road / "project.yaml").write_text(text, encoding="utf-8")
    check = cli("check", road)
    assert check.exit_code == 1 and "FT430" in check.stdout and "project.yaml:" in check.stdout


def test_a_villagers_meeting_by_households_has_no_fewer_present_than_households(tmp_path: Path) -> None:
    """村民委员会组织法(2018) 第二十二条: a household's representative is a person present; the majority is over those present."""
    road = _village(tmp_path)
    args = ("--form", "villagers", "--members", "1200", "--households", "380", "--households-present", "260", "--date", "2024-03-25")
    refused = _unchanged(road, "review", "assembly", road, *args, "--present", "250", "--for", "200")
    assert refused.exit_code == 2 and "FT431" in refused.stderr and "'households_present' (260) is more than 'present' (250)" in refused.stderr
    assert "第二十二条" in refused.stderr
    failed = _unchanged(road, "review", "assembly", road, *args, "--present", "300", "--for", "150")
    assert failed.exit_code == 1 and "for 150 of 300 present; needs more than 1/2 (151)" in failed.stderr


def test_two_committees_decide_on_the_members_base_as_party_bodies_do(tmp_path: Path) -> None:
    """法律未规定: 参照党组织会议, 赞成超过应到会成员的半数. 4 of 6 present, of 9 members, no longer passes."""
    road = _village(tmp_path, steps="  - {step: branch, date: 2024-03-01, members: 5, present: 5, for: 5}\n")
    refused = _unchanged(road, "review", "committee", road, "--members", "9", "--present", "6", "--for", "4", "--date", "2024-03-05")
    assert refused.exit_code == 1 and "for 4 of 9 members; needs more than 1/2 (5)" in refused.stderr
    assert "参照党组织会议" in refused.stderr and "应到会成员的半数" in refused.stderr
    assert cli("review", "committee", road, "--members", "9", "--present", "6", "--for", "5", "--date", "2024-03-05").exit_code == 0


def test_one_person_in_both_posts_merged_counts_fit_inside_the_joint_meeting(tmp_path: Path) -> None:
    """一肩挑: 3 支委 absent cannot be when only 1 member of the joint meeting was."""
    road = _village(tmp_path, steps="  []\n")
    merged = ("--merges", "branch", "--merged-members", "5", "--merged-present", "2", "--merged-for", "2")
    refused = _unchanged(road, "review", "committee", road, "--members", "9", "--present", "8", "--for", "8", "--date", "2024-03-05", *merged)
    assert refused.exit_code == 2 and "FT432" in refused.stderr and "3 of its members were absent, more than the 1 absent" in refused.stderr
    text = (
        "  - {step: committee, date: 2024-03-05, members: 9, present: 8, for: 8, merges: [branch], merged: [{step: branch, members: 10, present: 5, for: 5}]}\n"
    )
    road = _village(tmp_path / "b", steps=text)
    check = cli("check", road)
    assert check.exit_code == 1 and "FT432" in check.stdout and "its 10 members are more than the 9" in check.stdout


def test_probationary_members_attend_apart_and_are_never_counted(tmp_path: Path) -> None:
    """预备党员 and those under 留党察看 have no vote: recorded apart, in no count of the rule."""
    road = _village(tmp_path, steps=DELIBERATED.split("  - {step: members")[0])
    done = cli("review", "members", road, "--members", "40", "--present", "22", "--nonvoting", "5", "--for", "21", "--date", "2024-03-12")
    assert done.exit_code == 0 and "present 22 of 40 members" in done.stdout  # 27 in the room, 22 with a vote: 应到 and 实到 as they were
    text = (road / "project.yaml").read_text(encoding="utf-8")
    assert "    nonvoting: 5\n" in text and "    members: 40\n" in text and "    present: 22\n" in text
    published = _publishable(road)
    assert "另有5人列席（无表决权）" in published


def _publishable(road: Path) -> str:
    """Record the resolution and publish its notice as text; the notice."""
    assert cli("review", "assembly", road, "--members", "40", "--present", "35", "--for", "30", "--date", "2024-03-25").exit_code == 0
    result = cli("publish", road, "--date", "2024-03-26", "--format", "txt")
    assert result.exit_code == 0, result.output
    return (road / "notices/2024-03-26-resolution.txt").read_text(encoding="utf-8")


def test_typing_liangwei_in_a_community_never_records_the_party_committee_review(tmp_path: Path) -> None:
    """社区党委评议 is the 社区党委's alone: 两委 is not another name for it."""
    ws = tmp_path / "ws"
    assert cli("init", ws, "--kind", "community", "--name", "北苑社区", "--hotline", "0951-6012345").exit_code == 0
    assert cli("new", "p", "--title", "活动场地", "-w", ws).exit_code == 0
    project = ws / "projects/p"
    assert cli("review", "branch", project, "--members", "5", "--present", "5", "--for", "5", "--date", "2024-03-01").exit_code == 0
    refused = _unchanged(project, "review", "两委", project, "--members", "7", "--present", "7", "--for", "7", "--date", "2024-03-05")
    assert refused.exit_code == 2 and "FT414" in refused.stderr
    assert cli("review", "社区党委", project, "--members", "7", "--present", "7", "--for", "7", "--date", "2024-03-05").exit_code == 0


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_refusals_quote_their_basis(tmp_path: Path, language: str) -> None:
    road = _village(tmp_path, "village-land")
    args = ("--members", "35", "--present", "33", "--representatives", "30", "--for", "30", "--representatives-for", "31", "--date", "2024-03-25")
    refused = cli("review", "assembly", road, *args, "--lang", language)
    assert "农村土地承包法 第十九条：承包方案应当经本集体经济组织成员的村民会议三分之二以上成员或者三分之二以上村民代表的同意" in refused.stderr
    if language == "zh":
        assert "村民代表的同意票单独计算，不可能多于村民代表人数" in refused.stderr


def test_one_household_with_contradictory_opinions_on_one_day_is_a_finding(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    assert cli("init", ws, "--kind", "community", "--name", "北苑社区", "--hotline", "0951-6012345").exit_code == 0
    (ws / "households/h.csv").write_text("户号,户主\n1-1-101,张一\n1-1-102,张二\n", encoding="utf-8")
    steps = "".join(f"  - {{step: {s}, date: 2024-03-0{n}, members: 5, present: 5, for: 5}}\n" for n, s in enumerate(("branch", "committee", "street"), 1))
    project = f"id: p\ntitle: 场地\nhouseholds: {{register: households/h.csv}}\nsteps:\n{steps}"
    visits = "household,opinion,by,date,channel,note\n1-1-101,agree,李娟,2024-04-12,in_person,\n1-1-102,agree,李娟,2024-04-12,in_person,\n1-1-101,oppose,李娟,2024-04-12,phone,\n"
    write_tree(ws, {"projects/p/project.yaml": project, "projects/p/canvass.csv": visits})
    check = cli("check", ws)
    assert "FT530" in check.stdout and "canvass.csv:4:" in check.stdout and "household 1-1-101 gave different opinions on 2024-04-12" in check.stdout
    (ws / "projects/p/canvass.csv").write_text(visits.replace("oppose,李娟,2024-04-12", "oppose,李娟,2024-04-13"), encoding="utf-8")
    assert "FT530" not in cli("check", ws).stdout  # a later day may change a mind


def test_a_declared_holiday_year_without_its_fixed_holidays_is_refused(tmp_path: Path) -> None:
    """全国年节及纪念日放假办法 第二条: 元旦, 劳动节 and 国庆节 are fixed; a declared 2031 without 1月1日 would count it a working day."""
    import datetime as dt

    from fourtwo.disclosure.period import period_end
    from fourtwo.findings.errors import InputError

    days = "[2031-05-01, 2031-05-02, 2031-10-01, 2031-10-02, 2031-10-03]"
    write_tree(tmp_path, {"fourtwo.yaml": VILLAGE + f"holidays:\n  - {{year: 2031, days_off: {days}}}\n"})
    check = cli("check", tmp_path)
    assert check.exit_code == 1 and "FT661" in check.stdout and "holidays 2031 leaves out 1月1日" in check.stdout and "元旦，放假1天（1月1日）" in check.stdout
    declared = {2031: (frozenset(dt.date.fromisoformat(d) for d in days[1:-1].split(", ")), frozenset[dt.date]())}
    with pytest.raises(InputError, match="leaves out 1月1日"):
        period_end(dt.date(2031, 1, 1), 7, "working_days", declared)
