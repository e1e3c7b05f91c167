"""Correcting a recorded fact (`fourtwo correct`), its history kept in the record.

A fact is changed where project.yaml writes it (spliced, comments kept) and one entry per
key changed is appended under `corrections:`: the record, the key, the old and the new
value, the reason and the day. Full phone and ID numbers are masked in the entry, so a
correction made to remove them does not keep them. A correction that changes what a posted
notice states says which notice (its verdict before and after), and the entry names it, so
the notice's verdict can name the corrected fact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from fourtwo.canvass.window import canvass_window, outside
from fourtwo.checks.corrections import notice_verdicts, value_term
from fourtwo.deliberation.meeting import Meeting, consistency, judge
from fourtwo.deliberation.timeline import order_findings, timeline, work_before_decision
from fourtwo.disclosure.privacy import mask_as_notices
from fourtwo.files.reading import named_file, real
from fourtwo.files.yamledit import Item, Keys, render_value
from fourtwo.findings import Diagnostic
from fourtwo.findings.errors import InputError, Refusal
from fourtwo.findings.printers import display_path
from fourtwo.i18n import N_, T, Term, Text, listing
from fourtwo.judge import Judgement
from fourtwo.model import Located
from fourtwo.model.correction import EXCLUSION_KEYS, IMPLEMENTATION_KEYS, MEETING_KEYS, OBJECTION_KEYS, PROJECT_KEYS
from fourtwo.model.project import ImplementationRecord, MeetingRecord, StepRecord
from fourtwo.transaction import Change, change

Value = bool | int | Decimal | dt.date | str | None

_ATTRS = {"for": "votes_for"}
_WITHDRAWN = ("meeting", "implementation")  # the kinds of record `withdraw` takes back: a posted notice stays posted


@dataclass(frozen=True)
class Changed:
    key: Term
    old: Term | str
    new: Term | str


@dataclass(frozen=True)
class Affected:
    """A posted notice whose verdict the correction changed."""

    file: str
    kind: str
    date: dt.date | None
    matches: bool  # after the correction: False when the records no longer give what it says


@dataclass(frozen=True)
class Corrected:
    record: Term | Text | str
    changed: list[Changed]
    notices: list[Affected] = field(default_factory=list)
    meeting: Meeting | None = None  # a meeting's verdict after the correction
    warnings: list[Diagnostic] = field(default_factory=list)  # a personal number masked in what was written


def shown(value: Value) -> str:
    """A value as the history keeps it and a person reads it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def rendered(value: Value) -> str:
    return shown(value) if isinstance(value, (bool, int, Decimal, dt.date)) else render_value(str(value))


R = TypeVar("R", bound=Located)


def _trial(record: R, wanted: dict[str, Value]) -> R:
    """The record as the correction would make it, judged before anything is written."""
    values: dict[str, Any] = {_ATTRS.get(key, key): value for key, value in wanted.items()}
    return replace(record, **values)


def _changes(record: Located, wanted: dict[str, Value], names: dict[str, str]) -> list[tuple[str, Value, Value]]:
    """(key, old, new) for each key whose value differs from what the record says."""
    found = []
    for key, new in wanted.items():
        if key not in names:  # a bug: the command offers only the keys of the table
            raise KeyError(key)
        holder, attr = record, _ATTRS.get(key, key)
        for part in attr.split(".")[:-1]:
            holder = getattr(holder, part, None)  # type: ignore[assignment]
        old = getattr(holder, attr.split(".")[-1], None) if holder is not None else None
        if (old if old is not None else "") != (new if new is not None else ""):
            found.append((key, old, new))
    return found


