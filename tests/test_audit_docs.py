"""Issue 22, documentation and upgrades: what the docs promise is what the tool does, and a
notice published under an earlier reading keeps its verdict."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from conftest import EXAMPLES, REPO, cli

from fourtwo.disclosure import archive, capitals, facts
from fourtwo.model.rules import COUNTS


def test_capitals_cite_the_items_of_article_52_as_they_are() -> None:
    """会计基础工作规范 第五十二条: 整 is item 三, 人民币 item 四, 零 item 五."""
    doc = capitals.__doc__ or ""
    for item, words in (("第三项", "整"), ("第四项", "货币名称"), ("第五项", "零")):
        line = doc[doc.index(item) : doc.index(item) + 80]
        assert words in line, item
    assert "第二项" not in doc


def test_the_count_table_lists_every_count_a_rule_may_name() -> None:
    procedures = (REPO / "docs/procedures.md").read_text(encoding="utf-8")
    table = procedures.split("The counts a condition may name", 1)[1].split("## Counting words", 1)[0]
    for count in (*COUNTS, "nonvoting"):
        assert f"| `{count}` |" in table, count


def test_the_canvass_docs_promise_only_findings_the_tool_gives(tmp_path: Path) -> None:
    """FT509 is a household not on the register; a visit to one left out is kept and not counted, without a finding."""
    doc = (REPO / "docs/canvass.md").read_text(encoding="utf-8")
    assert "becomes an error for `fourtwo check` (`FT509`" not in doc and "now reports each as `FT509`" not in doc
    ws = tmp_path / "beiyuan"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    project = ws / "projects/2024-hongmeiyuan-activity-area"
    text = (project / "project.yaml").read_text(encoding="utf-8")
    text = text[: text.index("  - step: progress_notice")].replace(
        "  register: households/hongmeiyuan.csv", "  exclude_status: [空置]\n  register: households/hongmeiyuan.csv", 1
    )
    (project / "project.yaml").write_text(text, encoding="utf-8")
    shutil.rmtree(project / "notices")
    coverage = cli("canvass", "coverage", project)
    assert "209 households in scope (7 left out: 空置7)" in coverage.stdout and "attempts    19 households" in coverage.stdout
    assert "19 households tried with nobody home" in doc and "FT509" not in cli("check", ws).stdout


def test_the_readme_tours_quote_the_refusals_as_the_tool_prints_them() -> None:
    english = (REPO / "README.md").read_text(encoding="utf-8")
    chinese = (REPO / "README.zh-CN.md").read_text(encoding="utf-8")
    assert "needs at least 1/2 (4) — 党内议事规则（参照中国共产党支部工作条例（试行）第十二条）：半数以上委员到会方可进行" in english
    assert "needs more than 1/2 (4)" not in english
    assert "须不少于 1/2（4）——党内议事规则（参照中国共产党支部工作条例（试行）第十二条）：半数以上委员到会方可进行" in chinese


def test_a_notice_stated_on_the_present_base_keeps_its_verdict_after_the_two_committees_moved_to_members(tmp_path: Path) -> None:
    """The 两委 joint meeting now decides on 应到; a notice published on 实到 is compared on the base it stated."""
    ws = tmp_path / "taqiao"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    project = ws / "projects/2024-taqiao-lane-hardening"
    assert cli("publish", project, "--date", "2024-03-26", "--format", "txt").exit_code == 0
    path = project / "notices/2024-03-26-resolution.facts.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    committee = next(m for m in doc["facts"]["meetings"] if m["label"].startswith("两委商议"))
    assert (committee["for_base"], committee["for_percent"]) == ("应到", "88.9%")  # 8 of 9 members
    committee.update(for_base="实到", for_percent="100.0%")  # as published before: 8 of 8 present
    doc["schema"] = 1
    from fourtwo.pipeline import open_project

    _, judged, loaded, _ = open_project(project)
    record = next(r for s in judged.timeline(loaded) or [] for r in s.notices)
    now = archive.build(judged, loaded, "resolution", record)
    assert facts.differences(facts.SHAPES[1], doc["facts"], archive._on_stated_bases(now, doc["facts"])) == []
    committee["votes_for"] = 7
    found = facts.differences(facts.SHAPES[1], doc["facts"], archive._on_stated_bases(now, doc["facts"]))
    assert [d.field for d in found] == ["votes_for"]  # a fact still differs by its name


def test_findings_and_notices_of_issue_22_read_in_chinese(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    assert cli("init", ws, "--kind", "community", "--name", "北苑社区", "--hotline", "0951-6012345").exit_code == 0
    (ws / "households/h.csv").write_text("户号,户主\n1-1-101,张一\n", encoding="utf-8")
    steps = "".join(f"  - {{step: {s}, date: 2024-03-0{n}, members: 5, present: 5, for: 5}}\n" for n, s in enumerate(("branch", "committee", "street"), 1))
    (ws / "projects/p").mkdir()
    (ws / "projects/p/project.yaml").write_text(f"id: p\ntitle: 场地\nhouseholds: {{register: households/h.csv}}\nsteps:\n{steps}", encoding="utf-8")
    (ws / "projects/p/canvass.csv").write_text(
        "household,opinion,by,date,channel,note\n1-1-101,agree,甲,2024-04-12,,\n1-1-101,oppose,甲,2024-04-12,phone,\n", encoding="utf-8"
    )
    check = cli("check", ws, "--lang", "zh").stdout
    assert "1-1-101户在2024-04-12表达了不同的意见：同意（第2行）；反对（第3行）" in check
    refused = cli("publish", ws / "projects/p", "progress", "--date", "2099-01-01", "--lang", "zh")
    assert "不能填以后的日期" in refused.stderr and not re.search(r"[A-Za-z]{4,} [a-z]{3,}", refused.stderr.replace("--date", ""))
