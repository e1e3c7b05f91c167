"""One judged project as the office's rows: a pure function of the project, what the rules
made of it and the findings about its files, giving picklable tuples in the columns of
fourtwo/office/schema.py (a forked worker can return them as they are).

No row is per household and no register field leaves: the canvass is counted by building
and channel, an objection's text is kept with its numbers masked and never its author,
and a finding keeps its code and place, not its message (which may quote a household).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress
from operator import attrgetter, itemgetter
from pathlib import Path

from fourtwo.canvass.window import outside
from fourtwo.deliberation.timeline import Status, StepState, next_due, reached
from fourtwo.disclosure.context import trace_code
from fourtwo.disclosure.privacy import mask_numbers, public_numbers
from fourtwo.files.reading import real
from fourtwo.findings import Diagnostic
from fourtwo.findings.printers import count
from fourtwo.judge import Judgement
from fourtwo.model.coverage import Coverage
from fourtwo.model.loaded import Model
from fourtwo.model.procedure import decision_notice
from fourtwo.model.project import MeetingRecord, NoticeRecord, Project
from fourtwo.model.shares import honest_percent
from fourtwo.model.visit import CONTACTS
from fourtwo.office.schema import CHANNELS, OPINIONS

Row = tuple[object, ...]
_CONTACT = frozenset(CONTACTS).__contains__
_FIRST, _SECOND = itemgetter(0), itemgetter(1)
_ID, _BUILDING = attrgetter("id"), attrgetter("building")


@dataclass
class ProjectRows:
    """One project's rows, table by table; `folder` is the workspace's folder as loaded
    (absolute), shown relative by whoever builds the tables."""

    projects: list[Row] = field(default_factory=list)
    steps: list[Row] = field(default_factory=list)
    canvass: list[Row] = field(default_factory=list)
    notices: list[Row] = field(default_factory=list)
    objections: list[Row] = field(default_factory=list)
    findings: list[Row] = field(default_factory=list)

    def extend(self, other: ProjectRows) -> None:
        for name in ("projects", "steps", "canvass", "notices", "objections", "findings"):
            getattr(self, name).extend(getattr(other, name))


def organisation(model: Model) -> str:
    return model.workspace.settings.organisation.name or model.workspace.root.name


def workspace_row(model: Model, projects: int, errors: int = 0) -> Row:
    """The workspace's row; `errors`: check's errors in fourtwo.yaml itself."""
    ws = model.workspace
    r = ws.settings.report
    return (
        str(ws.root),
        organisation(model),
        ws.kind,
        ws.settings.organisation.region,
        projects,
        r.decision_notice_days,
        r.implementation_days,
        r.result_notice_days,
        r.canvass_days,
        r.objection_days,
        r.stuck_days,
        errors,
    )


def finding_rows(model: Model, project: str, year: int, findings: list[Diagnostic]) -> list[Row]:
    root = real(model.workspace.root)
    rows: list[Row] = []
    for f in findings:
        path = real(f.path)
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
        rows.append((str(model.workspace.root), organisation(model), year, project, shown, f.line, f.col, f.severity.value, f.code))
    return rows


def project_rows(judged: Judgement, project: Project, findings: list[Diagnostic], on: dt.date | None = None) -> ProjectRows:
    """The rows of one project as they stand on `on` taken as today (a report's or an export's
    date; default today): its canvass counts no visit after that day. `findings` are check's
    findings in its files, as check finds them today."""
    model = judged.model
    day = on or model.workspace.today()
    coverage, timeline = judged.on(project, day)
    states = timeline or []
    dates = [r.date for r in project.data.steps if r.date]
    year = min(dates).year if dates else 0
    key = (str(model.workspace.root), organisation(model), year, project.id)
    canvass, opinions = _canvass(key, judged, project, coverage, day)
    rows = ProjectRows(
        steps=_steps(key, states),
        canvass=canvass,
        notices=_notices(key, states, findings),
        objections=_objections(key, model, project),
        findings=finding_rows(model, project.id, year, findings),
    )
    rows.projects.append((*key, *_project(model, project, states, coverage, findings), *opinions))
    return rows


def _project(model: Model, project: Project, states: list[StepState], coverage: Coverage | None, findings: list[Diagnostic]) -> Row:
    data = project.data
    last, nxt = reached(states), next_due(states)
    decision, notice = _decision(states)
    decided = _decided_on(states, decision) if decision else None
    work = next((s.implementations[-1] for s in states if s.implementations), None)
    errors, warnings = count(findings)  # as check counts them: information is neither
    return (
        _within(project.file, model.workspace.root),
        data.title,
        project.procedure_id,
        model.workspace.kind,
        data.budget.amount if data.budget else None,
        data.schedule.start if data.schedule else None,
        data.schedule.end if data.schedule else None,
        last.step.id if last else "",
        last.step.name if last else "",
        last.reached_on if last else None,
        last.status.value if last else "",
        nxt.step.id if nxt else "",
        nxt.step.name if nxt else "",
        nxt.step.kind if nxt else "",
        nxt.step.notice if nxt else "",
        decision.step.id if decision else "",
        decision.step.name if decision else "",
        decided,
        notice,
        any(s.step.kind == "canvass" for s in states),
        coverage.first_contact if coverage else None,
        coverage.last_contact if coverage else None,
        work.started if work else None,
        work.date if work else None,
        work.acceptance if work else "",
        _last_activity(project, coverage),
        len(data.objections),
        sum(1 for o in data.objections if not (o.answer and o.answered)),
        errors,
        warnings,
        honest_percent(coverage.visited, coverage.total, coverage.threshold) if coverage and coverage.total else "",
        procedure.name if (procedure := model.procedure(project)) else "",
    )


def _within(path: Path, root: Path) -> str:
    """`path` relative to the workspace, as loaded (both from the same root); resolved only if not."""
    if path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    leads, base = real(path), real(root)
    return leads.relative_to(base).as_posix() if leads.is_relative_to(base) else path.as_posix()


def _decision(states: list[StepState]) -> tuple[StepState | None, str]:
    """The step whose completion is the decision, by the procedure: the last meeting or canvass
    before the first notice step (an optional one only when held): the assembly, or in the seed's
    form the canvass (入户征求意见, how its residents decide); and the kind of the notice that makes
    it public, by the one definition implement and check use (procedure.decision_notice)."""
    first = next((i for i, s in enumerate(states) if s.step.kind == "notice"), len(states))
    deciding = [s for s in states[:first] if s.step.kind in ("meeting", "canvass") and (s.recorded or not s.step.optional)]
    notice = decision_notice([s.step for s in states])
    return (deciding[-1] if deciding else None), notice.notice if notice else ""


def _decided_on(states: list[StepState], decision: StepState) -> dt.date | None:
    """The day the decision stood: its meeting passed; a canvass that decides, the day it reached
    its rate, once the meeting before it (the last review) has passed."""
    if decision.step.kind == "canvass":
        before = [s for s in states[: states.index(decision)] if s.step.kind == "meeting" and (s.recorded or not s.step.optional)]
        review = _decided_on(states, before[-1]) if before else None
        if decision.status is not Status.PASSED or decision.date is None or (before and review is None):
            return None
        return max(decision.date, review) if review else decision.date
    passed = [m.record.date for m in decision.meetings if m.passed and m.record.date]
    return passed[-1] if passed else None


def _last_activity(project: Project, coverage: Coverage | None) -> dt.date | None:
    days = [r.date for r in project.data.steps if r.date]
    days += [d for o in project.data.objections for d in (o.date, o.answered) if d]
    if coverage and coverage.last_contact:
        days.append(coverage.last_contact)
    return max(days) if days else None


def _steps(key: Row, states: list[StepState]) -> list[Row]:
    rows: list[Row] = []
    for position, state in enumerate(states, 1):
        meetings = iter(state.meetings)
        for n, record in enumerate(state.records, 1):
            if isinstance(record, MeetingRecord) and state.step.kind == "meeting":
                meeting = next(meetings)
                status = (Status.PASSED if meeting.passed else Status.FAILED) if meeting.judged else Status.INVALID
                rules = "; ".join(f"{v.rule.name} {'ok' if v.ok else 'not'}" for v in meeting.verdicts)
                basis = "; ".join(dict.fromkeys(v.rule.basis.strip() for v in meeting.verdicts))
                counts = _counts(record)
                rows.append(
                    (*key, position, state.step.id, state.step.name, state.step.kind, n, record.date, record.form, *counts, "", status.value, rules, basis)
                )
            else:
                rows.append((*key, position, state.step.id, state.step.name, state.step.kind, n, record.date, "", *[None] * 8, "", Status.DONE.value, "", ""))
        if not state.records and state.merged_into is not None and state.merged_by is not None:
            own = state.merged_into
            verdicts = state.meetings[-1].verdicts if state.meetings else []
            rules = "; ".join(f"{v.rule.name} {'ok' if v.ok else 'not'}" for v in verdicts)
            basis = "; ".join(dict.fromkeys(v.rule.basis.strip() for v in verdicts))
            rows.append(
                (
                    *key,
                    position,
                    state.step.id,
                    state.step.name,
                    state.step.kind,
                    1,
                    own.date,
                    "",
                    *_counts(own),
                    state.merged_by.step,
                    state.status.value,
                    rules,
                    basis,
                )
            )
    return rows


def _counts(record: MeetingRecord) -> tuple[int | None, ...]:
    return (
        record.members,
        record.present,
        record.votes_for,
        record.against,
        record.abstain,
        record.households,
        record.households_present,
        record.representatives,
    )


def _canvass(key: Row, judged: Judgement, project: Project, coverage: Coverage | None, day: dt.date) -> tuple[list[Row], list[int]]:
    """Per building: households in scope, heard (counting), and through each channel, counted
    or not, each household by its latest contact through it; and the project's opinions by
    channel (that contact's), never by building: a building of one household would give its
    opinion away, which neither a notice nor the site prints."""
    if coverage is None:
        return [], [0] * (len(CHANNELS) * len(OPINIONS))
    building = dict(zip(map(_ID, coverage.scope), map(_BUILDING, coverage.scope), strict=True))
    scope = Counter(building.values())
    heard = Counter(map(_BUILDING, coverage.met))
    visits = judged.model.project_visits(project)
    late = outside(judged.window(project), visits, day)  # as the coverage counts them
    households, channels, said, dates = visits.household, visits.channel, visits.opinion, visits.date
    # Over whole columns (compress, map, zip run in C), as coverage counts: 300 visits a project.
    contacts = list(compress(range(len(visits)), map(_CONTACT, said)))
    if not building.keys() >= set(households) or late:
        contacts = [i for i in contacts if households[i] in building and dates[i] not in late]
    if len(visits.days) > 1:
        contacts.sort(key=dates.__getitem__)  # stable: of one day, the row written last wins, as coverage counts
    latest = dict(zip(zip(map(households.__getitem__, contacts), map(channels.__getitem__, contacts), strict=True), contacts, strict=True))
    where = list(map(building.__getitem__, map(_FIRST, latest)))
    through = list(map(_SECOND, latest))
    by_channel = Counter(zip(where, through, strict=True))
    opinions = Counter(zip(through, map(said.__getitem__, latest.values()), strict=True))
    threshold = coverage.threshold
    counted = ",".join(coverage.channels)
    rows: list[Row] = []
    for name in sorted(scope):
        heard_through = [by_channel[name, ch] for ch in CHANNELS]
        rows.append((*key, name, scope[name], heard[name], threshold.numerator, threshold.denominator, counted, *heard_through))
    if not rows:  # an empty scope is still a canvass, and it never passes
        rows.append((*key, "", 0, 0, threshold.numerator, threshold.denominator, counted, *[0] * len(CHANNELS)))
    return rows, [opinions[ch, op] for ch in CHANNELS for op in OPINIONS]


# What check found about a posted notice, as its verdict, the first that applies: its file or
# facts document gone, its file edited, what it states no longer what the records say, or its
# archive cannot be checked (the digests gone from its record); else superseded by a later
# posting of its kind, or it matches; a notice recorded with nothing archived is unverified.
_VERDICTS = (
    ({"FT607", "FT651"}, "missing"),
    ({"FT614"}, "altered"),
    ({"FT606", "FT650", "FT621"}, "changed"),
    ({"FT616", "FT652"}, "unverifiable"),  # archived, but its record keeps no digest to check it by
)


def _notices(key: Row, states: list[StepState], findings: list[Diagnostic]) -> list[Row]:
    rows: list[Row] = []
    for state in states:
        for n, record in enumerate(state.notices, 1):
            at = {record.loc, *record.locs.values()}  # a finding about this record is at one of its keys
            codes = {f.code for f in findings if f.loc in at}
            kept = "superseded" if state.superseded_by(record) is not None else "matches"  # history, replaced by a later posting
            verdict = next((v for which, v in _VERDICTS if which & codes), kept if record.digest else "unverified")
            rows.append(
                (*key, state.step.id, state.step.name, state.step.notice, n, record.date, record.period_start, record.period_end, _trace(record), verdict)
            )
    return rows


def _trace(record: NoticeRecord) -> str:
    return trace_code(record.digest) if record.digest else ""


def _objections(key: Row, model: Model, project: Project) -> list[Row]:
    allowed = public_numbers(model.workspace)
    return [
        (*key, o.number, o.date, mask_numbers(o.text.strip(), allowed), o.answered, mask_numbers(o.answer.strip(), allowed)) for o in project.data.objections
    ]
