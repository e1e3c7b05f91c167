"""A project's record as `fourtwo show` prints it, and a meeting's verdict as review and correct print it."""

from __future__ import annotations

import os
from decimal import Decimal

from fourtwo.deliberation.meeting import Meeting
from fourtwo.deliberation.timeline import Status, StepState, next_due
from fourtwo.disclosure.lines import objection_late
from fourtwo.findings import Diagnostic, Severity
from fourtwo.i18n import Term, _, language, ngettext
from fourtwo.judge import Judgement
from fourtwo.model.procedure import Procedure
from fourtwo.model.project import (
    ACCEPTANCE_NAMES,
    ImplementationRecord,
    MeetingRecord,
    NoticeRecord,
    Project,
    StepRecord,
)
from fourtwo.views import findings_for, problems, status_word, table


def money(amount: Decimal | None) -> str:
    return f"{amount:,.2f} 元" if amount is not None else "—"


def _count(value: int | None) -> str:
    return "—" if value is None else str(value)


def _record_row(index: int, state: StepState, record: StepRecord | None, passed_by: bool, terms: dict[str, Term]) -> tuple[object, ...]:
    """One row of show's table; an optional step not taken is not applicable once a later one is recorded."""
    step = (index, state.step.name, state.step.id)
    if record is None:
        if state.merged_by is not None:
            merged, own = state.merged_by, state.merged_into
            counts = [_count(v) for v in (own.members, own.present, own.votes_for, own.against, own.abstain)] if own else [""] * 5
            return (
                *step,
                str(merged.date or "—"),
                *counts,
                _("{status} (in {step}, 一肩挑)").format(status=status_word(state.status), step=terms.get(merged.step, merged.step)),
            )
        if state.step.kind == "canvass" and state.coverage is not None and state.status is not Status.MISSING:
            cov = state.coverage
            return (
                *step,
                str(state.date or "—"),
                cov.total,
                cov.visited,
                cov.opinions.get("agree", 0),
                cov.opinions.get("oppose", 0),
                cov.opinions.get("abstain", 0),
                f"{status_word(state.status)} ({cov.percent()})",
            )
        return (*step, "—", "", "", "", "", "", (_("not applicable") if passed_by else _("optional")) if state.step.optional else "")
    result = _("done")
    counts = [""] * 5
    if isinstance(record, NoticeRecord) and record.period_start:
        from fourtwo.disclosure.context import trace_code

        result = _("up {start} → {end}").format(start=record.period_start, end=record.period_end) + (f", {trace_code(record.digest)}" if record.digest else "")
    elif isinstance(record, ImplementationRecord):
        result = " ".join(
            p for p in (money(record.cost) if record.cost is not None else "", str(Term(record.acceptance, ACCEPTANCE_NAMES.get(record.acceptance, "")))) if p
        ) or _("done")
    elif isinstance(record, MeetingRecord) and state.step.kind == "meeting":
        meeting = state.meetings[state.records.index(record)]
        result = _("passed") if meeting.passed else _("failed")
        if meeting.judged and not meeting.passed:  # why, as its notice will say it
            result += " (" + (_("quorum not reached") if meeting.quorum_failed else _("majority not reached")) + ")"
        counts = [_count(v) for v in (record.members, record.present, record.votes_for, record.against, record.abstain)]
    return (*step, str(record.date or "—"), *counts, result)


