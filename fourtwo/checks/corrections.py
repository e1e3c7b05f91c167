"""Corrections and the posted notices they changed: a notice's verdict names the corrected fact."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from fourtwo.checks.registry import per_project
from fourtwo.findings import Diagnostic, diag
from fourtwo.findings.errors import InputError
from fourtwo.findings.printers import display_path
from fourtwo.i18n import T, Term, Text
from fourtwo.judge import Judgement
from fourtwo.model.correction import Correction, key_term
from fourtwo.model.procedure import Procedure
from fourtwo.model.project import ACCEPTANCE_NAMES, RESULT_NAMES, Project


@dataclass(frozen=True)
class NoticeVerdict:
    kind: str
    date: dt.date | None
    matches: bool  # the records still give what the notice says
    latest: bool  # no later notice of its step was posted (publishing again supersedes it)


def notice_verdicts(judged: Judgement, project: Project) -> dict[str, NoticeVerdict]:
    """Each posted notice, by its first archived file, and whether the records still give what
    it says. The one place corrections ask it: when a notice's facts are compared another way,
    only this function changes."""
    verdicts: dict[str, NoticeVerdict] = {}
    for state in judged.timeline(project) or []:
        for n, record in enumerate(state.notices):
            if not record.digest:
                continue
            try:
                from fourtwo.disclosure.archive import standing  # only where a notice is posted

                matches = standing(judged, project, state.step.notice, record).matches
            except InputError:  # a period the holiday calendar cannot count: it cannot be shown to match
                matches = False
            verdicts[record.files[0] if record.files else f"{state.step.id} {record.date}"] = NoticeVerdict(
                state.step.notice, record.date, matches, n == len(state.notices) - 1
            )
    return verdicts


def record_of(correction: Correction, procedure: Procedure | None) -> tuple[Term | Text, str]:
    """The record a correction changed, as a person reads it, and its kind (meeting, objection ...)."""
    if correction.objection is not None:
        return T("objection {number}", number=correction.objection), "objection"
    if correction.exclusion:
        return T("the exclusion of {household} ({date})", household=correction.exclusion, date=correction.held), "exclusion"
    if not correction.step:
        return T("the project"), "project"
    step = procedure.step(correction.step) if procedure else None
    term = step.term if step else Term(correction.step)
    kind = step.kind if step else "meeting"
    return (T("{step} of {date}", step=term, date=correction.held) if correction.held else term), kind


# Keys whose values are ids, with each value's Chinese name: a history keeps `passed`, a clerk reads 合格.
_YES_NO = {"true": "是", "false": "否"}
_VALUE_NAMES = {
    "result": RESULT_NAMES,
    "acceptance": ACCEPTANCE_NAMES,
    "withdrawn": _YES_NO,
    "supervision_review": _YES_NO,
    "unit": {"calendar_days": "日历日", "working_days": "工作日"},
}


def value_term(key: str, value: str) -> Term | str:
    """A corrected value as a person reads it: an id by its name in Chinese, anything else as
    written; `key` as project.yaml or fourtwo.yaml names it (acceptance, notice.unit)."""
    names = _VALUE_NAMES.get(key.rsplit(".", 1)[-1])
    return Term(value, names[value]) if names and value in names else value


def describe(correction: Correction, procedure: Procedure | None) -> Text:
    """'branch of 2024-03-22, present: 3 → 5 (签到表核对后更正; corrected 2024-05-02)'."""
    record, kind = record_of(correction, procedure)
    return T(
        "{record}, {key}: {old} → {new} ({reason}; corrected {date})",
        record=record,
        key=key_term(correction.key, kind),
        old=value_term(correction.key, correction.old) or T("(not recorded)"),
        new=value_term(correction.key, correction.new) or T("(empty)"),
        reason=correction.reason.strip(),
        date=correction.date,
    )


@per_project
def corrected_notices(judged: Judgement, project: Project) -> Iterator[Diagnostic]:
    """A correction that changed what a posted notice says, while that notice still says the old."""
    corrections = [c for c in project.data.corrections if c.notices]
    if not corrections:
        return
    verdicts = notice_verdicts(judged, project)
    procedure = judged.model.procedure(project)
    for correction in corrections:
        for name in correction.notices:
            verdict = verdicts.get(name)
            if verdict is not None and verdict.latest and not verdict.matches:
                kind = T(verdict.kind)
                yield diag(
                    "FT801",
                    correction.at("key"),
                    file=name,
                    kind=kind,
                    posted=verdict.date,
                    correction=describe(correction, procedure),
                    project=display_path(project.folder),
                )


@per_project
def withdrawn_records(judged: Judgement, project: Project) -> Iterator[Diagnostic]:
    """`withdrawn: true` takes a record out of every judgement: never a posted notice's (it stays
    posted), and another's only with the correction `fourtwo correct withdraw` writes beside it."""
    procedure = judged.model.procedure(project)
    said = {(c.step, c.held) for c in project.data.corrections if c.key == "withdrawn" and c.new == "true"}
    for record in project.data.steps:
        if not record.withdrawn:
            continue
        step = procedure.step(record.step) if procedure else None
        folder = display_path(project.folder)
        if step is not None and step.kind == "notice":
            yield diag("FT804", record.at("withdrawn"), kind=T(step.notice or ""), date=record.date, project=folder)
        elif (record.step, record.date) not in said:
            term = step.term if step else Term(record.step)
            yield diag("FT805", record.at("withdrawn"), step=term, step_id=Term(record.step), date=record.date, project=folder)
