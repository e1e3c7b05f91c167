"""The two disclosures and what comes between them: publishing a notice, recording the
implementation, objections and their answers, and verifying a posted notice.

Each command reads, decides and writes under the project's lock; project.yaml is
edited surgically and replaced atomically, and a refused command writes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Callable

from fourtwo.diagnostics import Loc
from fourtwo.edit import Item, Source, add_to_list_item, append_to_list, render_value
from fourtwo.errors import FindingsError, InputError, Refusal
from fourtwo.fsio import atomic_write, atomic_write_bytes, locked, make_dirs
from fourtwo.loader import Model, open_project, project_folder
from fourtwo.model.project import PROJECT_ID, Project, StepRecord
from fourtwo.notice import build, digest, file_digest, trace_code
from fourtwo.period import period_end
from fourtwo.progress import StepState, blockers

FORMATS = {"html": "html", "md": "md", "txt": "txt"}
NOTICES_DIR = "notices"
_DIGEST_RE = re.compile(r"sha256:[0-9a-f]{64}")


@dataclass(frozen=True)
class Published:
    files: list[Path]
    digest: str
    trace: str
    start: dt.date
    end: dt.date


def _open(project_path: Path) -> tuple[Model, Project, list[StepState]]:
    from fourtwo.review import blocking_findings

    model, project, findings = open_project(project_path, checks=False)
    errors = blocking_findings(findings, model, project)
    if errors:
        raise FindingsError(errors)
    if not re.fullmatch(PROJECT_ID, project.id):  # a notice names its project: only a valid id
        raise InputError("FT207", project.data.at("id"), id=project.id)
    states = model.timeline(project)
    if states is None:
        raise InputError("FT107", name=project.procedure_id, known=", ".join(sorted(model.procedures)))
    return model, project, states


def _state(states: list[StepState], kind: str, notice: str = "") -> StepState:
    state = next((s for s in states if s.step.kind == kind and (not notice or s.step.notice == notice)), None)
    if state is None:
        raise InputError("FT905", what="procedure", value="(no such step)", hint=f"the project's procedure has no {notice or kind} step")
    return state


def notice_record(step: str, date: dt.date, start: dt.date, end: dt.date, with_households: bool, files: list[str], digest_text: str) -> StepRecord:
    return StepRecord(
        loc=Loc(Path("")), step=step, date=date, place="", members=None, present=None, votes_for=None, against=None,
        abstain=None, households=None, households_present=None, area=None, area_present=None, area_for=None, form="",
        merges=[], result="", minutes="", note="", period_start=start, period_end=end, digest=digest_text, files=files,
        with_households=with_households,
    )


def publish(project_path: Path, kind: str, formats: list[str], out: Path | None, date: dt.date, with_households: bool) -> Published:
    from fourtwo.privacy import masked, unmasked_anywhere

    folder, _ = project_folder(project_path)
    with locked(folder):
        model, project, states = _open(folder)
        state = _state(states, "notice", kind)
        order = blockers(states, state.step.id, date)
        if order:
            raise Refusal(order[0].code, **order[0].args)
        settings = model.workspace.settings.notice
        start = date
        end = period_end(start, settings.period, settings.unit)
        names = _file_names(folder, date, kind, formats)
        record = notice_record(state.step.id, date, start, end, with_households, [f"{NOTICES_DIR}/{n}" for n in names], "")
        texts = {n: render_notice(model, project, kind, record, n.rsplit(".", 1)[1]) for n in names}
        digest_text = digest(build(model, project, kind, record))
        trace = trace_code(digest_text)
        allowed = public_numbers(model)
        source = json.dumps(build(model, project, kind, record).data(), ensure_ascii=False)
        for name, text in [("the project's records", source), *texts.items()]:
            leaks = unmasked_anywhere(text, allowed)
            if leaks:
                what, value, offset = leaks[0]
                raise Refusal("FT611", what="publishing", why=f"{name} would show a full {what} ({masked(value)})", hint="remove personal data from the project's text fields; notices mask it")
        item: Item = [
            ("step", state.step.id),
            ("date", date.isoformat()),
            ("period_start", start.isoformat()),
            ("period_end", end.isoformat()),
            ("files", render_value(record.files)),
        ]
        item.append(("file_digests", render_value([file_digest(texts[n]) for n in names])))
        if with_households:
            item.append(("with_households", "true"))
        item.append(("digest", digest_text))
        commit = _edited(project, lambda text: append_to_list(text, project.file, "steps", item))
        written = []
        make_dirs(folder / NOTICES_DIR)
        try:
            for name, text in texts.items():  # the notices first: a record never names a file not there
                atomic_write(folder / NOTICES_DIR / name, text)
                written.append(folder / NOTICES_DIR / name)
            commit()
        except InputError:
            for path in written:  # the record could not be written: no notice without its record
                path.unlink(missing_ok=True)
            raise
        if out is not None:
            make_dirs(out)
            for name, text in texts.items():
                atomic_write(out / name, text)
    return Published(written, digest_text, trace, start, end)


def render_notice(model: Model, project: Project, kind: str, record: StepRecord, fmt: str) -> str:
    """A notice as its template renders it from the records, in one format (html, md, txt)."""
    from fourtwo.render import render

    context = build(model, project, kind, record)
    digest_text = digest(context)
    return render(f"{kind}.{fmt}.j2", {"notice": context, "trace": trace_code(digest_text), "digest": digest_text}, model.workspace.root)


def public_numbers(model: Model) -> set[str]:
    """Phones a notice prints on purpose: the hotline and the offices' own lines (a village
    may use the supervision chair's mobile as its hotline)."""
    s = model.workspace.settings
    numbers = {s.notice.hotline}
    for body in (s.party_organisation, s.committee, s.supervision_committee, s.upper_party_organisation):
        if body:
            numbers.add(body.phone)
    return {"".join(c for c in n if c.isdigit()) for n in numbers if n}


