"""Where a project stands: each step's status, the step reached, the next one due, and
what the order of steps forbids. Both `fourtwo check` and the step commands use it.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from pathlib import Path

from fourtwo.deliberation.hints import STANDING, how_to_correct_date, how_to_record, stands_taken
from fourtwo.deliberation.meeting import Meeting, judge, merge_problem
from fourtwo.findings import Diagnostic, Loc, diag, unique
from fourtwo.i18n import T, Term, Text
from fourtwo.model.coverage import Coverage
from fourtwo.model.procedure import Procedure, StepDef, decision_notice
from fourtwo.model.project import (
    ImplementationRecord,
    MeetingRecord,
    NoticeRecord,
    Project,
    StepRecord,
)
from fourtwo.model.shares import share
from fourtwo.model.workspace import Workspace


class Status(enum.Enum):
    MISSING = "missing"
    PASSED = "passed"
    FAILED = "failed"
    DONE = "done"  # a step of another kind, recorded
    SHORT = "in progress"  # a canvass below its threshold
    INVALID = "invalid"  # its counts are missing or contradict each other (reported where they are)

    @property
    def complete(self) -> bool:
        return self in (Status.PASSED, Status.DONE)


@dataclass
class StepState:
    step: StepDef
    records: list[StepRecord] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    merged_into: MeetingRecord | None = None  # 一肩挑: its own counts, held within a later step's meeting
    merged_by: MeetingRecord | None = None  # that later step's record
    coverage: Coverage | None = None  # canvass steps: from canvass.csv against the register

    @property
    def notices(self) -> list[NoticeRecord]:
        """A notice step's records (a record of another kind is reported, never read as one)."""
        return [r for r in self.records if isinstance(r, NoticeRecord)]

    def superseded_by(self, record: NoticeRecord) -> NoticeRecord | None:
        """The posting that makes `record` history (true on its day, replaced since), None for the
        current one (the newest dated; of two on one day the last recorded): check, verify, site, export."""
        dated = [r for r in self.notices if r.date]
        newest = max(reversed(dated), key=lambda r: r.date or dt.date.min) if dated else None
        return newest if newest is not None and record is not newest else None

    @property
    def implementations(self) -> list[ImplementationRecord]:
        return [r for r in self.records if isinstance(r, ImplementationRecord)]

    @property
    def latest(self) -> StepRecord | None:
        return self.records[-1] if self.records else (self.merged_into or self.merged_by)

    @property
    def status(self) -> Status:
        if self.step.kind == "canvass":
            cov = self.coverage
            if cov is None or (cov.visited == 0 and cov.attempted_only == 0):
                return Status.MISSING
            return Status.PASSED if cov.reached else Status.SHORT
        if self.merged_by is not None and not self.records:
            if not self.meetings or not self.meetings[-1].judged:
                return Status.INVALID  # merged without its own counts (FT419), or with wrong ones
            return Status.PASSED if self.meetings[-1].passed else Status.FAILED
        if not self.records:
            return Status.MISSING
        if self.step.kind != "meeting":
            return Status.DONE
        latest = self.meetings[-1]
        if not latest.judged:
            return Status.INVALID
        return Status.PASSED if latest.passed else Status.FAILED

    @property
    def date(self) -> dt.date | None:
        if self.step.kind == "canvass":
            return self.last_visit
        if self.step.kind == "notice" and self.notices:  # posted again later (a correction): the step came with its first posting
            return min((r.date for r in self.notices if r.date), default=None)
        latest = self.latest
        return latest.date if latest else None

    @property
    def reached_on(self) -> dt.date | None:
        """The day the step stands as of (status, report, export): its latest record's, a canvass's
        latest counted visit. `date` is when the step came, for the order of steps."""
        if self.step.kind == "canvass":
            return self.last_visit
        latest = self.latest
        return latest.date if latest else None

    @property
    def last_visit(self) -> dt.date | None:
        return self.coverage.last_contact if self.coverage else None

    @property
    def recorded(self) -> bool:
        return self.latest is not None or self.status is not Status.MISSING


