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

from fourtwo.deliberation.hints import how_to_correct_date
from fourtwo.deliberation.timeline import StepState, later_recorded, work_on
from fourtwo.disclosure import archive, facts
from fourtwo.disclosure.address import QR_ATTRIBUTE, notice_url, qr_svg
from fourtwo.disclosure.context import NoticeContext, NoticeSettings, file_digest, file_digest_bytes, trace_code
from fourtwo.disclosure.lines import iso
from fourtwo.disclosure.notice import build, content_finding_args, missing_content, progress_problems, result_problems
from fourtwo.disclosure.pdf import html_to_pdf
from fourtwo.disclosure.period import period_end
from fourtwo.disclosure.privacy import masked, public_numbers, unmasked
from fourtwo.files.atomic import check_writable
from fourtwo.files.layout import NOTICES_DIR
from fourtwo.files.publictext import outside_reference
from fourtwo.files.safepath import id_problem, inside
from fourtwo.files.yamledit import Item, render_value
from fourtwo.findings import Diagnostic, Loc, Severity
from fourtwo.findings.errors import InputError, Refusal
from fourtwo.findings.printers import display_path
from fourtwo.i18n import T, Term, _, listing
from fourtwo.judge import Judgement
from fourtwo.model.procedure import KIND_NAMES, decision_notice
from fourtwo.model.project import NoticeRecord, Project
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
    written: list[Path]  # the files written now: all of them, or the formats a notice already posted lacked
    posted: NoticeRecord | None = None  # the notice already posted with these facts: no second record of it


