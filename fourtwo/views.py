"""Tables and records for the terminal (status, show); the CLI prints what these return."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from fourtwo.deliberation.meeting import Meeting
from fourtwo.deliberation.timeline import Status, StepState, next_due, reached
from fourtwo.disclosure.lines import objection_late
from fourtwo.files.reading import real
from fourtwo.findings import Diagnostic, Severity
from fourtwo.i18n import N_, Term, _, language, ngettext
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
from fourtwo.pipeline import Done, Judged, Outcome


def _table(rows: Sequence[Sequence[object]], headers: Sequence[str]) -> str:
    import tabulate  # costly to import (~90 ms): only the commands that print tables pay

    tabulate.PRESERVE_WHITESPACE = False
    return tabulate.tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)


def problems(findings: list[Diagnostic]) -> str:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    notes = len(findings) - errors - warnings  # information: what changed since a step was taken
    parts = [ngettext("{n} error", "{n} errors", errors).format(n=errors)] * bool(errors)
    parts += [ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings)] * bool(warnings)
    parts += [ngettext("{n} note", "{n} notes", notes).format(n=notes)] * bool(notes)
    return _(", ").join(parts) or _("ok")


def status_word(status: Status) -> str:
    """A step's standing as a person reads it ('passed', 'in progress', …)."""
    return _(_STATUS_WORDS.get(status.value, status.value))


_STATUS_WORDS = {
    "missing": N_("missing"),
    "passed": N_("passed"),
    "failed": N_("failed"),
    "done": N_("done"),
    "in progress": N_("in progress"),
    "invalid": N_("invalid"),
}


def findings_for(project: Project, findings: list[Diagnostic]) -> list[Diagnostic]:
    return [f for f in findings if real(f.path).is_relative_to(real(project.folder))]


def step_label(state: StepState | None) -> str:
    if state is None:
        return _("not started")
    when = f" {state.reached_on}" if state.reached_on else ""
    return f"{state.step.name}{when} {status_word(state.status)}"


def next_label(states: list[StepState]) -> str:
    nxt = next_due(states)
    if nxt is None:
        return _("done")
    if nxt.status is Status.FAILED:
        return _("{step} again").format(step=nxt.step.name)
    if nxt.status is Status.SHORT and nxt.coverage:
        return f"{nxt.step.name} ({nxt.coverage.visited}/{nxt.coverage.needed})"
    return nxt.step.name


@dataclass(frozen=True)
class StatusRow:
    """A project's row of `fourtwo status`: what the table shows, and the same as data
    (--format json|csv); made where the project is judged (a worker may send it back)."""

    id: str
    title: str
    procedure: Term | str  # as a person reads it: its id in English, its name in Chinese
    reached_label: str
    next_label: str
    problems: str
    step_reached: str | None = None
    step_status: str | None = None
    step_date: dt.date | None = None
    next_step: str | None = None
    errors: int = 0
    warnings: int = 0
    reached_name: str = ""  # the step reached by its name, for the CSV a Chinese clerk opens

    def shown(self) -> tuple[object, ...]:
        return (self.id, self.title, self.procedure, self.reached_label, self.next_label, self.problems)


def status_row(judged: Judgement, project: Project, findings: list[Diagnostic]) -> StatusRow:
    """A project's row of `fourtwo status`, made where the project is judged."""
    proc = judged.model.procedure(project)
    states = judged.timeline(project) or []
    own = findings_for(project, findings)
    errors = sum(1 for f in own if f.severity is Severity.ERROR)
    last, nxt = reached(states), next_due(states)
    return StatusRow(
        project.id,
        project.data.title or "",
        proc.term if proc else project.procedure_id,
        step_label(last) if proc else _("unknown procedure"),
        next_label(states) if proc else "",
        problems(own),
        last.step.id if last else None,
        last.status.value if last else None,
        last.reached_on if last else None,
        nxt.step.id if nxt else None,
        errors,
        len(own) - errors,
        last.step.name if last else "",
    )


def _unreadable(done: Done[StatusRow]) -> StatusRow:
    errors = sum(1 for f in done.findings if f.severity is Severity.ERROR)
    return StatusRow(done.file.parent.name, _("(cannot be read)"), "", "", "", problems(done.findings), errors=errors, warnings=len(done.findings) - errors)


