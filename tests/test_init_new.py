"""`init`, `new`, `status`, `show` and `schema` as a clerk uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import cli
from wcwidth import wcswidth


def test_init_writes_a_workspace_that_checks_clean(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    result = cli("init", folder, "--name", "北苑社区")
    assert result.exit_code == 0, result.output
    text = (folder / "fourtwo.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=.fourtwo/workspace.schema.json\n")
    data = yaml.safe_load(text)
    assert data["organisation"] == {"name": "北苑社区", "kind": "community", "region": ""}
    assert data["party_organisation"]["name"] == "中共北苑社区委员会"
    assert (folder / "projects").is_dir() and (folder / "households").is_dir()
    assert ".fourtwo.lock" in (folder / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert json.loads((folder / ".fourtwo/workspace.schema.json").read_text())["title"].startswith("fourtwo workspace")
    check = cli("check", folder)
    assert check.exit_code == 0, check.output
    assert " error " not in check.stdout


def test_init_village_names_the_village_bodies(tmp_path: Path) -> None:
    assert cli("init", tmp_path, "--name", "塔桥村", "--kind", "village").exit_code == 0
    data = yaml.safe_load((tmp_path / "fourtwo.yaml").read_text(encoding="utf-8"))
    assert data["committee"]["name"] == "塔桥村村民委员会"
    assert data["procedure"] == "village" and data["notice"]["addressee"] == "全体村民"


def test_init_refuses_an_existing_workspace_and_changes_nothing(tmp_path: Path) -> None:
    cli("init", tmp_path, "--name", "甲")
    before = (tmp_path / "fourtwo.yaml").read_bytes()
    result = cli("init", tmp_path, "--name", "乙")
    assert result.exit_code == 2 and "FT903" in result.stderr
    assert (tmp_path / "fourtwo.yaml").read_bytes() == before


def test_init_refuses_an_unknown_kind(tmp_path: Path) -> None:
    result = cli("init", tmp_path / "x", "--kind", "city")
    assert result.exit_code == 2 and not (tmp_path / "x").exists()


def test_new_creates_a_project_that_checks_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli("init", tmp_path, "--name", "北苑社区")
    (tmp_path / "households/hmy.csv").write_text("楼栋,单元,房号\n1,1,101\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("new", "2024-hmy", "--title", "红梅园小区居民活动场地改造", "--households", "households/hmy.csv")
    assert result.exit_code == 0, result.output
    path = tmp_path / "projects/2024-hmy/project.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../.fourtwo/project.schema.json\n")
    data = yaml.safe_load(text)
    assert data["id"] == "2024-hmy" and data["title"] == "红梅园小区居民活动场地改造"
    assert data["households"] == {"register": "households/hmy.csv"}
    check = cli("check")
    assert check.exit_code == 0 and "1 project checked" in check.stdout


@pytest.mark.parametrize("bad_id", ["../escape", "/abs", "has space", "-lead", ""])
def test_new_refuses_bad_ids(tmp_path: Path, bad_id: str) -> None:
    cli("init", tmp_path, "--name", "甲")
    result = cli("new", bad_id, "--title", "t", "-w", tmp_path)
    assert result.exit_code == 2
    assert sorted(p.name for p in (tmp_path / "projects").iterdir()) == [".gitkeep"]


def test_new_refuses_duplicates_outside_registers_and_unknown_procedures(tmp_path: Path) -> None:
    cli("init", tmp_path / "ws", "--name", "甲")
    ws = tmp_path / "ws"
    assert cli("new", "p1", "--title", "t", "-w", ws).exit_code == 0
    dup = cli("new", "p1", "--title", "t", "-w", ws)
    assert dup.exit_code == 2 and "FT904" in dup.stderr
    (tmp_path / "outside.csv").write_text("户号\n1\n", encoding="utf-8")
    outside = cli("new", "p2", "--title", "t", "-w", ws, "--households", tmp_path / "outside.csv")
    assert outside.exit_code == 2 and "households" in outside.stderr
    unknown = cli("new", "p3", "--title", "t", "-w", ws, "--procedure", "town")
    assert unknown.exit_code == 2 and "village" in unknown.stderr
    assert not (ws / "projects/p2").exists() and not (ws / "projects/p3").exists()


def test_new_outside_a_workspace(tmp_path: Path) -> None:
    result = cli("new", "p1", "--title", "t", "-w", tmp_path)
    assert result.exit_code == 2 and "FT902" in result.stderr


def test_status_aligns_chinese_columns(workspace: Path) -> None:
    (workspace / "projects/p2").mkdir()
    (workspace / "projects/p2/project.yaml").write_text("id: p2\ntitle: 朝阳小区老旧小区改造工程\ncolour: x\n", encoding="utf-8")
    result = cli("status", workspace)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header, rule, row1, row2 = lines
    assert "step reached" in header
    assert "小区党支部评议 2024-03-05" in row1 and "社区党委评议" in row1 and "ok" in row1
    assert "not started" in row2 and "1 warning" in row2
    # every column starts at the same display column on every line
    starts = [i for i, ch in enumerate(rule) if ch == "-" and (i == 0 or rule[i - 1] == " ")]
    for line in (header, row1, row2):
        for start in starts[1:]:
            prefix = _prefix_of_width(line, start)
            assert prefix.endswith("  "), (line, start)


def _prefix_of_width(line: str, width: int) -> str:
    out = ""
    for ch in line:
        if wcswidth(out + ch) > width:
            break
        out += ch
    return out


def test_show_prints_the_record(workspace: Path) -> None:
    result = cli("show", workspace / "projects/p1/project.yaml")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.splitlines()[0] == "红梅园小区居民活动场地改造"
    assert "186,000.00 元 (为民服务和发展专项资金)" in out
    assert "next: 社区党委评议 (committee)" in out
    branch = next(line for line in out.splitlines() if "branch" in line)
    assert branch.split()[3:9] == ["2024-03-05", "5", "5", "5", "—", "—"]


def test_show_refuses_what_is_not_a_project(workspace: Path) -> None:
    assert cli("show", workspace).exit_code == 2
    assert cli("show", workspace / "nope").exit_code == 2


def test_show_of_a_broken_project_lists_its_findings(workspace: Path) -> None:
    (workspace / "projects/p1/project.yaml").write_text("id: [\n", encoding="utf-8")
    result = cli("show", workspace / "projects/p1")
    assert result.exit_code == 2 and "FT003" in result.stderr


def test_schema_prints_json_schema(tmp_path: Path) -> None:
    result = cli("schema", "project")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["required"] == ["id", "title"]
    assert schema["properties"]["steps"]["items"]["properties"]["for"]["minimum"] == 0
    assert cli("schema").exit_code == 2
    written = cli("schema", "--out", tmp_path)
    assert written.exit_code == 0 and (tmp_path / "workspace.schema.json").is_file()


def test_a_refused_new_leaves_no_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fourtwo.create
    from fourtwo.findings.errors import InputError

    cli("init", tmp_path, "--name", "甲")

    def full(path: Path, text: str) -> None:
        raise InputError("FT908", path=path, reason="No space left on device")

    monkeypatch.setattr(fourtwo.create, "atomic_write", full)
    result = cli("new", "p1", "--title", "t", "-w", tmp_path)
    assert result.exit_code == 2 and not (tmp_path / "projects/p1").exists()


def test_status_shows_what_cannot_be_read(workspace: Path) -> None:
    (workspace / "projects/p2").mkdir()
    (workspace / "projects/p2/project.yaml").write_text("id: p2\ntitle: [x\n", encoding="utf-8")
    result = cli("status", workspace)
    assert "p2" in result.stdout and "(cannot be read)" in result.stdout and "1 error" in result.stdout
    (workspace / "fourtwo.yaml").write_text("organisation: [\n", encoding="utf-8")
    assert "nothing is judged until it loads" in cli("status", workspace).stdout


def test_new_writes_the_procedure_it_used_so_a_later_default_changes_no_project(tmp_path: Path) -> None:
    """`new` without --procedure takes fourtwo.yaml's default and writes it: a project keeps the
    form it was made under when the workspace's default changes later."""
    assert cli("init", tmp_path, "--name", "北苑社区").exit_code == 0
    default = yaml.safe_load((tmp_path / "fourtwo.yaml").read_text(encoding="utf-8"))["procedure"]
    assert cli("new", "p1", "--title", "红梅园小区居民活动场地改造", "-w", tmp_path).exit_code == 0
    assert yaml.safe_load((tmp_path / "projects/p1/project.yaml").read_text(encoding="utf-8"))["procedure"] == default
    text = (tmp_path / "fourtwo.yaml").read_text(encoding="utf-8")
    other = "community" if default != "community" else "community-canvass"
    (tmp_path / "fourtwo.yaml").write_text(text.replace(f"procedure: {default}", f"procedure: {other}", 1), encoding="utf-8")
    status = cli("status", tmp_path, "--format", "json")
    assert status.exit_code == 0, status.output
    assert [p["procedure"] for p in json.loads(status.stdout)] == [default]


