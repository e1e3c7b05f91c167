"""Publishing a notice (`fourtwo publish`): rendered from the records, archived, recorded.

Through the one transaction: the notice files are staged and written before the
record that names them, so a record never names a file not there, and a refused
command writes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from fourtwo.deliberation.timeline import StepState
from fourtwo.disclosure.context import build, digest, file_digest, trace_code
from fourtwo.disclosure.period import period_end
from fourtwo.disclosure.privacy import masked, public_numbers, unmasked_anywhere
from fourtwo.files.layout import NOTICES_DIR
from fourtwo.files.yamledit import Item, render_value
from fourtwo.findings import Loc
from fourtwo.findings.errors import InputError, Refusal
from fourtwo.i18n import T
from fourtwo.judge import Judgement
from fourtwo.model.project import PROJECT_ID, NoticeRecord, Project
from fourtwo.transaction import Change, change

FORMATS = {"html": "html", "md": "md", "txt": "txt"}


@dataclass(frozen=True)
class Published:
    files: list[Path]
    digest: str
    trace: str
    start: dt.date
    end: dt.date


def notice_states(c: Change) -> list[StepState]:
    """The timeline of a project a notice may name: only a valid id goes on a public notice."""
    if not re.fullmatch(PROJECT_ID, c.project.id):
        raise InputError("FT207", c.project.data.at("id"), id=c.project.id)
    return c.states


def step_state(states: list[StepState], kind: str, notice: str = "") -> StepState:
    state = next((s for s in states if s.step.kind == kind and (not notice or s.step.notice == notice)), None)
    if state is None:
        raise InputError("FT905", what=T("procedure"), value=T("(no such step)"), hint=T("the project's procedure has no {value} step", value=notice or kind))
    return state


def notice_record(step: str, date: dt.date, start: dt.date, end: dt.date, with_households: bool, files: list[str]) -> NoticeRecord:
    """The record a notice will have once published, for rendering it before it is written."""
    return NoticeRecord(loc=Loc(Path("")), step=step, date=date, period_start=start, period_end=end, files=files, with_households=with_households)


def publish(project_path: Path, kind: str, formats: list[str], out: Path | None, date: dt.date, with_households: bool) -> Published:
    with change(project_path) as c:
        states = notice_states(c)
        state = step_state(states, "notice", kind)
        c.refuse_if_blocked(state.step.id, date)
        settings = c.model.workspace.settings.notice
        start = date
        end = period_end(start, settings.period, settings.unit)
        folder = c.project.folder
        names = _file_names(folder, date, kind, formats)
        record = notice_record(state.step.id, date, start, end, with_households, [f"{NOTICES_DIR}/{n}" for n in names])
        texts = {n: render_notice(c.judged, c.project, kind, record, n.rsplit(".", 1)[1]) for n in names}
        context = build(c.judged, c.project, kind, record)
        digest_text = digest(context)
        allowed = public_numbers(c.model.workspace)
        source = json.dumps(context.data(), ensure_ascii=False)
        for name, text in [("the project's records", source), *texts.items()]:
            leaks = unmasked_anywhere(text, allowed)
            if leaks:
                what, value, _ = leaks[0]
                raise Refusal(
                    "FT611",
                    what=T("publishing"),
                    why=T("{name} would show a full {what} ({masked})", name=name, what=what, masked=masked(value)),
                    hint=T("remove personal data from the project's text fields; notices mask it"),
                )
        item: Item = [
            ("step", state.step.id),
            ("date", date.isoformat()),
            ("period_start", start.isoformat()),
            ("period_end", end.isoformat()),
            ("files", render_value(record.files)),
            ("file_digests", render_value([file_digest(texts[n]) for n in names])),
        ]
        if with_households:
            item.append(("with_households", "true"))
        item.append(("digest", digest_text))
        c.append("steps", item)
        for name, text in texts.items():
            c.add_file(folder / NOTICES_DIR / name, text)
    if out is not None:  # copies for printing, once the notice is recorded
        from fourtwo.files.atomic import atomic_write, make_dirs

        make_dirs(out)
        for name, text in texts.items():
            atomic_write(out / name, text)
    return Published([folder / NOTICES_DIR / n for n in names], digest_text, trace_code(digest_text), start, end)


def render_notice(judged: Judgement, project: Project, kind: str, record: NoticeRecord, fmt: str) -> str:
    """A notice as its template renders it from the records, in one format (html, md, txt)."""
    from fourtwo.render import render

    context = build(judged, project, kind, record)
    digest_text = digest(context)
    return render(f"{kind}.{fmt}.j2", {"notice": context, "trace": trace_code(digest_text), "digest": digest_text}, judged.model.workspace.root)


def _file_names(folder: Path, date: dt.date, kind: str, formats: list[str]) -> list[str]:
    base = f"{date.isoformat()}-{kind}"
    n = 1
    while any((folder / NOTICES_DIR / f"{base}{'' if n == 1 else f'-{n}'}.{f}").exists() for f in formats):
        n += 1  # published again the same day: keep the earlier files, as posted
    stem = base if n == 1 else f"{base}-{n}"
    return [f"{stem}.{FORMATS[f]}" for f in formats]
