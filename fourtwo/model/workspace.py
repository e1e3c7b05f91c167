"""The workspace: fourtwo.yaml, who the organisation is and the defaults of its notices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from fourtwo.files.layout import WORKSPACE_FILE
from fourtwo.files.record import Record
from fourtwo.files.spec import Bool, Date, Enum, Field, Int, ListOf, Str
from fourtwo.files.values import DEFAULT_TIMEZONE, today
from fourtwo.findings.printers import display_path
from fourtwo.i18n import N_, T
from fourtwo.model import Located

ORGANISATION_KINDS = ("village", "community")
LANGUAGES = ("zh", "en")
LANGUAGE_ALIASES = (("中文", "zh"), ("英文", "en"))
KIND_ALIASES = (("村", "village"), ("社区", "community"))
ORGANISATION_NAMES = {"village": "村", "community": "社区"}
PERIOD_UNITS = ("calendar_days", "working_days")


@dataclass(kw_only=True)
class Organisation(Located):
    name: str
    kind: str
    region: str


@dataclass(kw_only=True)
class Body(Located):
    """An organ that acts or signs: party organisation, committee, supervision committee."""

    name: str
    head: str
    phone: str


@dataclass(kw_only=True)
class NoticeDefaults(Located):
    period: int
    unit: str
    hotline: str
    posting_place: str
    addressee: str
    signatories: list[str]
    supervision_signs_first: bool
    objection_place: str  # where objections are taken in person
    office_hours: str  # when that place takes them
    supervision_review: bool  # the supervision committee reviews each notice before it is posted


@dataclass(kw_only=True)
class SiteSettings(Located):
    """The public board (`fourtwo site`): where it is served, where it is built."""

    url: str
    folder: str


@dataclass(kw_only=True)
class HolidayYear(Located):
    """A year's days off and make-up working days (调休上班), as the State Council publishes them."""

    year: int
    days_off: list[dt.date]
    working_days: list[dt.date]


@dataclass(kw_only=True)
class ReportSettings(Located):
    """The street office's thresholds for `fourtwo report` (local practice, not law: docs/data.md)."""

    decision_notice_days: int
    implementation_days: int
    result_notice_days: int
    canvass_days: int
    objection_days: int
    stuck_days: int


class Declared(dict[int, tuple[frozenset[dt.date], frozenset[dt.date]]]):
    """year -> (days off, make-up working days): what the holiday calendar is told before its
    own data; `folder` is the workspace declaring them, as a hint that declares a year names it."""

    folder: str = "."


@dataclass(kw_only=True)
class WorkspaceFile(Located):
    version: int
    organisation: Organisation
    party_organisation: Body
    committee: Body
    supervision_committee: Body | None
    upper_party_organisation: Body | None
    procedure: str
    notice: NoticeDefaults
    language: str
    site: SiteSettings
    timezone: str
    holidays: list[HolidayYear]
    report: ReportSettings


def _body(title: str, head_key: str, head_desc: str, example: str) -> Record:
    return Record(
        cls=Body,
        title=title,
        fields={
            "name": Field(Str(), T("Full name as it appears on notices, e.g. {example}", example=example), required=True, example=example),
            head_key: Field(Str(), head_desc, attr="head", default=""),
            "phone": Field(Str(), "Office phone, printed on notices where this body is the contact", default=""),
        },
    )


ORGANISATION = Record(
    cls=Organisation,
    title="organisation",
    fields={
        "name": Field(Str(), "The community or village, e.g. 银川市兴庆区解放西街北苑社区", required=True, example="北苑社区"),
        "kind": Field(
            Enum(values=ORGANISATION_KINDS, aliases=KIND_ALIASES),
            "village (村, 村民委员会组织法) or community (社区, 城市居民委员会组织法)",
            required=True,
            example="community",
        ),
        "region": Field(Str(), "Province, city, district and street or township, for the record", default=""),
    },
)

