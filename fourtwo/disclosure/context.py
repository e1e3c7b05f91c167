"""What a public notice says, as a documented value (the template context), and its digest.

The context is built from the records alone: every percentage is computed from the
counts in integers, amounts are exact Decimals written in figures and in capitals,
and nothing personal goes in (no phone, no ID number, no name by a household's
opinion; a masked household list only when asked). The digest is the SHA-256 of the
context as canonical JSON, so a posted paper can be checked against the records
(`fourtwo verify`); its first eight hex digits, grouped, are the trace code.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from fractions import Fraction

from fourtwo.deliberation.timeline import Status, StepState
from fourtwo.disclosure.period import UNIT_NAMES, length
from fourtwo.disclosure.privacy import mask_name
from fourtwo.judge import Judgement
from fourtwo.model.coverage import Coverage
from fourtwo.model.project import (
    ImplementationRecord,
    MeetingRecord,
    NoticeRecord,
    Project,
)
from fourtwo.model.shares import honest_percent, share
from fourtwo.model.workspace import addressee, signatories

NOTICE_KINDS = ("resolution", "result")
TITLES = {"resolution": "关于{title}的公示", "result": "关于{title}实施结果的公示"}
ACCEPTANCE = {"passed": "验收合格", "failed": "验收不合格"}


@dataclass(frozen=True)
class Amount:
    """Yuan in figures and in capitals: 186,452.60元 / 壹拾捌万陆仟肆佰伍拾贰元陆角."""

    value: str  # exact, as recorded: "186452.60"
    figures: str
    capitals: str


@dataclass(frozen=True)
class MeetingLine:
    """One deliberation as a notice prints it; percentages are of the base the rule uses."""

    step: str  # 党支部提议
    body: str  # 村党支部委员会
    date: str  # ISO; templates format it with |cn_date
    members: int
    present: int
    votes_for: int
    against: int
    abstain: int
    present_percent: str  # 实到 / 应到
    for_percent: str  # 同意 / the passing rule's base (实到, or 应到 for party meetings)
    for_base: str  # "实到" or "应到"
    result: str  # 通过


@dataclass(frozen=True)
class CanvassLine:
    households: int
    visited: int
    coverage: str  # 83.3%
    threshold: str  # 80%
    agree: int
    oppose: int
    abstain: int
    attempts: int  # households tried with nobody home
    first_day: str
    last_day: str


@dataclass(frozen=True)
class ImplementationLine:
    completed: str
    acceptance: str  # 验收合格
    accepted_by: str
    contractor: str
    cost: Amount | None
    difference: Amount | None  # budget minus cost, when both are known and cost is lower
    over_budget: Amount | None  # cost minus budget, when higher
    note: str


@dataclass(frozen=True)
class ObjectionLine:
    number: int
    date: str
    text: str
    answer: str
    answered: str


@dataclass(frozen=True)
class HouseholdLine:
    """Opt-in only (--with-households): the id and a masked head's name, never an opinion."""

    id: str
    head: str


@dataclass(frozen=True)
class NoticeContext:
    kind: str  # resolution | result
    title: str  # 关于…的公示
    subject: str  # the matter's own title, 红梅园小区居民活动场地改造
    addressee: str  # 全体居民
    organisation: str
    project_id: str
    matter: str
    basis: str
    origin: str
    place: str
    budget: Amount | None
    funding: str
    contractor: str
    schedule_start: str
    schedule_end: str
    meetings: list[MeetingLine]
    canvass: CanvassLine | None
    implementation: ImplementationLine | None
    objections: list[ObjectionLine]
    period_start: str
    period_end: str
    period_length: int
    period_unit: str  # 天 or 个工作日
    hotline: str
    supervision: str
    posting_place: str
    signatories: list[str]
    date: str  # the notice's date
    households: list[HouseholdLine] = field(default_factory=list)

    def data(self) -> dict[str, object]:
        return asdict(self)


def amount(value: Decimal | None) -> Amount | None:
    if value is None:
        return None
    import cn2an

    text = f"{value:.2f}"
    return Amount(value=text, figures=f"{value:,.2f}元", capitals=cn2an.an2cn(text, "rmb"))


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _meeting_lines(states: list[StepState]) -> list[MeetingLine]:
    lines = []
    for state in states:
        if state.step.kind != "meeting" or state.status is not Status.PASSED:
            continue
        meeting = state.meetings[-1] if state.meetings else None
        record = meeting.record if meeting else state.merged_into
        if record is None:
            continue
        form = state.step.form(record.form)
        rules = state.step.rules_for(record.form)
        base = next((c.of for r in rules if r.stage == "passing" for c in r.conditions if c.count == "for"), "present")
        members, present, votes = record.members or 0, record.present or 0, record.votes_for or 0
        denominator = members if base == "members" else present
        merged = not state.records  # held within a later step's meeting (一肩挑)
        lines.append(
            MeetingLine(
                step=(form.name if form else state.step.name) + ("（一肩挑，与" + _merger_name(states, record) + "合并进行）" if merged else ""),
                body=state.step.body,
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
            )
        )
    return lines


