"""`fourtwo check`: every finding in one run, located, with the right exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import PROJECT_YAML, WORKSPACE_YAML, cli, write_tree


def lines_with(out: str, code: str) -> list[str]:
    return [line for line in out.splitlines() if f" {code} " in line]


def test_clean_workspace_exits_0(workspace: Path) -> None:
    result = cli("check", workspace)
    assert result.exit_code == 0, result.output
    assert "No problems found (1 workspace, 1 project checked)." in result.stdout


def test_default_is_the_workspace_around_the_current_folder(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (workspace / "projects/p1/project.yaml").write_text(PROJECT_YAML.replace("title:", "titel:"), encoding="utf-8")
    monkeypatch.chdir(workspace / "projects")
    result = cli("check")
    assert result.exit_code == 1
    assert "p1/project.yaml:2:1: warning FT103 unknown key 'titel'" in result.stdout
    assert "p1/project.yaml:1:1: error FT101 missing required key 'title'" in result.stdout


def test_warnings_fail_only_with_strict(workspace: Path) -> None:
    (workspace / "projects/p1/project.yaml").write_text(PROJECT_YAML + "colour: red\n", encoding="utf-8")
    assert cli("check", workspace).exit_code == 0
    strict = cli("check", "--strict", workspace)
    assert strict.exit_code == 1 and "FT103" in strict.stdout


def test_path_that_does_not_exist_exits_2(tmp_path: Path) -> None:
    result = cli("check", tmp_path / "nope")
    assert result.exit_code == 2
    assert "FT901" in result.stdout and "Traceback" not in result.output  # reported with every other finding, in the report


def test_folder_without_a_workspace_exits_2(tmp_path: Path) -> None:
    result = cli("check", tmp_path)
    assert result.exit_code == 2 and "FT902" in result.stdout and "fourtwo init" in result.stdout


def test_other_file_exits_2(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("hi")
    assert cli("check", tmp_path / "x.txt").exit_code == 2


def test_model_checks(tree, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    root = tree(
        {
            "fourtwo.yaml": WORKSPACE_YAML + "procedure: town\n",
            "projects/p1/project.yaml": "id: other\ntitle: t\nprocedure: village\nsteps:\n  - step: canvass\n    date: 2024-01-01\n",
            "projects/p2/project.yaml": "id: p2\ntitle: t\nhouseholds:\n  register: households/none.csv\nschedule:\n  start: 2024-05-01\n  end: 2024-04-01\n",
            "projects/p3/project.yaml": "id: p3\ntitle: t\nhouseholds:\n  register: ../outside.csv\n",
        }
    )
    monkeypatch.chdir(root)
    result = cli("check")
    assert result.exit_code == 1
    out = result.stdout
    assert lines_with(out, "FT107")[0].startswith("fourtwo.yaml:11:12: error")  # the unknown default procedure
    assert lines_with(out, "FT201")[0].startswith("projects/p1/project.yaml:1:5: error")
    assert "'canvass' is not a step of procedure 'village'" in out
    assert "p2/project.yaml:4:13: error FT203" in out
    assert "p2/project.yaml:7:8: error FT210" in out
    assert "p3/project.yaml:4:13: error FT204" in out
    assert len(lines_with(out, "FT107")) == 1  # p2 and p3 inherit the default: reported once, where it is written


def test_json_has_the_same_findings(workspace: Path) -> None:
    (workspace / "projects/p1/project.yaml").write_text(PROJECT_YAML.replace("for: 5", "for: -5"), encoding="utf-8")
    text = cli("check", workspace)
    data = json.loads(cli("check", "--format", "json", workspace).stdout)
    assert data["version"] == 1
    assert data["summary"]["errors"] == 1 and data["summary"]["projects"] == 1
    [f] = data["findings"]
    assert (f["code"], f["line"], f["col"], f["severity"]) == ("FT106", 11, 10, "error")
    assert f"{f['line']}:{f['col']}: error FT106 {f['message']}" in text.stdout


def test_unreadable_project_is_a_finding_not_a_crash(workspace: Path) -> None:
    (workspace / "projects/p2").mkdir()
    (workspace / "projects/p2/project.yaml").write_bytes("title: 活动\n".encode("gb18030"))
    (workspace / "projects/p3").mkdir()
    (workspace / "projects/p3/project.yaml").write_text("id: p3\ntitle: [unclosed\n", encoding="utf-8")
    result = cli("check", workspace)
    assert result.exit_code == 1
    assert "FT002" in result.stdout and "FT003" in result.stdout


def test_an_internal_error_apologises_and_exits_3(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fourtwo.pipeline

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.delenv("FOURTWO_DEBUG", raising=False)
    monkeypatch.setattr(fourtwo.pipeline, "run", broken)
    result = cli("check", workspace)
    assert result.exit_code == 3
    assert "sorry" in result.stderr and "ZeroDivisionError: boom" in result.stderr
    assert "Traceback" not in result.output


def test_nested_workspaces_are_found_below_a_folder(tmp_path: Path) -> None:
    from conftest import write_tree

    write_tree(tmp_path, {"a/fourtwo.yaml": WORKSPACE_YAML, "b/fourtwo.yaml": WORKSPACE_YAML, "b/projects/p1/project.yaml": PROJECT_YAML})
    result = cli("check", tmp_path)
    assert result.exit_code == 0 and "2 workspaces, 1 project" in result.stdout


def test_deeply_nested_yaml_is_a_finding(workspace: Path) -> None:
    deep = "[" * 990 + "1" + "]" * 990
    (workspace / "projects/p1/project.yaml").write_text(f"id: p1\ntitle: t\nnote: {deep}\n", encoding="utf-8")
    result = cli("check", workspace)
    assert result.exit_code == 0, result.output  # an unknown key holding a deep list: a warning
    assert "FT103 unknown key 'note'" in result.stdout
    (workspace / "projects/p1/project.yaml").write_text(f"id: p1\ntitle: {'[' * 1200}\n", encoding="utf-8")
    result = cli("check", workspace)
    assert result.exit_code == 1 and "FT003" in result.stdout and "nesting" in result.stdout


def test_local_procedures_are_checked(tree, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    step = "  - {id: branch, kind: meeting, name: 党支部提议}\n"
    root = tree(
        {
            "fourtwo.yaml": WORKSPACE_YAML,
            "procedures/local.yml": "id: local\nname: 本地程序\nkind: 社区\nsteps:\n" + step + step,
            "procedures/village.yaml": "id: village\nname: 改写\nkind: village\nsteps:\n" + step,
            "projects/p1/project.yaml": "id: p1\ntitle: t\nprocedure: local\nsteps:\n  - step: branch\n    date: 2024-01-01\n",
        }
    )
    monkeypatch.chdir(root)
    result = cli("check")
    assert result.exit_code == 1
    assert "procedures/local.yml:6:10: error FT211 step id 'branch' is used twice" in result.stdout
    assert "procedures/village.yaml:1:5: error FT212 procedure id 'village' is already taken (built in)" in result.stdout
    assert "FT209" not in result.stdout  # the local procedure was loaded, and its step known


def test_a_village_procedure_in_a_community_is_a_warning(workspace: Path) -> None:
    (workspace / "projects/p1/project.yaml").write_text(PROJECT_YAML + "procedure: village\n", encoding="utf-8")
    result = cli("check", workspace)
    assert result.exit_code == 0 and "FT205" in result.stdout


def test_files_written_keep_ordinary_permissions(tmp_path: Path) -> None:
    import os

    old = os.umask(0o022)
    try:
        cli("init", tmp_path, "--name", "甲", "--kind", "村")
    finally:
        os.umask(old)
    assert (tmp_path / "fourtwo.yaml").stat().st_mode & 0o777 == 0o644
    assert "kind: village" in (tmp_path / "fourtwo.yaml").read_text(encoding="utf-8")


def test_github_annotations_and_selection(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (workspace / "projects/p1/project.yaml").write_text(PROJECT_YAML.replace("for: 5", "for: 9") + "colour: red\n", encoding="utf-8")
    monkeypatch.chdir(workspace)
    github = cli("check", "--format", "github")
    assert github.exit_code == 1
    lines = github.stdout.splitlines()
    assert lines[0].startswith("::error file=projects/p1/project.yaml,line=11,col=10,title=FT404::votes cast (9 + 0 + 0 = 9) are more than those present (5)")
    assert lines[1].startswith("::warning file=projects/p1/project.yaml,line=12,col=1,title=FT103::unknown key 'colour'")
    only = cli("check", "--select", "FT1")
    assert only.exit_code == 0 and "FT103" in only.stdout and "FT404" not in only.stdout
    none = cli("check", "--ignore", "FT404,FT103")
    assert none.exit_code == 0 and "No problems found" in none.stdout


def test_changed_checks_only_the_projects_that_changed(tmp_path: Path) -> None:
    import subprocess

    from conftest import write_tree

    write_tree(
        tmp_path,
        {"fourtwo.yaml": WORKSPACE_YAML, "projects/p1/project.yaml": PROJECT_YAML, "projects/p2/project.yaml": PROJECT_YAML.replace("id: p1", "id: p2")},
    )
    git = ["git", "-C", str(tmp_path), "-c", "user.email=t@t", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "start"], check=True)
    (tmp_path / "projects/p2/project.yaml").write_text(PROJECT_YAML.replace("id: p1", "id: p2").replace("for: 5", "for: -1"), encoding="utf-8")
    result = cli("check", tmp_path, "--changed", "HEAD")
    assert result.exit_code == 1 and "1 project checked" in result.stdout and "p2/project.yaml" in result.stdout
    (tmp_path / "fourtwo.yaml").write_text(WORKSPACE_YAML + "# touched\n", encoding="utf-8")
    assert "2 projects checked" in cli("check", tmp_path, "--changed", "HEAD").stdout
    bad = cli("check", tmp_path, "--changed", "no-such-ref")
    assert bad.exit_code == 2 and "FT911" in bad.stderr


def test_a_broken_workspace_file_is_one_finding_not_a_cascade(workspace: Path) -> None:
    (workspace / "fourtwo.yaml").write_text("organisation: [\n", encoding="utf-8")
    result = cli("check", workspace)
    assert result.exit_code == 1
    assert [line.split(" ")[2] for line in result.stdout.splitlines() if ": error " in line or ": warning " in line] == ["FT003"]


def test_a_reader_that_goes_away_gets_no_apology(workspace: Path) -> None:
    """`fourtwo check | head`: the pipe closes before the report is written; exit 1, no traceback, no 'sorry'."""
    import subprocess
    import sys

    (workspace / "projects/bad").mkdir(parents=True)
    (workspace / "projects/bad/project.yaml").write_text("id: [\n", encoding="utf-8")  # a finding to print
    child = subprocess.Popen([sys.executable, "-m", "fourtwo", "check", str(workspace)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # nobody reads: the first write fails with a broken pipe
    err = child.stderr.read().decode()
    child.stderr.close()
    assert child.wait(timeout=60) == 1
    assert "sorry" not in err and "Traceback" not in err and "BrokenPipe" not in err


def test_a_register_linked_to_a_file_outside_is_named_at_the_link_and_never_read(workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    secret = tmp_path_factory.mktemp("elsewhere") / "secret.csv"
    secret.write_text("楼栋,房号,户主,电话\n1,101,王,13912345678\n", encoding="utf-8")
    (workspace / "households").mkdir(exist_ok=True)
    (workspace / "households/link.csv").symlink_to(secret)
    result = cli("check", workspace, "--format", "json")
    found = [(f["path"], f["code"]) for f in json.loads(result.stdout)["findings"]]
    assert (str(workspace / "households/link.csv"), "FT204") in found
    assert not any(str(secret) == path for path, _ in found)  # nothing is located in, or read from, the target


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full to stand for a full disk")
def test_a_report_that_cannot_be_written_is_not_a_clean_check(workspace: Path) -> None:
    """`fourtwo check > report.txt` on a full disk: exit 2 and FT912 on stderr, never exit 0 or an apology."""
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "fourtwo", "check", str(workspace)], stdout=full, stderr=subprocess.PIPE, text=True, check=False)
    assert done.returncode == 2 and "FT912" in done.stderr and "sorry" not in done.stderr


def test_a_bad_path_is_reported_with_every_other_finding(tmp_path: Path) -> None:
    """One typo in a list of paths hides nothing: the good ones are checked, the bad one is a finding (exit 2)."""
    ws = write_tree(tmp_path / "ws", {"fourtwo.yaml": WORKSPACE_YAML, "projects/p1/project.yaml": PROJECT_YAML.replace("present: 5", "present: 6")})
    result = cli("check", ws, tmp_path / "nope", "--format", "json")
    assert result.exit_code == 2
    codes = [f["code"] for f in json.loads(result.stdout)["findings"]]
    assert "FT901" in codes and "FT403" in codes


def test_an_unknown_code_in_select_or_ignore_is_a_usage_error(tmp_path: Path) -> None:
    ws = write_tree(tmp_path / "ws", {"fourtwo.yaml": WORKSPACE_YAML, "projects/p1/project.yaml": PROJECT_YAML})
    typo = cli("check", ws, "--select", "503")
    assert typo.exit_code == 2 and "FT905" in typo.output and "FT503" in typo.output  # named, never "No problems"
    assert cli("check", ws, "--ignore", "FT99x").exit_code == 2
    assert cli("check", ws, "--select", "ft4,FT503").exit_code == 0  # prefixes and codes, any case
