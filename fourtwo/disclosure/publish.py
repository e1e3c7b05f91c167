"""Publishing a notice (`fourtwo publish`): rendered from the records, archived, recorded.

What the notice states is archived beside it as its facts document (canonical JSON,
fourtwo.disclosure.facts) with the settings in force today; the digest printed on the
notice is that document's. Through the one transaction: the notice files and the facts
document are staged and written before the record that names them, so a record never
names a file not there, and a refused command writes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from fourtwo.deliberation.timeline import StepState
from fourtwo.disclosure import facts
from fourtwo.disclosure.address import QR_ATTRIBUTE, notice_url, qr_svg
from fourtwo.disclosure.context import NoticeContext, NoticeSettings, file_digest, file_digest_bytes, trace_code
from fourtwo.disclosure.notice import build, content_finding_args, missing_content, result_problems
from fourtwo.disclosure.pdf import html_to_pdf
from fourtwo.disclosure.period import period_end
from fourtwo.disclosure.privacy import masked, public_numbers, unmasked
from fourtwo.files.atomic import check_writable
from fourtwo.files.layout import NOTICES_DIR
from fourtwo.files.publictext import outside_reference
from fourtwo.files.safepath import inside
from fourtwo.files.yamledit import Item, render_value
from fourtwo.findings import Loc
from fourtwo.findings.errors import InputError, Refusal
from fourtwo.findings.printers import display_path
from fourtwo.i18n import T, Term, _
from fourtwo.judge import Judgement
from fourtwo.model.procedure import KIND_NAMES
from fourtwo.model.project import PROJECT_ID, NoticeRecord, Project
from fourtwo.transaction import Change, change

FORMATS = {"html": "html", "md": "md", "txt": "txt", "pdf": "pdf"}


@dataclass(frozen=True)
class Progress:
    """What a progress notice (过程公开) reports, as the clerk gives it."""

    milestones: str = ""
    spent: Decimal | None = None
    next_steps: str = ""


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
        notices = [s.step.notice for s in states if s.step.kind == "notice"]
        kinds = Term(", ".join(notices), "、".join(_(n) for n in notices))
        hint = (
            T("the project's procedure has no {value} step", value=Term(kind, KIND_NAMES.get(kind, "")))
            if not notice
            else T("the project's procedure has no notice '{value}'; its notices: {kinds}", value=notice, kinds=kinds)
        )
        raise InputError("FT905", what=T("procedure") if not notice else T("KIND"), value=notice or T("(no such step)"), hint=hint)
    return state


def publish(
    project_path: Path,
    kind: str,
    formats: list[str],
    out: Path | None,
    date: dt.date,
    with_households: bool,
    progress: Progress | None = None,
    disclose_problems: bool = False,
) -> Published:
    with change(project_path) as c:
        states = notice_states(c)
        state = step_state(states, "notice", kind)
        c.refuse_if_blocked(state.step.id, date)
        earlier = max((r.date for r in state.notices if r.date), default=None)
        if earlier is not None and date < earlier:
            raise Refusal("FT640", None, kind=T(kind), date=date, earlier=earlier)
        missing = missing_content(c.project, state.step.requires)
        if missing:
            raise Refusal("FT630", None, **content_finding_args(kind, state.step.term, missing, c.project))
        budget = c.project.data.budget.amount if c.project.data.budget else None
        if kind == "result":
            done = [r for s in states if s.step.kind == "implementation" for r in s.implementations]
            problem = result_problems(done[-1] if done else None, budget)
            if problem and not (disclose_problems and done[-1].next_steps.strip()):
                raise Refusal("FT631", problem=problem, project=display_path(c.project.folder))
        settings = NoticeSettings.of(c.model.workspace)
        start = date
        end = period_end(start, settings.period, settings.unit, c.model.workspace.declared_holidays())
        folder = c.project.folder
        names = _file_names(folder, date, kind, formats)
        facts_name = _facts_name(names[0])
        shown = progress or Progress()
        record = NoticeRecord(
            loc=Loc(Path("")),
            step=state.step.id,
            date=date,
            period_start=start,
            period_end=end,
            files=[f"{NOTICES_DIR}/{n}" for n in names],
            with_households=with_households,
            milestones=shown.milestones,
            spent=shown.spent,
            next_steps=shown.next_steps,
            disclosed_problems=disclose_problems and kind == "result",
        )
        context = build(c.judged, c.project, kind, record, settings)
        document = facts.document(kind, context.data(), settings.data())
        digest_text = facts.sha256(document)
        qr_url = notice_url(settings.site_url, trace_code(digest_text))
        root = c.model.workspace.root
        texts = {n: notice_text(context, digest_text, _text_format(n), qr_url, root) for n in names}
        allowed = public_numbers(c.model.workspace)
        for name, text in [(T("the project's records"), document), *texts.items()]:
            leaks = unmasked(text, allowed)
            if leaks:
                what, value, _ = leaks[0]
                raise Refusal(
                    "FT611",
                    what=T("publishing"),
                    why=T("{name} would show a full {what} ({masked})", name=name, what=T(what), masked=masked(value)),
                    hint=T("remove personal data from the project's text fields; notices mask it"),
                )
        for name, text in texts.items():
            reach = outside_reference(name, text, c.model.workspace.settings.site.url)
            if reach:
                raise Refusal("FT692", name=name, what=reach)
        written = {n: html_to_pdf(text, date) if n.endswith(".pdf") else text for n, text in texts.items()}  # a PDF from its HTML
        item: Item = [
            ("step", state.step.id),
            ("date", date.isoformat()),
            ("period_start", start.isoformat()),
            ("period_end", end.isoformat()),
            ("files", render_value(record.files)),
            ("file_digests", render_value([_file_digest(n, written[n]) for n in names])),
            ("facts", f"{NOTICES_DIR}/{facts_name}"),
        ]
        if with_households:
            item.append(("with_households", "true"))
        for key, value in (("milestones", shown.milestones), ("next_steps", shown.next_steps)):
            if value:
                item.append((key, render_value(value)))
        if shown.spent is not None:
            item.append(("spent", f"{shown.spent:.2f}"))
        if record.disclosed_problems:
            item.append(("disclosed_problems", "true"))
        item.append(("digest", digest_text))
        c.append("steps", item)
        for name, content in written.items():
            c.add_file(inside(folder, NOTICES_DIR, name), content)
        c.add_file(inside(folder, NOTICES_DIR, facts_name), document)
        if out is not None:  # a folder the copies cannot go to refuses before anything is recorded
            check_writable(out)
    if out is not None:  # copies for printing, once the notice is recorded
        from fourtwo.files.atomic import atomic_write_bytes

        for name, content in written.items():
            atomic_write_bytes(inside(out, name), content.encode("utf-8") if isinstance(content, str) else content)
    return Published([folder / NOTICES_DIR / n for n in names], digest_text, trace_code(digest_text), start, end)


def render_notice(judged: Judgement, project: Project, kind: str, record: NoticeRecord, fmt: str, qr_url: str = "") -> str:
    """A notice as its template renders it from the records, in one format (html, md, txt),
    with a QR code to `qr_url` (its page on the public board) when there is one: what
    publishing today would write (the golden files are held to it)."""
    settings = NoticeSettings.of(judged.model.workspace)
    context = build(judged, project, kind, record, settings)
    digest_text = facts.sha256(facts.document(kind, context.data(), settings.data()))
    return notice_text(context, digest_text, fmt, qr_url, judged.model.workspace.root)


def notice_text(context: NoticeContext, digest_text: str, fmt: str, qr_url: str, root: Path) -> str:
    """A notice's text in one format, its footer carrying the digest of its facts document."""
    from markupsafe import Markup

    from fourtwo.render import render

    qr = {"url": qr_url, "svg": Markup(qr_svg(qr_url)), "attribute": QR_ATTRIBUTE} if qr_url else None
    values = {"notice": context, "trace": trace_code(digest_text), "digest": digest_text, "qr": qr}
    return render(f"{context.kind}.{fmt}.j2", values, root)


def _text_format(name: str) -> str:
    """The template a file is rendered from: a PDF is its HTML notice, printed."""
    fmt = name.rsplit(".", 1)[1]
    return "html" if fmt == "pdf" else fmt


def _file_digest(name: str, content: str | bytes) -> str:
    """Text notices keep their digest over the text (line ends forgiven); a PDF's is over its bytes."""
    return file_digest_bytes(content) if isinstance(content, bytes) else file_digest(content)


FACTS_SUFFIX = ".facts.json"


def _facts_name(first: str) -> str:
    """The facts document beside the notice: 2024-04-28-resolution.facts.json."""
    return first.rsplit(".", 1)[0] + FACTS_SUFFIX


def _file_names(folder: Path, date: dt.date, kind: str, formats: list[str]) -> list[str]:
    base = f"{date.isoformat()}-{kind}"
    n = 1
    while any((folder / NOTICES_DIR / f"{base}{'' if n == 1 else f'-{n}'}{s}").exists() for s in [*(f".{f}" for f in formats), FACTS_SUFFIX]):
        n += 1  # published again the same day: keep the earlier files, as posted
    stem = base if n == 1 else f"{base}-{n}"
    return [f"{stem}.{FORMATS[f]}" for f in formats]
