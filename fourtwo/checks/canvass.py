"""Checks of canvass.csv against the register and the steps around the canvass, and of the
canvass's scope: the households left out, and the scope a later step froze."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from itertools import compress
from pathlib import Path

from fourtwo.canvass.coverage import heard_by, in_buildings, in_scope
from fourtwo.canvass.window import outside
from fourtwo.checks.registry import per_project
from fourtwo.files.layout import CANVASS_FILE
from fourtwo.findings import Cap, Diagnostic, Loc, diag
from fourtwo.findings.printers import display_path
from fourtwo.i18n import TN, T, Term, _, clauses
from fourtwo.judge import Judgement
from fourtwo.model.household import Register
from fourtwo.model.project import Project, StepRecord
from fourtwo.model.scope import Excluded, FrozenScope
from fourtwo.model.visit import CONTACTS, OPINION_NAMES, Visit, Visits


@per_project
def visits(judged: Judgement, project: Project) -> Iterator[Diagnostic]:
    today = judged.model.workspace.today()
    rows = judged.model.project_visits(project)
    if not rows:
        return
    path = project.folder / CANVASS_FILE
    cov = judged.coverage(project)
    if cov is None or judged.model.procedure(project) is None:
        if project.data.households is None:
            yield diag("FT504", Loc(path, 1), project=project.id, folder=display_path(project.folder), why=T("project.yaml names none"))
        return
    cap = Cap()
    yield from _rows_found(judged, project, path, cov.outside, rows, today, cap)
    yield from _contradictions(project, path, rows, cap)
    yield from cap.summary(Loc(path))


def _contradictions(project: Project, path: Path, rows: Visits, cap: Cap) -> Iterator[Diagnostic]:
    """One household heard twice on one day, saying different things: which stands is not for
    fourtwo to guess (the later row counts, and the notice would print it as the opinion)."""
    contact = list(map(frozenset(CONTACTS).__contains__, rows.opinion))
    keys = list(compress(zip(rows.household, rows.date, strict=True), contact))
    if len(set(keys)) == len(keys):  # the usual case, decided in C: no household twice a day
        return
    said: dict[tuple[str, dt.date], dict[str, int]] = {}
    for i in compress(range(len(rows)), contact):
        said.setdefault((rows.household[i], rows.date[i]), {}).setdefault(rows.opinion[i], rows.row[i])
    for (household, day), opinions in said.items():
        if len(opinions) > 1 and cap.room("FT530"):
            last = max(opinions.values())
            said_rows = sorted(opinions.items(), key=lambda x: x[1])
            words = _("; ").join(str(T("{opinion} (row {row})", opinion=Term(o, OPINION_NAMES[o]), row=r)) for o, r in said_rows)
            yield diag("FT530", Loc(path, last), household=household, date=day, opinions=words, project=display_path(project.folder))


def _rows_found(judged: Judgement, project: Project, path: Path, unknown: Sequence[Visit], rows: Visits, today: dt.date, cap: Cap) -> Iterator[Diagnostic]:
    """A finding per row naming a household off the register or dated outside the canvass
    (those the cap has room for; the others counted)."""
    for visit in unknown:
        if cap.room("FT509"):
            yield diag("FT509", Loc(path, visit.row), row=visit.row, household=visit.household, date=visit.date, project=display_path(project.folder))
    scope, cov = project.data.frozen_scope, judged.coverage(project)
    if scope is not None and cov is not None and cov.unscoped:
        proc = judged.model.procedure(project)
        step = proc.term_of(scope[0].step) if proc else Term(scope[0].step)
        for visit in cov.unscoped:
            if cap.room("FT528"):
                yield diag("FT528", Loc(path, visit.row), row=visit.row, household=visit.household, step=step, date=scope[0].date)
    window = judged.window(project)
    opens, closes = window
    late = outside(window, rows, today)
    for visit in rows.take(compress(range(len(rows)), map(late.__contains__, rows.date))) if late else ():  # these do not count towards coverage either
        if not cap.room("FT510"):
            continue
        if visit.date > today:
            yield diag("FT510", Loc(path, visit.row), row=visit.row, date=visit.date, why=T("it is in the future"))
        elif opens and visit.date < opens:
            yield diag(
                "FT510", Loc(path, visit.row), row=visit.row, date=visit.date, why=T("the canvass opens after the step before it ({opens})", opens=opens)
            )
        elif closes and visit.date > closes:
            yield diag("FT510", Loc(path, visit.row), row=visit.row, date=visit.date, why=T("the step after it was recorded on {closes}", closes=closes))


@per_project
def scope(judged: Judgement, project: Project) -> Iterator[Diagnostic]:
    """The scope a step froze, against the register now: a change is information, never an
    error in a step taken; exclusions that name no household, or came after the freeze."""
    data = project.data
    frozen = data.frozen_scope
    register = judged.model.register(project)
    yield from _heard_then_left_out(judged, project)
    standing = [e for e in data.exclusions if not e.withdrawn]  # a withdrawn exclusion is history
    if frozen is not None:
        record, kept = frozen
        proc = judged.model.procedure(project)
        step = proc.term_of(record.step) if proc else Term(record.step)
        if kept.households != len(kept.ids):  # the command writes both from one count: one was edited by hand
            yield diag("FT531", record.at("scope"), households=kept.households, listed=len(kept.ids), step=step, date=record.date)
        for exclusion in standing:
            if exclusion.household not in {e.household for e in kept.excluded}:
                fix = T("withdraw it, kept as history: {command}", command=withdraw_command(project, exclusion))
                yield diag("FT523", exclusion.at("household"), step=step, date=record.date, fix=fix)
        if register is not None:
            yield from _changed_since(register, project, record, kept, step)
        return
    if register is None or not standing:
        return
    known = in_buildings(register, data.households)
    seen: set[str] = set()
    for exclusion in standing:
        why = None
        if exclusion.household not in known:
            why = T("it is not a household of the project's register")
        elif exclusion.household in seen:
            why = T("it is left out twice; the first counts")
        if why is not None:
            fix = T("withdraw the exclusion, kept as history: {command}", command=withdraw_command(project, exclusion))
            yield diag("FT524", exclusion.at("household"), household=exclusion.household, why=why, fix=fix)
        seen.add(exclusion.household)


def withdraw_command(project: Project, exclusion: Excluded, option: str = "--withdraw") -> str:
    """The command that corrects this exclusion, naming it by its day when it has one."""
    day = f" --left-out {exclusion.date.isoformat()}" if exclusion.date else ""
    return f"fourtwo correct exclusion {display_path(project.folder)} {exclusion.household}{day} {option} --reason …"


def _heard_then_left_out(judged: Judgement, project: Project) -> Iterator[Diagnostic]:
    """An exclusion, written by hand, of a household heard before it: its opinion left the counts unsaid."""
    rows = judged.model.project_visits(project)
    for exclusion in project.data.exclusions:
        if exclusion.withdrawn:
            continue
        heard = heard_by(rows, exclusion.household) if exclusion.date and not exclusion.although_heard.strip() else None
        if heard is not None:
            fix = T(
                "withdraw it if it was a mistake ({withdraw}); or say why it stands ({stands})",
                withdraw=withdraw_command(project, exclusion),
                stands=withdraw_command(project, exclusion, "--although-heard …"),
            )
            opinion = Term(heard.opinion, OPINION_NAMES[heard.opinion])
            yield diag(
                "FT620",
                exclusion.at("household"),
                household=exclusion.household,
                date=exclusion.date,
                heard=heard.date,
                opinion=opinion,
                row=heard.row,
                fix=fix,
            )


def _changed_since(register: Register, project: Project, record: StepRecord, kept: FrozenScope, step: Term) -> Iterator[Diagnostic]:
    ref = project.data.households
    then_out = {e.household for e in kept.excluded}  # an exclusion made since is FT523's, not a change of the register
    now, _ = in_scope(register, ref, [e for e in project.data.exclusions if e.household in then_out])
    then = set(kept.ids)
    ids = {h.id for h in now}
    changes = []
    if ref is not None and ref.register != kept.register:
        changes.append(T("project.yaml now names {register}", register=ref.register))
    if ids - then:
        changes.append(TN("+{n} household in scope", "+{n} households in scope", len(ids - then)))
    if then - ids:
        changes.append(TN("-{n} household", "-{n} households", len(then - ids)))
    if not changes and kept.register_digest and register.digest != kept.register_digest:
        changes.append(T("the same households, with other details"))
    if changes:
        shown = clauses(changes)
        yield diag("FT520", record.at("scope"), step=step, date=record.date, changes=shown, households=kept.households)
