"""What the public board shows of one judged workspace, as values the site templates print.

Everything comes from the records through the same context the notices use
(fourtwo.disclosure.context), so a figure on the site is the figure on the paper.
Nothing per household: the canvass is its totals and, by building, how many households
were heard (never their opinions, which a small building would give away).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from fourtwo.checks.archived import printed_digest
from fourtwo.deliberation.timeline import Status, StepState
from fourtwo.disclosure.address import notice_page
from fourtwo.disclosure.archive import standing
from fourtwo.disclosure.context import NoticeContext, file_digest, file_digest_bytes, trace_code
from fourtwo.disclosure.notice import build
from fourtwo.disclosure.privacy import masked, unmasked
from fourtwo.files.limits import MAX_NOTICE_BYTES, Unreadable, read_limited
from fourtwo.files.publictext import HTML_SUFFIXES, Unscannable, active_content, public_texts
from fourtwo.files.reading import NotRegular, Outside, real
from fourtwo.files.safepath import id_problem, link, name_problem, site_name
from fourtwo.findings import Loc
from fourtwo.findings.errors import InputError
from fourtwo.i18n import translations
from fourtwo.judge import Judgement
from fourtwo.model.project import MeetingRecord, NoticeRecord, Project
from fourtwo.render import cn_range

STAGES = (("notice", "公示中"), ("canvass", "入户征求意见中"), ("deliberation", "议事中"), ("implementing", "实施中"), ("done", "已完成"))
STATUS = {
    Status.PASSED: "通过",
    Status.FAILED: "未通过",
    Status.DONE: "已完成",
    Status.SHORT: "进行中",
    Status.MISSING: "未进行",
    Status.INVALID: "记录有误",
}
KIND_NAMES = {"resolution": "决议公示", "result": "实施结果公示", "progress": "实施进展公示"}
_WRAP = re.compile(r"\s*\n\s*")


@dataclass(frozen=True)
class TimelineEntry:
    name: str
    body: str
    date: str
    status: str
    detail: str


@dataclass(frozen=True)
class BuildingBar:
    """One building's coverage: households in scope, heard, and the share (no opinions)."""

    name: str
    households: int
    heard: int
    percent: str
    width: int  # of the bar, in tenths of a percent of the full width (for drawing only)


@dataclass(frozen=True)
class ArchivedFile:
    name: str
    href: str  # relative to the project's page (its folder beside it); '' when not on the site
    intact: bool  # its bytes are those recorded when it was published
    note: str = ""
    path: str = ""  # relative to the site's root; '' when not on the site
    lost: str = ""  # "missing": not there; "unverifiable": its record keeps no digest of it


@dataclass
class NoticeInfo:
    trace: str
    digest: str
    kind: str  # 决议公示
    title: str
    date: str
    period_start: str
    period_end: str
    period_length: int
    period_unit: str
    records_match: bool
    changes: list[str]  # what the records now give otherwise than the notice states, in Chinese
    files: list[ArchivedFile]
    page: str  # n/1A2B-3C4D.html, relative to the site's root
    org: str = ""
    project_title: str = ""
    project_href: str = ""  # relative to the site's root
    replaced: bool = False  # a later posting of its kind replaced it (StepState.superseded_by)
    newer_trace: str = ""  # that posting's trace code, date and page, where it has a digest
    newer_date: str = ""
    newer_page: str = ""
    site_url: str = ""  # the site's address when it was posted (its QR code's), as its facts document keeps it

    @property
    def matches(self) -> bool:
        return self.records_match and all(f.intact for f in self.files)

    @property
    def missing(self) -> bool:
        return any(f.lost == "missing" for f in self.files)

    @property
    def unverifiable(self) -> bool:
        return any(f.lost == "unverifiable" for f in self.files)

    @property
    def superseded(self) -> bool:
        """History: true on its day, replaced by a later posting (its archive still intact)."""
        return self.replaced and all(f.intact for f in self.files)


