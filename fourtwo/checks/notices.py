"""Checks of the disclosures: periods, the order around them, archived notices against the
records (their facts documents, fourtwo.disclosure.archive), and objections before implementation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from fourtwo.checks.registry import per_project, per_workspace
from fourtwo.deliberation.timeline import StepState
from fourtwo.disclosure import archive, facts
from fourtwo.disclosure.context import NoticeSettings, file_digest, file_digest_bytes
from fourtwo.disclosure.notice import content_finding_args, missing_content, result_problems
from fourtwo.disclosure.period import UNIT_NAMES, length
from fourtwo.files.layout import NOTICES_DIR, TEMPLATES_DIR
from fourtwo.files.pending import final_name, pending_name
from fourtwo.findings import Diagnostic, Loc, diag
from fourtwo.findings.errors import InputError
from fourtwo.i18n import T, _
from fourtwo.judge import Judgement
from fourtwo.model.project import NoticeRecord, Project


@per_project
def notices(judged: Judgement, project: Project) -> Iterator[Diagnostic]:
    states = judged.timeline(project)
    if states is None:
        return
    implementation = next((s for s in states if s.step.kind == "implementation"), None)
    named: set[str] = set()
    for state in states:
        if state.step.kind != "notice":
            continue
        latest = None
        for record in state.notices:
            named.update(record.files)
            named.update([record.facts] if record.facts else [])
            if record.date and latest and record.date < latest:
                yield diag("FT640", record.at("date"), kind=T(state.step.notice), date=record.date, earlier=latest)
            latest = max(latest, record.date) if latest and record.date else (record.date or latest)
            try:
                yield from _notice_findings(judged, project, state, record, implementation)
            except InputError as exc:  # a year the holiday calendar does not know, say
                yield Diagnostic(record.at("period_end"), exc.diagnostic.code, exc.diagnostic.severity, exc.diagnostic.message, exc.diagnostic.hint)
    yield from _implementation_findings(project, states)
    yield from _unrecorded(project, named)


def _unrecorded(project: Project, named: set[str]) -> Iterator[Diagnostic]:
    """A file in notices/ that no record names: a publish cut off before its record, or a
    record removed; and what a publish cut off left waiting under a hidden name (the next
    command, or `fourtwo check`, finishes or undoes it: this is what it could not)."""
    folder = project.folder / NOTICES_DIR
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if final_name(path):
            final = f"{NOTICES_DIR}/{final_name(path)}"
            if final not in named:
                yield diag("FT656", Loc(path), path=f"{NOTICES_DIR}/{path.name}", final=final)
        elif not path.name.startswith(".") and path.is_file() and f"{NOTICES_DIR}/{path.name}" not in named:
            yield diag("FT615", Loc(path), path=f"{NOTICES_DIR}/{path.name}")


def _notice_findings(judged: Judgement, project: Project, state: StepState, record: NoticeRecord, implementation: StepState | None) -> Iterator[Diagnostic]:
    judged_now = archive.standing(judged, project, state.step.notice, record) if record.digest else None
    required = judged_now.settings if judged_now else NoticeSettings.of(judged.model.workspace)  # in force on its day
    if record.period_start and record.period_end:
        posted = length(record.period_start, record.period_end, required.unit, judged.model.workspace.declared_holidays())
        if posted < required.period:
            unit = UNIT_NAMES.get(required.unit, required.unit)
            kind = T(state.step.notice or "")
            yield diag("FT604", record.at("period_end"), kind=kind, length=posted, unit=unit, required=T("{n} {unit}", n=required.period, unit=unit))
    if state.step.notice == "result" and (implementation is None or not implementation.implementations):
        yield diag("FT605", record.at("step"))
    missing = missing_content(project, state.step.requires)
    if missing:
        yield diag("FT630", record.at("step"), **content_finding_args(state.step.notice, state.step.term, missing, project))
    if state.step.notice == "result" and implementation is not None:
        done = [r for r in implementation.implementations if record.date is None or (r.date is not None and r.date <= record.date)]
        problem = result_problems(done[-1] if done else None, project.data.budget.amount if project.data.budget else None)
        if problem:
            yield diag("FT632", record.at("step"), problem=problem)
    if record.files and not record.digest:
        yield diag("FT616", record.at("files"), path=", ".join(record.files), what=T("digest"))
    elif len(record.file_digests) < len(record.files):
        yield diag("FT616", record.at("files"), path=", ".join(record.files[len(record.file_digests) :]), what=T("file_digests"))
    for n, name in enumerate(record.files):
        path = project.folder / name
        if not path.resolve().is_relative_to(judged.model.workspace.root.resolve()):  # never read: ../../etc/passwd, a link out
            yield diag("FT204", record.at("files"), key="files", value=name)
        elif not path.is_file():
            yield _missing(project, record, name, "files")
        elif n < len(record.file_digests) and _file_digest(judged, path) not in (record.file_digests[n], ""):
            yield diag("FT614", record.at("file_digests"), path=name)
    if judged_now is not None:
        yield from _standing_findings(project, record, judged_now, ", ".join(record.files) or state.step.id)


def _standing_findings(project: Project, record: NoticeRecord, judged_now: archive.Standing, shown: str) -> Iterator[Diagnostic]:
    """What today's records make of what the notice states."""
    if judged_now.legacy:
        if not judged_now.legacy_matches:
            yield diag("FT606", record.at("digest"), path=shown)
        return
    if judged_now.problem == archive.MISSING:
        yield _missing(project, record, record.facts, "facts")
    elif judged_now.problem == archive.NEWER:
        yield diag("FT652", record.at("facts"), path=record.facts, schema=judged_now.schema, known=facts.SCHEMA)
    elif judged_now.problem:
        why = T("is not the one published with the notice") if judged_now.problem == archive.CHANGED else T("cannot be read ({why})", why=_(judged_now.why))
        yield diag("FT651", record.at("facts"), path=record.facts, why=why)
    for difference in judged_now.differences:
        yield diag("FT650", record.at("digest"), path=shown, difference=difference.sentence())


