"""Building a notice's context from the records, as they stood on the notice's day.

A notice is true on its day: it says only what the records held then. Meetings, visits,
objections and their answers, and the implementation are taken as dated up to the day
before the notice (objections and answers) or up to the day itself (meetings and the
work), so what happens once a notice is posted (an objection raised and answered during
its period, a later step) never changes what it said: its digest covers the records up
to its day, and `verify` and `check` keep finding it true.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from fractions import Fraction

from fourtwo.deliberation.meeting import Meeting
from fourtwo.deliberation.timeline import Status, StepState
from fourtwo.disclosure.context import (
    ACCEPTANCE,
    TITLES,
    CanvassLine,
    ChannelLine,
    ExclusionLine,
    HouseholdLine,
    ImplementationLine,
    MeetingLine,
    NoticeContext,
    NoticeSettings,
    ObjectionLine,
    ProgressLine,
    ResolutionLine,
    amount,
)
from fourtwo.disclosure.period import UNIT_NAMES, length
from fourtwo.disclosure.privacy import mask_name
from fourtwo.findings.printers import display_path
from fourtwo.i18n import T, Term, _
from fourtwo.judge import Judgement
from fourtwo.model.coverage import Coverage
from fourtwo.model.project import ImplementationRecord, MeetingRecord, NoticeRecord, Objection, Project
from fourtwo.model.shares import honest_percent, share
from fourtwo.model.visit import CHANNEL_NAMES


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _on_or_before(day: dt.date | None, notice_day: dt.date | None) -> bool:
    return notice_day is None or (day is not None and day <= notice_day)


def _label(step: str, body: str) -> str:
    """村民会议 met as 村民会议 reads once; 党支部提议 by 村党支部委员会 reads with both."""
    return step if not body or body in step or step in body else f"{step}（{body}）"


def _meeting_lines(judged: Judgement, project: Project, states: list[StepState], notice_day: dt.date | None) -> list[MeetingLine]:
    lines = []
    for state in states:
        if state.step.kind != "meeting" or state.status is not Status.PASSED or not state.meetings:
            continue
        meeting = state.meetings[-1]
        record = meeting.record
        if not _on_or_before(record.date, notice_day):
            continue
        lines.append(judged.kept(project, ("meeting", id(record)), lambda: _meeting_line(state, states, record, meeting)))  # noqa: B023 - made here, now
    return lines


def _meeting_line(state: StepState, states: list[StepState], record: MeetingRecord, meeting: Meeting | None) -> MeetingLine:
    form = state.step.form(record.form)
    period = meeting.period if meeting is not None else state.step.period_for(record.form, record.date)
    rules = list(period.rules) if period else []
    base = next((c.of for r in rules if r.stage == "passing" for c in r.conditions if c.count == "for"), "present")
    members, present, votes = record.members or 0, record.present or 0, record.votes_for or 0
    denominator = members if base == "members" else present
    step = form.name if form else state.step.name
    body = (form.body or form.name) if form else state.step.body
    if not state.records and state.merged_by is not None:  # held within a later step's meeting (一肩挑)
        merger = state.merged_by
        step += "（一肩挑，与" + next((s.step.name for s in states if merger in s.records), merger.step) + "合并进行）"
    households, households_present = record.households or 0, record.households_present or 0
    valid_by = ""
    if meeting is not None:
        quorum = [check for v in meeting.verdicts if v.rule.stage == "quorum" for check in v.checks if check.ok]
        if quorum and all(c.condition.count == "households_present" for c in quorum):
            valid_by = "households"
    return MeetingLine(
        step=step,
        body=body,
        label=_label(step, body),
        date=_iso(record.date),
        members=members,
        present=present,
        votes_for=votes,
        against=record.against or 0,
        abstain=record.abstain or 0,
        present_percent=honest_percent(present, members),
        for_percent=honest_percent(votes, denominator),
        for_base="应到" if base == "members" else "实到",
        result="通过" if meeting is None or meeting.passed else "未通过",
        households=households,
        households_present=households_present,
        households_percent=honest_percent(households_present, households) if households else "",
        valid_by=valid_by,
        basis=period.cite if period else "",
    )


def _canvass_line(cov: Coverage | None) -> CanvassLine | None:
    if cov is None or cov.visited == 0:
        return None
    at_home = cov.channels == ("in_person",)
    counted = "、".join(CHANNEL_NAMES[c] for c in cov.channels)
    return CanvassLine(
        households=cov.total,
        visited=cov.visited,
        coverage=cov.percent(),
        threshold=share(Fraction(cov.threshold)),
        agree=cov.opinions.get("agree", 0),
        oppose=cov.opinions.get("oppose", 0),
        abstain=cov.opinions.get("abstain", 0),
        attempts=cov.attempted_only,
        first_day=_iso(cov.first_contact),
        last_day=_iso(cov.last_contact),
        heading="入户征求意见情况" if at_home else "征求意见情况",
        method="逐户上门征求意见" if at_home else f"逐户征求意见（计入{counted}）",
        rate_name="入户率" if at_home else "征求意见率",
        visited_word="实际入户" if at_home else "已征求意见",
        attempts_word="上门未遇" if at_home else "未能联系",
        counted=counted,
        channels=[ChannelLine(CHANNEL_NAMES[c], n, c in cov.channels) for c, n in cov.households_by_channel.items()],
        elsewhere=cov.heard_elsewhere,
        excluded=cov.excluded,
        exclusions=_exclusions(cov),
    )


def _exclusions(cov: Coverage) -> list[ExclusionLine]:
    """Households left out, by reason and the day it was decided (by status first, in the register's order)."""
    groups = Counter((e.reason, _iso(e.date)) for e in cov.exclusions)
    return [ExclusionLine(reason, n, day) for (reason, day), n in sorted(groups.items(), key=lambda g: g[0][1])]  # stable: register order within a day


def _implementation(record: ImplementationRecord | None, budget: Decimal | None) -> ImplementationLine | None:
    if record is None:
        return None
    cost = record.cost
    return ImplementationLine(
        started=_iso(record.started),
        completed=_iso(record.date),
        accepted=_iso(record.accepted),
        acceptance=ACCEPTANCE.get(record.acceptance, ""),
        failed=record.acceptance == "failed",
        accepted_by=record.accepted_by,
        contractor=record.contractor,
        cost=amount(cost),
        audited=amount(record.audited),
        difference=amount(budget - cost) if budget is not None and cost is not None and cost <= budget else None,
        over_budget=amount(cost - budget) if budget is not None and cost is not None and cost > budget else None,
        next_steps=record.next_steps,
        note=record.note,
    )


def _resolution(states: list[StepState], objections: list[Objection], notice_day: dt.date | None) -> ResolutionLine | None:
    posted = [r for s in states if s.step.kind == "notice" and s.step.notice == "resolution" for r in s.notices if _on_or_before(r.date, notice_day)]
    if not posted:
        return None
    first = posted[0]
    received = [o for o in objections if o.date is not None and _before(o.date, notice_day)]
    answered = [o for o in received if o.answer and o.answered is not None and _before(o.answered, notice_day)]
    return ResolutionLine(_iso(first.date), _iso(first.period_start), _iso(first.period_end), len(received), len(answered))


def _before(day: dt.date, notice_day: dt.date | None) -> bool:
    """Objections and answers a notice reports: those dated before its day (one raised or
    answered on the day itself belongs to the period the notice opens)."""
    return notice_day is None or day < notice_day


def _progress(notice: NoticeRecord, budget: Decimal | None) -> ProgressLine:
    spent = notice.spent
    percent = honest_percent(int(spent * 100), int(budget * 100)) if spent is not None and budget else ""
    return ProgressLine(notice.milestones.strip(), amount(spent), percent, notice.next_steps.strip())


def build(judged: Judgement, project: Project, kind: str, notice: NoticeRecord, settings: NoticeSettings | None = None) -> NoticeContext:
    """The context of a notice of `kind`, as recorded in `notice` (its date and period), under
    the settings in force on its day (those kept with it; today's for a notice not yet posted)."""
    model = judged.model
    data = project.data
    settings = settings or NoticeSettings.of(model.workspace)
    day = notice.date
    cov = judged.coverage(project)
    states = judged.timeline(project) or []
    implementation = None
    if kind == "result":
        done = [r for s in states if s.step.kind == "implementation" for r in s.implementations if _on_or_before(r.date, day)]
        implementation = done[-1] if done else None
    budget = data.budget.amount if data.budget else None
    households: list[HouseholdLine] = []
    if notice.with_households and cov is not None:
        households = [HouseholdLine(h.id, mask_name(h.head)) for h in cov.met]
    unit = settings.unit
    step = next((s.step for s in states if s.step.kind == "notice" and s.step.notice == kind), None)
    title = (step.title if step and step.title else TITLES.get(kind, "关于{title}的公示")).format(title=data.title)
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
        contractor=(implementation.contractor if implementation and implementation.contractor else data.contractor) or "",
        schedule_start=_iso(data.schedule.start if data.schedule else None),
        schedule_end=_iso(data.schedule.end if data.schedule else None),
        meetings=_meeting_lines(judged, project, states, day),
        canvass=judged.kept(project, "canvass", lambda: _canvass_line(cov)),
        implementation=_implementation(implementation, budget),
        objections=[
            ObjectionLine(o.number or 0, _iso(o.date), o.text, o.answer, _iso(o.answered))
            for o in data.objections
            if o.answer and o.date and o.answered and _before(o.date, day) and _before(o.answered, day)
        ],
        period_start=_iso(notice.period_start),
        period_end=_iso(notice.period_end),
        period_length=length(notice.period_start, notice.period_end, unit, model.workspace.declared_holidays())
        if notice.period_start and notice.period_end
        else 0,
        period_unit=UNIT_NAMES.get(unit, "天"),
        objection_to=settings.objection_to,
        objection_phone=settings.objection_phone,
        hotline=settings.hotline,
        posting_place=settings.posting_place,
        signatories=list(settings.signatories),
        date=_iso(day),
        households=households,
        resolution=_resolution(states, data.objections, day) if kind == "result" else None,
        progress=_progress(notice, budget) if kind == "progress" else None,
    )


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
    """What a result notice must state plainly: a failed acceptance, a cost over budget ('' when neither)."""
    if impl is None:
        return ""
    problems = []
    if impl.acceptance == "failed":
        problems.append(_("a failed acceptance (验收不合格)"))
    if budget is not None and impl.cost is not None and impl.cost > budget:
        problems.append(_("a cost {amount} yuan over budget").format(amount=f"{impl.cost - budget:,.2f}"))
    return _(" and ").join(problems)
