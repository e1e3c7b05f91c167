"""What a public notice says, as a documented value (the template context), and its digest.

The context is built from the records alone (fourtwo.disclosure.notice.build): every
percentage is computed from the counts in integers, amounts are exact Decimals written
in figures and in capitals, and nothing personal goes in (no phone of a person, no ID
number, no name by a household's opinion; a masked household list only when asked).
Every claim a notice makes is a value here: a template prints these and fixed words
that claim nothing (docs/templates.md lists each claim and the record it comes from).
Publishing writes the context as the notice's facts document (fourtwo.disclosure.facts);
the notice's digest is the SHA-256 of that document, so a posted paper can be checked
against the records (`fourtwo verify`); its first eight hex digits, grouped, are the
trace code. The settings a notice uses (NoticeSettings) are kept with it: a later change
of fourtwo.yaml applies to later notices only.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field, fields
from decimal import Decimal

from fourtwo.disclosure.capitals import capitals
from fourtwo.model.workspace import Workspace, addressee, signatories

TITLES = {"resolution": "关于{title}的公示", "result": "关于{title}实施结果的公示", "progress": "关于{title}实施进展的公示"}
ACCEPTANCE = {"passed": "验收合格", "failed": "验收不合格"}
REACCEPTANCE = {"passed": "复验合格", "failed": "复验不合格"}  # an acceptance again after repair


@dataclass(frozen=True)
class NoticeSettings:
    """What a notice takes from fourtwo.yaml, as in force on the day it is published."""

    period: int  # the period required, in `unit`s
    unit: str  # calendar_days | working_days
    organisation: str
    addressee: str
    signatories: list[str]
    objection_to: str  # the body objections go to
    objection_phone: str  # that body's own phone
    hotline: str  # the 监督电话, when it is another number
    posting_place: str
    site_url: str  # where the notice's QR code points
    objection_place: str = ""  # where objections are taken in person
    office_hours: str = ""  # when that place takes them
    supervision_review: str = ""  # the supervision committee that reviews each notice ('' where none does)
    implementer: str = ""  # who carries the work out where the project names nobody: the committee

    @property
    def how_to_object(self) -> bool:
        """A phone, or a place with its hours: a notice that gives neither cannot be objected to."""
        return bool(self.objection_phone or self.hotline or (self.objection_place and self.office_hours))

    @classmethod
    def of(cls, workspace: Workspace) -> NoticeSettings:
        s = workspace.settings
        supervision = s.supervision_committee
        phone = supervision.phone if supervision and supervision.phone else ""
        return cls(
            period=s.notice.period,
            unit=s.notice.unit,
            organisation=s.organisation.name or "",
            addressee=addressee(workspace),
            signatories=signatories(workspace),
            objection_to=(supervision.name if supervision and supervision.name else s.organisation.name) or "",
            objection_phone=phone,
            hotline=s.notice.hotline if s.notice.hotline and s.notice.hotline != phone else "",
            posting_place=s.notice.posting_place or "",
            site_url=s.site.url,
            objection_place=s.notice.objection_place,
            office_hours=s.notice.office_hours,
            supervision_review=(supervision.name if supervision and supervision.name else "") if s.notice.supervision_review else "",
            implementer=s.committee.name or "",
        )

    @classmethod
    def stored(cls, values: dict[str, object], today: NoticeSettings) -> NoticeSettings:
        """As a facts document keeps them; a setting it does not name is taken as today's."""
        known = {f.name: values[f.name] for f in fields(cls) if f.name in values and isinstance(values[f.name], type(getattr(today, f.name)))}
        return cls(**{**today.data(), **known})  # type: ignore[arg-type]

    def data(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class Amount:
    """Yuan in figures and in capitals: 186,452.60元 / 人民币壹拾捌万陆仟肆佰伍拾贰元陆角整."""

    value: str  # exact, as recorded: "186452.60"
    figures: str
    capitals: str  # with 人民币 before it and 整 after 元 or 角 (disclosure/capitals.py)


@dataclass(frozen=True)
class MeetingLine:
    """One deliberation as a notice prints it; percentages are of the base the rule uses."""

    step: str  # what was held: 党支部提议, 村民会议
    body: str  # who met: 村党支部委员会
    label: str  # step and body together, the body left out where the step names it already
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
    households: int = 0  # 村民会议 counted by households: all households, and those represented
    households_present: int = 0
    households_percent: str = ""
    valid_by: str = ""  # "households" when the meeting was quorate by household representatives only
    basis: str = ""  # the law (and article) its rules come from, in force on its date
    unrecorded: list[str] = field(default_factory=list)  # against / abstain when the record has none: 未记录, never 0
    not_voting: int = 0  # present but in no count of the vote, when every count is recorded
    nonvoting: int = 0  # attended without a vote (预备党员, 留党察看), never in 应到 or the votes
    representatives: int = 0  # 村民代表 among the members, where recorded
    representatives_for: int = 0  # their own votes for, where recorded
    representatives_percent: str = ""  # of the representatives
    whole: str = "全体"  # the body's word for all its households: 全村, 本组
    earlier: list[MeetingLine] = field(default_factory=list)  # the same step held before and failed, then held again
    unknown: list[str] = field(default_factory=list)  # of those unrecorded, the counts nothing else implies: 未记录
    failed_because: str = ""  # why it did not pass: quorum (到会人数) or majority (同意人数) not reached


@dataclass(frozen=True)
class ChannelLine:
    """Households heard through one channel, and whether that channel counts toward the rate."""

    name: str  # 入户, 电话, 书面, 代录
    households: int
    counted: bool


@dataclass(frozen=True)
class OpinionCount:
    """Households by opinion: 同意, 反对, 弃权."""

    agree: int
    oppose: int
    abstain: int


@dataclass(frozen=True)
class ChannelOpinions:
    """Households whose latest opinion came through one channel, by that opinion (电话16户：同意15、反对1)."""

    name: str
    households: int
    agree: int
    oppose: int
    abstain: int
    counted: bool  # the channel counts toward the rate


@dataclass(frozen=True)
class ExclusionLine:
    """Households on the register left out of the canvass for one reason (空置, 常年外出)."""

    reason: str
    households: int
    date: str  # when it was decided, where recorded ('' for a status in the register)


@dataclass(frozen=True)
class CanvassLine:
    households: int
    visited: int
    coverage: str  # 83.3%
    threshold: str  # 80%
    agree: int
    oppose: int
    abstain: int
    attempts: int  # households tried with nobody home and heard nowhere (facts schema 3 and before print it)
    first_day: str
    last_day: str
    heading: str  # 入户征求意见情况, or 征求意见情况 where other channels count
    method: str  # 逐户上门征求意见, or what the counted channels were
    rate_name: str  # 入户率 only when only visits at home count
    visited_word: str  # 实际入户, or 已征求意见
    attempts_word: str  # 上门未遇
    counted: str  # the channels that count, 入户 or 入户、电话
    channels: list[ChannelLine]  # every channel that heard a household, counted or not
    elsewhere: int  # households heard only through channels that do not count
    excluded: int = 0  # households on the register left out of the 应征求 figure
    exclusions: list[ExclusionLine] = field(default_factory=list)  # why, and when each was decided
    heard: int = 0  # households in scope heard through any channel
    latest: OpinionCount | None = None  # each household heard by its latest opinion, whatever the channel
    by_channel: list[ChannelOpinions] = field(default_factory=list)  # the same, by the channel of that latest opinion
    changed: int = 0  # households whose latest opinion differs from the one they gave at the visit that counted
    tried: int = 0  # households tried with nobody in (上门未遇) and never met, whatever came after: the figure printed
    tried_heard: int = 0  # of those, heard later through a channel that does not count (a phone call)


@dataclass(frozen=True)
class ResolutionLine:
    """The resolution notice a result notice refers to, and the objections it drew."""

    date: str
    period_start: str
    period_end: str
    objections: int  # objections received up to the result notice
    answered: int  # of which answered
    in_period: int = 0  # received within a notice's period
    late: int = 0  # received after the period they came after had ended


@dataclass(frozen=True)
class AcceptanceLine:
    """An acceptance a later one (复验) followed: its day, verdict and who made it."""

    accepted: str
    acceptance: str
    accepted_by: str


@dataclass(frozen=True)
class ImplementationLine:
    started: str
    completed: str
    accepted: str  # 验收日期
    acceptance: str  # 验收合格 / 验收不合格
    failed: bool  # the acceptance failed: a notice states it plainly
    accepted_by: str
    contractor: str
    cost: Amount | None
    audited: Amount | None
    difference: Amount | None  # budget minus cost, when both are known and cost is lower
    over_budget: Amount | None  # cost minus budget, when higher
    next_steps: str  # what happens next, after a failed acceptance or an overrun
    note: str
    unaccepted: bool = False  # no acceptance is recorded: 未验收, stated plainly
    saving: Amount | None = None  # budget minus cost, when lower and the acceptance did not fail
    audited_differs: bool = False  # an audited amount other than the cost: the figures above use the cost
    earlier_acceptances: list[AcceptanceLine] = field(default_factory=list)  # the acceptances before this one (复验 follows them)


@dataclass(frozen=True)
class ProgressLine:
    """过程公开: where the work stands, from a progress notice's record."""

    milestones: str
    spent: Amount | None
    spent_percent: str  # of the budget
    next_steps: str
    over_budget: Amount | None = None  # spent beyond the budget during the works, stated plainly


@dataclass(frozen=True)
class ObjectionLine:
    number: int
    date: str
    text: str
    answer: str
    answered: str
    late: bool = False  # raised after the period it came after had ended


@dataclass(frozen=True)
class HouseholdLine:
    """Opt-in only (--with-households): the id and a masked head's name, never an opinion."""

    id: str
    head: str


@dataclass(frozen=True)
class NoticeContext:
    kind: str  # resolution | result | progress
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
    objection_to: str  # the body objections go to: the supervision committee
    objection_phone: str  # that body's own phone
    hotline: str  # the workspace's 监督电话, when it is another number
    posting_place: str
    signatories: list[str]
    date: str  # the notice's date
    households: list[HouseholdLine] = field(default_factory=list)
    resolution: ResolutionLine | None = None  # result notices: the resolution notice it follows
    progress: ProgressLine | None = None  # progress notices
    implementer: str = ""  # 实施主体: who carries the work out (the project's, else the committee)
    procedure_basis: str = ""  # the rule that makes the procedure binding (中国共产党农村基层组织工作条例（2019）第十九条)
    objection_place: str = ""  # where objections are taken in person
    office_hours: str = ""  # and when
    supervision_review: str = ""  # the supervision committee that reviewed the notice before it was posted
    period_extended_from: str = ""  # the day a calendar-day period would have ended, a statutory holiday
    period_extension: str = ""  # why it was extended: the analogy (fourtwo/bases.yaml, which quotes the article)
    # result notices of a procedure without a resolution notice: the one that made the decision public (the seed's 过程公开)
    plan: ResolutionLine | None = None

    def data(self) -> dict[str, object]:
        return asdict(self)


def amount(value: Decimal | None) -> Amount | None:
    if value is None:
        return None
    return Amount(value=f"{value:.2f}", figures=f"{value:,.2f}元", capitals=capitals(value))


PRINTED_DIGEST = re.compile(r"sha256:[0-9a-f]{64}")  # as a notice prints its facts document's digest


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
