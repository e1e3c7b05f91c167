"""A posted notice's history: published again, superseded, added to, verified by the code it prints.

A notice stays as it was posted. What happens after it (a correction, a re-acceptance) is
either a later event recorded beside it, which leaves it true, or a corrected fact that a
later notice of the same step states, which makes it history; never a dead end.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, cli

TAQIAO = "projects/2024-taqiao-lane-hardening"


@pytest.fixture
def taqiao(tmp_path: Path) -> Path:
    """A copy of the 塔桥村 example: resolved by its representatives on 2024-03-22, nothing posted."""
    shutil.copytree(EXAMPLES / "taqiao", tmp_path / "taqiao")
    return tmp_path / "taqiao" / TAQIAO


def _steps(project: Path, step: str) -> list[dict[str, object]]:
    data = yaml.safe_load((project / "project.yaml").read_text(encoding="utf-8"))
    return [s for s in data["steps"] if s["step"] == step]


def _check(project: Path, *args: str) -> tuple[int, str]:
    result = cli("check", project.parent.parent, *args)
    return result.exit_code, result.stdout


def test_verify_takes_the_trace_code_a_notice_prints(taqiao: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    published = cli("publish", taqiao, "决议", "--date", "2024-03-26", "--format", "txt")
    assert published.exit_code == 0, published.output
    code = re.search(r"trace code ([0-9A-F]{4}-[0-9A-F]{4})", published.stdout).group(1)  # type: ignore[union-attr]
    assert code in (taqiao / "notices/2024-03-26-resolution.txt").read_text(encoding="utf-8")  # the code the paper prints
    monkeypatch.chdir(taqiao.parent.parent)
    for typed in (code, code.lower(), code.replace("-", "")):
        verified = cli("verify", typed)
        assert verified.exit_code == 0 and verified.stdout.startswith("matches:") and code in verified.stdout, (typed, verified.output)
    assert cli("verify", code, "--workspace", ".").exit_code == 0
    unknown = cli("verify", "0000-0000")
    assert unknown.exit_code == 2 and "0000-0000" in unknown.stderr and "No such file" not in unknown.stderr
    monkeypatch.chdir(taqiao.parent.parent.parent)
    assert cli("verify", code, "--workspace", "taqiao").exit_code == 0
