"""The lines of a notice, each from the records as they stood on the notice's day: the
meetings, the canvass, the work, the progress, the resolution notice a result follows and
the objections. fourtwo.disclosure.notice puts them together into a notice's context.

Only what was recorded is printed: a count nobody recorded is named as such (未记录), never
0; an acceptance nobody recorded is 未验收; every channel's opinions are given, each
household by its latest one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from fourtwo.deliberation.meeting import Meeting
from fourtwo.deliberation.timeline import Status, StepState
from fourtwo.disclosure.context import (
    ACCEPTANCE,
    REACCEPTANCE,
    AcceptanceLine,
    CanvassLine,
    ChannelLine,
    ChannelOpinions,
    ExclusionLine,
    ImplementationLine,
    MeetingLine,
    ObjectionLine,
    OpinionCount,
    ProgressLine,
    ResolutionLine,
    amount,
)
from fourtwo.judge import Judgement
from fourtwo.model.coverage import Coverage
from fourtwo.model.project import ImplementationRecord, MeetingRecord, NoticeRecord, Objection, Project
from fourtwo.model.shares import honest_percent, share
from fourtwo.model.visit import CHANNEL_NAMES, CHANNELS


def iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def on_or_before(day: dt.date | None, notice_day: dt.date | None) -> bool:
    return notice_day is None or (day is not None and day <= notice_day)


def before(day: dt.date, notice_day: dt.date | None) -> bool:
    """Objections and answers a notice reports: those dated before its day (one raised or
    answered on the day itself belongs to the period the notice opens)."""
    return notice_day is None or day < notice_day


def _label(step: str, body: str) -> str:
    """村民会议 met as 村民会议 reads once; 党支部提议 by 村党支部委员会 reads with both."""
    return step if not body or body in step or step in body else f"{step}（{body}）"


def meeting_lines(judged: Judgement, project: Project, states: list[StepState], notice_day: dt.date | None) -> list[MeetingLine]:
    """Each step that passed by its latest meeting, with the same step held before and failed."""
    lines = []
    for state in states:
        if state.step.kind != "meeting" or state.status is not Status.PASSED or not state.meetings:
            continue
        meeting = state.meetings[-1]
        record = meeting.record
        if not on_or_before(record.date, notice_day):
            continue
        lines.append(judged.kept(project, ("meeting", id(record)), lambda: _with_earlier(state, states, meeting)))  # noqa: B023 - made here, now
    return lines


def _with_earlier(state: StepState, states: list[StepState], meeting: Meeting) -> MeetingLine:
    earlier = [_meeting_line(state, states, m.record, m) for m in state.meetings[:-1] if not m.passed and m.judged]
    line = _meeting_line(state, states, meeting.record, meeting)
    return replace(line, earlier=earlier) if earlier else line


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
    unrecorded = [key for key in ("against", "abstain") if getattr(record, key) is None]
    cast = votes + (record.against or 0) + (record.abstain or 0)
    # a count the others imply is known: when the recorded votes account for everyone present,
    # nobody is left to have voted against or abstained, recorded or not (未记录 only when unknown)
    unknown = [] if unrecorded and record.present is not None and cast >= present else unrecorded
    representatives, representatives_for = record.representatives or 0, record.representatives_for
    return MeetingLine(
        step=step,
        body=body,
        label=_label(step, body),
        date=iso(record.date),
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
        unrecorded=unrecorded,
        unknown=unknown,
        not_voting=max(present - cast, 0) if not unrecorded else 0,
        nonvoting=record.nonvoting or 0,
        representatives=representatives,
        representatives_for=representatives_for or 0,
        representatives_percent=honest_percent(representatives_for, representatives) if representatives and representatives_for is not None else "",
        whole=(period.whole if period else "") or "全体",
        failed_because=_why_failed(meeting),
    )


def _why_failed(meeting: Meeting | None) -> str:
    """Why a judged meeting did not pass, as a notice says it: too few present for it to be
    held (quorum), or too few votes for it (majority); '' for one that passed."""
    if meeting is None or meeting.passed or not meeting.judged:
        return ""
    return "到会人数未达到规定人数" if meeting.quorum_failed else "同意人数未达到通过所需人数"


def canvass_line(cov: Coverage | None) -> CanvassLine | None:
    if cov is None or cov.visited == 0:
        return None
    at_home = cov.channels == ("in_person",)
    counted = "、".join(CHANNEL_NAMES[c] for c in cov.channels)
    latest, changed = cov.latest
    by_channel = [
        ChannelOpinions(CHANNEL_NAMES[c], n, latest[(c, "agree")], latest[(c, "oppose")], latest[(c, "abstain")], c in cov.channels)
        for c in CHANNELS
        if (n := sum(latest[(c, o)] for o in ("agree", "oppose", "abstain")))
    ]
    return CanvassLine(
        households=cov.total,
        visited=cov.visited,
        coverage=cov.percent(),
        threshold=share(Fraction(cov.threshold)),
        agree=cov.opinions.get("agree", 0),
        oppose=cov.opinions.get("oppose", 0),
        abstain=cov.opinions.get("abstain", 0),
        attempts=cov.attempted_only - cov.attempted_heard_otherwise,  # heard nowhere (facts schema 3 and before)
        tried=cov.attempted_only,
        tried_heard=cov.attempted_heard_otherwise,
        first_day=iso(cov.first_contact),
        last_day=iso(cov.last_contact),
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
        heard=sum(c.households for c in by_channel),
        latest=OpinionCount(sum(c.agree for c in by_channel), sum(c.oppose for c in by_channel), sum(c.abstain for c in by_channel)),
        by_channel=by_channel,
        changed=len(changed),
    )


def _exclusions(cov: Coverage) -> list[ExclusionLine]:
    """Households left out, by reason and the day it was decided (by status first, in the register's order)."""
    groups = Counter((e.reason, iso(e.date)) for e in cov.exclusions)
    return [ExclusionLine(reason, n, day) for (reason, day), n in sorted(groups.items(), key=lambda g: g[0][1])]  # stable: register order within a day


def implementation_line(records: list[ImplementationRecord], budget: Decimal | None) -> ImplementationLine | None:
    """The work from its records in force (timeline.works_on): the first is the work completed, a
    later one an acceptance again (复验) after the one before it, which the line states too."""
    if not records:
        return None
    first, record = records[0], records[-1]
    cost = record.cost
    difference = amount(budget - cost) if budget is not None and cost is not None and cost <= budget else None
    earlier = [AcceptanceLine(iso(r.accepted or r.date), ACCEPTANCE.get(r.acceptance, ""), r.accepted_by) for r in records[:-1] if r.acceptance]
    return ImplementationLine(
        started=iso(first.started),
        completed=iso(first.date),
        accepted=iso(record.accepted),
        acceptance=REACCEPTANCE.get(record.acceptance, "") if earlier else ACCEPTANCE.get(record.acceptance, ""),
        failed=record.acceptance == "failed",
        accepted_by=record.accepted_by,
        contractor=record.contractor or first.contractor,
        cost=amount(cost),
        audited=amount(record.audited),
        difference=difference,
        over_budget=amount(cost - budget) if budget is not None and cost is not None and cost > budget else None,
        next_steps=record.next_steps,
        note=record.note,
        unaccepted=not record.acceptance,
        saving=difference if record.acceptance != "failed" else None,  # a failed acceptance saved nothing
        audited_differs=record.audited is not None and cost is not None and record.audited != cost,
        earlier_acceptances=earlier,
    )


def resolution_line(states: list[StepState], objections: list[Objection], notice_day: dt.date | None, kind: str = "resolution") -> ResolutionLine | None:
    """The first posting of the notice of `kind` a result notice follows (the resolution notice, or
    in a procedure without one the notice that made the decision public), and the objections."""
    posted = [r for s in states if s.step.kind == "notice" and s.step.notice == kind for r in s.notices if on_or_before(r.date, notice_day)]
    if not posted:
        return None
    first = posted[0]
    notices = [r for s in states if s.step.kind == "notice" for r in s.notices]
    received = [o for o in objections if o.date is not None and before(o.date, notice_day)]
    answered = [o for o in received if o.answer and o.answered is not None and before(o.answered, notice_day)]
    late = sum(1 for o in received if objection_late(o, notices) is not None)
    return ResolutionLine(iso(first.date), iso(first.period_start), iso(first.period_end), len(received), len(answered), len(received) - late, late)


def progress_line(notice: NoticeRecord, budget: Decimal | None) -> ProgressLine:
    spent = notice.spent
    percent = honest_percent(int(spent * 100), int(budget * 100)) if spent is not None and budget else ""
    over = amount(spent - budget) if spent is not None and budget is not None and spent > budget else None
    return ProgressLine(notice.milestones.strip(), amount(spent), percent, notice.next_steps.strip(), over)


def objection_lines(objections: list[Objection], notices: list[NoticeRecord], notice_day: dt.date | None) -> list[ObjectionLine]:
    """The objections answered before the notice's day, each said to be late where it was."""
    return [
        ObjectionLine(o.number or 0, iso(o.date), o.text, o.answer, iso(o.answered), objection_late(o, notices) is not None)
        for o in objections
        if o.answer and o.date and o.answered and before(o.date, notice_day) and before(o.answered, notice_day)
    ]


def objection_late(objection: Objection, notices: list[NoticeRecord]) -> NoticeRecord | None:
    """The notice whose period an objection came after (it was raised once the latest notice
    posted before it had come down), or None: raised within a period. A late objection is
    kept and answered, but not counted as received within the period, and blocks nothing alone."""
    day = objection.date
    posted = [n for n in notices if n.period_start is not None and day is not None and n.period_start <= day]
    if not posted or day is None:
        return None
    latest = max(posted, key=lambda n: (n.period_start or day, n.period_end or day))
    return latest if latest.period_end is not None and day > latest.period_end else None
