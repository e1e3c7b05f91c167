"""Recording one household visit (`fourtwo canvass record`), and what an import shares with it.

Visits are appended to canvass.csv through the one transaction, each batch in one
write of whole lines, so a crash or a second writer never leaves a torn row.
Recording one visit reads no other project, and of the visits already there only the
lines that can be the household's (model/visitfile.for_appending).
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

from fourtwo.canvass.coverage import left_out, scope_test
from fourtwo.deliberation.timeline import Status
from fourtwo.files.canvasscsv import row_text
from fourtwo.files.layout import CANVASS_FILE
from fourtwo.files.limits import MAX_REGISTER_BYTES
from fourtwo.files.reading import inside, not_a_file
from fourtwo.files.values import household_id, invisible_in, visible
from fourtwo.findings import Diagnostic, Loc, Severity, diag
from fourtwo.findings.errors import InputError, Refusal
from fourtwo.findings.printers import display_path
from fourtwo.i18n import T, _, listing
from fourtwo.model.household import lookup, scan
from fourtwo.model.loaded import Model
from fourtwo.model.project import Project
from fourtwo.model.visit import VOID, Visit, channel_of, opinion_of
from fourtwo.model.workspace import Workspace
from fourtwo.transaction import Change, change


def canvass_open(c: Change, date: dt.date) -> str:
    """The canvass step's id, once the steps before it are done and none after it is recorded."""
    proc = c.model.procedure(c.project)
    step = next((s for s in proc.steps if s.kind == "canvass"), None) if proc else None
    if proc is None or step is None:
        raise InputError("FT505", procedure=proc.term if proc else c.project.procedure_id)
    states = c.states
    c.refuse_if_blocked(step.id, date)
    index = proc.index(step.id)
    later = next((s for s in states[index + 1 :] if s.latest is not None and s.status is not Status.MISSING), None)
    if later is not None:
        raise Refusal("FT506", step=later.step.term, date=later.date)
    return step.id


def _household_on_register(model: Model, project: Project, household: str) -> str:
    """Is this household on the project's register, in its scope? Read without building the register."""
    path = model.register_path(project)
    if path is not None and not inside(path, model.workspace.root):  # never read, nor its ids offered as suggestions
        raise InputError("FT504", project=project.id, folder=display_path(project.folder), why=T("{path} is outside the workspace", path=path))
    if path is None:
        raise InputError("FT504", project=project.id, folder=display_path(project.folder), why=T("project.yaml names none under 'households: register:'"))
    if not path.is_file():  # a FIFO or a folder is no register, and is said so: never 'not there'
        shown = project.data.households.register if project.data.households else display_path(path)
        raise InputError("FT504", project=project.id, folder=display_path(project.folder), why=not_a_file(path, shown))
    if path.stat().st_size > MAX_REGISTER_BYTES:
        raise InputError("FT009", Loc(path), size=path.stat().st_size, limit=MAX_REGISTER_BYTES, what=T("household register"))
    test = scope_test(project.data.households)
    found = lookup(path, household)
    if found is not None and not test(*found):
        _refuse_left_out(project, household, None)
        return household
    if found is not None and test(*found) == "status":
        _refuse_left_out(project, household, found[1])
    _, entries, findings = scan(path)  # not found quickly: read it all, to be sure and to suggest
    if not entries or any(f.severity is Severity.ERROR for f in findings):
        raise InputError("FT504", project=project.id, folder=display_path(project.folder), why=findings[0].message if findings else T("it has no households"))
    ids = [e[1] for e in entries if not test(e[2], e[8])]
    if household in ids:
        _refuse_left_out(project, household, None)
        return household
    status = next((e[8] for e in entries if e[1] == household and test(e[2], e[8]) == "status"), None)
    if status is not None:
        _refuse_left_out(project, household, status)
    close = difflib.get_close_matches(household, ids, n=3)
    hint = T("did you mean {options}?", options=listing(close)) if close else T("check the id against the register (building-unit-room, e.g. 3-2-501)")
    raise InputError("FT507", household=household, hint=hint)


def _refuse_left_out(project: Project, household: str, status: str | None) -> None:
    """A household out of the canvass's scope (an exclusion, its status) is not visited: its
    opinion would not be counted, and nothing would say so."""
    found = left_out(project, household, status)
    if found is not None:
        raise Refusal("FT526", household=household, why=found[0], hint=found[1])


