"""The status table for the terminal, and its csv and json; the CLI prints what these return."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fourtwo.deliberation.timeline import Status, StepState, next_due, reached
from fourtwo.files.reading import real
from fourtwo.findings import Diagnostic, Severity
from fourtwo.findings.printers import one_line
from fourtwo.i18n import N_, Term, _, language, ngettext
from fourtwo.judge import Judgement
from fourtwo.model.project import (
    Project,
)
from fourtwo.pipeline import Done, Judged, Outcome


def table(rows: Sequence[Sequence[object]], headers: Sequence[str]) -> str:
    import tabulate  # costly to import (~90 ms): only the commands that print tables pay

    tabulate.PRESERVE_WHITESPACE = False
    shown = [[one_line(str(cell)) for cell in row] for row in rows]  # a folder's name cannot forge a row
    return tabulate.tabulate(shown, headers=headers, tablefmt="simple", disable_numparse=True)


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
    """Those in the project's folder: where they are found (a link in it leading out, too) or lead."""
    folder, leads = os.path.abspath(project.folder) + os.sep, real(project.folder)
    return [f for f in findings if os.path.abspath(f.path).startswith(folder) or real(f.path).is_relative_to(leads)]


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
        own = [f for f in ws.findings if real(f.path) == real(model.workspace.file)]
        unjudged = any(f.severity is Severity.ERROR for f in own)  # every project's rules come from it: none is "ok"
        for row in _rows(ws):
            cells = (organisation, shown_folder(model.workspace.root)) * several + row.shown()
            rows.append((*cells[:-1], _("not judged (fourtwo.yaml)")) if unjudged else cells)
        if any(f.severity is Severity.ERROR for f in own):
            notes.append(
                _("{file}: {problems}; nothing is judged until it loads (run 'fourtwo check')").format(file=model.workspace.file, problems=problems(own))
            )
        elsewhere = [f for f in ws.findings if f.severity is Severity.ERROR and f not in own]  # a linked project folder, a FIFO in projects/
        if elsewhere:
            notes.append(
                _("{folder}: {problems} outside its projects (run 'fourtwo check')").format(
                    folder=shown_folder(model.workspace.root), problems=problems(elsewhere)
                )
            )
    if not rows:
        return "\n".join([*notes, _("No projects yet. Start one with: fourtwo new ID --title TITLE")])
    headers = [_("organisation"), _("folder")] * several + [_("id"), _("title"), _("procedure"), _("step reached"), _("next"), _("problems")]
    return "\n".join([table(rows, headers), *notes])


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