@dataclass
class ProjectInfo:
    id: str
    slug: str  # the organisation's folder in the site
    title: str
    stage: str
    stage_name: str
    days_left: int
    latest: str  # the latest date in its records (ISO)
    notice: NoticeContext  # the project as its latest notice would print it
    timeline: list[TimelineEntry]
    buildings: list[BuildingBar]
    objections: list[tuple[int, str, str, str, str]]  # number, date, text, answer, answered (masked)
    notices: list[NoticeInfo]
    copies: dict[str, bytes] = field(default_factory=dict)  # archived files to put on the site, by name

    @property
    def href(self) -> str:
        # A page per project beside the organisation's index, not a folder each: on a slow disk
        # creating a folder costs more than rendering its page (docs/performance.md).
        return site_name(self.slug, f"{self.id}.html")


def org_slug(root: Path, name: str) -> str:
    """The organisation's folder in the site: the workspace folder's name when it is a plain
    one (beiyuan), else a short hash of the organisation's name (stable, and no Chinese in
    a URL a phone has to escape)."""
    plain = root.name.lower()
    if re.fullmatch(r"[a-z0-9][a-z0-9._-]{0,63}", plain):
        return plain
    return "org-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]


def project_info(judged: Judgement, project: Project, slug: str, today: dt.date, allowed: set[str]) -> ProjectInfo:
    why = id_problem(project.id)
    if why is not None:
        # an id names the project's page and folder on the site: one that is not an id could
        # lead outside it (../) or become a link of another scheme (javascript:)
        raise InputError("FT207", project.data.at("id"), id=project.id, why=why)
    states = judged.timeline(project) or []
    has_result = any(s.step.kind == "implementation" and s.implementations for s in states)
    kind = "result" if has_result else "resolution"
    blank = NoticeRecord(loc=Loc(project.folder), step="", date=None, period_start=None, period_end=None, files=[])
    context = build(judged, project, kind, blank)
    stage, days = _stage(states, today)
    dates = [r.date for s in states for r in s.records if r.date] + [c for s in states if s.coverage and (c := s.coverage.last_contact)]
    info = ProjectInfo(
        id=project.id,
        slug=slug,
        title=project.data.title or project.id,
        stage=stage,
        stage_name=dict(STAGES)[stage],
        days_left=days,
        latest=max(dates).isoformat() if dates else "",
        notice=context,
        timeline=[_entry(s, any(later.recorded for later in states[i + 1 :])) for i, s in enumerate(states)],
        buildings=_buildings(judged, project),
        objections=[
            (
                o.number or 0,
                o.date.isoformat() if o.date else "",
                mask_text(o.text, allowed),
                mask_text(o.answer, allowed),
                o.answered.isoformat() if o.answered else "",
            )
            for o in project.data.objections
        ],
        notices=[],
    )
    posted = [(record.date, n, state, record) for n, state in enumerate(states) if state.step.kind == "notice" for record in state.notices if record.digest]
    for _, _, state, record in posted:
        notice, stated = _notice(judged, project, state, record, info)
        info.notices.append(notice)
        if record is max(posted, key=lambda p: (p[0] or dt.date.min, p[1]))[3] and stated.canvass is not None:
            # the opinions the page gives are those the latest notice gives, from the same facts
            info.notice = replace(info.notice, canvass=stated.canvass)
    return info


def _stage(states: list[StepState], today: dt.date) -> tuple[str, int]:
    """Where the project stands on `today`, and the days left of an open notice period."""
    notices = [(s.step.notice, r) for s in states if s.step.kind == "notice" for r in s.notices]
    ends = [r.period_end for _, r in notices if r.period_start and r.period_end and r.period_start <= today <= r.period_end]
    if ends:
        return "notice", (max(ends) - today).days + 1
    if any(kind == "result" for kind, _ in notices):
        return "done", 0
    if notices or any(s.step.kind == "implementation" and s.implementations for s in states):
        return "implementing", 0
    if any(s.step.kind == "canvass" and s.status is Status.SHORT for s in states):
        return "canvass", 0
    return "deliberation", 0


