"""Leaving households out of the canvass (`fourtwo canvass exclude`), with a reason and a date.

A household that cannot be heard (常年外出, a flat standing empty) may be left out of the
households the rate is counted against, but only stated and dated: the exclusion is kept
in project.yaml (`exclusions:`) with its reason and the day it was decided, and every
notice states it (另有N户…不计入应征求户数). Once a step after the canvass has frozen its
scope, an exclusion changes nothing taken, so it is refused.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fourtwo.canvass.coverage import heard_by, in_buildings, in_scope, register_problem
from fourtwo.canvass.record import entered_id
from fourtwo.files.layout import CANVASS_FILE
from fourtwo.files.yamledit import Item, render_value
from fourtwo.findings import Diagnostic, Loc, diag
from fourtwo.findings.errors import InputError, Refusal
from fourtwo.findings.printers import display_path
from fourtwo.i18n import T, Term
from fourtwo.model.visit import OPINION_NAMES
from fourtwo.transaction import Change, change


def exclude(project_path: Path, households: list[str], reason: str, date: dt.date, although_heard: str = "") -> tuple[list[str], str, list[Diagnostic]]:
    """Record each household left out, with `reason` and `date`; the ids recorded, the reason as
    recorded, and a warning
    for each full phone or ID number masked in the reasons (notices print them as written).
    A household already heard is refused (its opinion would leave the counts) unless
    `although_heard` says why."""
    if not reason.strip():
        raise InputError("FT905", what="--reason", value=repr(reason), hint=T("say why, as the notice will: 常年外出, 空置"))
    ids = list(dict.fromkeys(entered_id(h) for h in households))
    with change(project_path) as c:
        if date > c.model.workspace.today():
            raise InputError("FT905", what="--date", value=date, hint=T("an exclusion is recorded once it is decided"))
        data = c.project.data
        frozen = data.frozen_scope
        if frozen is not None:
            proc = c.model.procedure(c.project)
            step = proc.term_of(frozen[0].step) if proc else Term(frozen[0].step)
            raise Refusal("FT523", step=step, date=frozen[0].date, fix=T("record the exclusion in a new project if the matter reopens"))
        register = c.model.register(c.project)
        if register is None or not register.households:
            why = register_problem(c.model, c.project) or T("it cannot be read")
            raise InputError("FT504", project=c.project.id, folder=display_path(c.project.folder), why=why)
        known = in_buildings(register, data.households)
        # left out by its status alone is no exclusion recorded: recording one dates it (FT521)
        out = {e.household.id: e.reason for e in in_scope(register, data.households, data.exclusions)[1] if e.date is not None}
        once = T("name a household of the project's register (in its buildings), once")
        for hid in ids:
            if hid not in known:
                raise InputError("FT524", household=hid, why=T("it is not a household of the project's register"), fix=once)
            if hid in out:
                raise InputError("FT524", household=hid, why=T("it is left out already ({reason})", reason=out[hid]), fix=once)
        visits = c.model.project_visits(c.project)
        for hid in ids:
            heard = heard_by(visits, hid)
            if heard is not None and not although_heard.strip():
                project = display_path(c.project.folder)
                fix = T(
                    "if it must be left out all the same, say why: fourtwo canvass exclude {project} {household} --reason … --date {date} --although-heard …",
                    project=project,
                    household=hid,
                    date=date,
                )
                raise Refusal(
                    "FT620",
                    Loc(c.project.folder / CANVASS_FILE, heard.row),
                    household=hid,
                    date=date,
                    heard=heard.date,
                    opinion=Term(heard.opinion, OPINION_NAMES[heard.opinion]),
                    row=heard.row,
                    fix=fix,
                )
        said: list[Diagnostic] = []
        why = reason.strip()
        for hid in ids:
            why, masked_now = _masked(c, reason.strip(), hid)
            item: Item = [("household", render_value(hid)), ("reason", render_value(why)), ("date", date.isoformat())]
            said += masked_now
            if although_heard.strip() and heard_by(visits, hid) is not None:
                heard_why, masked_now = _masked(c, although_heard.strip(), hid)
                item.append(("although_heard", render_value(heard_why)))
                said += masked_now
            c.append("exclusions", item)
    return ids, why, said


def _masked(c: Change, text: str, household: str) -> tuple[str, list[Diagnostic]]:
    """`text` with every full phone or ID number masked as notices mask them, and a warning for each."""
    from fourtwo.disclosure.privacy import mask_as_notices, masked, public_numbers, unmasked

    allowed = public_numbers(c.model.workspace)
    found = unmasked(text, allowed)
    if not found:
        return text, []
    where = Loc(c.project.file)
    return mask_as_notices(text, allowed), [diag("FT666", where, household=household, what=T(what), value=masked(value)) for what, value, _ in found]
