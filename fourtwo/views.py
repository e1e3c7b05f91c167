"""Tables and records for the terminal (status, show); the CLI prints what these return."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from fourtwo.deliberation.meeting import Meeting
from fourtwo.deliberation.timeline import Status, StepState, next_due, reached
from fourtwo.findings import Diagnostic, Severity
from fourtwo.judge import Judgement
from fourtwo.model.project import (
    ImplementationRecord,
    MeetingRecord,
    NoticeRecord,
    Project,
    StepRecord,
)


def _table(rows: Sequence[Sequence[object]], headers: Sequence[str]) -> str:
    import tabulate  # costly to import (~90 ms): only the commands that print tables pay

    tabulate.PRESERVE_WHITESPACE = False
    return tabulate.tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)


def problems(findings: list[Diagnostic]) -> str:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    parts = [f"{errors} error{'s' * (errors != 1)}"] * bool(errors) + [f"{warnings} warning{'s' * (warnings != 1)}"] * bool(warnings)
    return ", ".join(parts) or "ok"


def findings_for(project: Project, findings: list[Diagnostic]) -> list[Diagnostic]:
    folder = project.folder.resolve()
    return [f for f in findings if f.path.resolve().is_relative_to(folder)]


def step_label(state: StepState | None) -> str:
    if state is None:
        return "not started"
    latest = state.latest
    when = f" {latest.date}" if latest and latest.date else ""
    return f"{state.step.name}{when} {state.status.value}"


def next_label(states: list[StepState]) -> str:
    nxt = next_due(states)
    if nxt is None:
        return "done"
    if nxt.status is Status.FAILED:
        return f"{nxt.step.name} again"
    if nxt.status is Status.SHORT and nxt.coverage:
        return f"{nxt.step.name} ({nxt.coverage.visited}/{nxt.coverage.needed})"
    return nxt.step.name


def status_table(judgements: list[Judgement], findings: list[Diagnostic]) -> str:
    rows = []
    for judged in judgements:
        model = judged.model
        for project in sorted(model.projects, key=lambda p: p.id):
            proc = model.procedure(project)
            states = judged.timeline(project) or []
            rows.append(
                (
                    project.id,
                    project.data.title or "",
                    project.procedure_id,
                    step_label(reached(states)) if proc else "unknown procedure",
                    next_label(states) if proc else "",
                    problems(findings_for(project, findings)),
                )
            )
        loaded = {p.folder.resolve() for p in model.projects}
        unreadable = sorted({f.path.resolve().parent for f in findings if f.path.name == "project.yaml" and f.severity is Severity.ERROR} - loaded)
        for folder in unreadable:
            if folder.is_relative_to(model.workspace.root.resolve()):
                rows.append((folder.name, "(cannot be read)", "", "", "", problems([f for f in findings if f.path.resolve().parent == folder])))
    notes = []
    for model in (j.model for j in judgements):
        own = [f for f in findings if f.path.resolve() == model.workspace.file.resolve()]
        if any(f.severity is Severity.ERROR for f in own):
            notes.append(f"{model.workspace.file}: {problems(own)}; nothing is judged until it loads (run 'fourtwo check')")
    if not rows:
        return "\n".join([*notes, "No projects yet. Start one with: fourtwo new ID --title TITLE"])
    return "\n".join([_table(rows, ["id", "title", "procedure", "step reached", "next", "problems"]), *notes])


def money(amount: Decimal | None) -> str:
    return f"{amount:,.2f} 元" if amount is not None else "—"


def _count(value: int | None) -> str:
    return "—" if value is None else str(value)


def _record_row(index: int, state: StepState, record: StepRecord | None) -> tuple[object, ...]:
    step = (index, state.step.name, state.step.id)
    if record is None:
        if state.merged_by is not None:
            merged, own = state.merged_by, state.merged_into
            counts = [_count(v) for v in (own.members, own.present, own.votes_for, own.against, own.abstain)] if own else [""] * 5
            return (*step, str(merged.date or "—"), *counts, f"{state.status.value} (in {merged.step}, 一肩挑)")
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
                f"{state.status.value} ({cov.percent()})",
            )
        return (*step, "—", "", "", "", "", "", "optional" if state.step.optional else "")
    result = "done"
    counts = [""] * 5
    if isinstance(record, NoticeRecord) and record.period_start:
        from fourtwo.disclosure.context import trace_code

        result = f"up {record.period_start} → {record.period_end}" + (f", {trace_code(record.digest)}" if record.digest else "")
    elif isinstance(record, ImplementationRecord):
        result = " ".join(p for p in (money(record.cost) if record.cost is not None else "", record.acceptance) if p) or "done"
    elif isinstance(record, MeetingRecord) and state.step.kind == "meeting":
        meeting = state.meetings[state.records.index(record)]
        result = "passed" if meeting.passed else "failed"
        counts = [_count(v) for v in (record.members, record.present, record.votes_for, record.against, record.abstain)]
    return (*step, str(record.date or "—"), *counts, result)


def project_record(judged: Judgement, project: Project, findings: list[Diagnostic]) -> str:
    model = judged.model
    data = project.data
    proc = model.procedure(project)
    register = model.register(project) if data.households else None
    households = ""
    if data.households:
        households = data.households.register + (f" ({len(register.households)} households)" if register else "")
    schedule = ""
    if data.schedule and (data.schedule.start or data.schedule.end):
        schedule = f"{data.schedule.start or '?'} → {data.schedule.end or '?'}"
    fields = [
        ("id", project.id),
        ("procedure", f"{project.procedure_id} — {proc.name}" if proc else f"{project.procedure_id} (unknown)"),
        ("matter", (data.matter or "").strip()),
        ("place", data.place),
        (
            "budget",
            f"{money(data.budget.amount)} ({data.budget.funding})"
            if data.budget and data.budget.funding
            else money(data.budget.amount if data.budget else None),
        ),
        ("contractor", data.contractor),
        ("schedule", schedule),
        ("households", households),
    ]
    width = max(len(k) for k, _ in fields)
    lines = [data.title or project.id, ""]
    lines += [f"{k.ljust(width)}  {v}" for k, v in fields if v]
    if proc:
        rows = []
        for i, state in enumerate(judged.timeline(project) or [], 1):
            records: list[StepRecord | None] = list(state.records) or [None]
            for record in records:
                rows.append(_record_row(i, state, record))
        lines += ["", _table(rows, ["#", "step", "id", "date", "应到", "实到", "同意", "反对", "弃权", "result"])]
        states = judged.timeline(project) or []
        nxt = next_due(states)
        if nxt is None:
            lines += ["", "next: all steps recorded"]
        elif nxt.status is Status.FAILED:
            lines += ["", f"next: hold {nxt.step.name} ({nxt.step.id}) again: it failed on {nxt.date}"]
        elif nxt.status is Status.SHORT and nxt.coverage:
            cov = nxt.coverage
            lines += ["", f"next: go on with {nxt.step.name} ({nxt.step.id}): {cov.visited} of {cov.needed} households needed visited"]
        else:
            lines += ["", f"next: {nxt.step.name} ({nxt.step.id})"]
    lines += _objection_lines(project)
    own = findings_for(project, findings)
    if own:
        from fourtwo.findings.printers import display_path

        lines += ["", f"problems: {problems(own)} (run 'fourtwo check {display_path(project.folder)}')"]
    return "\n".join(lines)


def _objection_lines(project: Project) -> list[str]:
    """Each objection with its number, date, text and answer, as the clerk answers them (by
    number). Not who raised it: show's output is copied into chats and reports, and the
    name is kept in project.yaml for whoever needs it, as a notice never prints it."""
    objections = project.data.objections
    if not objections:
        return []
    open_ = sum(1 for o in objections if not (o.answer and o.answered))
    lines = ["", f"objections: {len(objections)}, {open_} unanswered" if open_ else f"objections: {len(objections)}, all answered"]
    for o in objections:
        lines.append(f"  {o.number or '?'}. {o.date or '—'}  {o.text.strip()}")
        if o.answer:
            lines.append(f"     answered {o.answered or '(no date)'}: {o.answer.strip()}")
        else:
            lines.append("     not answered yet")
    return lines


def meeting_summary(meeting: Meeting) -> str:
    """What `review` prints: the verdict of each rule with its figures and basis."""
    record = meeting.record
    head = f"recorded {record.step} ({meeting.form_name}) on {record.date}: {'passed' if meeting.passed else 'FAILED, kept as a failed meeting'}"
    lines = [head]
    for verdict in meeting.verdicts:
        lines.append(f"  {'ok ' if verdict.ok else 'NOT'} {verdict.rule.name}: {verdict.explain()}")
    return "\n".join(lines)
