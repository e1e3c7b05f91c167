"""Objections raised while a notice is up (`fourtwo object`), and their answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fourtwo.disclosure.lines import objection_late
from fourtwo.disclosure.privacy import mask_as_notices, masked, public_numbers, unmasked
from fourtwo.disclosure.publish import notice_states
from fourtwo.files.yamledit import Item, render_value
from fourtwo.findings import Diagnostic, Loc, diag
from fourtwo.findings.errors import InputError, Refusal
from fourtwo.findings.printers import display_path
from fourtwo.i18n import N_, T, listing
from fourtwo.model.project import NoticeRecord, Objection
from fourtwo.transaction import Change, change


def masked_field(c: Change, text: str, number: int, field: str) -> tuple[str, list[Diagnostic]]:
    """`text` with every full phone, ID or card number masked as notices mask it (not the
    office's own lines), and a warning for each: an objection is printed on notices and the
    record is shared, so a resident's number is never written whole, as a correction's history."""
    allowed = public_numbers(c.model.workspace)
    found = unmasked(text, allowed)
    if not found:
        return text, []
    text = mask_as_notices(text, allowed)
    where = Loc(c.project.file)
    return text, [diag("FT664", where, field=T(field), number=number, what=T(what), value=masked(value)) for what, value, _ in found]


def object_to(project_path: Path, date: dt.date, text: str, by: str) -> tuple[int, NoticeRecord | None, list[Diagnostic]]:
    """Record an objection; its number, the notice whose period it came after (None: within a
    period), and a warning for each personal number masked in its text."""
    with change(project_path) as c:
        if date > c.model.workspace.today():
            raise InputError("FT905", what="--date", value=date, hint=T("an objection is recorded once it is raised"))
        states = notice_states(c)
        posted = [r.period_start for s in states if s.step.kind == "notice" for r in s.notices if r.period_start]  # every posting, not the latest
        if not posted:
            raise Refusal("FT610", kind=T("posted"), what=T("object to"), hint=T("objections are raised against a posted notice: publish one first"))
        first = min(posted)
        if date < first:
            raise Refusal(
                "FT611", what=T("object"), why=T("{date} is before the first notice was posted ({first})", date=date, first=first), hint=T("check the date")
            )
        number = max((o.number or 0 for o in c.project.data.objections), default=0) + 1
        text, said = masked_field(c, text, number, N_("wording"))
        by, named = masked_field(c, by, number, N_("who raised it"))
        said += named
        item: Item = [("number", str(number)), ("date", date.isoformat())]
        if by:
            item.append(("by", render_value(by)))
        item.append(("text", render_value(text)))
        c.append("objections", item)
        notices = [r for s in states if s.step.kind == "notice" for r in s.notices]
        late = objection_late(Objection(loc=Loc(Path("")), number=number, date=date, by=by, text=text, answer="", answered=None), notices)
    return number, late, said


def answer(project_path: Path, number: int, text: str, date: dt.date) -> list[Diagnostic]:
    """Record the answer to objection `number`; a warning for each personal number masked in it."""
    with change(project_path) as c:
        notice_states(c)
        objections = c.project.data.objections
        index = next((i for i, o in enumerate(objections) if o.number == number), None)
        if index is None:
            raise InputError(
                "FT905", what="--answer", value=number, hint=T("objections: {value}", value=listing(o.number for o in objections) if objections else T("none"))
            )
        objection = objections[index]
        if objection.answer:
            raise Refusal(
                "FT611",
                what=T("answer"),
                why=T("objection {number} was answered on {answered}", number=number, answered=objection.answered),
                hint=T(
                    'if that answer is wrong, correct it: fourtwo correct objection {name} {number} --answer "…" --reason …',
                    name=display_path(c.project.folder),
                    number=number,
                ),
            )
        if objection.date and date < objection.date:
            raise InputError("FT905", what="--date", value=date, hint=T("the answer cannot come before the objection ({date})", date=objection.date))
        text, said = masked_field(c, text, number, N_("answer"))
        c.add_to_item("objections", index, [("answer", render_value(text)), ("answered", date.isoformat())])
    return said