def entered_id(household: str) -> str:
    """A household id typed on the command line, as the eye reads it; refused if it holds what cannot be seen."""
    hid = household_id(household)
    if invisible_in(hid):
        raise InputError(
            "FT905", what=_("HOUSEHOLD"), value=repr(hid), hint=T("it holds an invisible character ({where}): type the id again", where=invisible_in(hid))
        )
    return hid


def record_visit(project_path: Path, household: str, opinion: str, by: str, date: dt.date, channel: str, note: str) -> tuple[Visit, list[Diagnostic]]:
    """Append one visit; the visit, and what the grid worker is told: a later contact that gives
    the household's opinion (FT517), a full phone or ID number masked in the note (FT668)."""
    op = opinion_of(opinion)
    if op is None:
        raise InputError("FT905", what=_("OPINION"), value=opinion, hint=T("agree, oppose, abstain or absent (同意, 反对, 弃权, 未遇)"))
    if op == VOID:
        raise InputError(
            "FT905", what=_("OPINION"), value=opinion, hint=T("to cancel a visit, run 'fourtwo canvass void PROJECT HOUSEHOLD --date D --reason TEXT'")
        )
    ch = channel_of(channel)
    if ch is None:
        raise InputError("FT905", what="--channel", value=channel, hint=T("in_person, phone, paper or proxy (入户, 电话, 书面, 代录)"))
    household = entered_id(household)
    with change(project_path, visits=False, registers=False) as c:
        if date > c.model.workspace.today():
            raise InputError("FT905", what="--date", value=date, hint=T("a visit cannot be in the future: give the day it was made"))
        canvass_open(c, date)
        hid = _household_on_register(c.model, c.project, household)
        note, said = masked_note(c.model.workspace, note.strip(), hid, c.project.folder / CANVASS_FILE)
        c.add_visits([row_text(hid, op, by.strip(), date, ch, note)], hid)
        later = [v for v in c.visits_of if v.contact and v.date > date]
    visit = Visit(hid, op, by.strip(), date, ch, note, 0)
    if later and visit.contact:  # the latest contact by date gives the opinion: this one changes nothing
        said.insert(0, diag("FT517", Loc(c.project.folder / CANVASS_FILE, later[-1].row), household=hid, date=date, later=later[-1].date, row=later[-1].row))
    return visit, said


def masked_note(workspace: Workspace, note: str, household: str, where: Path) -> tuple[str, list[Diagnostic]]:
    """A visit's note with every full phone or ID number masked (canvass.csv is kept, and
    committed, with the records), and a warning for each."""
    if not note:
        return note, []
    from fourtwo.disclosure.privacy import mask_as_notices, masked, public_numbers, unmasked

    allowed = public_numbers(workspace)
    found = unmasked(note, allowed)
    if not found:
        return note, []
    return mask_as_notices(note, allowed), [diag("FT668", Loc(where), household=household, what=T(what), value=masked(value)) for what, value, _ in found]


def void_visits(project_path: Path, household: str, date: dt.date, reason: str, by: str) -> list[Visit]:
    """Append a row that cancels the household's visits of `date` (all rows above it); the
    rows stay in canvass.csv as history. Returns the visits cancelled."""
    if not visible(reason):  # a zero-width space is no reason
        raise InputError("FT905", what="--reason", value=repr(reason), hint=T("say why the visit is cancelled, e.g. 记错户号，应为 1-1-102"))
    hid = entered_id(household)
    with change(project_path, registers=False) as c:
        canvass_open(c, date)
        visits = [v for v in c.model.project_visits(c.project) if v.household == hid]
        cancelled = [v for v in visits if v.date == date]
        if not cancelled:
            days = sorted({v.date.isoformat() for v in visits})
            hint = (
                T("{household} was visited on {days}", household=hid, days=listing(days))
                if days
                else T("no visit of {household} is recorded; check the id ('fourtwo canvass coverage' lists who was visited)", household=hid)
            )
            raise InputError("FT515", household=hid, date=date, hint=hint)
        c.add_visits([row_text(hid, VOID, by.strip(), date, "in_person", reason.strip())])
    return cancelled