def _file_names(folder: Path, date: dt.date, kind: str, formats: list[str]) -> list[str]:
    base = f"{date.isoformat()}-{kind}"
    n = 1
    while any((folder / NOTICES_DIR / f"{base}{'' if n == 1 else f'-{n}'}.{f}").exists() for f in formats):
        n += 1  # published again the same day: keep the earlier files, as posted
    stem = base if n == 1 else f"{base}-{n}"
    return [f"{stem}.{FORMATS[f]}" for f in formats]


def _edited(project: Project, change: Callable[[str], str]) -> Callable[[], None]:
    """Make the edit of project.yaml now (so a refusal comes before anything is written);
    the returned function writes it, with the file's own line ends and BOM."""
    from fourtwo.review import verify_text

    source = Source(project.file)
    text = change(source.text)
    verify_text(text, project.file)
    return lambda: atomic_write_bytes(project.file, source.encode(text))


def implement(project_path: Path, completed: dt.date, cost: Decimal, contractor: str, accepted_by: str, acceptance: str, note: str) -> StepRecord:
    if completed > dt.date.today():
        raise InputError("FT905", what="--completed", value=completed, hint="record the completion once the work is done")
    folder, _ = project_folder(project_path)
    with locked(folder):
        model, project, states = _open(folder)
        state = _state(states, "implementation")
        if state.records:
            raise Refusal("FT611", what="implement", why=f"the implementation is already recorded ({state.date})", hint="correct project.yaml by hand if that record is wrong")
        order = blockers(states, state.step.id, completed)
        if order:
            raise Refusal(order[0].code, **order[0].args)
        notice = _state(states, "notice", "resolution")
        end = notice.latest.period_end if notice.latest else None
        if end is not None and completed <= end:
            raise Refusal("FT611", what="implement", why=f"the resolution notice is up until {end}; completion is dated {completed}", hint=f"record the completion after {end}")
        open_objections = [o for o in project.data.objections if not o.answer]
        if open_objections:
            o = open_objections[0]
            raise Refusal("FT611", what="implement", why=f"objection {o.number} of {o.date} is unanswered", hint=f"answer it first: fourtwo object {project.folder.name} --answer {o.number} --text ...")
        item: Item = [("step", state.step.id), ("date", completed.isoformat()), ("cost", f"{cost:.2f}")]
        for key, value in (("contractor", contractor), ("accepted_by", accepted_by), ("acceptance", acceptance), ("note", note)):
            if value:
                item.append((key, render_value(value)))
        _edited(project, lambda text: append_to_list(text, project.file, "steps", item))()
    return notice_record(state.step.id, completed, completed, completed, False, [], "")