def test_new_refuses_a_default_procedure_fourtwo_yaml_names_wrongly(tmp_path: Path) -> None:
    assert cli("init", tmp_path, "--name", "北苑社区").exit_code == 0
    text = (tmp_path / "fourtwo.yaml").read_text(encoding="utf-8")
    (tmp_path / "fourtwo.yaml").write_text(text.replace("procedure: community-canvass", "procedure: town", 1), encoding="utf-8")
    result = cli("new", "p1", "--title", "t", "-w", tmp_path)
    assert result.exit_code == 2 and "town" in result.stderr and "--procedure" in result.stderr
    assert not (tmp_path / "projects/p1").exists()


@pytest.mark.parametrize("pid", ["CON", "aux.txt", "nul", "com1", "LPT9.md", "x."])
def test_new_refuses_an_id_windows_cannot_hold(tmp_path: Path, pid: str) -> None:
    assert cli("init", tmp_path, "--name", "某村", "--kind", "village").exit_code == 0
    result = cli("new", pid, "--title", "t", "--workspace", tmp_path)
    assert result.exit_code == 2 and "FT905" in result.output and not (tmp_path / "projects" / pid).exists(), result.output


def test_new_refuses_an_id_that_differs_only_by_case(tmp_path: Path) -> None:
    assert cli("init", tmp_path, "--name", "某村", "--kind", "village").exit_code == 0
    assert cli("new", "abc", "--title", "t", "--workspace", tmp_path).exit_code == 0
    result = cli("new", "ABC", "--title", "t", "--workspace", tmp_path)
    assert result.exit_code == 2 and "FT904" in result.output, result.output


