"""Recording a meeting step (`fourtwo review`): judged before it is written, or refused.

It goes through the one transaction (fourtwo.transaction): under the project's lock,
judged, spliced, re-parsed and written atomically, so a refused command changes nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from fourtwo.deliberation.hints import STANDING, stands_taken
from fourtwo.deliberation.meeting import STAGE_CODES, Meeting, consistency, judge, merge_problem
from fourtwo.deliberation.timeline import Status, timeline
from fourtwo.files.reading import named_file, real
from fourtwo.files.yamledit import Item, render_value
from fourtwo.findings import Loc
from fourtwo.findings.errors import InputError, Refusal
from fourtwo.findings.printers import display_path
from fourtwo.i18n import T, Term, fold
from fourtwo.model.procedure import Procedure, StepDef
from fourtwo.model.procedure import listed as listed_procedures
from fourtwo.model.project import MeetingRecord, MergedCounts
from fourtwo.transaction import change


@dataclass(frozen=True)
class ReviewRequest:
    """A meeting to record: its record as typed (counts, date, form, merges), the minutes to
    link, and whether to keep it should it fail its rules."""

    record: MeetingRecord
    minutes: Path | None = None
    record_failed: bool = False


@dataclass(frozen=True)
class ReviewResult:
    meeting: Meeting
    path: Path


def review(project_path: Path, request: ReviewRequest) -> ReviewResult:
    with change(project_path) as c:
        if request.record.date is None or request.record.date > c.model.workspace.today():
            raise InputError("FT905", what="--date", value=request.record.date, hint=T("a meeting is recorded after it is held: give the day it was held"))
        proc = c.model.procedure(c.project)
        if proc is None:
            raise InputError("FT107", c.project.data.at("procedure"), name=c.project.procedure_id, known=listed_procedures(c.model.procedures))
        step = proc.find(request.record.step)
        if step is None or step.kind != "meeting":
            raise InputError("FT414", step=Term(request.record.step), procedure=proc.term, known=proc.listed("meeting"))

        record = replace(request.record, loc=Loc(c.project.file), **_as_written(proc, step, request.record))
        problems = list(consistency(record, step))
        if problems:
            raise InputError(problems[0].code, **problems[0].args)
        for merged in record.merges:
            problem = merge_problem(step, merged, c.model.workspace)
            if problem:
                raise Refusal("FT410", None, **problem)
        states = c.states
        state = next(s for s in states if s.step.id == step.id)
        if state.status is Status.PASSED:
            raise Refusal("FT417", step=step.term, date=state.date, project=display_path(c.project.folder))
        later = [s for s in states[states.index(state) + 1 :] if s.records]
        if later:
            where = display_path(c.project.folder)
            fix = (
                stands_taken(step.term, where)
                if later[0].step.kind in STANDING
                else T(
                    "steps are recorded in order: if '{later}' was recorded by mistake, withdraw it (fourtwo correct withdraw {project} {later} --reason …), then record this one",
                    later=later[0].step.term,
                    project=where,
                )
            )
            raise Refusal("FT416", step=step.term, later=later[0].step.term, date=later[0].date, project=where, fix=fix)
        trial = replace(c.project, data=replace(c.project.data, steps=[*c.project.data.steps, record]))
        trial_states = timeline(trial, proc, c.judged.coverage(c.project))
        for held in (s for s in trial_states if s.merged_by is record and s.meetings and not s.meetings[-1].passed):
            if not request.record_failed:  # 一肩挑: the merged step's own rule, on its own members
                verdict = held.meetings[-1].failed[0] if held.meetings[-1].failed else None
                code = "FT401" if verdict is None else STAGE_CODES[verdict.rule.stage][0]
                explain = verdict.explain() if verdict else T("its counts are missing or contradict each other")
                raise Refusal(code, step=held.meetings[-1].title, explain=explain, hint=T("nothing was written: the merged step's own counts fail its rule"))
        c.refuse_if_blocked(step.id, record.date, trial_states)

        meeting = judge(record, step)
        if not meeting.passed and not request.record_failed:
            verdict = meeting.failed[0]
            code = STAGE_CODES[verdict.rule.stage][0]
            raise Refusal(
                code,
                step=meeting.title,
                explain=verdict.explain(),
                hint=T("nothing was written; to keep the record of a failed meeting, add --record-failed"),
            )

        minutes = _minutes(request.minutes, c.project.folder, c.model.workspace.root)
        c.append("steps", _item(record, meeting, minutes))
    return ReviewResult(meeting, c.project.file)


def _minutes(minutes: Path | None, folder: Path, root: Path) -> str:
    if minutes is None:
        return ""
    path = real(minutes)
    named_file(minutes, "--minutes")
    if not path.is_relative_to(real(root)):
        raise InputError("FT905", what="--minutes", value=minutes, hint=T("copy the minutes into {folder} first", folder=folder))
    return Path(os.path.relpath(path, real(folder))).as_posix()


def _item(record: MeetingRecord, meeting: Meeting, minutes: str) -> Item:
    item: Item = [("step", record.step), ("date", record.date.isoformat() if record.date else "")]
    if record.form:
        item.append(("form", record.form))
    if record.merges:
        item.append(("merges", render_value(record.merges)))
    if record.merged:
        item.append(("merged", "[" + ", ".join(_counts(m) for m in record.merged) + "]"))
    if record.place:
        item.append(("place", render_value(record.place)))
    for key, value in record.figures().items():
        if value is not None:
            item.append((key, str(value)))
    if record.nonvoting is not None:
        item.append(("nonvoting", str(record.nonvoting)))
    item.append(("result", "passed" if meeting.passed else "failed"))
    if minutes:
        item.append(("minutes", render_value(minutes)))
    if record.note:
        item.append(("note", render_value(record.note)))
    return item


def _counts(counts: MergedCounts) -> str:
    """A merged step's counts as a flow mapping: {step: branch, members: 5, present: 5, for: 5}."""
    pairs = [("step", render_value(counts.step)), ("members", counts.members), ("present", counts.present), ("for", counts.votes_for)]
    pairs += [(k, v) for k, v in (("against", counts.against), ("abstain", counts.abstain)) if v is not None]
    return "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"


def _as_written(proc: Procedure, step: StepDef, typed: MeetingRecord) -> dict[str, Any]:
    """The record as project.yaml keeps it: ids, whatever words were typed (党支部 → branch, 村民会议 → its form)."""
    named_form = next((f.id for f in step.forms if fold(typed.step) in (f.id, fold(f.name))), "")
    form = typed.form and next((f.id for f in step.forms if fold(typed.form) in (f.id, fold(f.name))), typed.form)
    ids = {word: m.id if (m := proc.find(word)) else word for word in typed.merges}
    merged = [replace(counts, step=ids.get(counts.step, counts.step)) for counts in typed.merged]
    return {"step": step.id, "form": form or named_form, "merges": list(ids.values()), "merged": merged}
