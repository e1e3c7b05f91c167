"""Building a notice's context from the records, as they stood on the notice's day (each
line of it from fourtwo.disclosure.lines).

A notice is true on its day: it says only what the records held then. Meetings, visits,
objections and their answers, and the implementation are taken as dated up to the day
before the notice (objections and answers) or up to the day itself (meetings and the
work), so what happens once a notice is posted (an objection raised and answered during
its period, a later step) never changes what it said: its digest covers the records up
to its day, and `verify` and `check` keep finding it true.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fourtwo.deliberation.timeline import StepState, works_on
from fourtwo.disclosure.context import TITLES, HouseholdLine, NoticeContext, NoticeSettings, ResolutionLine, amount
from fourtwo.disclosure.lines import (
    canvass_line,
    implementation_line,
    iso,
    meeting_lines,
    objection_lines,
    progress_line,
    resolution_line,
)
from fourtwo.disclosure.period import UNIT_NAMES, extended_from, length
from fourtwo.disclosure.privacy import mask_name
from fourtwo.findings.printers import display_path
from fourtwo.i18n import T, Term, _
from fourtwo.judge import Judgement
from fourtwo.model.bases import bases
from fourtwo.model.procedure import decision_notice
from fourtwo.model.project import ImplementationRecord, NoticeRecord, Objection, Project


def build(judged: Judgement, project: Project, kind: str, notice: NoticeRecord, settings: NoticeSettings | None = None) -> NoticeContext:
    """The context of a notice of `kind`, as recorded in `notice` (its date and period), under
    the settings in force on its day (those kept with it; today's for a notice not yet posted)."""
    model = judged.model
    data = project.data
    settings = settings or NoticeSettings.of(model.workspace)
    day = notice.date
    cov = judged.coverage(project)
    states = judged.timeline(project) or []
    works = works_on(states, day) if kind == "result" else []
    budget = data.budget.amount if data.budget else None
    households: list[HouseholdLine] = []
    if notice.with_households and cov is not None:
        households = [HouseholdLine(h.id, mask_name(h.head)) for h in cov.met]
    unit = settings.unit
    step = next((s.step for s in states if s.step.kind == "notice" and s.step.notice == kind), None)
    title = (step.title if step and step.title else TITLES.get(kind, "关于{title}的公示")).format(title=data.title)
    notices = [r for s in states if s.step.kind == "notice" for r in s.notices]
    procedure = model.procedure(project)
    extended = extended_from(notice.period_start, notice.period_end, settings.period, unit)
    return NoticeContext(
        kind=kind,
        title=title,
        subject=data.title,
        addressee=settings.addressee,
        organisation=settings.organisation,
        project_id=project.id,
        matter=(data.matter or "").strip(),
        basis=(data.basis or "").strip(),
        origin=(data.origin or "").strip(),
        place=data.place or "",
        budget=amount(budget),
        funding=data.budget.funding if data.budget else "",
        contractor=next((w.contractor for w in reversed(works) if w.contractor), data.contractor or ""),
        schedule_start=iso(data.schedule.start if data.schedule else None),
        schedule_end=iso(data.schedule.end if data.schedule else None),
        meetings=meeting_lines(judged, project, states, day),
        canvass=judged.kept(project, "canvass", lambda: canvass_line(cov)),
        implementation=implementation_line(works, budget),
        objections=objection_lines(data.objections, notices, day),
        period_start=iso(notice.period_start),
        period_end=iso(notice.period_end),
        period_length=length(notice.period_start, notice.period_end, unit, model.workspace.declared_holidays())
        if notice.period_start and notice.period_end
        else 0,
        period_unit=UNIT_NAMES.get(unit, "天"),
        objection_to=settings.objection_to,
        objection_phone=settings.objection_phone,
        hotline=settings.hotline,
        posting_place=settings.posting_place,
        signatories=list(settings.signatories),
        date=iso(day),
        households=households,
        resolution=resolution_line(states, data.objections, day) if kind == "result" else None,
        progress=progress_line(notice, budget) if kind == "progress" else None,
        implementer=(data.implementer or settings.implementer).strip(),
        procedure_basis=procedure.basis if procedure else "",
        objection_place=settings.objection_place,
        office_hours=settings.office_hours,
        supervision_review=settings.supervision_review,
        period_extended_from=iso(extended),
        period_extension=bases().holiday_end.cite if extended else "",
        plan=_plan(states, data.objections, day) if kind == "result" else None,
    )


def _plan(states: list[StepState], objections: list[Objection], day: dt.date | None) -> ResolutionLine | None:
    """In a procedure without a resolution notice (the seed's: the 过程公开 after the canvass states
    the plan), the result notice says when that notice was posted and what it drew, as a village's
    says of its resolution notice (DOMAIN.md §3)."""
    decided = decision_notice([s.step for s in states])
    if decided is None or decided.notice == "resolution":
        return None
    return resolution_line(states, objections, day, decided.notice)


def missing_content(project: Project, requires: list[str]) -> list[str]:
    """The keys a notice step requires that project.yaml leaves empty."""
    data = project.data
    present = {
        "matter": bool((data.matter or "").strip()),
        "budget": data.budget is not None and data.budget.amount is not None,
        "funding": data.budget is not None and bool((data.budget.funding or "").strip()),
        "place": bool((data.place or "").strip()),
    }
    return [key for key in requires if not present.get(key, True)]


# What a notice may require, as project.yaml names it, as a clerk reads it, and the option of `fourtwo correct project` that gives it.
_KEYS = {"matter": "matter", "budget": "budget.amount", "funding": "budget.funding", "place": "place"}
_WORDS = {"matter": "事项内容", "budget": "预算", "funding": "资金来源", "place": "实施地点"}
_OPTIONS = {"matter": "--matter", "budget": "--budget", "funding": "--funding", "place": "--place"}


def content_finding_args(kind: str, step: Term, missing: list[str], project: Project) -> dict[str, object]:
    return {
        "kind": T(kind),
        "step": step,
        "missing": Term(", ".join(_KEYS[k] for k in missing), "、".join(_WORDS[k] for k in missing)),
        "options": " ".join(f"{_OPTIONS[k]} …" for k in missing),
        "project": display_path(project.folder),
    }


def result_problems(impl: ImplementationRecord | None, budget: Decimal | None) -> str:
    """What a result notice must state plainly: a failed acceptance, none recorded, a cost over
    budget ('' when none of them)."""
    if impl is None:
        return ""
    problems = []
    if impl.acceptance == "failed":
        problems.append(_("a failed acceptance (验收不合格)"))
    elif not impl.acceptance:
        problems.append(_("no acceptance recorded (未验收)"))
    if budget is not None and impl.cost is not None and impl.cost > budget:
        problems.append(_("a cost {amount} yuan over budget").format(amount=f"{impl.cost - budget:,.2f}"))
    return _(" and ").join(problems)


def progress_problems(spent: Decimal | None, budget: Decimal | None) -> str:
    """What a progress notice must state plainly: spending beyond the budget during the works."""
    if spent is None or budget is None or spent <= budget:
        return ""
    return _("spending {amount} yuan over budget").format(amount=f"{spent - budget:,.2f}")
