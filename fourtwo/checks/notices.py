"""Checks of the disclosures: periods, the order around them, archived notices against the
records (their facts documents, fourtwo.disclosure.archive), and objections before implementation."""

from __future__ import annotations

import os
from collections.abc import Iterator

from fourtwo.checks.registry import has_notices, per_project, per_workspace
from fourtwo.deliberation.timeline import StepState, decision, work_before_decision
from fourtwo.files.layout import NOTICES_DIR, TEMPLATES_DIR, is_runtime
from fourtwo.files.pending import final_name
from fourtwo.files.reading import real
from fourtwo.findings import Diagnostic, Loc, diag
from fourtwo.findings.errors import InputError
from fourtwo.findings.printers import display_path
from fourtwo.i18n import T, Term, listing
from fourtwo.judge import Judgement
from fourtwo.model.project import Project


@per_project
def notices(judged: Judgement, project: Project) -> Iterator[Diagnostic]:
    states = judged.timeline(project)
    if states is None:
        return
    implementation = next((s for s in states if s.step.kind == "implementation"), None)
    named: set[str] = set()
    for state in states:
        if state.step.kind != "notice":
            continue
        latest = None
        seen: dict[str, Term | str] = {}  # digest -> the first record's file: the same notice published again
        for record in state.notices:
            if record.digest and record.digest in seen:
                yield diag("FT619", record.at("digest"), kind=T(state.step.notice), date=record.date, files=listing(record.files), first=seen[record.digest])
            elif record.digest:
                seen[record.digest] = listing(record.files) if record.files else record.facts
            named.update(record.files)
            named.update([record.facts] if record.facts else [])
            if record.date and latest and record.date < latest:
                yield diag("FT640", record.at("date"), kind=T(state.step.notice), date=record.date, earlier=latest)
            latest = max(latest, record.date) if latest and record.date else (record.date or latest)
            from fourtwo.checks.archived import notice_findings  # what judges a notice is imported only where there is one

            try:
                yield from notice_findings(judged, project, state, record, implementation, superseded=state.superseded_by(record) is not None)
            except InputError as exc:  # a year the holiday calendar does not know, say
                yield Diagnostic(record.at("period_end"), exc.diagnostic.code, exc.diagnostic.severity, exc.diagnostic.message, exc.diagnostic.hint)
    yield from _implementation_findings(project, states)
    yield from _unrecorded(project, named)


def _unrecorded(project: Project, named: set[str]) -> Iterator[Diagnostic]:
    """A file in notices/ that no record names: a publish cut off before its record, or a
    record removed; and what a publish cut off left waiting under a hidden name (the next
    command, or `fourtwo check`, finishes or undoes it: this is what it could not)."""
    if not has_notices(project):
        return
    folder = project.folder / NOTICES_DIR
    if os.path.islink(folder) and not real(folder).is_relative_to(real(project.folder)):  # led out of its folder: said (FT011), never listed
        return
    for path in sorted(folder.iterdir()):
        if final_name(path):
            final = f"{NOTICES_DIR}/{final_name(path)}"
            if final not in named:
                yield diag("FT656", Loc(path), path=f"{NOTICES_DIR}/{path.name}", final=final)
        elif not path.name.startswith(".") and not is_runtime(path.name) and f"{NOTICES_DIR}/{path.name}" not in named and path.is_file():
            yield diag("FT615", Loc(path), path=f"{NOTICES_DIR}/{path.name}")  # a stat only for a file no record names


def _implementation_findings(project: Project, states: list[StepState]) -> Iterator[Diagnostic]:
    implementation = next((s for s in states if s.step.kind == "implementation" and s.implementations), None)
    if implementation is None:
        return
    record = implementation.implementations[0]  # the work itself: a re-acceptance (复验) moves neither its start nor its completion
    notice, end = decision(states, record.started or record.date)
    if notice is not None and end and record.date and record.date <= end:
        yield diag("FT609", record.at("date"), date=record.date, end=end, notice=notice.step.term)
    early = work_before_decision(states, record.started, display_path(project.folder))
    if early is not None:
        yield diag("FT433", record.at("started"), **early)
    notices = [r for s in states if s.step.kind == "notice" for r in s.notices]
    for objection in project.data.objections:
        if record.date and objection.date and objection.date <= record.date and not (objection.answered and objection.answered <= record.date):
            from fourtwo.disclosure.lines import objection_late  # only where an objection waits: it is what notices are made of

            if objection_late(objection, notices) is None:  # one raised after its period alone blocks nothing
                yield diag("FT608", record.at("date"), date=record.date, number=objection.number)


@per_workspace
def workspace_templates(judged: Judgement) -> Iterator[Diagnostic]:
    """A workspace's own template that does not compile would fail the next publish: say so now."""
    folder = judged.model.workspace.root / TEMPLATES_DIR
    if not folder.is_dir():
        return
    from fourtwo.render import (
        template_problems,  # Jinja only where there are templates
    )

    yield from template_problems(judged.model.workspace.root, sorted(folder.glob("*.j2")))