def notice_states(c: Change) -> list[StepState]:
    """The timeline of a project a notice may name: only a valid id goes on a public notice."""
    if (why := id_problem(c.project.id)) is not None:
        raise InputError("FT207", c.project.data.at("id"), id=c.project.id, why=why)
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
    again: str = "",
) -> Published:
    """Publish a notice of `kind` posted on `date`. A notice stating what the latest of its kind
    states (its posting days aside) is that notice, never a second record of it: on its own day the
    formats it lacks are added to it, on another nothing is written. `again` (a reason, kept as
    the new record's note) posts it anew all the same."""
    with change(project_path) as c:
        if date > c.model.workspace.today():
            raise InputError("FT905", what="--date", value=date, hint=T("a notice is recorded on the day it is posted: give that day, not a later one"))
        states = notice_states(c)
        decided = None if kind else decision_notice([s.step for s in states])  # none named: the one making the decision public
        kind = kind or (decided.notice if decided is not None else "resolution")
        state = step_state(states, "notice", kind)
        shown = progress or Progress()
        settings = NoticeSettings.of(c.model.workspace)
        end = period_end(date, settings.period, settings.unit, c.model.workspace.declared_holidays())
        record = NoticeRecord(
            loc=Loc(Path("")),
            step=state.step.id,
            date=date,
            period_start=date,
            period_end=end,
            with_households=with_households,
            milestones=shown.milestones,
            spent=shown.spent,
            next_steps=shown.next_steps,
            disclosed_problems=disclose_problems and kind in ("result", "progress"),
            note=again.strip(),
        )
        context = build(c.judged, c.project, kind, record, settings)
        document = facts.document(kind, context.data(), settings.data())
        digest_text = facts.sha256(document)
        posted = None if again else next((r for r in state.notices if r.digest == digest_text), None)
        folder = c.project.folder
        earlier = max((r.date for r in state.notices if r.date), default=None)
        if earlier is not None and date < earlier:  # before the latest posting: refused, whatever it states
            raise Refusal("FT640", None, kind=T(kind), date=date, earlier=earlier)
        unchanged = None if again or posted else _unchanged(c, state, document)
        if unchanged is not None:
            files = [folder / f for f in unchanged.files if f.rsplit(".", 1)[-1].lower() in {FORMATS[f] for f in formats}]
            if out is not None:
                check_writable(out)
                for path in files:
                    _copy(out, path.name, path.read_bytes())
            start, finish = unchanged.period_start or date, unchanged.period_end or end
            return Published(files, unchanged.digest, trace_code(unchanged.digest), start, finish, [], unchanged)
        if posted is None:
            _refuse(c, states, state, kind, date, shown, settings, disclose_problems)
        names = _posted_names(folder, posted, formats) if posted else _file_names(folder, date, kind, formats)
        new = [n for n in names if posted is None or f"{NOTICES_DIR}/{n}" not in posted.files]
        qr_url = notice_url(settings.site_url, trace_code(digest_text))
        root = c.model.workspace.root
        texts = {n: notice_text(context, digest_text, _text_format(n), qr_url, root) for n in new}
        allowed = public_numbers(c.model.workspace)
        for name, text in [(None, document), *texts.items()]:
            leaks = unmasked(text, allowed)
            if leaks:
                raise _leak_refusal(c, context, name, leaks[0][0], leaks[0][1])
        for name, text in texts.items():
            reach = outside_reference(name, text, c.model.workspace.settings.site.url)
            if reach:
                raise Refusal("FT692", name=name, what=reach)
        written = {n: html_to_pdf(text, date) if n.endswith(".pdf") else text for n, text in texts.items()}  # a PDF from its HTML
        digests = [_file_digest(n, written[n]) for n in new]
        if posted is None:
            _record_notice(c, record, names, digests, digest_text, _facts_name(names[0]))
            c.add_file(inside(folder, NOTICES_DIR, _facts_name(names[0])), document)
        elif new:
            index = next(i for i, r in enumerate(c.project.data.steps) if r is posted)
            c.set(["steps", index, "files"], render_value([*posted.files, *(f"{NOTICES_DIR}/{n}" for n in new)]))
            c.set(["steps", index, "file_digests"], render_value([*posted.file_digests, *digests]))
        for name, content in written.items():
            c.add_file(inside(folder, NOTICES_DIR, name), content)
        if out is not None:  # a folder the copies cannot go to refuses before anything is recorded
            check_writable(out)
    if out is not None:  # copies for printing, once the notice is recorded
        for name in names:
            content = written[name] if name in written else inside(folder, NOTICES_DIR, name).read_bytes()
            _copy(out, name, content)
    start, finish = (posted.period_start or date, posted.period_end or end) if posted else (date, end)
    return Published(
        [folder / NOTICES_DIR / n for n in names], digest_text, trace_code(digest_text), start, finish, [folder / NOTICES_DIR / n for n in new], posted
    )


def _copy(out: Path, name: str, content: str | bytes) -> None:
    """A copy for printing, in the named output folder."""
    from fourtwo.files.atomic import atomic_write_bytes

    atomic_write_bytes(inside(out, name), content.encode("utf-8") if isinstance(content, str) else content)


# What a notice states about its own posting: another day posts the same facts, not new ones.
_POSTING = ("date", "period_start", "period_end", "period_length")


def _unchanged(c: Change, state: StepState, document: str) -> NoticeRecord | None:
    """The latest notice of `state`'s kind when `document` states what it states, its posting
    days aside (the same schema, the same settings, every other fact equal); else None."""
    dated = [r for r in state.notices if r.date and r.facts]
    latest = max(dated, key=lambda r: r.date or dt.date.min, default=None)
    if latest is None or not archive.inside_folder(c.project.folder, latest.facts):
        return None
    try:
        text = c.judged.text(c.project.folder / latest.facts)
        stated, now = facts.read(text), facts.read(document)
    except (OSError, UnicodeDecodeError, facts.Unreadable):
        return None  # what it stated cannot be read: check reports it, and a new notice says it
    if facts.sha256(text) != latest.digest:
        return None

    def without_posting(doc: facts.Document) -> tuple[int, str, dict[str, object], dict[str, object]]:
        return doc.schema, doc.kind, {k: v for k, v in doc.facts.items() if k not in _POSTING}, doc.settings

    return latest if without_posting(stated) == without_posting(now) else None