def _missing(project: Project, record: NoticeRecord, name: str, key: str) -> Diagnostic:
    """A file the record names that is not there: waiting under its pending name (a publish
    cut off after its record was written, not finished here), or really missing."""
    waiting = pending_name(project.folder / name)
    if waiting.is_file():
        return diag("FT655", record.at(key), path=name, pending=f"{NOTICES_DIR}/{waiting.name}")
    return diag("FT607", record.at(key), path=name)


def _file_digest(judged: Judgement, path: Path) -> str:
    """The archived file's digest as publish computed it; '' when it cannot be read at all."""
    try:
        if path.suffix.lower() == ".pdf":  # a binary notice: its digest is over its bytes
            return file_digest_bytes(path.read_bytes())
        return file_digest(judged.text(path))
    except UnicodeDecodeError:
        return "not text"  # publish writes UTF-8: these bytes are not what it wrote
    except OSError:
        return ""


def _implementation_findings(project: Project, states: list[StepState]) -> Iterator[Diagnostic]:
    implementation = next((s for s in states if s.step.kind == "implementation" and s.implementations), None)
    resolution = next((s for s in states if s.step.kind == "notice" and s.step.notice == "resolution" and s.notices), None)
    if implementation is None:
        return
    record = implementation.implementations[-1]
    end = resolution.notices[-1].period_end if resolution else None
    if end and record.date and record.date <= end:
        yield diag("FT609", record.at("date"), date=record.date, end=end)
    for objection in project.data.objections:
        if record.date and objection.date and objection.date <= record.date and not (objection.answered and objection.answered <= record.date):
            yield diag("FT608", record.at("date"), date=record.date, number=objection.number)


@per_workspace
def workspace_templates(judged: Judgement) -> Iterator[Diagnostic]:
    """A workspace's own template that does not compile would fail the next publish: say so now."""
    folder = judged.model.workspace.root / TEMPLATES_DIR
    if not folder.is_dir():
        return
    from fourtwo.render import (
        template_problems,  # Jinja only where there are templates
    )

    yield from template_problems(judged.model.workspace.root, sorted(folder.glob("*.j2")))