NOTICE = Record(
    cls=NoticeDefaults,
    title="notice defaults",
    fields={
        "period": Field(Int(minimum=1, maximum=365), "How long a notice stays posted, in `unit`s (no national minimum; 7 is usual)", default=7),
        "unit": Field(
            Enum(values=PERIOD_UNITS, aliases=(("天", "calendar_days"), ("日", "calendar_days"), ("工作日", "working_days"))),
            "calendar_days, or working_days counted with the Chinese holiday calendar",
            default="calendar_days",
        ),
        "hotline": Field(Str(), "Supervision phone printed on every notice for objections", default=""),
        "posting_place": Field(Str(), "Where notices are posted, e.g. 北苑社区居务公开栏", default=""),
        "addressee": Field(Str(), "Whom notices address; defaults to 全体居民 or 全体村民", default=""),
        "signatories": Field(ListOf(Str()), "Who signs, in order; defaults to the party organisation then the committee", default=[]),
        "supervision_signs_first": Field(Bool(), "The supervision committee signs first (where local rules say so)", default=False),
        "objection_place": Field(
            Str(),
            "Where residents may object in person, e.g. 北苑社区党群服务中心一楼居务监督委员会办公室 (a notice needs this and office_hours, or a phone)",
            default="",
        ),
        "office_hours": Field(Str(), "When that place takes objections, e.g. 工作日8:30—17:30", default=""),
        "supervision_review": Field(
            Bool(),
            "The supervision committee reviews every notice before it is posted (村务/居务监督委员会事先审查): notices say so above its seal",
            default=False,
        ),
    },
)

# An absolute http(s) address with no query or fragment: notice pages are appended to it.
SITE_URL = r"https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?"

SITE = Record(
    cls=SiteSettings,
    title="public site",
    fields={
        "url": Field(
            Str(pattern=SITE_URL, pattern_hint=N_("an http(s) address such as https://example.org/board/")),
            "The public address the site built by `fourtwo site` is served at; notices then carry a QR code to their page",
            default="",
            example="https://beiyuan.example.org/",
        ),
        "folder": Field(
            Str(),
            "Where the site is built, outside the workspace (relative to it, e.g. ../beiyuan-site); `fourtwo check` scans it for personal data",
            default="",
        ),
    },
)

HOLIDAY_YEAR = Record(
    cls=HolidayYear,
    title="holiday year",
    fields={
        "year": Field(Int(minimum=2000, maximum=2200), "The year these days belong to", required=True, example="2027"),
        "days_off": Field(ListOf(Date()), "Every day off in the year's holidays, weekends inside them included (放假)", default=[]),
        "working_days": Field(ListOf(Date()), "Make-up working days on a weekend (调休上班)", default=[]),
    },
)

_DAYS = Int(minimum=0, maximum=36500)

REPORT = Record(
    cls=ReportSettings,
    title="report thresholds",
    fields={
        "decision_notice_days": Field(_DAYS, "Days from a decision passed to its notice posted (local practice: 7)", default=7),
        "implementation_days": Field(
            _DAYS, "Days from a notice period's end to the work done, where project.yaml plans no end (local practice: 365)", default=365
        ),
        "result_notice_days": Field(_DAYS, "Days from the work finished to its result notice (local practice: 30)", default=30),
        "canvass_days": Field(_DAYS, "Days a household canvass may stay open (local practice: 60)", default=60),
        "objection_days": Field(_DAYS, "Days to answer an objection (local practice: 5, as Shandong's rule)", default=5),
        "stuck_days": Field(_DAYS, "Days without a step before a project counts as stuck (local practice: 180)", default=180),
    },
)

