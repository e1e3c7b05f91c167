"""Recording a meeting step (`fourtwo review`): judged before it is written, or refused.

The whole read-decide-write runs under the project's lock; the file is edited
surgically and replaced atomically, so a refused or failed command changes nothing.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from fourtwo.diagnostics import Diagnostic, Loc, Severity
from fourtwo.edit import Item, Source, append_to_list, render_value
from fourtwo.errors import FindingsError, InputError, Refusal
from fourtwo.fsio import atomic_write_bytes, locked
from fourtwo.meeting import Meeting, consistency, judge, one_person_holds_both
from fourtwo.model.project import Project, ProjectFile, StepRecord
from fourtwo.progress import Status, blockers, timeline

if TYPE_CHECKING:
    from fourtwo.loader import Model


@dataclass(frozen=True)
class MeetingFigures:
    members: int
    present: int
    votes_for: int
    against: int | None = None
    abstain: int | None = None
    households: int | None = None
    households_present: int | None = None
    area: Decimal | None = None
    area_present: Decimal | None = None
    area_for: Decimal | None = None


@dataclass(frozen=True)
class ReviewRequest:
    step: str
    date: dt.date
    figures: MeetingFigures
    place: str = ""
    minutes: Path | None = None
    note: str = ""
    form: str = ""
    merges: list[str] = field(default_factory=list)
    record_failed: bool = False


@dataclass(frozen=True)
class ReviewResult:
    meeting: Meeting
    path: Path


def review(project_path: Path, request: ReviewRequest) -> ReviewResult:
    from fourtwo.loader import open_project, project_folder

    if request.date > dt.date.today():
        raise InputError("FT905", what="--date", value=request.date, hint="a meeting is recorded after it is held")
    folder, _ = project_folder(project_path)
    with locked(folder):
        model, project, findings = open_project(folder, checks=False)
        own = blocking_findings(findings, model, project)
        if own:
            raise FindingsError(own)  # a file with errors is fixed by hand before commands add to it
        proc = model.procedures.get(project.procedure_id)
        if proc is None:
            raise InputError("FT107", project.data.at("procedure"), name=project.procedure_id, known=", ".join(sorted(model.procedures)))
        step = proc.step(request.step)
        meeting_steps = [s.id for s in proc.steps if s.kind == "meeting"]
        if step is None or step.kind != "meeting":
            raise InputError("FT414", step=request.step, procedure=proc.id, known=", ".join(meeting_steps))

        record = _record(request, project.file)
        problems = list(consistency(record, step))
        if problems:
            raise InputError(problems[0].code, **problems[0].args)
        _refuse_bad_merges(request, step.merges, model.workspace)
        coverage = model.coverage(project)
        states = timeline(project, proc, coverage)
        state = next(s for s in states if s.step.id == step.id)
        if state.status is Status.PASSED:
            raise Refusal("FT417", step=step.id, date=state.date)
        later = [s for s in states[states.index(state) + 1 :] if s.records]
        if later:
            raise Refusal("FT416", step=step.id, later=later[0].step.id, date=later[0].date)
        trial = replace(project.data, steps=[*project.data.steps, record])
        order = blockers(timeline(replace(project, data=trial), proc, coverage), step.id, record.date)
        if order:
            raise Refusal(order[0].code, **order[0].args)

        meeting = judge(record, step)
        if not meeting.passed and not request.record_failed:
            verdict = meeting.failed[0]
            code = "FT401" if verdict.rule.stage == "quorum" else "FT402"
            raise Refusal(code, step=f"{step.id} ({meeting.form_name})", explain=verdict.explain(), hint="nothing was written; to keep the record of a failed meeting, add --record-failed")

        minutes = _minutes(request.minutes, project.folder, model.workspace.root)
        source = Source(project.file)
        new_text = append_to_list(source.text, project.file, "steps", _item(request, record, meeting, minutes))
        _verify(new_text, project.file, len(project.data.steps) + 1)
        atomic_write_bytes(project.file, source.encode(new_text))
    return ReviewResult(meeting, project.file)


def blocking_findings(findings: list[Diagnostic], model: Model, project: Project) -> list[Diagnostic]:
    """Errors in the files a command relies on: the project, the workspace, local procedures.
    A file with errors is fixed by hand before a command adds to it."""
    relied = {project.file.resolve(), model.workspace.file.resolve()}
    procedures = (model.workspace.root / "procedures").resolve()
    return [f for f in findings if f.severity is Severity.ERROR and (f.path.resolve() in relied or f.path.resolve().is_relative_to(procedures))]


def _record(request: ReviewRequest, path: Path) -> StepRecord:
    f = request.figures
    return StepRecord(
        loc=Loc(path),
        step=request.step,
        date=request.date,
        place=request.place,
        members=f.members,
        present=f.present,
        votes_for=f.votes_for,
        against=f.against,
        abstain=f.abstain,
        households=f.households,
        households_present=f.households_present,
        area=f.area,
        area_present=f.area_present,
        area_for=f.area_for,
        form=request.form,
        merges=list(request.merges),
        result="",
        minutes="",
        note=request.note,
    )


def _refuse_bad_merges(request: ReviewRequest, allowed: list[str], workspace: object) -> None:
    for merged in request.merges:
        if merged not in allowed:
            raise Refusal("FT410", step=request.step, merged=merged, why="which the procedure does not allow", hint=f"'{request.step}' may merge: {', '.join(allowed) or 'nothing'}")
        if not one_person_holds_both(workspace):  # type: ignore[arg-type]
            raise Refusal(
                "FT410",
                step=request.step,
                merged=merged,
                why="but fourtwo.yaml does not record 一肩挑",
                hint="set the same person as party_organisation.secretary and committee.director, where that is the case",
            )


def _minutes(minutes: Path | None, folder: Path, root: Path) -> str:
    if minutes is None:
        return ""
    path = minutes.resolve()
    if not path.is_file():
        raise InputError("FT901", path=minutes)
    if not path.is_relative_to(root.resolve()):
        raise InputError("FT905", what="--minutes", value=minutes, hint=f"copy the minutes into {folder} first")
    return Path(os.path.relpath(path, folder.resolve())).as_posix()


def _item(request: ReviewRequest, record: StepRecord, meeting: Meeting, minutes: str) -> Item:
    item: Item = [("step", record.step), ("date", record.date.isoformat() if record.date else "")]
    if record.form:
        item.append(("form", record.form))
    if record.merges:
        item.append(("merges", render_value(record.merges)))
    if record.place:
        item.append(("place", render_value(record.place)))
    for key, value in record.figures().items():
        if value is not None:
            item.append((key, str(value)))
    item.append(("result", "passed" if meeting.passed else "failed"))
    if minutes:
        item.append(("minutes", render_value(minutes)))
    if record.note:
        item.append(("note", render_value(record.note)))
    return item


def verify_text(text: str, path: Path) -> ProjectFile:
    """An edited project.yaml must load without errors, or nothing is written."""
    from fourtwo import yamlio
    from fourtwo.model.project import PROJECT
    from fourtwo.spec import Ctx

    doc, findings = yamlio.parse(text, path)
    ctx = Ctx(path)
    data = PROJECT.convert(doc.root, ctx, "") if doc else None
    errors = [f for f in findings + ctx.findings if f.severity is Severity.ERROR]
    if errors or not data:
        raise RuntimeError(f"the edit of {path} would not load back: {[f.message for f in errors]}")
    return data


def _verify(text: str, path: Path, expected: int) -> None:
    """The edited text must load cleanly with one more record, or nothing is written."""
    if len(verify_text(text, path).steps) != expected:
        raise RuntimeError(f"the edit of {path} did not add exactly one record")
