"""Golden files: the example's archived notices are exactly what the templates make from its records.

A change to a template, a filter or the context shows here as a diff of what residents
read; if it is meant, publish the example's notices again and commit them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES

from fourtwo.deliberation.timeline import timeline
from fourtwo.disclosure.publish import render_notice
from fourtwo.pipeline import open_project

PROJECT = EXAMPLES / "beiyuan/projects/2024-hongmeiyuan-activity-area"


def archived() -> list[tuple[str, str]]:
    model, _, project, _ = open_project(PROJECT)
    states = timeline(project, model.procedures[project.procedure_id])
    return [(s.step.notice, name) for s in states if s.step.kind == "notice" for r in s.records for name in r.files]


@pytest.mark.parametrize(("kind", "name"), archived(), ids=lambda v: str(v))
def test_archived_notice_is_what_the_records_render(kind: str, name: str) -> None:
    model, judged, project, _ = open_project(PROJECT)
    states = timeline(project, model.procedures[project.procedure_id])
    record = next(r for s in states if s.step.notice == kind for r in s.records if name in r.files)
    rendered = render_notice(judged, project, kind, record, Path(name).suffix[1:])
    assert rendered == (PROJECT / name).read_text(encoding="utf-8")


def test_both_notices_are_archived_in_three_formats() -> None:
    """The seed's two disclosures: the process (过程公开) and the result (结果公开)."""
    names = sorted(name for _, name in archived())
    assert [Path(n).name for n in names] == [
        "2024-04-28-progress.html",
        "2024-04-28-progress.md",
        "2024-04-28-progress.txt",
        "2024-07-22-result.html",
        "2024-07-22-result.md",
        "2024-07-22-result.txt",
    ]