def timeline(project: Project, procedure: Procedure, coverage: Coverage | None = None) -> list[StepState]:
    states = {step.id: StepState(step, coverage=coverage if step.kind == "canvass" else None) for step in procedure.steps}
    for record in project.data.steps:
        state = states.get(record.step)
        if state is None or (record.withdrawn and state.step.kind != "notice"):
            continue  # an unknown step is reported by the project checks; a withdrawn record is history (a posted notice never is: FT804)
        state.records.append(record)
        if not isinstance(record, MeetingRecord) or state.step.kind != "meeting":
            continue
        state.meetings.append(judge(record, state.step))
        for merged in record.merges:
            if merged in states and merged in state.step.merges:
                _merge(states[merged], record)
    return list(states.values())


def _merge(state: StepState, record: MeetingRecord) -> None:
    """An earlier step held within `record`'s meeting: judged by its own rule on its own counts."""
    state.merged_by = record
    counts = next((m for m in record.merged if m.step == state.step.id), None)
    if counts is None:
        return
    own = MeetingRecord(
        loc=counts.loc,
        locs=counts.locs,
        step=state.step.id,
        date=record.date,
        members=counts.members,
        present=counts.present,
        votes_for=counts.votes_for,
        against=counts.against,
        abstain=counts.abstain,
    )
    state.merged_into = own
    state.meetings.append(judge(own, state.step))


def reached(states: list[StepState]) -> StepState | None:
    """The furthest step in procedure order that is recorded."""
    done = [s for s in states if s.recorded]
    return done[-1] if done else None


def next_due(states: list[StepState]) -> StepState | None:
    """The step to take next: a failed one again, else the first missing one after the last recorded."""
    last = reached(states)
    if last is not None and not last.status.complete and last.status is not Status.INVALID:
        return last
    start = states.index(last) + 1 if last else 0
    for state in states[start:]:
        if not state.step.optional:
            return state
    return None


def blockers(states: list[StepState], step_id: str, date: dt.date | None, project: str) -> list[Diagnostic]:
    """Why a record of `step_id` dated `date` may not stand where it is, as findings at no place,
    their hints naming commands for `project`: the step commands ask before they write;
    `order_findings` locates the same problems in a file for `fourtwo check`."""
    return _order(states, step_id, date, Loc(Path("")), project, strict=True)


def later_recorded(states: list[StepState], step_id: str, date: dt.date) -> StepState | None:
    """A step after `step_id` in the procedure already recorded before `date`: what a first
    record of `step_id` on `date` would put out of order."""
    index = next(i for i, s in enumerate(states) if s.step.id == step_id)
    return next((s for s in states[index + 1 :] if s.step.kind != "canvass" and s.records and s.date and s.date < date), None)


def _order(states: list[StepState], step_id: str, date: dt.date | None, where: Loc, project: str, strict: bool = False) -> list[Diagnostic]:
    """`strict` (a command about to write): an earlier record that cannot be judged blocks too;
    `fourtwo check` reports that record where it is instead, so the report stays short."""
    findings: list[Diagnostic] = []
    index = next(i for i, s in enumerate(states) if s.step.id == step_id)
    step = states[index].step.term
    for earlier in states[:index]:
        status = earlier.status  # worked out from the records each time it is asked: once here
        if status is Status.INVALID:
            if strict:
                findings.append(diag("FT418", where, step=step, earlier=earlier.step.term, project=project))
            continue
        if earlier.step.optional and status is Status.MISSING:
            continue
        if earlier.step.kind == "canvass" and status is not Status.PASSED:
            findings.append(_short(earlier, step, where, project))
        elif status is Status.MISSING:
            command = how_to_record(earlier.step, project)
            hint = (
                T("record it first ({command}), or merge it where one person holds both posts", command=command)
                if step_id in _mergers(states, earlier.step.id)
                else T("record it first: {command}", command=command)
            )
            findings.append(diag("FT405", where, step=step, earlier=earlier.step.term, hint=hint))
        elif status is Status.FAILED:
            fix = (
                stands_taken(earlier.step.term, project)
                if any(s.records and s.step.kind in STANDING for s in states[states.index(earlier) + 1 :])
                else T(
                    "hold '{earlier}' again and record it before going on: {command}", earlier=earlier.step.term, command=how_to_record(earlier.step, project)
                )
            )
            findings.append(diag("FT406", where, step=step, earlier=earlier.step.term, date=earlier.date, fix=fix))
        elif date and earlier.date and date < earlier.date:
            findings.append(diag("FT407", where, step=step, date=date, earlier=earlier.step.term, earlier_date=earlier.date, **_which(earlier, project)))
    return findings


