"""A project: one decision, its content, and the record of each step taken."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from decimal import Decimal
from pathlib import Path

from fourtwo.files.layout import PROJECT_FILE
from fourtwo.files.record import Record
from fourtwo.files.spec import Bool, Date, Enum, Field, Int, ListOf, Money, Str
from fourtwo.i18n import N_
from fourtwo.model import Located
from fourtwo.model.correction import CORRECTION, Correction
from fourtwo.model.scope import EXCLUDED, FROZEN_SCOPE, Excluded, FrozenScope

RESULTS = ("passed", "failed")
RESULT_NAMES = {"passed": "通过", "failed": "未通过"}  # a meeting's result, as a clerk reads it
# The acceptance verdict (验收), as written in project.yaml and typed after --acceptance.
ACCEPTANCE = Enum(values=("passed", "failed"), aliases=(("合格", "passed"), ("验收合格", "passed"), ("不合格", "failed")))
ACCEPTANCE_NAMES = {"passed": "合格", "failed": "不合格"}


@dataclass(kw_only=True)
class Budget(Located):
    amount: Decimal | None
    funding: str


@dataclass(kw_only=True)
class Schedule(Located):
    start: dt.date | None
    end: dt.date | None


@dataclass(kw_only=True)
class RegisterRef(Located):
    register: str
    buildings: list[str]
    exclude_status: list[str]


@dataclass(kw_only=True)
class StepRecord(Located):
    """What every record of a step has: which step, when, and a note. Its kind adds the rest."""

    step: str
    date: dt.date | None = None
    note: str = ""
    scope: FrozenScope | None = None  # the first step after the canvass keeps its scope
    withdrawn: bool = False  # recorded by mistake and withdrawn (`fourtwo correct withdraw`): kept, never judged


@dataclass(kw_only=True)
class MergedCounts(Located):
    """一肩挑: the counts of an earlier step held within this meeting (the 支委's own members)."""

    step: str
    members: int | None
    present: int | None
    votes_for: int | None
    against: int | None
    abstain: int | None


@dataclass(kw_only=True)
class MeetingRecord(StepRecord):
    """A meeting: where, its counts (应到, 实到, 同意 ...), the form held, the minutes."""

    place: str = ""
    members: int | None = None
    present: int | None = None
    votes_for: int | None = None
    against: int | None = None
    abstain: int | None = None
    households: int | None = None
    households_present: int | None = None
    area: Decimal | None = None
    area_present: Decimal | None = None
    area_for: Decimal | None = None
    representatives: int | None = None  # 村民代表 among the members, where a rule counts them
    representatives_for: int | None = None  # the 村民代表's own votes for: a count of their own (land contracting)
    nonvoting: int | None = None  # attended without a vote (预备党员, 留党察看): never in 应到 nor in the votes
    form: str = ""
    merges: list[str] = field(default_factory=list)
    merged: list[MergedCounts] = field(default_factory=list)  # the counts of each step merged
    result: str = ""
    minutes: str = ""

    def figures(self) -> dict[str, int | Decimal | None]:
        """The counts by the names rules use (`for`, not the Python attribute)."""
        return {
            "members": self.members,
            "present": self.present,
            "for": self.votes_for,
            "against": self.against,
            "abstain": self.abstain,
            "households": self.households,
            "households_present": self.households_present,
            "area": self.area,
            "area_present": self.area_present,
            "area_for": self.area_for,
            "representatives": self.representatives,
            "representatives_for": self.representatives_for,
        }


@dataclass(kw_only=True)
class NoticeRecord(StepRecord):
    """A notice posted: for how long, the files archived, and the digest of what it said."""

    period_start: dt.date | None = None
    period_end: dt.date | None = None
    digest: str = ""  # of its facts document (of its whole context, for a notice published before them)
    facts: str = ""  # its facts document, relative to the project folder ('' before facts documents)
    files: list[str] = field(default_factory=list)
    file_digests: list[str] = field(default_factory=list)  # one per file, as archived
    with_households: bool = False
    # progress notices (过程公开): what the work has reached so far
    milestones: str = ""
    spent: Decimal | None = None
    next_steps: str = ""
    disclosed_problems: bool = False  # published stating a failed or missing acceptance, or money beyond the budget


@dataclass(kw_only=True)
class ImplementationRecord(StepRecord):
    """The work done: completion (`date`), cost, who built it and who accepted it."""

    cost: Decimal | None = None
    audited: Decimal | None = None  # the audited amount (审计金额), where there is one
    contractor: str = ""
    started: dt.date | None = None  # actual start of the work
    accepted: dt.date | None = None  # the day it was inspected (验收日期)
    accepted_by: str = ""
    acceptance: str = ""
    next_steps: str = ""  # what happens next, where acceptance failed or the cost overran


@dataclass(kw_only=True)
class WrittenStep(MeetingRecord, NoticeRecord, ImplementationRecord):
    """A step item as read from project.yaml, before its step's kind is known: every key a
    record may have. Loading turns it into the record of its kind (`typed`)."""


RECORD_KINDS: dict[str, type[StepRecord]] = {"meeting": MeetingRecord, "notice": NoticeRecord, "implementation": ImplementationRecord}
_OWN_FIELDS = {kind: {f.name for f in fields(cls)} - {"loc", "locs"} for kind, cls in RECORD_KINDS.items()}
_BASE_FIELDS = {f.name for f in fields(StepRecord)} - {"loc", "locs"}


def typed(record: StepRecord, kind: str) -> tuple[StepRecord, list[str]]:
    """The record as its step's kind has it (a canvass step's is the base record), and the keys written that it does not have."""
    if not isinstance(record, WrittenStep):
        return record, []
    cls = RECORD_KINDS.get(kind, StepRecord)
    names = _OWN_FIELDS.get(kind, _BASE_FIELDS)
    stray = [a for a in record.locs if not a.endswith(":key") and a not in names]
    return cls(loc=record.loc, locs=record.locs, **{n: record.__dict__[n] for n in names}), stray


@dataclass(kw_only=True)
class ProjectFile(Located):
    id: str
    title: str
    procedure: str
    matter: str
    basis: str
    origin: str
    place: str
    budget: Budget | None
    contractor: str
    implementer: str
    schedule: Schedule | None
    households: RegisterRef | None
    steps: list[StepRecord]
    objections: list[Objection]
    exclusions: list[Excluded]

    @property
    def frozen_scope(self) -> tuple[StepRecord, FrozenScope] | None:
        """The scope the canvass was judged by when a later step first used it, and that step's record."""
        return next(((r, r.scope) for r in self.steps if r.scope is not None), None)

    corrections: list[Correction]


_COUNT = Int(minimum=0, maximum=10_000_000)
_AREA = Money(what=N_("floor area in m²"), example="8650.25")


STEP_RECORD = Record(
    cls=WrittenStep,
    title="step record",
    fields={
        "step": Field(Str(), "Which step of the procedure this records, e.g. branch", required=True, example="branch"),
        "date": Field(Date(), "When it happened (YYYY-MM-DD)", required=True, example="2024-03-22"),
        "place": Field(Str(), "Where the meeting was held", default=""),
        "members": Field(_COUNT, "应到: members entitled to attend", default=None),
        "present": Field(_COUNT, "实到: members present", default=None),
        "for": Field(_COUNT, "同意: votes for", attr="votes_for", default=None),
        "against": Field(_COUNT, "反对: votes against", default=None),
        "abstain": Field(_COUNT, "弃权: abstentions", default=None),
        "households": Field(_COUNT, "户数: households entitled (村民会议 counted by household representatives)", default=None),
        "households_present": Field(_COUNT, "到会户数: households represented", default=None),
        "area": Field(_AREA, "Owners' meetings: exclusive floor area of all owners, m²", default=None),
        "area_present": Field(_AREA, "Owners' meetings: floor area of the owners taking part, m²", default=None),
        "area_for": Field(_AREA, "Owners' meetings: floor area of the owners in favour, m²", default=None),
        "representatives": Field(
            _COUNT,
            "村民代表: the representatives among the members (at least 4/5 of a 村民代表会议; land contracting: two thirds of them must agree)",
            default=None,
        ),
        "representatives_for": Field(
            _COUNT, "村民代表同意: the representatives' own votes for, never more than the representatives (land contracting counts only these)", default=None
        ),
        "nonvoting": Field(
            _COUNT,
            "列席: attended without a vote (预备党员, those under 留党察看): kept apart, never counted in members (应到), present or the votes",
            default=None,
        ),
        "form": Field(Str(), "Which form of the step was held, e.g. villagers (村民会议) instead of representatives", default=""),
        "merges": Field(ListOf(Str()), "Earlier steps this meeting also served as (一肩挑: branch proposal held with the two committees)", default=[]),
        "merged": Field(
            ListOf(
                Record(
                    cls=MergedCounts,
                    title="merged step's counts",
                    fields={
                        "step": Field(Str(), "The step merged, e.g. branch", required=True),
                        "members": Field(_COUNT, "应到: that step's own members (the 支委)", required=True),
                        "present": Field(_COUNT, "实到: members present", required=True),
                        "for": Field(_COUNT, "同意: votes for", attr="votes_for", required=True),
                        "against": Field(_COUNT, "反对: votes against", default=None),
                        "abstain": Field(_COUNT, "弃权: abstentions", default=None),
                    },
                )
            ),
            "一肩挑: the counts of each merged step, judged by that step's own rule",
            default=[],
        ),
        "result": Field(
            Enum(values=RESULTS, aliases=(("通过", "passed"), ("未通过", "failed"))),
            "passed or failed; fourtwo recomputes it from the counts",
            default="",
        ),
        "minutes": Field(Str(), "The minutes (会议记录), a path relative to the project folder", default=""),
        "note": Field(Str(multiline=True), "Anything worth keeping with the record", default=""),
        "scope": Field(
            FROZEN_SCOPE,
            "Written by the command that records the first step after the canvass: the households the rate was counted against then; "
            "later steps and notices are judged by it, whatever the register says since",
            default=None,
        ),
        "withdrawn": Field(Bool(), "The record was made by mistake and withdrawn (fourtwo correct withdraw): kept as history, never judged", default=False),
        "period_start": Field(Date(), "Notices: first day posted", default=None),
        "period_end": Field(Date(), "Notices: last day posted", default=None),
        "digest": Field(Str(), "Notices: sha256 of the notice's facts document (what it states), printed on it, for `fourtwo verify`", default=""),
        "facts": Field(Str(), "Notices: the facts document beside the notice (every fact it states, as JSON), relative to the project folder", default=""),
        "files": Field(ListOf(Str()), "Notices: the archived files, relative to the project folder", default=[]),
        "file_digests": Field(
            ListOf(Str(pattern=r"sha256:[0-9a-f]{64}", pattern_hint=N_("sha256: and 64 hex digits"))),
            "Notices: sha256 of each archived file as written, in the order of `files`; `fourtwo check` compares",
            default=[],
        ),
        "with_households": Field(Bool(), "Notices: a masked list of households was included", default=False),
        "milestones": Field(Str(multiline=True), "Progress notices: the milestones reached so far", default=""),
        "spent": Field(Money(), "Progress notices: spending to date in yuan", default=None),
        "next_steps": Field(
            Str(multiline=True), "Progress notices: what comes next; implementation: what happens after a failed acceptance or an overrun", default=""
        ),
        "disclosed_problems": Field(
            Bool(), "Result and progress notices: published stating a failed or missing acceptance (未验收), or spending over budget", default=False
        ),
        "cost": Field(Money(), "Implementation: actual cost in yuan", default=None),
        "audited": Field(Money(), "Implementation: the audited amount in yuan (审计金额), where there is one", default=None),
        "started": Field(Date(), "Implementation: the day the work actually started", default=None),
        "accepted": Field(Date(), "Implementation: the day it was inspected and accepted or not (验收日期)", default=None),
        "contractor": Field(Str(), "Implementation: who carried the work out (施工单位)", default=""),
        "accepted_by": Field(Str(), "Implementation: who inspected and accepted it (验收)", default=""),
        "acceptance": Field(
            ACCEPTANCE,
            "Implementation: the acceptance verdict",
            default="",
        ),
    },
)


@dataclass(kw_only=True)
class Objection(Located):
    """An objection raised during a notice period, and the answer given."""

    number: int | None
    date: dt.date | None
    by: str  # kept in the record, never printed on a public notice
    text: str
    answer: str
    answered: dt.date | None


OBJECTION = Record(
    cls=Objection,
    title="objection",
    fields={
        "number": Field(Int(minimum=1), "1, 2, 3 ... in the order raised", required=True),
        "date": Field(Date(), "When it was raised", required=True),
        "by": Field(Str(), "Who raised it (kept, never printed on a notice)", default=""),
        "text": Field(Str(multiline=True), "What was objected", required=True),
        "answer": Field(Str(multiline=True), "The answer given", default=""),
        "answered": Field(Date(), "When it was answered", default=None),
    },
)

PROJECT = Record(
    cls=ProjectFile,
    title="fourtwo project (project.yaml)",
    description="One decision under 四议两公开: what it is, and the record of each step.",
    fields={
        "id": Field(Str(), "Same as the folder name, e.g. 2024-hongmeiyuan-activity-area", required=True, example="2024-hongmeiyuan-activity-area"),
        "title": Field(Str(), "The matter in a few words; notices read 关于{title}的公示", required=True, example="红梅园小区居民活动场地改造"),
        "procedure": Field(Str(), "village, community, or a procedure in procedures/; default from fourtwo.yaml", default=""),
        "matter": Field(Str(multiline=True), "What is to be decided, as residents will read it", default=""),
        "basis": Field(Str(multiline=True), "Why and on what basis (依据)", default=""),
        "origin": Field(Str(multiline=True), "How the matter was raised (e.g. 居民通过“网格有约”议事厅反映)", default=""),
        "place": Field(Str(), "Where the work is done", default=""),
        "budget": Field(
            Record(
                cls=Budget,
                title="budget",
                fields={
                    "amount": Field(Money(), "Budget in yuan, at most two decimals", default=None),
                    "funding": Field(Str(), "Source of funds, e.g. 为民服务和发展专项资金", default=""),
                },
            ),
            "Budget and its funding source",
            default=None,
        ),
        "contractor": Field(Str(), "Who carries the work out (施工单位)", default=""),
        "implementer": Field(
            Str(),
            "实施主体: who organises the work, as notices name it, e.g. 解放西街街道办事处; the committee of fourtwo.yaml when absent",
            default="",
        ),
        "schedule": Field(
            Record(
                cls=Schedule,
                title="schedule",
                fields={
                    "start": Field(Date(), "Planned start", default=None),
                    "end": Field(Date(), "Planned completion", default=None),
                },
            ),
            "Planned start and completion",
            default=None,
        ),
        "households": Field(
            Record(
                cls=RegisterRef,
                title="households",
                fields={
                    "register": Field(Str(), "The household register, relative to the workspace", required=True, example="households/hongmeiyuan.csv"),
                    "buildings": Field(ListOf(Str()), "Only these buildings (楼栋) are in scope; all when absent", default=[]),
                    "exclude_status": Field(ListOf(Str()), "Households with these statuses are out of scope, e.g. [空置]; none by default", default=[]),
                },
            ),
            "The households concerned, for the canvass",
            default=None,
        ),
        "steps": Field(ListOf(STEP_RECORD), "The record of each step, in the order taken", default=[]),
        "objections": Field(ListOf(OBJECTION), "Objections raised during notice periods, and their answers", default=[]),
        "exclusions": Field(
            ListOf(EXCLUDED),
            "Households left out of the canvass, each with its reason and the day it was decided ('fourtwo canvass exclude'); notices state them",
            default=[],
        ),
        "corrections": Field(ListOf(CORRECTION), "What `fourtwo correct` changed in the records: old and new value, reason and day", default=[]),
    },
)


@dataclass
class Project:
    """A loaded project: its folder, its file and the procedure it follows."""

    folder: Path
    data: ProjectFile
    procedure_id: str
    folders: frozenset[str] | None = None  # the folders in its folder when loading looked (None: not looked)

    @property
    def file(self) -> Path:
        return self.folder / PROJECT_FILE

    @property
    def id(self) -> str:
        return self.data.id or self.folder.name