def _refuse(
    c: Change, states: list[StepState], state: StepState, kind: str, date: dt.date, shown: Progress, settings: NoticeSettings, disclose_problems: bool
) -> None:
    """Why a new notice of `kind` may not be posted on `date`: the order of steps, its content, a
    problem it would not state plainly, no way to object."""
    c.refuse_if_blocked(state.step.id, date)
    project = display_path(c.project.folder)
    later = later_recorded(states, state.step.id, date) if not state.notices else None  # posted again: the step came with its first posting
    if later is not None:
        fix = how_to_correct_date(later.step, project)
        raise Refusal("FT634", None, step=state.step.term, date=date, later=later.step.term, later_date=later.date, project=project, kind=T(kind), fix=fix)
    stated = _stated_error(c, states, state)
    if stated is not None:
        raise Refusal(stated.code, stated.loc, **stated.args)
    missing = missing_content(c.project, state.step.requires)
    if missing:
        raise Refusal("FT630", None, **content_finding_args(kind, state.step.term, missing, c.project))
    budget = c.project.data.budget.amount if c.project.data.budget else None
    if kind == "result":
        done = work_on(states, date)
        if done is not None and done.accepted and done.accepted > date:
            raise Refusal("FT633", None, date=date, accepted=done.accepted, project=project)
        problem = result_problems(done, budget)
        if problem and not (disclose_problems and done is not None and done.next_steps.strip()):
            raise Refusal("FT631", problem=problem, project=display_path(c.project.folder))
    overrun = progress_problems(shown.spent, budget) if kind == "progress" else ""
    if overrun and not (disclose_problems and shown.next_steps.strip()):
        raise Refusal("FT662", problem=overrun, project=display_path(c.project.folder))
    if not settings.how_to_object:
        raise Refusal("FT660", kind=T(kind), folder=display_path(c.model.workspace.root))


def _stated_error(c: Change, states: list[StepState], state: StepState) -> Diagnostic | None:
    """The first error `fourtwo check` reports on a record this notice states (a step before it
    in the procedure: the meetings, the canvass, the work): check's own judging, run here, so a
    notice never prints a fact check finds wrong (work begun inside the decision's period)."""
    from fourtwo.checks import project_checks  # the rules check runs, only when a notice is posted

    stated = [r for s in states[: states.index(state)] if s.step.kind != "notice" for r in s.records]
    lines = {loc.line for r in stated for loc in (r.loc, *r.locs.values()) if loc.path == c.project.file}
    errors = [f for f in project_checks(c.judged, c.project) if f.severity is Severity.ERROR]
    return next((f for f in errors if f.loc.path == c.project.file and f.loc.line in lines), None)


def _record_notice(c: Change, record: NoticeRecord, names: list[str], digests: list[str], digest_text: str, facts_name: str) -> None:
    item: Item = [
        ("step", record.step),
        ("date", iso(record.date)),
        ("period_start", iso(record.period_start)),
        ("period_end", iso(record.period_end)),
        ("files", render_value([f"{NOTICES_DIR}/{n}" for n in names])),
        ("file_digests", render_value(digests)),
        ("facts", f"{NOTICES_DIR}/{facts_name}"),
    ]
    if record.with_households:
        item.append(("with_households", "true"))
    for key, value in (("milestones", record.milestones), ("next_steps", record.next_steps)):
        if value:
            item.append((key, render_value(value)))
    if record.spent is not None:
        item.append(("spent", f"{record.spent:.2f}"))
    if record.disclosed_problems:
        item.append(("disclosed_problems", "true"))
    if record.note:
        item.append(("note", render_value(record.note)))
    item.append(("digest", digest_text))
    c.append("steps", item)


