"""Every format of a notice states the same facts: what the Markdown and the text say, the
HTML (and the PDF made from it) says too, channel by channel and vote by vote."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import EXAMPLES

from fourtwo.deliberation.timeline import timeline
from fourtwo.disclosure.context import NoticeSettings
from fourtwo.disclosure.notice import build
from fourtwo.disclosure.publish import render_notice
from fourtwo.pipeline import open_project

PROJECT = EXAMPLES / "beiyuan/projects/2024-hongmeiyuan-activity-area"


def plain(text: str) -> str:
    """What a resident reads: no tags, no Markdown emphasis, no spaces around figures."""
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", text).replace("**", ""))


def notices(project: Path) -> list[str]:
    model, _, proj, _ = open_project(project)
    return [s.step.notice for s in timeline(proj, model.procedures[proj.procedure_id]) if s.step.kind == "notice" and s.records]


@pytest.mark.parametrize("kind", notices(PROJECT))
@pytest.mark.parametrize("fmt", ["html", "md", "txt"])
def test_each_channels_opinions_are_in_every_format(kind: str, fmt: str) -> None:
    model, judged, project, _ = open_project(PROJECT)
    states = timeline(project, model.procedures[project.procedure_id])
    record = next(r for s in states if s.step.notice == kind for r in s.records)
    c = build(judged, project, kind, record, NoticeSettings.of(model.workspace)).data()["canvass"]
    assert c and len(c["by_channel"]) > 1  # the example's canvass heard households by three channels
    text = plain(render_notice(judged, project, kind, record, fmt))
    for ch in c["by_channel"]:
        counted = "计入" if ch["counted"] else "不计入"
        said = f"{ch['name']}{ch['households']}户（{counted}{c['rate_name']}）：同意{ch['agree']}户、反对{ch['oppose']}户、弃权{ch['abstain']}户"
        assert said in text, (said, text[:3000])
    assert f"{c['elsewhere']}户仅通过不计入{c['rate_name']}的方式表达意见" in text