def _which(earlier: StepState, project: str) -> dict[str, str | Text]:
    """For a canvass, the visit that dates it (the latest contact), and how to take it back."""
    last = earlier.coverage.last_contact_row if earlier.step.kind == "canvass" and earlier.coverage else None
    if last is None:
        return {
            "which": "",
            "hint": T(
                "steps happen in order: if the date of '{step}' was recorded wrongly, correct it: {command}",
                step=earlier.step.term,
                command=how_to_correct_date(earlier.step, project),
            ),
        }
    household, row = last
    return {
        "which": T(" (the visit of {household}, canvass.csv line {row})", household=household, row=row),
        "hint": T(
            "if that visit's date is wrong, cancel it (fourtwo canvass void {project} {household} --date {date} --reason …) and record it again",
            project=project,
            household=household,
            date=earlier.date,
        ),
    }


def _short(state: StepState, step: Term, where: Loc, project: str) -> Diagnostic:
    cov = state.coverage
    if cov is None:
        return diag(
            "FT405",
            where,
            step=step,
            earlier=state.step.term,
            hint=T(
                "name the household register (fourtwo correct project {project} --households households/… --reason …) and record visits with 'fourtwo canvass record'",
                project=project,
            ),
        )
    if cov.carried:
        undated = [e for e in cov.exclusions if e.date is None]
        return diag(
            "FT521",
            where,
            step=step,
            n=cov.carried,
            reasons="、".join(dict.fromkeys(e.reason for e in undated)),
            project=project,
            households=" ".join(e.household.id for e in undated),
            threshold=share(cov.threshold),
            percent=cov.percent(),
        )
    return diag(
        "FT503",
        where,
        step=step,
        visited=cov.visited,
        total=cov.total,
        percent=cov.percent(),
        threshold=share(cov.threshold),
        needed=cov.needed,
        more=max(cov.needed - cov.visited, 0),
        project=project,
    )


def _mergers(states: list[StepState], step_id: str) -> list[str]:
    return [s.step.id for s in states if step_id in s.step.merges]


def order_findings(states: list[StepState], workspace: Workspace, project: str) -> list[Diagnostic]:
    """Every problem with the order, dates, merges and repetition of recorded steps."""
    findings: list[Diagnostic] = []
    for state in states:
        passed_on: dt.date | None = None
        for i, record in enumerate(state.records):
            findings += _order(states, state.step.id, record.date, record.at("step"), project)
            if passed_on is not None:
                findings.append(diag("FT411", record.at("step"), step=state.step.term, date=passed_on))
            if state.step.kind == "meeting" and state.meetings[i].passed:
                passed_on = record.date
            if isinstance(record, MeetingRecord):
                findings += _merge_findings(state, record, workspace, project, {s.step.id: s.step.term for s in states})
    return unique(findings)


