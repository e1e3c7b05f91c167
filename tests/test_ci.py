"""The CI recipes in docs/ci.md and the pre-commit hook manifest work as written."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, REPO


def test_the_hook_manifest_is_valid() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    hook = hooks[0]
    assert {"id", "name", "entry", "language"} <= hook.keys()
    assert hook["id"] == "fourtwo-check" and hook["language"] == "python" and hook["pass_filenames"] is False
    entry = shlex.split(hook["entry"])
    assert entry[0] == "fourtwo" and entry[1] == "check"
    pattern = re.compile(hook["files"])
    for path in ("fourtwo.yaml", "projects/p/project.yaml", "projects/p/canvass.csv", "households/a.xlsx", "procedures/x.yaml", "projects/p/notices/a.html"):
        assert pattern.search(path), path
    assert not pattern.search("README.md")


def test_the_workflow_in_the_docs_runs(tmp_path: Path) -> None:
    doc = (REPO / "docs/ci.md").read_text(encoding="utf-8")
    workflow = yaml.safe_load(doc.split("```yaml", 1)[1].split("```", 1)[0])
    runs = [step["run"] for step in workflow["jobs"]["check"]["steps"] if "run" in step]
    assert runs[0].startswith("pip install ")
    command = shlex.split(runs[1])
    assert command[:2] == ["fourtwo", "check"]
    result = subprocess.run([sys.executable, "-m", "fourtwo", *command[1:]], cwd=EXAMPLES, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("No problems found (3 workspaces, 3 projects checked).")


def test_the_pages_workflow_in_the_docs_builds_the_site(tmp_path: Path) -> None:
    doc = (REPO / "docs/ci.md").read_text(encoding="utf-8")
    blocks = [yaml.safe_load(b.split("```", 1)[0]) for b in doc.split("```yaml")[1:]]
    workflow = next(b for b in blocks if isinstance(b, dict) and "deploy" in b.get("jobs", {}))
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build = workflow["jobs"]["build"]["steps"]
    runs = [step["run"] for step in build if "run" in step]
    assert runs[0].startswith("pip install ")
    upload = next(step for step in build if str(step.get("uses", "")).startswith("actions/upload-pages-artifact"))
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    assert any(str(step.get("uses", "")).startswith("actions/deploy-pages") for step in workflow["jobs"]["deploy"]["steps"])
    workspace = tmp_path / "repo"
    for name in ("beiyuan", "chaoyang", "taqiao"):
        shutil.copytree(EXAMPLES / name, workspace / name)
    for run in runs[1:]:
        command = shlex.split(run)
        assert command[0] == "fourtwo"
        result = subprocess.run([sys.executable, "-m", "fourtwo", *command[1:]], cwd=workspace, capture_output=True, text=True)
        assert result.returncode == 0, run + "\n" + result.stdout + result.stderr
    assert (workspace / upload["with"]["path"] / "index.html").is_file()


def _install_line(doc: str) -> str:
    workflow = yaml.safe_load(doc.split("```yaml", 1)[1].split("```", 1)[0])
    return str(next(step["run"] for step in workflow["jobs"]["check"]["steps"] if "run" in step))


def test_the_install_line_names_a_revision_the_repository_has() -> None:
    """A tag that does not exist fails every job; the line is a valid requirement at a ref fourtwo has."""
    from packaging.requirements import Requirement

    doc = (REPO / "docs/ci.md").read_text(encoding="utf-8")
    requirement = Requirement(shlex.split(_install_line(doc))[2])
    assert requirement.name == "fourtwo" and requirement.url and requirement.url.startswith("git+https://")
    ref = requirement.url.rsplit("@", 1)[1]
    known = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], capture_output=True, text=True)
    assert known.returncode == 0, f"{ref} is not a branch, tag or commit of fourtwo's repository"


def test_a_fresh_clone_of_a_workspace_made_by_init_checks_without_false_errors(tmp_path: Path) -> None:
    """init's .gitignore keeps the register out of git: the clone has the records, not the register.
    The check the docs give passes, and says once (not per project) that the register is absent by design."""
    if shutil.which("git") is None:
        pytest.fail("git is needed") if os.environ.get("CI") else pytest.skip("no git here")

    def fourtwo(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "fourtwo", *map(str, args)], cwd=cwd, capture_output=True, text=True)

    ws = tmp_path / "records"
    assert fourtwo("init", ws, "--name", "北苑社区", cwd=tmp_path).returncode == 0
    shutil.copy(EXAMPLES / "beiyuan/households/hongmeiyuan.csv", ws / "households/hongmeiyuan.csv")
    assert fourtwo("correct", "workspace", "--hotline", "0951-6012345", cwd=ws).returncode == 0
    visits = EXAMPLES / "beiyuan/projects/2024-hongmeiyuan-activity-area/canvass.csv"
    for name in ("p1", "p2"):
        content = ("--matter", "改造", "--budget", "1000", "--funding", "专项资金")
        assert fourtwo("new", name, "--title", "活动场地", "--households", "households/hongmeiyuan.csv", *content, cwd=ws).returncode == 0
        for step, members, day in (("branch", "5", "2024-03-22"), ("committee", "7", "2024-03-28")):
            assert (
                fourtwo("review", step, f"projects/{name}", "--members", members, "--present", members, "--for", members, "--date", day, cwd=ws).returncode == 0
            )
        assert fourtwo("canvass", "import", f"projects/{name}", visits, cwd=ws).returncode == 0
        assert (
            fourtwo("review", "assembly", f"projects/{name}", "--members", "45", "--present", "40", "--for", "38", "--date", "2024-04-26", cwd=ws).returncode
            == 0
        )
    git = ["git", "-c", "user.name=clerk", "-c", "user.email=clerk@example.org"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "records"]):
        subprocess.run([*git, *args], cwd=ws, check=True, capture_output=True)
    assert not subprocess.run(["git", "ls-files", "households/hongmeiyuan.csv"], cwd=ws, capture_output=True, text=True, check=True).stdout
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ws), str(clone)], check=True, capture_output=True)
    doc = (REPO / "docs/ci.md").read_text(encoding="utf-8")
    command = shlex.split(doc.split("### A workspace made by `fourtwo init`", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0].splitlines()[1])
    result = fourtwo(*command[1:], cwd=clone)
    assert result.returncode == 0, result.stdout + result.stderr
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert [a.split("title=")[1].split("::")[0] for a in annotations] == ["FT233"], result.stdout  # once for two projects, and nothing else
    assert fourtwo(*command[1:], "--strict", "--ignore", "FT233", cwd=clone).returncode == 0