def _apply(
    c: Change,
    prefix: Keys,
    changes: list[tuple[str, Value, Value]],
    names: dict[str, str],
    where: Item,
    reason: str,
    on: dt.date,
    since: dt.date | None = None,
) -> tuple[list[Changed], list[Affected]]:
    """Stage the new values and their history; the notices whose verdict they change. `since`:
    the day of the record corrected; a correction is dated neither before it nor before a
    posted notice it changes (the history would say it was corrected before it was posted)."""
    if not changes:
        raise InputError("FT905", what=T("the correction"), value=T("(no change)"), hint=T("the record already says so: give the values that are wrong"))
    if not reason.strip():
        raise InputError("FT905", what="--reason", value="''", hint=T("say why it is corrected, e.g. 签到表核对后更正"))
    if on > c.model.workspace.today():
        raise InputError("FT905", what="--on", value=on, hint=T("a correction is dated the day it is made, not later"))
    corrected_day = next((new for key, _, new in changes if key == "date" and isinstance(new, dt.date)), None)
    since = corrected_day or since  # the day it really happened: a typo for a later year is no day to come after
    if since is not None and on < since:
        raise InputError("FT905", what="--on", value=on, hint=T("a correction comes after the record it corrects ({date})", date=since))
    before = notice_verdicts(c.judged, c.project)
    for key, _, new in changes:
        c.set([*prefix, *key.split(".")], rendered(new))
    edited = c.edited()
    after = notice_verdicts(Judgement(replace(c.model, projects=[edited])), edited)
    affected = [Affected(name, v.kind, v.date, after[name].matches) for name, v in before.items() if name in after and after[name].matches != v.matches]
    posted = max((a.date for a in affected if a.date is not None), default=None)
    if posted is not None and on < posted:
        raise InputError(
            "FT905", what="--on", value=on, hint=T("it changes what a notice posted on {date} says: a correction of it comes after it", date=posted)
        )
    done = []
    for key, old, new in changes:
        item: Item = [("date", on.isoformat()), *where, ("key", key)]
        item += [
            ("old", render_value(mask_as_notices(shown(old)))),
            ("new", render_value(mask_as_notices(shown(new)))),
            ("reason", render_value(reason.strip())),
        ]
        if affected:
            item.append(("notices", render_value([a.file for a in affected])))
        c.append("corrections", item)
        done.append(Changed(Term(key, names[key]), value_term(key, mask_as_notices(shown(old))), value_term(key, mask_as_notices(shown(new)))))
    return done, affected


def correct_meeting(project_path: Path, step_word: str, held: dt.date | None, wanted: dict[str, Value], reason: str, on: dt.date) -> Corrected:
    """Correct a meeting's record: its counts, date, place or note; the result follows the counts."""
    with change(project_path) as c:
        proc = c.model.procedure(c.project)
        step = proc.find(step_word) if proc else None
        if proc is None or step is None or step.kind != "meeting":
            raise InputError("FT414", step=step_word, procedure=proc.term if proc else c.project.procedure_id, known=proc.listed("meeting") if proc else "")
        index, record = _pick(c, step.id, held)
        assert isinstance(record, MeetingRecord)
        changes = _changes(record, wanted, MEETING_KEYS)
        trial = _trial(record, wanted)
        problems = list(consistency(trial, step))
        if problems:
            raise InputError(problems[0].code, **problems[0].args)
        date = wanted.get("date")
        if isinstance(date, dt.date) and date > c.model.workspace.today():
            raise InputError("FT905", what="--date", value=date, hint=T("a meeting is recorded after it is held"))
        _refuse_disorder(c, index, trial)
        meeting = judge(trial, step)
        if record.result and record.result != ("passed" if meeting.passed else "failed"):
            changes.append(("result", record.result, "passed" if meeting.passed else "failed"))
        names = {**MEETING_KEYS, "result": "表决结果"}
        done, affected = _apply(c, ["steps", index], changes, names, [("step", step.id), ("held", shown(record.date))], reason, on, record.date)
    return Corrected(T("{step} of {date}", step=step.term, date=shown(record.date)), done, affected, meeting)


def withdraw(project_path: Path, step_word: str, held: dt.date | None, reason: str, on: dt.date) -> Corrected:
    """Withdraw a meeting's or the implementation's record made by mistake: kept, marked, never judged again."""
    with change(project_path) as c:
        proc = c.model.procedure(c.project)
        step = proc.find(step_word) if proc else None
        if proc is None or step is None or step.kind not in _WITHDRAWN:
            known = (
                Term(", ".join(s.id for s in proc.steps if s.kind in _WITHDRAWN), "、".join(s.name for s in proc.steps if s.kind in _WITHDRAWN)) if proc else ""
            )
            hint = T("a posted notice stays posted: publish it again to correct it") if step and step.kind == "notice" else T("steps: {known}", known=known)
            raise InputError("FT905", what=T("STEP"), value=step.term if step else step_word, hint=hint)
        index, record = _pick(c, step.id, held)
        done, affected = _apply(
            c,
            ["steps", index],
            [("withdrawn", False, True)],
            {"withdrawn": "撤回记录"},
            [("step", step.id), ("held", shown(record.date))],
            reason,
            on,
            record.date,
        )
    return Corrected(T("{step} of {date}", step=step.term, date=shown(record.date)), done, affected)


