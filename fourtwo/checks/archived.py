"""One notice record judged: its period, its content, its archived files and what they state
against today's records (fourtwo.disclosure.archive). Apart from checks/notices.py so that a
workspace without notices never imports what judges them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from fourtwo.deliberation.timeline import StepState, work_on
from fourtwo.disclosure import archive, facts
from fourtwo.disclosure.context import PRINTED_DIGEST, NoticeSettings, file_digest, file_digest_bytes, trace_code
from fourtwo.disclosure.notice import content_finding_args, missing_content, result_problems
from fourtwo.disclosure.period import UNIT_NAMES, length
from fourtwo.files.layout import NOTICES_DIR
from fourtwo.files.pending import pending_name
from fourtwo.files.reading import inside
from fourtwo.findings import Diagnostic, diag
from fourtwo.findings.printers import display_path
from fourtwo.i18n import T, Term, _, listing
from fourtwo.judge import Judgement
from fourtwo.model.project import NoticeRecord, Project


def notice_findings(
    judged: Judgement, project: Project, state: StepState, record: NoticeRecord, implementation: StepState | None, superseded: bool = False
) -> Iterator[Diagnostic]:
    """`superseded`: a later notice of its kind was posted; what it states is then history, judged
    by that later one: only whether its archive is intact is checked."""
    judged_now = archive.standing(judged, project, state.step.notice, record) if record.digest else None
    required = judged_now.settings if judged_now else NoticeSettings.of(judged.model.workspace)  # in force on its day
    if record.period_start and record.period_end:
        posted = length(record.period_start, record.period_end, required.unit, judged.model.workspace.declared_holidays())
        if judged_now is not None and judged_now.period_length is not None:
            posted = judged_now.period_length  # its dates as stated: counted on its day, a holiday declared since changes nothing
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
        done = work_on([implementation], record.date)
        if done is not None and done.accepted and record.date and done.accepted > record.date:
            yield diag("FT633", record.at("date"), date=record.date, accepted=done.accepted, project=display_path(project.folder))
        problem = result_problems(done, project.data.budget.amount if project.data.budget else None)
        if problem and not superseded:  # a later result notice says what was done about it
            yield diag("FT632", record.at("step"), problem=problem)
    if record.files and not record.digest:
        yield diag("FT616", record.at("files"), path=listing(record.files), what=T("digest"))
    elif len(record.file_digests) < len(record.files):
        yield diag("FT616", record.at("files"), path=listing(record.files[len(record.file_digests) :]), what=T("file_digests"))
    for n, name in enumerate(record.files):
        path = project.folder / name
        if not inside(path, judged.model.workspace.root):  # never read: ../../etc/passwd, a link out
            yield diag("FT204", record.at("files"), key="files", value=name)
        elif not path.is_file():
            yield _missing(project, record, name, "files")
        elif n < len(record.file_digests) and _file_digest(judged, project, path) not in (record.file_digests[n], ""):
            yield diag("FT614", record.at("file_digests"), path=name)
        elif record.digest and (printed := printed_digest(judged, path)) not in ("", record.digest):
            yield diag("FT621", record.at("digest"), path=name, printed=trace_code(printed), recorded=trace_code(record.digest))
    if judged_now is not None:
        yield from _standing_findings(project, record, judged_now, listing(record.files) if record.files else state.step.id, superseded)


def _standing_findings(project: Project, record: NoticeRecord, judged_now: archive.Standing, shown: Term | str, superseded: bool) -> Iterator[Diagnostic]:
    """What today's records make of what the notice states (of a superseded notice, nothing)."""
    if judged_now.legacy:
        if not judged_now.legacy_matches and not superseded:
            yield diag("FT606", record.at("digest"), path=shown)
        return
    if judged_now.problem == archive.MISSING:
        yield _missing(project, record, record.facts, "facts")
    elif judged_now.problem == archive.NEWER:
        yield diag("FT652", record.at("facts"), path=record.facts, schema=judged_now.schema, known=facts.SCHEMA)
    elif judged_now.problem:
        why = T("is not the one published with the notice") if judged_now.problem == archive.CHANGED else T("cannot be read ({why})", why=_(judged_now.why))
        yield diag("FT651", record.at("facts"), path=record.facts, why=why)
    for difference in [] if superseded else judged_now.differences:
        yield diag("FT650", record.at("digest"), path=shown, difference=difference.sentence())


def _missing(project: Project, record: NoticeRecord, name: str, key: str) -> Diagnostic:
    """A file the record names that is not there: waiting under its pending name (a publish
    cut off after its record was written, not finished here), or really missing."""
    waiting = pending_name(project.folder / name)
    if waiting.is_file():
        return diag("FT655", record.at(key), path=name, pending=f"{NOTICES_DIR}/{waiting.name}")
    return diag("FT607", record.at(key), path=name)


def printed_digest(judged: Judgement, path: Path) -> str:
    """The digest a text notice prints at its foot (the last one: a digest quoted in a resident's
    text comes before it); '' for a PDF or a file without one. verify reads it the same way."""
    if path.suffix.lower() == ".pdf":
        return ""
    try:
        found = PRINTED_DIGEST.findall(judged.text(path))
    except (OSError, UnicodeDecodeError):
        return ""
    return found[-1] if found else ""


def _file_digest(judged: Judgement, project: Project, path: Path) -> str:
    """The archived file's digest as publish computed it; '' when it cannot be read at all."""
    try:
        if path.suffix.lower() == ".pdf":  # a binary notice: its digest is over its bytes
            return file_digest_bytes(path.read_bytes())
        return judged.kept(project, ("file digest", path), lambda: file_digest(judged.text(path)))
    except UnicodeDecodeError:
        return "not text"  # publish writes UTF-8: these bytes are not what it wrote
    except OSError:
        return ""
