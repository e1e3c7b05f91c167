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
from fourtwo.disclosure.address import QR_ATTRIBUTE, notice_url, qr_svg
from fourtwo.disclosure.context import build, digest, file_digest, file_digest_bytes, trace_code
from fourtwo.disclosure.pdf import html_to_pdf
from fourtwo.disclosure.period import period_end
from fourtwo.disclosure.privacy import masked, public_numbers, unmasked_anywhere
from fourtwo.files.layout import NOTICES_DIR
from fourtwo.files.yamledit import Item, render_value
from fourtwo.findings import Loc
from fourtwo.findings.errors import InputError, Refusal
from fourtwo.judge import Judgement
from fourtwo.model.project import PROJECT_ID, NoticeRecord, Project
from fourtwo.transaction import Change, change

FORMATS = {"html": "html", "md": "md", "txt": "txt", "pdf": "pdf"}


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
        raise InputError("FT905", what="procedure", value="(no such step)", hint=f"the project's procedure has no {notice or kind} step")
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
        context = build(c.judged, c.project, kind, record)
        digest_text = digest(context)
        qr_url = notice_url(c.model.workspace.settings.site.url, trace_code(digest_text))
        texts = {n: render_notice(c.judged, c.project, kind, record, _text_format(n), qr_url) for n in names}
        allowed = public_numbers(c.model.workspace)
        source = json.dumps(context.data(), ensure_ascii=False)
        for name, text in [("the project's records", source), *texts.items()]:
            leaks = unmasked_anywhere(text, allowed)
            if leaks:
                what, value, _ = leaks[0]
                raise Refusal(
                    "FT611",
                    what="publishing",
                    why=f"{name} would show a full {what} ({masked(value)})",
                    hint="remove personal data from the project's text fields; notices mask it",
                )
        written = {n: html_to_pdf(text, date) if n.endswith(".pdf") else text for n, text in texts.items()}  # a PDF from its HTML
        item: Item = [
            ("step", state.step.id),
            ("date", date.isoformat()),
            ("period_start", start.isoformat()),
            ("period_end", end.isoformat()),
            ("files", render_value(record.files)),
            ("file_digests", render_value([_file_digest(n, written[n]) for n in names])),
        ]
        if with_households:
            item.append(("with_households", "true"))
        item.append(("digest", digest_text))
        c.append("steps", item)
        for name, content in written.items():
            c.add_file(folder / NOTICES_DIR / name, content)
    if out is not None:  # copies for printing, once the notice is recorded
        from fourtwo.files.atomic import atomic_write_bytes, make_dirs

        make_dirs(out)
        for name, content in written.items():
            atomic_write_bytes(out / name, content.encode("utf-8") if isinstance(content, str) else content)
    return Published([folder / NOTICES_DIR / n for n in names], digest_text, trace_code(digest_text), start, end)


def render_notice(judged: Judgement, project: Project, kind: str, record: NoticeRecord, fmt: str, qr_url: str = "") -> str:
    """A notice as its template renders it from the records, in one format (html, md, txt),
    with a QR code to `qr_url` (its page on the public board) when there is one."""
    from markupsafe import Markup

    from fourtwo.render import render

    context = build(judged, project, kind, record)
    digest_text = digest(context)
    qr = {"url": qr_url, "svg": Markup(qr_svg(qr_url)), "attribute": QR_ATTRIBUTE} if qr_url else None
    values = {"notice": context, "trace": trace_code(digest_text), "digest": digest_text, "qr": qr}
    return render(f"{kind}.{fmt}.j2", values, judged.model.workspace.root)


def _text_format(name: str) -> str:
    """The template a file is rendered from: a PDF is its HTML notice, printed."""
    fmt = name.rsplit(".", 1)[1]
    return "html" if fmt == "pdf" else fmt


def _file_digest(name: str, content: str | bytes) -> str:
    """Text notices keep their digest over the text (line ends forgiven); a PDF's is over its bytes."""
    return file_digest_bytes(content) if isinstance(content, bytes) else file_digest(content)


def _file_names(folder: Path, date: dt.date, kind: str, formats: list[str]) -> list[str]:
    base = f"{date.isoformat()}-{kind}"
    n = 1
    while any((folder / NOTICES_DIR / f"{base}{'' if n == 1 else f'-{n}'}.{f}").exists() for f in formats):
        n += 1  # published again the same day: keep the earlier files, as posted
    stem = base if n == 1 else f"{base}-{n}"
    return [f"{stem}.{FORMATS[f]}" for f in formats]