def test_schema_out_refuses_a_kind_beside_it_and_a_project_folder(tmp_path: Path) -> None:
    assert cli("init", tmp_path, "--name", "某村", "--kind", "village").exit_code == 0
    assert cli("new", "p1", "--title", "t", "--workspace", tmp_path).exit_code == 0
    both = cli("schema", "nosuch", "--out", tmp_path / "d")
    assert both.exit_code == 2 and not (tmp_path / "d").exists(), both.output
    inside = cli("schema", "--out", tmp_path / "projects/p1")
    assert inside.exit_code == 2 and "FT013" in inside.output and not (tmp_path / "projects/p1/project.schema.json").exists()
    assert cli("schema", "--out", tmp_path / ".fourtwo").exit_code == 0


def test_check_applies_news_rule_to_ids_made_by_hand(tmp_path: Path) -> None:
    """An id new refuses, made by copying a folder or merging branches, is FT207 (or FT202 for
    a case-only twin) in check: every command takes the same ids."""
    assert cli("init", tmp_path, "--name", "某村", "--kind", "village").exit_code == 0
    assert cli("new", "x1", "--title", "t", "--workspace", tmp_path).exit_code == 0
    text = (tmp_path / "projects/x1/project.yaml").read_text(encoding="utf-8")
    for pid in ("con", "X1", "y."):
        (tmp_path / "projects" / pid).mkdir()
        (tmp_path / "projects" / pid / "project.yaml").write_text(text.replace("id: x1", f"id: {pid}", 1), encoding="utf-8")
    checked = cli("check", tmp_path)
    assert checked.exit_code == 1, checked.stdout
    assert "FT207 project id 'con'" in checked.stdout and "FT207 project id 'y.'" in checked.stdout, checked.stdout
    assert "FT202 project id 'X1'" in checked.stdout or "FT202 project id 'x1'" in checked.stdout, checked.stdout


def test_status_calls_no_project_ok_while_fourtwo_yaml_does_not_load(tmp_path: Path) -> None:
    """Every project's rules come from fourtwo.yaml: while it has an error, no row says 'ok'."""
    import shutil

    from conftest import EXAMPLES

    ws = tmp_path / "taqiao"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    text = (ws / "fourtwo.yaml").read_text(encoding="utf-8")
    (ws / "fourtwo.yaml").write_text("timezone: Asia/Beijing\n" + text, encoding="utf-8")  # no such zone: FT220
    shown = cli("status", ws)
    row = next(line for line in shown.stdout.splitlines() if line.startswith("2024-taqiao"))
    assert not row.rstrip().endswith(" ok") and "not judged (fourtwo.yaml)" in row, shown.stdout


@pytest.mark.parametrize("make", ["fifo", "folder"])
def test_init_refuses_a_gitignore_that_is_no_file(tmp_path: Path, make: str) -> None:
    """.gitignore keeps registers (personal data) and door-to-door forms out of git: one that
    init cannot write is said, and nothing is written, never 'done' without it."""
    import os

    folder = tmp_path / "ws"
    folder.mkdir()
    os.mkfifo(folder / ".gitignore") if make == "fifo" else (folder / ".gitignore").mkdir()
    done = cli("init", folder, "--name", "北苑社区")
    assert done.exit_code == 2 and "FT010" in done.output, done.output
    assert sorted(p.name for p in folder.iterdir()) == [".gitignore"]
