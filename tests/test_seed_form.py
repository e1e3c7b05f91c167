"""Issue 22, the seed's form: the community default of a new workspace, the 居民代表会议 form kept
under its old id for every project made under it, the example following the seed, and a
workspace copied from the examples before the change checking exactly as it did."""

from __future__ import annotations

import json
import shutil
from fractions import Fraction
from pathlib import Path

from conftest import BEIYUAN_2024, EXAMPLES, REPO, cli, write_tree

from fourtwo.model.procedure import builtin

PROJECT = "projects/2024-hongmeiyuan-activity-area"


def test_init_community_writes_the_seeds_form(tmp_path: Path) -> None:
    assert cli("init", tmp_path / "c", "--kind", "community", "--name", "北苑社区", "--hotline", "0951-6012345").exit_code == 0
    text = (tmp_path / "c/fourtwo.yaml").read_text(encoding="utf-8")
    assert "\nprocedure: community-canvass " in text and "hotline: 0951-6012345" in text
    assert cli("init", tmp_path / "v", "--kind", "村", "--name", "塔桥村").exit_code == 0
    assert "\nprocedure: village " in (tmp_path / "v/fourtwo.yaml").read_text(encoding="utf-8")


def test_the_seeds_form_three_reviews_the_canvass_a_progress_notice_then_the_result() -> None:
    """小区党支部、社区党委、街道党工委评议，入户率80%以上，过程公开、结果公开: no assembly, no resolution notice."""
    seed = builtin()[0]["community-canvass"]
    assert [(s.id, s.kind, s.optional) for s in seed.steps] == [
        ("branch", "meeting", False),
        ("committee", "meeting", False),
        ("street", "meeting", False),
        ("canvass", "canvass", False),
        ("progress_notice", "notice", False),
        ("implementation", "implementation", False),
        ("result_notice", "notice", False),
    ]
    assert seed.step("canvass").threshold == Fraction(4, 5) and seed.step("canvass").channels == ["in_person"]  # type: ignore[union-attr]
    assembly = builtin()[0]["community"]
    assert [s.id for s in assembly.steps] == [
        "branch",
        "committee",
        "street",
        "canvass",
        "assembly",
        "resolution_notice",
        "progress_notice",
        "implementation",
        "result_notice",
    ]
    assert assembly.step("street").optional and assembly.step("progress_notice").optional  # type: ignore[union-attr]


