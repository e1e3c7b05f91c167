"""A meeting that failed and was held again: its notice says why the first did not pass (too
few present for it to be held, or too few votes for it), in every format, and the facts keep it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, cli

FIRST = "  - step: branch\n    date: 2024-03-01\n    place: 塔桥村党群服务中心\n    members: 5\n    present: {present}\n    for: {votes}\n    against: {against}\n    abstain: 0\n    result: failed\n"


def plain(text: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", text).replace("**", ""))


@pytest.mark.parametrize(
    ("present", "votes", "against", "why"),
    [(2, 2, 0, "到会人数未达到规定人数"), (5, 2, 3, "同意人数未达到通过所需人数")],
)
def test_the_notice_says_why_the_first_meeting_failed(tmp_path: Path, present: int, votes: int, against: int, why: str) -> None:
    ws = tmp_path / "taqiao"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    project = ws / "projects/2024-taqiao-lane-hardening"
    text = (project / "project.yaml").read_text(encoding="utf-8")
    text = text.replace("steps:\n", "steps:\n" + FIRST.format(present=present, votes=votes, against=against), 1)
    (project / "project.yaml").write_text(text, encoding="utf-8")
    result = cli("publish", project, "--date", "2024-03-26", "--format", "html", "--format", "md", "--format", "txt")
    assert result.exit_code == 0, result.output
    for suffix in ("html", "md", "txt"):
        said = plain(next((project / "notices").glob(f"*.{suffix}")).read_text(encoding="utf-8"))
        assert "2024年3月1日表决未通过" in said and why in said, (suffix, said)
    facts = json.loads(next((project / "notices").glob("*.facts.json")).read_text(encoding="utf-8"))
    branch = facts["facts"]["meetings"][0]
    assert branch["failed_because"] == "" and branch["earlier"][0]["failed_because"] == why


@pytest.mark.parametrize(("present", "votes", "against", "why"), [(2, 2, 0, "quorum not reached"), (5, 2, 3, "majority not reached")])
def test_show_says_why_a_meeting_failed(tmp_path: Path, present: int, votes: int, against: int, why: str) -> None:
    ws = tmp_path / "taqiao"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    project = ws / "projects/2024-taqiao-lane-hardening"
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(
        text.replace("steps:\n", "steps:\n" + FIRST.format(present=present, votes=votes, against=against), 1), encoding="utf-8"
    )
    shown = cli("show", project, "--lang", "en")
    assert f"failed ({why})" in shown.stdout, shown.stdout