WORKSPACE = Record(
    cls=WorkspaceFile,
    title="fourtwo workspace (fourtwo.yaml)",
    description="Who the organisation is and the defaults for its decisions and notices.",
    fields={
        "version": Field(Int(minimum=1, maximum=1), "Format version of this file", default=1),
        "organisation": Field(ORGANISATION, "The village or community that keeps this record", required=True),
        "party_organisation": Field(
            _body("party organisation", "secretary", N_("Secretary (书记)"), "中共北苑社区委员会"),
            "The village or community party organisation (党支部 / 社区党委)",
            required=True,
        ),
        "committee": Field(
            _body("committee", "director", N_("Director (主任); the same person as the secretary means 一肩挑"), "北苑社区居民委员会"),
            "The villagers' or residents' committee (村民委员会 / 居民委员会)",
            required=True,
        ),
        "supervision_committee": Field(
            _body("supervision committee", "chair", N_("Chair (主任)"), "北苑社区居务监督委员会"),
            "The supervision committee (村务 / 居务监督委员会) that checks notices",
            default=None,
        ),
        "upper_party_organisation": Field(
            _body("upper party organisation", "secretary", N_("Secretary (书记)"), "中共解放西街街道工作委员会"),
            "The street or township party organisation (街道党工委 / 乡镇党委), where a procedure has it review",
            default=None,
        ),
        "procedure": Field(Str(), "Default procedure of new projects: village or community, or one in procedures/", default=""),
        "notice": Field(NOTICE, "Defaults of the two public notices"),
        "language": Field(
            Enum(values=LANGUAGES, aliases=LANGUAGE_ALIASES),
            "Language of fourtwo's messages in this workspace: zh (中文) or en; default: the computer's locale. --lang and FOURTWO_LANG override it",
            default="",
        ),
        "site": Field(SITE, "The public site of every decision (`fourtwo site`, docs/site.md)"),
        "timezone": Field(
            Str(),
            "The time zone whose date is 'today' (the default --date, what is in the future), as the IANA names it",
            default=DEFAULT_TIMEZONE,
            example=DEFAULT_TIMEZONE,
        ),
        "holidays": Field(
            ListOf(HOLIDAY_YEAR),
            "Years the holiday calendar does not know yet: each year's days off and make-up working days, used before chinese-calendar's data",
            default=[],
        ),
        "report": Field(REPORT, "The street office's thresholds for `fourtwo report` (docs/data.md); --settings overrides them"),
    },
)


@dataclass(frozen=True)
class Workspace:
    """A loaded workspace: its folder and its settings, with defaults filled in."""

    root: Path
    settings: WorkspaceFile

    @property
    def file(self) -> Path:
        return self.root / WORKSPACE_FILE

    @property
    def kind(self) -> str:
        return self.settings.organisation.kind or "community"

    @property
    def default_procedure(self) -> str:
        return self.settings.procedure or self.kind

    def declared_holidays(self) -> Declared:
        """The years fourtwo.yaml declares (the first declaration of a year wins)."""
        return self._declared

    @cached_property
    def _declared(self) -> Declared:
        # once per workspace, not per notice: the settings are read once and never change
        # (the class is frozen), and the folder shown costs a realpath
        declared = Declared()
        declared.folder = display_path(self.root)
        for y in self.settings.holidays:
            declared.setdefault(y.year, (frozenset(y.days_off), frozenset(y.working_days)))
        return declared

    @property
    def zone(self) -> str:
        """The time zone the committee's days are counted in (fourtwo.yaml's timezone)."""
        return self.settings.timezone or DEFAULT_TIMEZONE

    def today(self) -> dt.date:
        """Today where the committee sits, not where the machine is."""
        return today(self.zone)


def addressee(ws: Workspace) -> str:
    return ws.settings.notice.addressee or ("全体村民" if ws.kind == "village" else "全体居民")


def signatories(ws: Workspace) -> list[str]:
    s = ws.settings
    if s.notice.signatories:
        return list(s.notice.signatories)
    names = [s.party_organisation.name, s.committee.name]
    if s.supervision_committee and s.notice.supervision_signs_first:
        names.insert(0, s.supervision_committee.name)
    return [n for n in names if n]