def _merger_name(states: list[StepState], record: MeetingRecord) -> str:
    return next((s.step.name for s in states if record in s.records), record.step)


def _canvass_line(cov: Coverage | None) -> CanvassLine | None:
    if cov is None or cov.visited == 0:
        return None
    threshold = Fraction(cov.threshold)
    return CanvassLine(
        households=cov.total,
        visited=cov.visited,
        coverage=cov.percent(),
        threshold=share(threshold),
        agree=cov.opinions.get("agree", 0),
        oppose=cov.opinions.get("oppose", 0),
        abstain=cov.opinions.get("abstain", 0),
        attempts=cov.attempted_only,
        first_day=_iso(cov.first_contact),
        last_day=_iso(cov.last_contact),
    )


def _implementation(record: ImplementationRecord | None, budget: Decimal | None) -> ImplementationLine | None:
    if record is None:
        return None
    cost = record.cost
    return ImplementationLine(
        completed=_iso(record.date),
        acceptance=ACCEPTANCE.get(record.acceptance, ""),
        accepted_by=record.accepted_by,
        contractor=record.contractor,
        cost=amount(cost),
        difference=amount(budget - cost) if budget is not None and cost is not None and cost <= budget else None,
        over_budget=amount(cost - budget) if budget is not None and cost is not None and cost > budget else None,
        note=record.note,
    )


def build(judged: Judgement, project: Project, kind: str, notice: NoticeRecord) -> NoticeContext:
    """The context of a notice of `kind`, as recorded in `notice` (its date and period)."""
    model = judged.model
    data, settings = project.data, model.workspace.settings
    cov = judged.coverage(project)
    states = judged.timeline(project) or []
    implementation = next((s.implementations[-1] for s in states if s.step.kind == "implementation" and s.implementations), None) if kind == "result" else None
    budget = data.budget.amount if data.budget else None
    households: list[HouseholdLine] = []
    if notice.with_households and cov is not None:
        households = [HouseholdLine(h.id, mask_name(h.head)) for h in cov.met]
    unit = settings.notice.unit
    return NoticeContext(
        kind=kind,
        title=TITLES[kind].format(title=data.title),
        subject=data.title,
        addressee=addressee(model.workspace),
        organisation=settings.organisation.name or "",
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
        meetings=_meeting_lines(states),
        canvass=_canvass_line(cov),
        implementation=_implementation(implementation, budget),
        objections=[
            ObjectionLine(o.number or 0, _iso(o.date), o.text, o.answer, _iso(o.answered))
            for o in data.objections
            if o.answer and o.answered and (notice.date is None or o.answered <= notice.date)
        ],
        period_start=_iso(notice.period_start),
        period_end=_iso(notice.period_end),
        period_length=_period_length(notice, unit),
        period_unit=UNIT_NAMES.get(unit, "天"),
        hotline=settings.notice.hotline or (settings.supervision_committee.phone if settings.supervision_committee else ""),
        supervision=settings.supervision_committee.name if settings.supervision_committee else "",
        posting_place=settings.notice.posting_place or "",
        signatories=signatories(model.workspace),
        date=_iso(notice.date),
        households=households,
    )


def _period_length(notice: NoticeRecord, unit: str) -> int:
    if notice.period_start and notice.period_end:
        return length(notice.period_start, notice.period_end, unit)
    return 0


def digest(context: NoticeContext) -> str:
    """sha256 of the context as canonical JSON: the same records give the same digest."""
    text = json.dumps(context.data(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_digest(text: str) -> str:
    """sha256 of an archived notice's text with its line ends as written (a git checkout
    that turns LF into CRLF on Windows changes no word, so it changes no digest)."""
    return "sha256:" + hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()


def file_digest_bytes(data: bytes) -> str:
    """sha256 of an archived binary notice (PDF) as written: no line ends to forgive."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def trace_code(digest_text: str) -> str:
    """The short code printed in the footer: 8 hex digits of the digest, grouped 4-4."""
    hexdigits = digest_text.split(":", 1)[-1].upper()
    return f"{hexdigits[:4]}-{hexdigits[4:8]}"