def _entry(state: StepState, passed_by: bool) -> TimelineEntry:
    """One step on the project's page; an optional step not taken is not applicable once a later one is recorded."""
    latest = state.latest
    detail = ""
    if state.step.kind == "meeting" and isinstance(latest, MeetingRecord):
        detail = f"应到{latest.members or 0}人，实到{latest.present or 0}人，同意{latest.votes_for or 0}人"
    elif state.step.kind == "canvass" and state.coverage and state.coverage.total:
        cov = state.coverage
        heard = "已入户" if cov.channels == ("in_person",) else "已征求意见"  # a phone call is never 入户
        detail = f"应征求{cov.total}户，{heard}{cov.visited}户（{cov.percent()}）"
    elif state.step.kind == "notice" and state.notices:
        n = state.notices[-1]
        if n.period_start and n.period_end:
            detail = f"公示期{cn_range(n.period_start, n.period_end)}"
    elif state.step.kind == "implementation" and state.implementations:
        record = state.implementations[-1]
        detail = {"passed": "验收合格", "failed": "验收不合格"}.get(record.acceptance, "")
    date = latest.date.isoformat() if latest is not None and latest.date else ""
    if state.step.kind == "canvass" and state.coverage and state.coverage.last_contact:
        date = state.coverage.last_contact.isoformat()
    status = STATUS[state.status]
    if state.step.optional and state.status is Status.MISSING:
        status = "不适用" if passed_by else "可选"
    return TimelineEntry(state.step.name, state.step.body, date, status, detail)


