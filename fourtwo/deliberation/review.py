"""Recording a meeting step (`fourtwo review`): judged before it is written, or refused.

It goes through the one transaction (fourtwo.transaction): under the project's lock,
judged, spliced, re-parsed and written atomically, so a refused command changes nothing.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from fourtwo.deliberation.meeting import Meeting, consistency, judge, merge_problem
from fourtwo.deliberation.timeline import Status, timeline
from fourtwo.files.yamledit import Item, render_value
from fourtwo.findings import Loc
from fourtwo.findings.errors import InputError, Refusal
from fourtwo.model.project import MeetingRecord
from fourtwo.transaction import change


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
    if request.date > dt.date.today():
        raise InputError("FT905", what="--date", value=request.date, hint="a meeting is recorded after it is held")
    with change(project_path) as c:
        proc = c.model.procedure(c.project)
        if proc is None:
            raise InputError("FT107", c.project.data.at("procedure"), name=c.project.procedure_id, known=", ".join(sorted(c.model.procedures)))
        step = proc.step(request.step)
        meeting_steps = [s.id for s in proc.steps if s.kind == "meeting"]
        if step is None or step.kind != "meeting":
            raise InputError("FT414", step=request.step, procedure=proc.id, known=", ".join(meeting_steps))

        record = _record(request, c.project.file)
        problems = list(consistency(record, step))
        if problems:
            raise InputError(problems[0].code, **problems[0].args)
        for merged in request.merges:
            problem = merge_problem(step, merged, c.model.workspace)
            if problem:
                raise Refusal("FT410", None, **problem)
        states = c.states
        state = next(s for s in states if s.step.id == step.id)
        if state.status is Status.PASSED:
            raise Refusal("FT417", step=step.id, date=state.date)
        later = [s for s in states[states.index(state) + 1 :] if s.records]
        if later:
            raise Refusal("FT416", step=step.id, later=later[0].step.id, date=later[0].date)
        trial = replace(c.project, data=replace(c.project.data, steps=[*c.project.data.steps, record]))
        c.refuse_if_blocked(step.id, record.date, timeline(trial, proc, c.judged.coverage(c.project)))

        meeting = judge(record, step)
        if not meeting.passed and not request.record_failed:
            verdict = meeting.failed[0]
            code = "FT401" if verdict.rule.stage == "quorum" else "FT402"
            raise Refusal(
                code,
                step=f"{step.id} ({meeting.form_name})",
                explain=verdict.explain(),
                hint="nothing was written; to keep the record of a failed meeting, add --record-failed",
            )

        minutes = _minutes(request.minutes, c.project.folder, c.model.workspace.root)
        c.append("steps", _item(record, meeting, minutes))
    return ReviewResult(meeting, c.project.file)


def _record(request: ReviewRequest, path: Path) -> MeetingRecord:
    f = request.figures
    return MeetingRecord(
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


def _minutes(minutes: Path | None, folder: Path, root: Path) -> str:
    if minutes is None:
        return ""
    path = minutes.resolve()
    if not path.is_file():
        raise InputError("FT901", path=minutes)
    if not path.is_relative_to(root.resolve()):
        raise InputError("FT905", what="--minutes", value=minutes, hint=f"copy the minutes into {folder} first")
    return Path(os.path.relpath(path, folder.resolve())).as_posix()


def _item(record: MeetingRecord, meeting: Meeting, minutes: str) -> Item:
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
