"""The CI recipes in docs/ci.md and the pre-commit hook manifest work as written."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

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