def object_to(project_path: Path, date: dt.date, text: str, by: str) -> int:
    if date > dt.date.today():
        raise InputError("FT905", what="--date", value=date, hint="an objection is recorded once it is raised")
    folder, _ = project_folder(project_path)
    with locked(folder):
        model, project, states = _open(folder)
        posted = [r for s in states if s.step.kind == "notice" for r in s.records if r.period_start]  # every posting, not the latest
        if not posted:
            raise Refusal("FT610", kind="public", what="object to", hint="objections are raised against a posted notice: publish one first")
        first = min(p.period_start for p in posted if p.period_start)
        if date < first:
            raise Refusal("FT611", what="object", why=f"{date} is before the first notice was posted ({first})", hint="check the date")
        number = max((o.number or 0 for o in project.data.objections), default=0) + 1
        item: Item = [("number", str(number)), ("date", date.isoformat())]
        if by:
            item.append(("by", render_value(by)))
        item.append(("text", render_value(text)))
        _edited(project, lambda text: append_to_list(text, project.file, "objections", item))()
    return number


def answer(project_path: Path, number: int, text: str, date: dt.date) -> None:
    folder, _ = project_folder(project_path)
    with locked(folder):
        model, project, _ = _open(folder)
        index = next((i for i, o in enumerate(project.data.objections) if o.number == number), None)
        if index is None:
            raise InputError("FT905", what="--answer", value=number, hint=f"objections: {', '.join(str(o.number) for o in project.data.objections) or 'none'}")
        objection = project.data.objections[index]
        if objection.answer:
            raise Refusal("FT611", what="answer", why=f"objection {number} was answered on {objection.answered}", hint="correct project.yaml by hand if that answer is wrong")
        if objection.date and date < objection.date:
            raise InputError("FT905", what="--date", value=date, hint=f"the answer cannot come before the objection ({objection.date})")
        pairs: Item = [("answer", render_value(text)), ("answered", date.isoformat())]
        _edited(project, lambda text: add_to_list_item(text, project.file, "objections", index, pairs))()


@dataclass(frozen=True)
class Verdict:
    matches: bool
    recorded: str
    current: str
    project: Path
    kind: str
    text_matches: bool = True  # the file says, word for word, what the records render


def verify(notice_file: Path) -> Verdict:
    """Recompute a posted notice's digest from the project's current records."""
    try:
        text = notice_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("FT001", Loc(notice_file), what="notice", reason=getattr(exc, "strerror", None) or str(exc)) from exc
    found = _DIGEST_RE.findall(text)
    if not found:
        raise InputError("FT612", path=notice_file)
    recorded = found[-1]  # the footer's: a digest quoted in a resident's text comes before it
    folder = _project_of(notice_file)
    model, project, states = _open(folder)
    rel = notice_file.resolve().relative_to(folder.resolve()).as_posix() if notice_file.resolve().is_relative_to(folder.resolve()) else ""
    for state in states:
        if state.step.kind != "notice":
            continue
        for record in state.records:
            if record.digest == recorded or (rel and rel in record.files):
                current = digest(build(model, project, state.step.notice, record))
                fmt = notice_file.suffix.lstrip(".").lower()
                same_text = fmt in FORMATS and render_notice(model, project, state.step.notice, record, fmt) == text
                return Verdict(current == recorded and same_text, recorded, current, project.folder, state.step.notice, same_text)
    raise InputError("FT613", project=project.id, digest=recorded[:15] + "…")


def _project_of(notice_file: Path) -> Path:
    here = notice_file.resolve().parent
    for folder in (here, *here.parents):
        if (folder / "project.yaml").is_file():
            return folder
    raise InputError("FT907", path=notice_file)
