"""Checks of each recorded step: consistent counts, quorum and majority, order, dates, merges."""

from __future__ import annotations

from collections.abc import Iterator

from fourtwo.checks.project import absent_by_design
from fourtwo.checks.registry import per_project
from fourtwo.deliberation.meeting import STAGE_CODES
from fourtwo.deliberation.timeline import order_findings
from fourtwo.files.reading import real
from fourtwo.findings import Diagnostic, diag
from fourtwo.findings.printers import display_path
from fourtwo.i18n import T, Term, Text
from fourtwo.judge import Judgement
from fourtwo.model.project import RESULT_NAMES, MeetingRecord, Project


@per_project
def meetings(judged: Judgement, project: Project) -> Iterator[Diagnostic]:
    states = judged.timeline(project)
    if states is None:
        return
    for state in states:
        for meeting in state.meetings:
            record = meeting.record
            yield from (_with_command(p, state.step.term, display_path(project.folder)) for p in meeting.problems)
            period = meeting.period
            if period is not None and period.pending:
                yield diag(
                    "FT420", record.at("date"), step=state.step.term, date=record.date, cite=period.cite, pending=period.pending, start=period.start or "—"
                )
            computed = "passed" if meeting.passed else "failed"
            if record.result and meeting.judged and record.result != computed:
                where = display_path(project.folder)
                yield diag(
                    "FT409",
                    record.at("result"),
                    typed=Term(record.result, RESULT_NAMES.get(record.result, "")),
                    computed=Term(computed, RESULT_NAMES[computed]),
                    project=where,
                    step=state.step.term,
                    date=record.date,
                )
            if record.result == "failed":
                continue  # a failed meeting kept as such is a fact, not an error
            for verdict in meeting.failed:
                code, at = STAGE_CODES[verdict.rule.stage]
                yield diag(
                    code,
                    record.at(at),
                    step=meeting.title,
                    explain=verdict.explain(),
                    hint=_hint(code),
                )
    order = order_findings(states, judged.model.workspace, display_path(project.folder))
    if absent_by_design(judged, project):  # the canvass cannot be judged without its register: FT233 says so once
        canvass = {s.step.id for s in states if s.step.kind == "canvass"}
        order = [f for f in order if f.code != "FT503" and not (f.code == "FT405" and getattr(f.args.get("earlier"), "id", None) in canvass)]
    yield from order


@per_project
def minutes_files(judged: Judgement, project: Project) -> Iterator[Diagnostic]:
    root = judged.model.workspace.root  # resolved when found
    for record in project.data.steps:
        if not isinstance(record, MeetingRecord) or not record.minutes:
            continue
        path = real(project.folder / record.minutes)
        if not path.is_relative_to(root):
            yield diag("FT204", record.at("minutes"), key="minutes", value=record.minutes)
        elif not path.is_file():
            yield diag("FT412", record.at("minutes"), path=record.minutes)


def _hint(code: str) -> Text:
    if code == "FT430":
        return T("a body not made up as its law says cannot decide: check the counts against the sign-in sheet, or hold it again as the law says")
    if code == "FT401":
        return T("a meeting without its quorum cannot decide: keep it as a failed meeting and hold it again")
    return T("the motion did not carry: keep the record, and propose again if the matter goes on")


# The counts `fourtwo correct meeting` takes, by the name a finding gives them (area is not one).
_OPTIONS = {
    "members": "--members",
    "present": "--present",
    "for": "--for",
    "against": "--against",
    "abstain": "--abstain",
    "households": "--households",
    "households_present": "--households-present",
    "representatives": "--representatives",
    "representatives_for": "--representatives-for",
}


def _with_command(problem: Diagnostic, step: Term, project: str) -> Diagnostic:
    """A count that cannot be true, found in a record: its hint ends with the command that corrects it."""
    if problem.code == "FT432":
        return diag(problem.code, problem.loc, **{**problem.args, "project": project})
    if problem.code == "FT404":
        keys = ["for", "against", "abstain"]
    else:
        keys = [v.id for k in ("key", "part", "whole") if isinstance(v := problem.args.get(k), Term)]
    options = [_OPTIONS[k] for k in keys if k in _OPTIONS]
    if "fix" not in problem.args or not options:
        return problem
    command = f"fourtwo correct meeting {project} {step} " + " ".join(f"{o} …" for o in options) + " --reason …"
    return diag(problem.code, problem.loc, **{**problem.args, "fix": T("; then correct the record: {command}", command=command)})