def _buildings(judged: Judgement, project: Project) -> list[BuildingBar]:
    cov = judged.coverage(project)
    if cov is None or not cov.total:
        return []
    bars = []
    for name, tally in sorted(cov.by_building.items(), key=lambda kv: _natural(kv[0])):
        if not tally.total:
            continue  # heard but outside the register's scope: counted nowhere on a notice either
        bars.append(BuildingBar(name, tally.total, tally.visited, cov.percent(tally.visited, tally.total), tally.visited * 1000 // tally.total))
    return bars


def _natural(name: str) -> tuple[tuple[int, str], ...]:
    """Building 2 before building 10."""
    return tuple((int(part), "") if part.isdigit() else (0, part) for part in re.split(r"(\d+)", name) if part)


def _notice(judged: Judgement, project: Project, state: StepState, record: NoticeRecord, info: ProjectInfo) -> tuple[NoticeInfo, NoticeContext]:
    kind = state.step.notice
    judged_now = standing(judged, project, kind, record)
    context = build(judged, project, kind, record, judged_now.settings)
    archived = [(name, record.file_digests[n] if n < len(record.file_digests) else "") for n, name in enumerate(record.files)]
    facts = [(record.facts, record.digest)] if record.facts else []  # the facts document too: anyone may check it
    files = [_archived(project, record, name, recorded, info, facts=name == record.facts) for name, recorded in archived + facts]
    trace = trace_code(record.digest)
    newer = state.superseded_by(record)
    printed = next((d for name in record.files if (d := printed_digest(judged, project.folder / name)) and d != record.digest), "")
    newer_trace = trace_code(newer.digest) if newer is not None and newer.digest else ""
    return NoticeInfo(
        trace=trace,
        digest=record.digest,
        kind=KIND_NAMES.get(kind, kind),
        title=context.title,
        date=context.date,
        period_start=context.period_start,
        period_end=context.period_end,
        period_length=context.period_length,
        period_unit=context.period_unit,
        records_match=judged_now.matches and not printed,
        changes=([f"张贴的公示印的核验码是 {trace_code(printed)}，记录现在的核验码是 {trace}：公示发布后，记录被改写过"] if printed else [])
        + ([] if newer is not None else [d.sentence(translations("zh").gettext) for d in judged_now.differences]),
        files=files,
        page=notice_page(trace),
        org=context.organisation,
        project_title=info.title,
        project_href=info.href,
        replaced=newer is not None,
        newer_trace=newer_trace,
        newer_date=newer.date.isoformat() if newer is not None and newer.date else "",
        newer_page=notice_page(newer_trace) if newer_trace else "",
        site_url=judged_now.settings.site_url,
    ), context


# Why an archived file is listed but not put on the web, as its line on the project's page says.
NOT_ON_WEB = {
    "households": "附已入户住户名单，仅在公示栏张贴",
    "changed": "发布后被改动，未放到网上",
    "unverifiable": "记录中没有发布时的文件摘要，无法核对，未放到网上",
    "active": "含有脚本或外部链接，未放到网上",
    "unscannable": "无法检查其中的个人信息，未放到网上",
    "name": "文件名不能用于网页，未放到网上",
}


def _archived(project: Project, record: NoticeRecord, name: str, recorded: str, info: ProjectInfo, facts: bool = False) -> ArchivedFile:
    """One archived file of a notice, and whether it goes on the site: only a file that is still
    as published, that can be read whole for personal data and that runs nothing is copied;
    the others are listed with the reason (the build scans what is copied once more)."""
    path = real(project.folder / name)
    shown = Path(name).name
    try:
        if not path.is_relative_to(real(project.folder)):
            raise FileNotFoundError(name)
        data = read_limited(path, MAX_NOTICE_BYTES)
    except (Unreadable, NotRegular, Outside):
        return ArchivedFile(shown, "", False, NOT_ON_WEB["unscannable"])
    except OSError:
        return ArchivedFile(shown, "", False, "存档文件缺失", lost="missing")
    intact = bool(recorded) and _digest_of(path.name, data) == recorded  # no digest kept: nothing says it is as published
    why = ""
    if record.with_households:
        why = "households"  # the annex lists households by id: posted on the board, not put on the web
    elif not recorded:
        return ArchivedFile(shown, "", False, NOT_ON_WEB["unverifiable"], lost="unverifiable")
    elif not intact:
        why = "changed"
    elif name_problem(path.name):
        why = "name"
    else:
        try:
            public_texts(path.name, data)
            if path.suffix.lower() in HTML_SUFFIXES and active_content(data.decode("utf-8", "replace")):
                why = "active"
        except Unscannable:
            why = "unscannable"
    if why:
        return ArchivedFile(shown, "", intact, NOT_ON_WEB[why])
    info.copies[path.name] = data
    return ArchivedFile(path.name, link(site_name(info.id, path.name)), intact, "公示所载事实的存档" if facts else "", site_name(info.slug, info.id, path.name))


def _digest_of(name: str, data: bytes) -> str:
    """An archived file's digest as publish computed it: of the text for text formats, of
    the bytes for binary ones (PDF)."""
    if name.lower().endswith(".pdf"):
        return file_digest_bytes(data)
    try:
        return file_digest(data.decode("utf-8"))
    except UnicodeDecodeError:
        return "not text"


def mask_text(text: str, allowed: set[str]) -> str:
    """A resident's text as the site shows it, every full phone or ID number masked: first
    those within a line, then those a line break splits (the breaks joined, as a wrapped
    line is read); otherwise line breaks become spaces."""
    text = _mask(text.strip(), allowed)
    joined = _JOIN.sub("", text)
    if unmasked(joined, allowed):
        return _mask(joined, allowed)
    return _WRAP.sub(" ", text)


def _mask(text: str, allowed: set[str]) -> str:
    found = [(offset, value) for _, value, offset in unmasked(text, allowed)]
    for offset, value in sorted(found, reverse=True):
        if offset > 0 and text[offset - 1] in "+＋":
            offset -= 1  # +86 … is read from its digits: the plus goes with them
        end, seen = offset, ""
        while end < len(text) and not seen.upper().endswith(value.upper()):
            char = text[end].translate(_FULL_WIDTH)
            seen += char if char.isdigit() or char in "Xx" else ""
            end += 1
        text = text[:offset] + masked(value) + text[end:]
    return text


_JOIN = re.compile(r"\n[ \t\u3000]*")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789Xx")