def correct_implementation(project_path: Path, wanted: dict[str, Value], reason: str, on: dt.date) -> Corrected:
    """Correct the implementation's record: dates, cost, who did and accepted it, what happens next."""
    with change(project_path) as c:
        proc = c.model.procedure(c.project)
        step = next((s for s in proc.steps if s.kind == "implementation"), None) if proc else None
        if step is None:
            raise InputError("FT905", what=T("procedure"), value=c.project.procedure_id, hint=T("the project's procedure has no implementation step"))
        index, record = _pick(c, step.id, None)
        assert isinstance(record, ImplementationRecord)
        changes = _changes(record, wanted, IMPLEMENTATION_KEYS)
        trial = _trial(record, wanted)
        today = c.model.workspace.today()
        if trial.date and trial.date > today:
            raise InputError("FT905", what="--completed", value=trial.date, hint=T("record the completion once the work is done"))
        if trial.started and trial.date and trial.started > trial.date:
            raise InputError(
                "FT905", what="--started", value=trial.started, hint=T("the work cannot start after it was completed ({completed})", completed=trial.date)
            )
        if trial.accepted and trial.date and trial.accepted < trial.date:
            raise InputError(
                "FT905", what="--accepted-on", value=trial.accepted, hint=T("acceptance comes once the work is completed ({completed})", completed=trial.date)
            )
        _refuse_disorder(c, index, trial)
        early = work_before_decision(c.states, trial.started, display_path(c.project.folder)) if "started" in wanted else None
        if early is not None:
            raise Refusal("FT433", None, **early)
        done, affected = _apply(c, ["steps", index], changes, IMPLEMENTATION_KEYS, [("step", step.id), ("held", shown(record.date))], reason, on, record.date)
    return Corrected(step.term, done, affected)


def correct_objection(project_path: Path, number: int, wanted: dict[str, Value], reason: str, on: dt.date) -> Corrected:
    """Correct an objection or its answer: its text (to take out a phone number, say), its dates, who raised it."""
    with change(project_path) as c:
        objections = c.project.data.objections
        index = next((i for i, o in enumerate(objections) if o.number == number), None)
        if index is None:
            listed = listing(str(o.number) for o in objections) if objections else T("none")
            raise InputError("FT905", what=T("objection number"), value=number, hint=T("objections: {value}", value=listed))
        objection = objections[index]
        if not objection.answer and (wanted.get("answer") or wanted.get("answered")):
            name = c.project.folder.name
            raise InputError(
                "FT905",
                what="--answer",
                value=number,
                hint=T('it has no answer yet: fourtwo object {name} --answer {number} --text "…"', name=name, number=number),
            )
        trial = _trial(objection, wanted)
        if trial.answered and trial.date and trial.answered < trial.date:
            raise InputError("FT905", what="--answered", value=trial.answered, hint=T("the answer cannot come before the objection ({date})", date=trial.date))
        for key in ("date", "answered"):
            day = wanted.get(key)
            if isinstance(day, dt.date) and day > c.model.workspace.today():
                raise InputError("FT905", what=f"--{key}", value=day, hint=T("a correction states what happened, not what will"))
        from fourtwo.disclosure.objections import masked_field

        said: list[Diagnostic] = []
        for key, field_name in (("text", N_("wording")), ("answer", N_("answer")), ("by", N_("who raised it"))):
            if isinstance(wanted.get(key), str):  # written as object writes it: a resident's number masked
                wanted[key], found = masked_field(c, str(wanted[key]), number, field_name)
                said += found
        changes = _changes(objection, wanted, OBJECTION_KEYS)
        done, affected = _apply(c, ["objections", index], changes, OBJECTION_KEYS, [("objection", str(number))], reason, on, objection.date)
    return Corrected(T("objection {number}", number=number), done, affected, warnings=said)


def correct_exclusion(project_path: Path, household: str, left_out: dt.date | None, wanted: dict[str, Value], reason: str, on: dt.date) -> Corrected:
    """Withdraw an exclusion recorded by mistake, or say why one of a household heard stands.
    A withdrawn exclusion stays in project.yaml as history and is never counted; one a later
    step's frozen scope took is refused (past steps are judged by that scope)."""
    from fourtwo.canvass.coverage import heard_by
    from fourtwo.canvass.record import entered_id
    from fourtwo.checks.canvass import withdraw_command

    hid = entered_id(household)
    with change(project_path) as c:
        exclusions = c.project.data.exclusions
        standing = [(i, e) for i, e in enumerate(exclusions) if e.household == hid and not e.withdrawn]
        chosen = [(i, e) for i, e in standing if left_out is None or e.date == left_out]
        if not chosen:
            if standing:
                days = listing(shown(e.date) for _, e in standing)
                raise InputError("FT905", what="--left-out", value=left_out, hint=T("'{household}' is left out on {days}", household=hid, days=days))
            left = list(dict.fromkeys(e.household for e in exclusions if not e.withdrawn))
            listed = listing(left) if left else T("none")
            raise InputError("FT905", what=T("HOUSEHOLD"), value=hid, hint=T("no exclusion of it is recorded; households left out: {listed}", listed=listed))
        index, exclusion = chosen[-1]
        frozen = c.project.data.frozen_scope
        if wanted.get("withdrawn") and frozen is not None and hid in {e.household for e in frozen[1].excluded}:
            proc = c.model.procedure(c.project)
            step = proc.term_of(frozen[0].step) if proc else Term(frozen[0].step)
            command = withdraw_command(c.project, exclusion, "--although-heard …")
            raise Refusal("FT525", step=step, date=frozen[0].date, household=hid, command=command)
        if wanted.get("although_heard") and heard_by(c.model.project_visits(c.project), hid) is None:
            raise InputError(
                "FT905",
                what="--although-heard",
                value=wanted["although_heard"],
                hint=T("'{household}' was not heard at all: nothing to explain", household=hid),
            )
        changes = _changes(exclusion, wanted, EXCLUSION_KEYS)
        where: Item = [("exclusion", render_value(hid)), *([("held", shown(exclusion.date))] if exclusion.date else [])]
        done, affected = _apply(c, ["exclusions", index], changes, EXCLUSION_KEYS, where, reason, on, exclusion.date)
    return Corrected(T("the exclusion of {household} ({date})", household=hid, date=shown(exclusion.date)), done, affected)