def project_record(judged: Judgement, project: Project, findings: list[Diagnostic]) -> str:
    model = judged.model
    data = project.data
    proc = model.procedure(project)
    register = model.register(project) if data.households else None
    households = ""
    if data.households:
        households = data.households.register + (
            " " + ngettext("({n} household)", "({n} households)", len(register.households)).format(n=len(register.households)) if register else ""
        )
    schedule = ""
    if data.schedule and (data.schedule.start or data.schedule.end):
        schedule = f"{data.schedule.start or '?'} → {data.schedule.end or '?'}"
    fields = [
        (_("id"), project.id),
        (
            _("procedure"),
            (proc.name if language() == "zh" else f"{project.procedure_id} — {proc.name}") if proc else _("{id} (unknown)").format(id=project.procedure_id),
        ),
        (_("matter"), (data.matter or "").strip()),
        (_("place"), data.place),
        (
            _("budget"),
            f"{money(data.budget.amount)} ({data.budget.funding})"
            if data.budget and data.budget.funding
            else money(data.budget.amount if data.budget else None),
        ),
        (_("contractor"), data.contractor),
        (_("schedule"), schedule),
        (_("households"), households),
    ]
    from wcwidth import wcswidth  # a Chinese label takes two columns

    width = max(wcswidth(k) for k, _v in fields)
    lines = [data.title or project.id, ""]
    lines += [f"{k}{' ' * (width - wcswidth(k))}  {v}" for k, v in fields if v]
    if proc:
        rows = []
        states = judged.timeline(project) or []
        for i, state in enumerate(states, 1):
            records: list[StepRecord | None] = list(state.records) or [None]
            passed_by = any(later.recorded for later in states[i:])
            for record in records:
                rows.append(_record_row(i, state, record, passed_by, {s.step.id: s.step.term for s in states}))
        headers = ["#", _("step"), _("id"), _("date"), "应到", "实到", "同意", "反对", "弃权", _("result")]
        if language() == "zh":  # a step is typed and read by its Chinese name: its id is for files and scripts
            rows = [row[:2] + row[3:] for row in rows]
            headers = headers[:2] + headers[3:]
        lines += ["", table(rows, headers)]
        states = judged.timeline(project) or []
        nxt = next_due(states)
        step = Term(f"{nxt.step.name} ({nxt.step.id})", nxt.step.name) if nxt else Term("")
        if nxt is None:
            lines += ["", _("next: all steps recorded")]
        elif nxt.status is Status.FAILED:
            lines += ["", _("next: hold {step} again: it failed on {date}").format(step=step, date=nxt.date)]
        elif nxt.status is Status.SHORT and nxt.coverage:
            cov = nxt.coverage
            lines += [
                "",
                ngettext(
                    "next: go on with {step}: {visited} of {needed} household needed visited",
                    "next: go on with {step}: {visited} of {needed} households needed visited",
                    cov.needed,
                ).format(step=step, visited=cov.visited, needed=cov.needed),
            ]
        else:
            lines += ["", _("next: {step}").format(step=step)]
    lines += _objection_lines(project)
    lines += _correction_lines(project, proc)
    settings = os.path.abspath(judged.model.workspace.file)  # what the record is judged under: its errors count here too
    own = findings_for(project, findings) + [f for f in findings if f.severity is Severity.ERROR and os.path.abspath(f.path) == settings]
    if own:
        from fourtwo.findings.printers import display_path

        lines += ["", _("problems: {problems} (run 'fourtwo check {path}')").format(problems=problems(own), path=display_path(project.folder))]
    return "\n".join(lines)


def _objection_lines(project: Project) -> list[str]:
    """Each objection with its number, date, text and answer, as the clerk answers them (by
    number). Not who raised it: show's output is copied into chats and reports, and the
    name is kept in project.yaml for whoever needs it, as a notice never prints it."""
    objections = project.data.objections
    if not objections:
        return []
    open_ = sum(1 for o in objections if not (o.answer and o.answered))
    head = (
        _("objections: {n}, {open} unanswered").format(n=len(objections), open=open_) if open_ else _("objections: {n}, all answered").format(n=len(objections))
    )
    lines = ["", head]
    notices = [r for r in project.data.steps if isinstance(r, NoticeRecord)]
    for o in objections:
        late = objection_late(o, notices)
        mark = "  " + _("(late: after the period of the notice of {date})").format(date=late.date) if late else ""
        lines.append(f"  {o.number or '?'}. {o.date or '—'}  {o.text.strip()}{mark}")
        if o.answer:
            lines.append("     " + _("answered {date}: {answer}").format(date=o.answered or "—", answer=o.answer.strip()))
        else:
            lines.append("     " + _("not answered yet"))
    return lines


def _correction_lines(project: Project, proc: Procedure | None) -> list[str]:
    """Each correction as its history keeps it: the record, the old and the new value, why and when."""
    from fourtwo.checks.corrections import describe

    corrections = project.data.corrections
    if not corrections:
        return []
    return ["", _("corrections: {n}").format(n=len(corrections)), *("  " + str(describe(c, proc)) for c in corrections)]


def meeting_summary(meeting: Meeting, corrected: bool = False) -> str:
    """What `review` prints (and `correct meeting`, of the corrected record): the verdict of each rule with its figures and basis."""
    record = meeting.record
    if corrected:
        said = _("{step} of {date} as corrected: passed") if meeting.passed else _("{step} of {date} as corrected: FAILED its rules")
    else:
        said = _("recorded {step} on {date}: passed") if meeting.passed else _("recorded {step} on {date}: FAILED, kept as a failed meeting")
    lines = [said.format(step=meeting.title, date=record.date)]
    for verdict in meeting.verdicts:
        mark = ("—  " if not verdict.checks else _("ok ")) if verdict.ok else _("NOT")  # —: not judged, its counts not recorded
        lines.append("  " + _("{mark} {rule}: {explain}").format(mark=mark, rule=verdict.rule.name, explain=verdict.explain()))
    return "\n".join(lines)