def _merge_findings(state: StepState, record: MeetingRecord, workspace: Workspace, project: str, terms: dict[str, Term]) -> list[Diagnostic]:
    found = [
        diag("FT410", record.at("merges"), **{**problem, "merged": terms.get(merged, merged)})
        for merged in record.merges
        if (problem := merge_problem(state.step, merged, workspace))
    ]
    counted = {m.step for m in record.merged}
    found += [
        diag("FT419", record.at("merges"), step=state.step.term, merged=terms.get(m, m), project=project)
        for m in record.merges
        if m in state.step.merges and m not in counted
    ]
    return found


def decision(states: list[StepState], before: dt.date | None = None) -> tuple[StepState | None, dt.date | None]:
    """When work may start (先干后议 is the classic inspection finding): after the period of the
    notice that makes the decision public (procedure.decision_notice: the resolution notice, in
    the seed's form the progress notice), its state and the last day of the latest posting (of
    work begun on `before`, the latest posted by then, or else the first: a notice posted again
    after the work, to state a corrected fact, does not move its start); before any posting, after
    the last step that decides (no state, and the day it was reached)."""
    step = decision_notice([s.step for s in states])
    notice = next((s for s in states if s.step is step), None)
    if notice is not None and notice.notices:
        posted = [r for r in notice.notices if before is None or (r.date is not None and r.date <= before)] or notice.notices[:1]
        return notice, posted[-1].period_end
    deciding = [s for s in states if s.step.kind in ("meeting", "canvass") and s.status is Status.PASSED]
    return None, deciding[-1].date if deciding else None


def work_before_decision(states: list[StepState], started: dt.date | None, project: str) -> dict[str, str | Text | Term | dt.date] | None:
    """Why work started on `started` came before the decision (FT433's arguments), or None; its
    hint names the command that records the right day in the state the project is in: the
    implementation recorded (correct it) or not yet (record it)."""
    if started is None:
        return None
    recorded = any(s.implementations for s in states if s.step.kind == "implementation")
    fix = (
        T("if the date is wrong, correct it: fourtwo correct implementation {project} --started … --reason …", project=project)
        if recorded
        else T(
            "if the date is wrong, record the implementation with the day the work really started: fourtwo implement {project} --started … --completed … --cost …",
            project=project,
        )
    )
    found = _early(states, started)
    return {**found, "fix": fix} if found else None


def _early(states: list[StepState], started: dt.date) -> dict[str, str | Text | Term | dt.date] | None:
    first = next((s for s in states if s.step.kind == "meeting" and s.date is not None), None)
    if first is not None and first.date is not None and started < first.date:
        return {"started": started, "why": T("before the matter was first put forward ('{step}' on {date})", step=first.step.term, date=first.date)}
    deciding = [s for s in states if s.step.kind in ("meeting", "canvass") and s.status is Status.PASSED]
    if deciding and deciding[-1].date is not None and started < deciding[-1].date:  # the plainer reason, where it holds
        return {"started": started, "why": T("before the decision: '{step}' was reached on {date}", step=deciding[-1].step.term, date=deciding[-1].date)}
    notice, day = decision(states, started)
    if notice is not None and day is not None and started <= day:
        return {"started": started, "why": T("on or before the last day of the period of '{notice}' ({end})", notice=notice.step.term, end=day)}
    return None


def work_on(states: list[StepState], day: dt.date | None) -> ImplementationRecord | None:
    """The implementation as it stood on `day` (the latest without one): see works_on. A notice
    posted between a failed acceptance and the 复验 stays true."""
    records = works_on(states, day)
    return records[-1] if records else None


def works_on(states: list[StepState], day: dt.date | None) -> list[ImplementationRecord]:
    """Every implementation record in force on `day`, in order: the work from its completion, each
    later record (an acceptance after the one before: 复验) from that acceptance's day."""
    found = []
    records = [r for s in states if s.step.kind == "implementation" for r in s.implementations]
    for n, record in enumerate(records):
        since = record.date if n == 0 else (record.accepted or record.date)
        if day is None or (since is not None and since <= day):
            found.append(record)
    return found