def correct_project(project_path: Path, wanted: dict[str, Value], reason: str, on: dt.date) -> Corrected:
    """Correct what the project is: its title, matter, basis, place, budget, schedule, register."""
    with change(project_path, filling=frozenset(wanted)) as c:
        data = c.project.data
        if "households.register" in wanted:
            wanted["households.register"] = _register(c, Path(str(wanted["households.register"])))
        if "title" in wanted and not str(wanted["title"]).strip():
            raise InputError("FT905", what="--title", value="''", hint=T("give the matter in a few words"))
        changes = _changes(data, wanted, PROJECT_KEYS)
        done, affected = _apply(c, [], changes, PROJECT_KEYS, [], reason, on)
    return Corrected(T("the project"), done, affected)


def _pick(c: Change, step_id: str, held: dt.date | None) -> tuple[int, StepRecord]:
    """The record of `step_id` held on `held` (the latest when not given), and its place in `steps:`."""
    records = [(i, r) for i, r in enumerate(c.project.data.steps) if r.step == step_id and not r.withdrawn]
    chosen = [(i, r) for i, r in records if held is None or r.date == held]
    if not chosen:
        proc = c.model.procedure(c.project)
        step = proc.step(step_id) if proc else None
        term = step.term if step else Term(step_id)
        if not records:
            raise InputError("FT905", what=T("step"), value=term, hint=T("'{step}' is not recorded yet: there is nothing to correct", step=term))
        days = listing(shown(r.date) for _, r in records)
        raise InputError("FT905", what="--held", value=held, hint=T("'{step}' is recorded on {days}", step=term, days=days))
    return chosen[-1]


def _refuse_disorder(c: Change, index: int, trial: MeetingRecord | ImplementationRecord) -> None:
    """A date corrected so that the steps would be out of order is refused, with the first reason."""
    proc = c.model.procedure(c.project)
    if proc is None or trial.date == c.project.data.steps[index].date:
        return
    coverage = c.judged.coverage(c.project)
    steps = list(c.project.data.steps)
    steps[index] = trial
    name = display_path(c.project.folder)
    before = {(f.code, f.message) for f in order_findings(timeline(c.project, proc, coverage), c.model.workspace, name)}
    edited = replace(c.project, data=replace(c.project.data, steps=steps))
    for finding in order_findings(timeline(edited, proc, coverage), c.model.workspace, name):
        if (finding.code, finding.message) not in before:
            raise Refusal(finding.code, **finding.args)
    visits, today = c.model.project_visits(c.project), c.model.workspace.today()
    left = sorted(outside(canvass_window(proc, edited), visits, today) - outside(canvass_window(proc, c.project), visits, today))
    if left:  # visits heard inside the canvass's window would fall out of it: the steps' order again
        opens, closes = canvass_window(proc, edited)
        step = proc.step(trial.step)
        raise Refusal(
            "FT527", step=step.term if step else trial.step, date=trial.date, days="、".join(map(str, left)), opens=opens or "…", closes=closes or "…"
        )


def _register(c: Change, path: Path) -> str:
    root = real(c.model.workspace.root)
    target = real(path if path.is_absolute() else Path.cwd() / path)
    named_file(path, "--households")
    if not target.is_relative_to(root):
        raise InputError("FT905", what="--households", value=path, hint=T("copy the register into {value} first", value=root / "households"))
    return target.relative_to(root).as_posix()


def corrections_of(project_folder: Path, digest_text: str) -> list[Text]:
    """The corrections that changed what the notice of `digest_text` says, as a person reads them
    (what `verify` adds to a notice's verdict)."""
    from fourtwo.checks.corrections import describe
    from fourtwo.pipeline import open_project

    model, judged, project, _ = open_project(project_folder, visits=False, registers=False)
    names = {r.files[0] for s in judged.timeline(project) or [] for r in s.notices if r.digest == digest_text and r.files}
    procedure = model.procedure(project)
    return [describe(c, procedure) for c in project.data.corrections if names & set(c.notices)]
