"""Issue 21, item 5: a meeting is judged, and its notice cites, the rules in force on its date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import WORKSPACE_YAML, cli, write_tree

from fourtwo.model.procedure import builtin

REVIEWS = """\
  - {{step: branch, date: {y}01, members: 5, present: 5, for: 5}}
  - {{step: committee, date: {y}02, members: 7, present: 7, for: 7}}
  - {{step: street, date: {y}03, members: 9, present: 9, for: 9}}
  - {{step: assembly, date: {day}, members: 35, present: 30, for: 28}}
"""
# no canvass here: a procedure of the community's steps without one, so the assembly's date is all that matters
NO_CANVASS = """\
id: community-plain
name: 社区（无入户）
kind: community
steps:
  - {id: branch, kind: meeting, name: 小区党支部评议, body: 小区党支部委员会, rules: party_branch_committee}
  - {id: committee, kind: meeting, name: 社区党委评议, body: 社区党委委员会, rules: party_committee}
  - {id: street, kind: meeting, name: 街道党工委评议, body: 街道党工委, rules: party_committee}
  - id: assembly
    kind: meeting
    name: 居民代表会议决议
    body: 居民代表会议
    forms: [{id: representatives, name: 居民代表会议, rules: residents_representatives}]
  - {id: resolution_notice, kind: notice, name: 决议公开, body: 居民委员会, notice: resolution}
"""


def _project(root: Path, name: str, day: str) -> Path:
    body = f"id: {name}\ntitle: 活动场地\nprocedure: community-plain\nmatter: 改造。\nsteps:\n" + REVIEWS.format(y=day[:8], day=day)
    write_tree(root, {f"projects/{name}/project.yaml": body})
    return root / "projects" / name


def test_a_2025_and_a_2026_residents_representatives_meeting_each_by_its_own_law(tmp_path: Path) -> None:
    write_tree(tmp_path, {"fourtwo.yaml": WORKSPACE_YAML, "procedures/plain.yaml": NO_CANVASS})
    before, after = _project(tmp_path, "old", "2025-12-20"), _project(tmp_path, "new", "2026-01-10")
    result = cli("check", tmp_path, "--ignore", "FT206")
    assert result.exit_code == 0, result.output
    assert "info FT420" in result.output and "'assembly' (2026-01-10)" in result.output and "2025-12-20" not in result.output.split("FT420")[1]
    for project, day, cited in ((before, "2025-12-22", "地方规定（无全国性法律）"), (after, "2026-01-12", "城市居民委员会组织法（2025年修订）第四章")):
        assert cli("publish", project, "--date", day, "--format", "txt").exit_code == 0
        body = (project / f"notices/{day}-resolution.txt").read_text(encoding="utf-8")
        assert f"依据：{cited}" in body, body
    old_body = (before / "notices/2025-12-22-resolution.txt").read_text(encoding="utf-8")
    assert "城市居民委员会组织法（2025年修订）" not in old_body  # a 2025 meeting keeps the 2025 basis


def test_the_2026_village_periods_cite_the_amended_law_and_the_earlier_ones_2018(tmp_path: Path) -> None:
    _, rulesets = builtin()
    for name in ("villagers_representatives", "villagers_meeting", "residents_meeting", "residents_representatives"):
        periods = rulesets[name].periods
        assert [p.start for p in periods] == [None, dt.date(2026, 1, 1)] and periods[0].end == dt.date(2025, 12, 31), name
        assert periods[1].pending and not periods[0].pending  # quoted from the text, or said not to be
    village = builtin()[0]["village"].step("assembly")
    assert village is not None
    cites = {day: village.period_for("representatives", day).cite for day in (dt.date(2025, 12, 31), dt.date(2026, 1, 1))}  # type: ignore[union-attr]
    assert cites == {dt.date(2025, 12, 31): "村民委员会组织法(2018) 第二十六条", dt.date(2026, 1, 1): "村民委员会组织法（2025年修正）"}


PROFILE = """\
id: community-dated
name: 社区（规则按日期）
kind: community
extends: community-plain
steps:
  - id: assembly
    forms:
      - id: representatives
        name: 居民代表会议
        rules:
          periods:
            - until: 2025-12-31
              cite: 某市社区议事规则（2020）第八条
              rules:
                - {id: quorum, name: 到会, stage: quorum, all_of: [{count: present, of: members, at_least: 2/3}], basis: 某市社区议事规则（2020）第八条：三分之二以上到会}
                - {id: passing, name: 通过, stage: passing, all_of: [{count: for, of: present, more_than: 1/2}], basis: 某市社区议事规则（2020）第八条：到会过半数}
            - from: 2026-01-01
              cite: 某市社区议事规则（2026）第五条
              rules:
                - {id: quorum, name: 到会, stage: quorum, all_of: [{count: present, of: members, more_than: 1/2}], basis: 某市社区议事规则（2026）第五条：过半数到会}
                - {id: passing, name: 通过, stage: passing, all_of: [{count: for, of: present, more_than: 1/2}], basis: 某市社区议事规则（2026）第五条：到会过半数}
"""


def test_the_same_counts_fail_under_the_old_rules_and_pass_under_the_new(tmp_path: Path) -> None:
    write_tree(tmp_path, {"fourtwo.yaml": WORKSPACE_YAML, "procedures/plain.yaml": NO_CANVASS, "procedures/dated.yaml": PROFILE})
    for name, day in (("old", "2025-06-15"), ("new", "2026-06-15")):
        text = f"id: {name}\ntitle: 活动场地\nprocedure: community-dated\nsteps:\n" + REVIEWS.format(y=day[:8], day=day).replace(
            "present: 30, for: 28", "present: 20, for: 15"
        )
        write_tree(tmp_path, {f"projects/{name}/project.yaml": text})
    result = cli("check", tmp_path, "--ignore", "FT206")
    assert result.exit_code == 1
    failing = [line for line in result.output.splitlines() if " FT401 " in line]
    assert len(failing) == 1 and "projects/old/" in failing[0].replace("\\", "/") and "某市社区议事规则（2020）第八条" in failing[0]
    new = tmp_path / "projects/new"
    assert cli("publish", new, "--date", "2026-06-17", "--format", "txt").exit_code == 0
    assert "依据：某市社区议事规则（2026）第五条" in (new / "notices/2026-06-17-resolution.txt").read_text(encoding="utf-8")


def test_periods_that_overlap_or_leave_a_meeting_uncovered_are_found(tmp_path: Path) -> None:
    overlapping = PROFILE.replace("from: 2026-01-01", "from: 2025-12-01")
    write_tree(tmp_path, {"fourtwo.yaml": WORKSPACE_YAML, "procedures/plain.yaml": NO_CANVASS, "procedures/dated.yaml": overlapping})
    result = cli("check", tmp_path)
    assert result.exit_code == 1 and "FT415" in result.output and "periods overlap" in result.output
    gap = PROFILE.replace("from: 2026-01-01", "from: 2026-02-01")
    write_tree(tmp_path, {"procedures/dated.yaml": gap})
    text = "id: gap\ntitle: 活动场地\nprocedure: community-dated\nsteps:\n" + REVIEWS.format(y="2026-01-", day="2026-01-15")
    write_tree(tmp_path, {"projects/gap/project.yaml": text})
    result = cli("check", tmp_path)
    assert result.exit_code == 1 and "FT422" in result.output and "2026-01-15" in result.output