# A fact's place (no list indexes) → the command that takes a full number out of it (a refusal names it).
_FIXES = {
    ("subject",): "correct project {project} --title",
    ("matter",): "correct project {project} --matter",
    ("basis",): "correct project {project} --basis",
    ("origin",): "correct project {project} --origin",
    ("place",): "correct project {project} --place",
    ("funding",): "correct project {project} --funding",
    ("implementer",): "correct project {project} --implementer",
    ("contractor",): "correct project {project} --contractor",
    ("objections", "text"): "correct objection {project} {number} --text",
    ("objections", "answer"): "correct objection {project} {number} --answer",
    ("implementation", "contractor"): "correct implementation {project} --contractor",
    ("implementation", "accepted_by"): "correct implementation {project} --accepted-by",
    ("implementation", "next_steps"): "correct implementation {project} --next",
    ("implementation", "note"): "correct implementation {project} --note",
}


def _leak_refusal(c: Change, context: NoticeContext, name: str | None, what: str, value: str) -> Refusal:
    """Publishing refused for a full phone or ID number: the fact it is in and the command that
    takes it out, where the records hold it (`name` None: the notice's facts); else the file."""
    digits = _digits(value)
    place = next((p for p, text in _texts(context.data()) if digits in _digits(text)), None)
    keys = tuple(k for k in place or () if isinstance(k, str))
    fix = _FIXES.get(keys)
    if keys == ("contractor",) and context.implementation is not None and context.implementation.contractor:
        fix = _FIXES[("implementation", "contractor")]
    if keys[:1] == ("progress",):
        fix = "publish {project} {kind} --" + ("milestones" if keys[-1] == "milestones" else "next")
    if name is not None or place is None or fix is None:
        why = T("{name} would show a full {what} ({masked})", name=name or T("the project's records"), what=T(what), masked=masked(value))
        return Refusal("FT611", what=T("publishing"), why=why, hint=T("remove personal data from the project's text fields; notices mask it"))
    index = next((i for i in place if isinstance(i, int)), 0)
    number = context.objections[index].number if keys[0] == "objections" else ""
    where = tuple((k, str(number) if k == "objections" else "") for k in keys[:-1])
    command = "fourtwo " + fix.format(project=display_path(c.project.folder), number=number, kind=T(context.kind)) + " …"
    command += "" if keys[0] == "progress" else " --reason …"
    why = T("{fact} would show a full {what} ({masked})", fact=facts.Difference(where, keys[-1], None, None).fact(), what=T(what), masked=masked(value))
    return Refusal("FT611", what=T("publishing"), why=why, hint=T("take it out: {command}", command=command))


def _digits(text: str) -> str:
    return re.sub(r"[^0-9Xx]", "", text).upper()


def _texts(value: object, place: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], str]]:
    """Every text of a notice's facts with its place in them: ("objections", 0, "text")."""
    if isinstance(value, str):
        return [(place, value)]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _texts(item, (*place, key))]
    if isinstance(value, list):
        return [found for n, item in enumerate(value) for found in _texts(item, (*place, n))]
    return []


def _posted_names(folder: Path, posted: NoticeRecord, formats: list[str]) -> list[str]:
    """The files of a notice already posted in `formats`: those it has, and beside them, by its
    name, those it lacks (never over a file no record names)."""
    stem = (posted.facts.removesuffix(FACTS_SUFFIX) if posted.facts else posted.files[0].rsplit(".", 1)[0]).rsplit("/", 1)[-1]
    names = []
    for fmt in formats:
        has = next((f.rsplit("/", 1)[-1] for f in posted.files if f.lower().endswith(f".{FORMATS[fmt]}")), None)
        name = has or f"{stem}.{FORMATS[fmt]}"
        if has is None and (folder / NOTICES_DIR / name).exists():
            raise Refusal("FT925", path=f"{NOTICES_DIR}/{name}", posted=posted.files[0] if posted.files else posted.facts)
        if has is None and len(posted.file_digests) != len(posted.files):
            raise Refusal("FT616", path=listing(posted.files), what=T("file_digests"))
        names.append(name)
    return names


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