def _rows(ws: Judged[StatusRow]) -> list[StatusRow]:
    rows = sorted((done.value for done in ws.projects if done.value is not None), key=lambda row: row.id)
    return rows + [_unreadable(done) for done in ws.projects if not done.read]


def status_table(outcome: Outcome[StatusRow]) -> str:
    """One row per project; over several workspaces each row starts with its organisation and
    folder, so two projects of one title (or two organisations of one name) differ."""
    rows: list[tuple[object, ...]] = []
    several = len(outcome.workspaces) > 1
    notes = []
    for ws in outcome.workspaces:
        model = ws.model
        organisation = model.workspace.settings.organisation.name or model.workspace.root.name
        rows += [(organisation, shown_folder(model.workspace.root)) * several + row.shown() for row in _rows(ws)]
        own = [f for f in ws.findings if real(f.path) == real(model.workspace.file)]
        if any(f.severity is Severity.ERROR for f in own):
            notes.append(
                _("{file}: {problems}; nothing is judged until it loads (run 'fourtwo check')").format(file=model.workspace.file, problems=problems(own))
            )
    if not rows:
        return "\n".join([*notes, _("No projects yet. Start one with: fourtwo new ID --title TITLE")])
    headers = [_("organisation"), _("folder")] * several + [_("id"), _("title"), _("procedure"), _("step reached"), _("next"), _("problems")]
    return "\n".join([_table(rows, headers), *notes])


def shown_folder(root: Path) -> str:
    """A workspace's folder as the person typed around it: relative to the current folder when below it."""
    here, leads = Path.cwd(), real(root)
    return Path(os.path.relpath(leads, here)).as_posix() if leads.is_relative_to(here) else root.as_posix()


def status_records(outcome: Outcome[StatusRow]) -> list[dict[str, object]]:
    """status as data (--format json|csv): one record per project, keys in English in every language."""
    records: list[dict[str, object]] = []
    for ws in outcome.workspaces:
        today = ws.model.workspace.today()
        for row in _rows(ws):
            records.append(
                {
                    "folder": shown_folder(ws.model.workspace.root),
                    "organisation": ws.model.workspace.settings.organisation.name,
                    "id": row.id,
                    "title": row.title,
                    "procedure": row.procedure.id if isinstance(row.procedure, Term) else row.procedure,  # an id in every language
                    "step_reached": row.step_reached,
                    "step_status": row.step_status,
                    "step_date": row.step_date.isoformat() if row.step_date else None,
                    "days_since": (today - row.step_date).days if row.step_date else None,
                    "next": row.next_step,
                    "next_label": row.next_label,
                    "errors": row.errors,
                    "warnings": row.warnings,
                }
            )
    return records


def status_csv(outcome: Outcome[StatusRow]) -> str:
    """For Excel and WPS, UTF-8 with a BOM: the JSON's keys and values, or for a Chinese clerk its
    columns, steps and standings by their Chinese names (JSON is the machine format)."""
    import csv
    import io

    records = status_records(outcome)
    header = keys = list(records[0]) if records else ["folder", "organisation", "id"]
    rows = [["" if r[k] is None else r[k] for k in keys] for r in records]
    if language() == "zh":
        header = [_(h) for h in _CSV_HEADER]
        shown = [row for ws in outcome.workspaces for row in _rows(ws)]  # the order status_records keeps
        rows = [
            [r["folder"], r["organisation"], r["id"], r["title"], str(row.procedure), row.reached_name,
             status_word(Status(row.step_status)) if row.step_status else "", r["step_date"] or "",
             "" if r["days_since"] is None else r["days_since"], row.next_label, r["errors"], r["warnings"]]
            for r, row in zip(records, shown, strict=True)
        ]  # fmt: skip
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()


_CSV_HEADER = (N_("folder"), N_("organisation"), N_("id"), N_("title"), N_("procedure"), N_("step reached"), N_("standing"), N_("date"),
               N_("days since"), N_("next"), N_("errors"), N_("warnings"))  # fmt: skip


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
        lines += ["", _table(rows, headers)]
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
    own = findings_for(project, findings)
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
