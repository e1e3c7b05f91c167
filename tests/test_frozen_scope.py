"""Issue 21, items 2 and 3: the canvass's scope is frozen when a later step uses its rate,
and households are left out of it only stated and dated."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from conftest import EXAMPLES, WORKSPACE_YAML, cli, copy_beiyuan_2024, write_tree

PROJECT = "projects/2024-hongmeiyuan-activity-area"


def _before_the_assembly(tmp_path: Path) -> Path:
    """The 红梅园 example up to its canvass: the three reviews and the visits, no assembly yet."""
    ws = tmp_path / "beiyuan"
    copy_beiyuan_2024(ws)
    project = ws / PROJECT
    shutil.rmtree(project / "notices", ignore_errors=True)
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(text[: text.index("  - step: assembly")], encoding="utf-8")
    return project


def _assembly(project: Path, date: str = "2024-04-26") -> None:
    result = cli("review", "assembly", project, "--members", "35", "--present", "29", "--for", "27", "--against", "1", "--abstain", "1", "--date", date)
    assert result.exit_code == 0, result.output


def _add_households(ws: Path, n: int) -> None:
    register = ws / "households/hongmeiyuan.csv"
    text = register.read_text(encoding="utf-8-sig")
    register.write_text(text + "".join(f"7,1,{100 + i},某某,138****0099,80.00,自住\r\n" for i in range(1, n + 1)), encoding="utf-8")


def test_the_assembly_keeps_the_scope_it_was_counted_against(tmp_path: Path) -> None:
    project = _before_the_assembly(tmp_path)
    _assembly(project)
    record = yaml.safe_load((project / "project.yaml").read_text(encoding="utf-8"))["steps"][-1]
    scope = record["scope"]
    assert scope["register"] == "households/hongmeiyuan.csv" and scope["households"] == 216
    assert len(scope["in_scope"].split()) == 216 and "3-2-501" in scope["in_scope"].split()
    assert scope["register_digest"].startswith("sha256:") and "excluded" not in scope


def test_a_register_change_after_the_canvass_leaves_every_past_step_valid(tmp_path: Path) -> None:
    """Twenty households appended after the decision: information, never an error, never advice to republish."""
    project = _before_the_assembly(tmp_path)
    ws = project.parent.parent
    _assembly(project)
    assert cli("publish", project, "--date", "2024-04-28", "--format", "txt").exit_code == 0
    args = ["--completed", "2024-07-20", "--started", "2024-05-20", "--accepted-on", "2024-07-20", "--cost", "183260.50", "--acceptance", "passed"]
    assert cli("implement", project, *args).exit_code == 0
    _add_households(ws, 20)
    assert cli("publish", project, "result", "--date", "2024-07-22", "--format", "txt").exit_code == 0
    result = cli("check", ws, "--ignore", "FT213")
    assert result.exit_code == 0, result.output
    assert "FT503" not in result.output and "FT606" not in result.output and "FT650" not in result.output
    assert "info FT520" in result.output and "+20 households in scope" in result.output and "216 households in scope then" in result.output
    assert "publish it again" not in result.output
    assert cli("check", ws, "--ignore", "FT213", "--strict").exit_code == 0  # information never fails
    for name in ("2024-04-28-resolution.txt", "2024-07-22-result.txt"):
        body = (project / "notices" / name).read_text(encoding="utf-8")
        assert "应征求216户，实际入户175户，入户率81.0%" in body, name
        assert cli("verify", project / "notices" / name).stdout.startswith("matches:")


def test_a_household_removed_from_the_register_still_counts(tmp_path: Path) -> None:
    project = _before_the_assembly(tmp_path)
    ws = project.parent.parent
    _assembly(project)
    assert cli("publish", project, "--date", "2024-04-28", "--format", "txt").exit_code == 0
    register = ws / "households/hongmeiyuan.csv"
    lines = register.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    register.write_text("".join(lines[:1] + lines[41:]), encoding="utf-8")  # building 1 gone from the register
    result = cli("check", ws, "--ignore", "FT213")
    assert result.exit_code == 0 and "-40 households" in result.output, result.output
    assert cli("verify", project / "notices/2024-04-28-resolution.txt").stdout.startswith("matches:")


# --- exclusions -------------------------------------------------------------------------------

FIVE = "楼栋,单元,房号,户主,联系电话,建筑面积,状态\n" + "".join(f"1,1,{r}01,户主{r},,80,自住\n" for r in range(1, 6))
PROJECT_YAML = """\
id: p
title: 活动场地
matter: 改造活动场地。
budget: {amount: 10000, funding: 专项资金}
households:
  register: households/r.csv