def test_a_result_notice_in_the_seeds_form_waits_for_a_progress_notice(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    project = ws / PROJECT
    text = (project / "project.yaml").read_text(encoding="utf-8")
    cut = text.index("  - step: progress_notice")
    (project / "project.yaml").write_text(text[:cut], encoding="utf-8")
    shutil.rmtree(project / "notices")
    refused = cli("implement", project, "--completed", "2024-07-20", "--cost", "183260.50")
    assert refused.exit_code == 1 and "FT405" in refused.stderr and "progress_notice" in refused.stderr
    assert cli("publish", project, "progress", "--date", "2024-04-28", "--format", "txt").exit_code == 0
    assert cli("publish", project, "resolution", "--date", "2024-04-28").exit_code == 2  # the seed's form has none


def test_the_assembly_form_keeps_its_id_and_projects_made_under_it_are_judged_by_it(tmp_path: Path) -> None:
    """Every project made before the change says `procedure: community` and holds an assembly."""
    ws = tmp_path / "beiyuan"
    shutil.copytree(BEIYUAN_2024, ws)
    assert "\nprocedure: community\n" in (ws / PROJECT / "project.yaml").read_text(encoding="utf-8")
    status = cli("status", ws).stdout
    assert "community " in status and "实施结果公开 2024-07-22 done" in status
    result = cli("check", ws, "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert result.exit_code == 0 and {f["code"] for f in findings} == {"FT213"}, findings  # only the editor schemas, out of date after the upgrade
    for notice in sorted((ws / PROJECT / "notices").glob("*.txt")):
        assert cli("verify", notice).stdout.startswith("matches:"), notice.name


def test_a_workspace_copied_from_todays_examples_checks_exactly_as_before(tmp_path: Path) -> None:
    """The examples as they were before issue 22: the 红梅园 project under the 居民代表会议 form and the
    two others, with the editor schemas of their day; nothing is reported but those schemas."""
    old_schemas = BEIYUAN_2024 / ".fourtwo"
    roots = [tmp_path / "beiyuan"]
    shutil.copytree(BEIYUAN_2024, roots[0])
    for name in ("chaoyang", "taqiao"):
        roots.append(tmp_path / name)
        shutil.copytree(EXAMPLES / name, roots[-1])
        shutil.rmtree(roots[-1] / ".fourtwo")
        shutil.copytree(old_schemas, roots[-1] / ".fourtwo")
    taqiao = roots[-1] / "projects/2024-taqiao-lane-hardening/project.yaml"  # as it was: its 预备党员 in a note only
    lines = taqiao.read_text(encoding="utf-8").splitlines(keepends=True)
    taqiao.write_text("".join(line for line in lines if not line.startswith("    nonvoting:")), encoding="utf-8")
    result = cli("check", *roots, "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert result.exit_code == 0
    assert sorted((Path(f["path"]).parent.parent.name, f["code"]) for f in findings) == sorted((r.name, "FT213") for r in roots for _ in range(2))


def test_the_example_follows_the_seed_with_nothing_invented_that_a_notice_states() -> None:
    project = EXAMPLES / "beiyuan" / PROJECT
    text = (project / "project.yaml").read_text(encoding="utf-8")
    assert "\nprocedure: community-canvass" in text
    steps = [line.split("step: ")[1].split()[0] for line in text.splitlines() if line.startswith("  - step: ")]
    assert steps == ["branch", "committee", "street", "progress_notice", "implementation", "result_notice"]
    assert "objections:" not in text
    notices = " ".join(p.read_text(encoding="utf-8") for p in (project / "notices").glob("*.txt"))
    for word in ("居民代表会议", "决议", "异议1", "1号意见"):
        assert word not in notices
    # the result notice says what the records say of its 过程公示 (DOMAIN.md §3): no objection recorded
    assert "公示期内收到意见0件，已答复0件" in notices and "公示期后收到" not in notices
    assert "小区党支部评议" in notices and "社区党委评议" in notices and "街道党工委评议" in notices and "入户率81.0%" in notices
    assert cli("check", EXAMPLES / "beiyuan").exit_code == 0
    other = (EXAMPLES / "chaoyang/projects/2023-chaoyang-old-estate-renovation/project.yaml").read_text(encoding="utf-8")
    assert "\nprocedure: community\n" in other  # another example follows the 居民代表会议 form
    for notice in sorted((project / "notices").glob("*.txt")):
        assert cli("verify", notice).stdout.startswith("matches:"), notice.name


def test_the_village_procedure_cites_the_party_rule_that_makes_the_method_binding() -> None:
    """中国共产党农村基层组织工作条例（2019）第十九条: cited; its text could not be read, so data says the quote is pending."""
    village = builtin()[0]["village"]
    assert village.basis == "中国共产党农村基层组织工作条例（2019）第十九条"
    assert "待核实" in village.pending  # never quoted from memory
    assert builtin()[0]["village-land"].basis == village.basis  # a profile takes its base's


def test_a_village_notice_cites_it(tmp_path: Path) -> None:
    ws = tmp_path / "taqiao"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    project = ws / "projects/2024-taqiao-lane-hardening"
    assert cli("publish", project, "--date", "2024-03-26", "--format", "txt").exit_code == 0
    text = (project / "notices/2024-03-26-resolution.txt").read_text(encoding="utf-8")
    assert "依据中国共产党农村基层组织工作条例（2019）第十九条，按照“四议两公开”工作法要求" in text


def test_docs_say_which_community_form_is_which() -> None:
    text = (REPO / "docs/procedures.md").read_text(encoding="utf-8")
    assert "community-canvass" in text and "居民代表会议决议" in text and "shared/seed" not in text
    assert "procedure: community" in text


def test_a_workspace_default_without_a_procedure_key_stays_the_assembly_form(tmp_path: Path) -> None:
    """A fourtwo.yaml written before `procedure:` existed keeps the community default it had."""
    yaml = "organisation: {name: 北苑社区, kind: community}\nparty_organisation: {name: 党委}\ncommittee: {name: 居委会}\n"
    write_tree(tmp_path, {"fourtwo.yaml": yaml, "projects/p/project.yaml": "id: p\ntitle: t\n"})
    assert "community " in cli("status", tmp_path).stdout.splitlines()[2]


def test_a_result_notice_in_the_seeds_form_says_when_its_process_notice_was_posted(tmp_path: Path) -> None:
    """DOMAIN.md §3: the result notice cites the notice that made the decision public, its period,
    and the objections received and answered; in the seed's form that notice is the 过程公开."""
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    project = ws / PROJECT
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(text[: text.index("  - step: result_notice")], encoding="utf-8")
    for old in project.glob("notices/2024-07-22-result.*"):
        old.unlink()
    said = cli("publish", project, "result", "--date", "2024-07-22", "--format", "html", "--format", "md", "--format", "txt")
    assert said.exit_code == 0, said.output
    line = "本事项过程公示于2024年4月28日张贴（公示期2024年4月28日至2024年5月6日），公示期内收到意见0件，已答复0件。"
    for fmt in ("html", "md", "txt"):
        assert line in (project / f"notices/2024-07-22-result.{fmt}").read_text(encoding="utf-8"), fmt
    facts = json.loads((project / "notices/2024-07-22-result.facts.json").read_text(encoding="utf-8"))
    assert facts["facts"]["plan"]["date"] == "2024-04-28" and facts["facts"]["resolution"] is None
    assert cli("check", ws).exit_code == 0


def test_publish_without_a_kind_posts_the_notice_that_makes_the_decision_public(tmp_path: Path) -> None:
    """`fourtwo publish P` names no kind: the seed's form has no 决议公开, so it is its 过程公开."""
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    project = ws / PROJECT
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(text[: text.index("  - step: progress_notice")], encoding="utf-8")
    shutil.rmtree(project / "notices")
    said = cli("publish", project, "--date", "2024-04-28", "--format", "txt")
    assert said.exit_code == 0, said.output
    assert (project / "notices/2024-04-28-progress.txt").is_file()
    assert "  - step: progress_notice" in (project / "project.yaml").read_text(encoding="utf-8")
