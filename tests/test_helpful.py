"""Messages that help a new user: found by trying fourtwo as one would (issue 14)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, WORKSPACE_YAML, cli, copy_beiyuan_2024, write_tree


def test_check_outside_any_workspace_stops_at_a_bounded_depth(tmp_path: Path) -> None:
    """From a home folder it says so at once: only a few levels below are searched, and never inside a workspace."""
    write_tree(tmp_path, {"a/b/c/d/e/ws/fourtwo.yaml": WORKSPACE_YAML, "docs/notes.txt": "x"})
    result = cli("check", tmp_path)
    assert result.exit_code == 2 and "FT902" in result.output
    write_tree(tmp_path, {"villages/w1/fourtwo.yaml": WORKSPACE_YAML, "villages/w1/sub/w2/fourtwo.yaml": WORKSPACE_YAML})
    found = cli("check", tmp_path)
    assert "(1 workspace, 0 projects checked)" in found.stdout, found.output  # w1 found; not w2 inside it, not the deep one


def test_an_xls_visit_sheet_is_called_a_visit_sheet(tmp_path: Path) -> None:
    copy_beiyuan_2024(tmp_path / "ws")
    (tmp_path / "visits.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    result = cli("canvass", "import", tmp_path / "ws/projects/2024-hongmeiyuan-activity-area", tmp_path / "visits.xls")
    assert result.exit_code == 2 and "FT529 visit sheet file type '.xls' is not supported" in result.output
    assert "register" not in result.output and "save it as .xlsx" in result.output


def test_status_over_several_workspaces_names_each_organisation() -> None:
    result = cli("status", EXAMPLES / "beiyuan", EXAMPLES / "taqiao")
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["organisation", "folder", "id"]
    assert lines[2].startswith("银川市兴庆区解放西街北苑社区") and lines[3].startswith("银川市兴庆区大新镇塔桥村")
    assert cli("status", EXAMPLES / "beiyuan").stdout.splitlines()[0].split()[0] == "id"  # one workspace: no column


def test_init_keeps_the_household_registers_out_of_git(tmp_path: Path) -> None:
    if shutil.which("git") is None:  # pragma: no cover
        pytest.skip("git is not installed")
    assert cli("init", tmp_path / "ws").exit_code == 0
    subprocess.run(["git", "init", "-q"], cwd=tmp_path / "ws", check=True)
    (tmp_path / "ws/households/register.csv").write_text("户号,姓名,电话\n3-2-501,张三,13812345678\n", encoding="utf-8")
    ignored = subprocess.run(["git", "check-ignore", "households/register.csv"], cwd=tmp_path / "ws", capture_output=True, text=True)
    assert ignored.returncode == 0
    kept = subprocess.run(["git", "check-ignore", "households/.gitkeep"], cwd=tmp_path / "ws", capture_output=True, text=True)
    assert kept.returncode == 1  # the folder itself is kept


def test_a_hint_with_a_command_names_a_path_that_works_as_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(EXAMPLES / "taqiao", tmp_path / "ws")
    monkeypatch.chdir(tmp_path / "ws")
    project = "projects/2024-taqiao-lane-hardening"
    assert cli("publish", project, "--date", "2024-03-26", "-f", "txt").exit_code == 0
    assert cli("object", project, "--text", "异议", "--date", "2024-03-27").exit_code == 0
    refused = cli("implement", project, "--completed", "2024-05-20", "--cost", "100")
    assert f'hint: answer it first: fourtwo object {project} --answer 1 --text "the answer"' in refused.output