steps:
  - {step: branch, date: 2024-03-01, members: 5, present: 5, for: 5}
  - {step: committee, date: 2024-03-02, members: 7, present: 7, for: 7}
  - {step: street, date: 2024-03-03, members: 9, present: 9, for: 9}
"""


def _five(tmp_path: Path) -> Path:
    """Five households, three of them heard at home."""
    write_tree(tmp_path, {"fourtwo.yaml": WORKSPACE_YAML, "households/r.csv": FIVE, "projects/p/project.yaml": PROJECT_YAML})
    project = tmp_path / "projects/p"
    for room in ("1-1-101", "1-1-201", "1-1-301"):
        assert cli("canvass", "record", project, room, "agree", "--date", "2024-04-10").exit_code == 0
    return project


def _resolve(project: Path) -> object:
    return cli("review", "assembly", project, "--members", "35", "--present", "30", "--for", "28", "--date", "2024-04-20")


def left_out_by_status(tmp_path: Path, project: Path) -> None:
    """The two unheard households marked 常年外出 in the register, and that status excluded by hand."""
    register = tmp_path / "households/r.csv"
    register.write_text(
        FIVE.replace("1,1,401,户主4,,80,自住", "1,1,401,户主4,,80,常年外出").replace("1,1,501,户主5,,80,自住", "1,1,501,户主5,,80,常年外出"), encoding="utf-8"
    )
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(
        text.replace("  register: households/r.csv\n", "  register: households/r.csv\n  exclude_status: [常年外出]\n"), encoding="utf-8"
    )


def test_leaving_households_out_by_status_after_the_fact_is_refused(tmp_path: Path) -> None:
    """3 of 5 is 60%: marking the two unheard 常年外出 and excluding the status is what lifts it to 100%."""
    project = _five(tmp_path)
    short = _resolve(project)
    assert short.exit_code == 1 and "FT503" in short.stderr  # type: ignore[attr-defined]
    left_out_by_status(tmp_path, project)
    before = (project / "project.yaml").read_bytes()
    refused = _resolve(project)
    assert refused.exit_code == 1 and "FT521" in refused.stderr and "常年外出" in refused.stderr  # type: ignore[attr-defined]
    assert "fourtwo canvass exclude" in refused.stderr and (project / "project.yaml").read_bytes() == before  # type: ignore[attr-defined]
    coverage = cli("canvass", "coverage", project)
    assert coverage.exit_code == 1 and "NOT reached" in coverage.stdout


def test_an_exclusion_with_its_reason_and_date_is_stated_on_the_notice(tmp_path: Path) -> None:
    project = _five(tmp_path)
    no_reason = cli("canvass", "exclude", project, "1-1-401", "--reason", " ", "--date", "2024-04-12")
    assert no_reason.exit_code == 2 and "--reason" in no_reason.stderr
    stranger = cli("canvass", "exclude", project, "9-9-999", "--reason", "常年外出", "--date", "2024-04-12")
    assert stranger.exit_code == 2 and "FT524" in stranger.stderr
    done = cli("canvass", "exclude", project, "1-1-401", "1-1-501", "--reason", "常年外出", "--date", "2024-04-12")
    assert done.exit_code == 0, done.output
    data = yaml.safe_load((project / "project.yaml").read_text(encoding="utf-8"))
    assert data["exclusions"] == [
        {"household": "1-1-401", "reason": "常年外出", "date": __import__("datetime").date(2024, 4, 12)},
        {"household": "1-1-501", "reason": "常年外出", "date": __import__("datetime").date(2024, 4, 12)},
    ]
    again = cli("canvass", "exclude", project, "1-1-401", "--reason", "空置", "--date", "2024-04-12")
    assert again.exit_code == 2 and "left out already" in again.stderr
    assert _resolve(project).exit_code == 0  # type: ignore[attr-defined]
    excluded = yaml.safe_load((project / "project.yaml").read_text(encoding="utf-8"))["steps"][-1]["scope"]["excluded"]
    assert [e["household"] for e in excluded] == ["1-1-401", "1-1-501"] and all(e["reason"] == "常年外出" for e in excluded)
    assert cli("publish", project, "--date", "2024-04-22", "--format", "txt", "--format", "md", "--format", "html").exit_code == 0
    body = (project / "notices/2024-04-22-resolution.txt").read_text(encoding="utf-8")
    assert "应征求3户，实际入户3户，入户率100.0%" in body
    assert "另有2户不计入应征求户数（常年外出2户，2024年4月12日认定）" in body
    for fmt in ("md", "html"):
        assert "不计入应征求户数" in (project / f"notices/2024-04-22-resolution.{fmt}").read_text(encoding="utf-8")
    late = cli("canvass", "exclude", project, "1-1-301", "--reason", "空置", "--date", "2024-04-25")
    assert late.exit_code == 1 and "FT523" in late.stderr  # the scope is frozen: nothing taken changes


def test_an_exclusion_written_by_hand_needs_its_date_and_one_after_the_freeze_is_an_error(tmp_path: Path) -> None:
    project = _five(tmp_path)
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(text + "exclusions:\n  - {household: 1-1-401, reason: 常年外出}\n", encoding="utf-8")
    result = cli("check", tmp_path)
    assert result.exit_code == 1 and "FT101" in result.output and "'date'" in result.output
    (project / "project.yaml").write_text(text, encoding="utf-8")
    assert cli("canvass", "exclude", project, "1-1-401", "1-1-501", "--reason", "常年外出", "--date", "2024-04-12").exit_code == 0
    assert _resolve(project).exit_code == 0  # type: ignore[attr-defined]
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(text + "  - {household: 1-1-301, reason: 空置, date: 2024-04-25}\n", encoding="utf-8")
    result = cli("check", tmp_path)
    assert result.exit_code == 1 and "FT523" in result.output, result.output


def test_households_left_out_by_status_that_do_not_decide_the_rate_are_stated(tmp_path: Path) -> None:
    """Two vacant flats of ten, eight heard: 8 of 10 is 80% with them in scope, so the status decides nothing."""
    rows = "".join(f"1,1,{r}01,户主{r},,80,{'空置' if r > 8 else '自住'}\n" for r in range(1, 11))
    write_tree(
        tmp_path,
        {
            "fourtwo.yaml": WORKSPACE_YAML,
            "households/r.csv": "楼栋,单元,房号,户主,联系电话,建筑面积,状态\n" + rows,
            "projects/p/project.yaml": PROJECT_YAML.replace("  register: households/r.csv\n", "  register: households/r.csv\n  exclude_status: [空置]\n"),
        },
    )
    project = tmp_path / "projects/p"
    for r in range(1, 9):
        assert cli("canvass", "record", project, f"1-1-{r}01", "agree", "--date", "2024-04-10").exit_code == 0
    assert _resolve(project).exit_code == 0  # type: ignore[attr-defined]
    assert cli("publish", project, "--date", "2024-04-22", "--format", "txt").exit_code == 0
    body = (project / "notices/2024-04-22-resolution.txt").read_text(encoding="utf-8")
    assert "应征求8户" in body and "另有2户不计入应征求户数（空置2户）" in body


def test_a_register_updated_after_a_notice_listed_its_households_leaves_that_notice_true(tmp_path: Path) -> None:
    """The heads of household a --with-households notice printed come from the register on its
    day: a flat that changed hands since, or a row taken out, changes no fact the notice stated
    (the households in scope are frozen; the names are kept as printed, not compared)."""
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "beiyuan", ws)  # the example as it stands: its canvass, under the seed's form
    project = ws / "projects/2024-hongmeiyuan-activity-area"
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(text[: text.index("  - step: progress_notice")], encoding="utf-8")
    shutil.rmtree(project / "notices", ignore_errors=True)
    published = cli("publish", project, "progress", "--date", "2024-04-28", "--next", "5月下旬开工", "--with-households", "--format", "txt")
    assert published.exit_code == 0, published.output
    assert cli("check", ws).exit_code == 0
    register = ws / "households/hongmeiyuan.csv"
    rows = register.read_text(encoding="utf-8").splitlines(keepends=True)
    changed = [r.replace("高淑珍", "李建国") if r.startswith("1,1,101,") else r for r in rows]
    assert changed != rows
    register.write_text("".join(changed), encoding="utf-8")
    checked = cli("check", ws)
    assert "FT650" not in checked.stdout and checked.exit_code == 0, checked.stdout
    register.write_text("".join(r for r in rows if not r.startswith("1,1,101,")), encoding="utf-8")
    checked = cli("check", ws)
    assert "FT650" not in checked.stdout, checked.stdout


def test_a_threshold_raised_after_the_canvass_was_relied_on_does_not_rejudge_the_past(tmp_path: Path) -> None:
    """The share the canvass had to reach is frozen with its scope: a workspace's own procedure
    raised from 80% to 85% later applies to later canvasses, not to a notice posted at 81%."""
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    (ws / "procedures").mkdir()
    (ws / "procedures/hmy.yaml").write_text(
        "id: hmy-canvass\nname: 本街道入户征求意见\nkind: community\nextends: community-canvass\nsteps:\n  - {id: canvass, threshold: 80%}\n",
        encoding="utf-8",
    )
    project = ws / "projects/2024-hongmeiyuan-activity-area"
    text = (project / "project.yaml").read_text(encoding="utf-8")
    assert "procedure: community-canvass" in text
    cut = text[: text.index("  - step: progress_notice")].replace("procedure: community-canvass", "procedure: hmy-canvass", 1)
    (project / "project.yaml").write_text(cut, encoding="utf-8")
    shutil.rmtree(project / "notices", ignore_errors=True)
    assert cli("publish", project, "progress", "--date", "2024-04-28", "--next", "5月下旬开工", "--format", "txt").exit_code == 0
    assert cli("check", ws).exit_code == 0
    scope = yaml.safe_load((project / "project.yaml").read_text(encoding="utf-8"))["steps"][-1]["scope"]
    assert scope["threshold"] == "80%"
    (ws / "procedures/hmy.yaml").write_text((ws / "procedures/hmy.yaml").read_text(encoding="utf-8").replace("80%", "85%"), encoding="utf-8")
    checked = cli("check", ws)
    assert checked.exit_code == 0 and "FT503" not in checked.stdout, checked.stdout


def test_a_visit_to_a_household_added_after_the_scope_was_frozen_is_named(tmp_path: Path) -> None:
    """A row written by hand, dated inside the canvass, for a household the register gained after
    the scope was frozen: it counts for nothing, and check says so (record refuses the same)."""
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    register = ws / "households/hongmeiyuan.csv"
    text = register.read_text(encoding="utf-8")
    register.write_text(text + "9,1,101,新住户,,80.00,\n", encoding="utf-8")
    canvass = ws / "projects/2024-hongmeiyuan-activity-area/canvass.csv"
    first = canvass.read_text(encoding="utf-8-sig").splitlines()[1].split(",")
    row = ",".join(["9-1-101", "agree", first[2], first[3], "in_person", ""])
    with canvass.open("a", encoding="utf-8", newline="") as handle:
        handle.write(row + "\r\n")
    checked = cli("check", ws)
    assert "FT528" in checked.stdout and "9-1-101" in checked.stdout, checked.stdout


def test_a_frozen_scope_whose_count_is_not_its_list_is_an_error(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    path = ws / "projects/2024-hongmeiyuan-activity-area/project.yaml"
    text = path.read_text(encoding="utf-8")
    assert "      households: 216\n" in text
    path.write_text(text.replace("      households: 216\n", "      households: 215\n", 1), encoding="utf-8")
    checked = cli("check", ws)
    assert checked.exit_code == 1 and "FT531" in checked.stdout and "215" in checked.stdout, checked.stdout


def test_an_exclusion_written_after_the_freeze_is_not_called_a_register_change(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    path = ws / "projects/2024-hongmeiyuan-activity-area/project.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nexclusions:" not in text
    path.write_text(text + "exclusions:\n  - {household: 1-1-101, reason: 空置, date: 2024-05-01}\n", encoding="utf-8")
    checked = cli("check", ws)
    assert "FT523" in checked.stdout and "FT520" not in checked.stdout, checked.stdout  # the register is as it was
