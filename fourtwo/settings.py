"""Filling in or correcting the workspace's settings (`fourtwo correct workspace`), spliced into fourtwo.yaml.

Settings are not recorded facts: no history is kept for them here, and a notice keeps with
it the settings it used. A value that would not load (a site address that is not one) is
refused before anything is written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fourtwo.checks.corrections import value_term
from fourtwo.correct import Changed, Value, rendered, shown
from fourtwo.files.atomic import atomic_write_bytes, locked
from fourtwo.files.layout import WORKSPACE_FILE, find_root
from fourtwo.files.reading import real
from fourtwo.files.yamledit import Source, append_to_list, set_value, verify_text
from fourtwo.findings import Severity
from fourtwo.findings.errors import FindingsError, InputError
from fourtwo.i18n import T, Term
from fourtwo.load import open_workspace
from fourtwo.model.workspace import WORKSPACE

# The settings of fourtwo.yaml a command fills in or corrects: key → what a clerk calls it.
SETTINGS = {
    "notice.hotline": "监督电话",
    "notice.posting_place": "公示地点",
    "notice.objection_place": "异议受理地点",
    "notice.office_hours": "异议受理时间",
    "notice.supervision_review": "监督委员会事先审查",
    "notice.period": "公示期",
    "notice.unit": "公示期计算方式",
    "organisation.name": "组织名称",
    "organisation.region": "所在地区",
    "party_organisation.secretary": "党组织书记",
    "committee.director": "委员会主任",
    "supervision_committee.chair": "监督委员会主任",
    "supervision_committee.phone": "监督委员会电话",
    "site.url": "公开网站地址",
    "site.folder": "公开网站文件夹",
}


@dataclass(frozen=True)
class HolidayYear:
    """A year's days off and make-up working days as the State Council's notice lists them
    (None: that list as it is)."""

    year: int
    days_off: list[dt.date] | None = None
    working_days: list[dt.date] | None = None


def set_settings(start: Path, wanted: dict[str, Value], holidays: HolidayYear | None = None) -> list[Changed]:
    """Fill in or correct settings of the workspace at or above `start` (fourtwo.yaml), spliced as
    project.yaml is, and a year of its holiday calendar. Settings are not recorded facts: a
    notice keeps those it used with it."""
    root = find_root(start)
    if root is None:
        raise InputError("FT902", path=start)
    path = root / WORKSPACE_FILE
    with locked(root):
        model, findings = open_workspace(root)  # the settings alone: no project is read
        broken = [  # but a value of a key set here (empty, of the wrong kind, out of bounds): this command is how it is put right
            f for f in findings if f.severity is Severity.ERROR and real(f.path) == real(path) and f.args.get("key") not in wanted
        ]
        if broken:
            raise FindingsError(broken)
        # a value that did not load is the default in the model: what the file says is in the finding
        fixing = {f.args["key"]: f.args.get("value", "") for f in findings if real(f.path) == real(path) and f.args.get("key") in wanted}
        source = Source(path)
        text, done = source.text, []
        settings = model.workspace.settings
        for key, new in wanted.items():
            section, name = key.split(".")
            if key == "site.folder" and any(len(p.encode()) > 255 for p in Path(str(new)).parts):
                raise InputError("FT905", what=Term(key, SETTINGS[key]), value=str(new)[:60] + "…", hint=T("a name in it is longer than 255 bytes"))
            holder = getattr(settings, section, None)
            old = getattr(holder, "head" if name in ("secretary", "director", "chair") else name, None) if holder is not None else None
            old = fixing.get(key, old)
            if shown(old) != shown(new) or key in fixing:
                edited = set_value(text, path, [section, name], rendered(new))
                problem = _settings_problem(edited, path, set(wanted) - {key})
                if problem:
                    raise InputError("FT905", what=Term(key, SETTINGS[key]), value=shown(new), hint=problem)
                text = edited
                done.append(Changed(Term(key, SETTINGS[key]), value_term(key, shown(old)), value_term(key, shown(new))))
        if holidays is not None:
            text = _set_year(text, path, settings.holidays, holidays, done)
        if not done:
            raise InputError("FT905", what=T("the correction"), value=T("(no change)"), hint=T("fourtwo.yaml already says so: give the values that are wrong"))
        verify_text(text, path, WORKSPACE)
        atomic_write_bytes(path, source.encode(text))
    return done


def _settings_problem(text: str, path: Path, also_set: set[str]) -> str:
    """Why fourtwo.yaml with a value set would not load (a site address that is not one), or '';
    a value of `also_set`, the keys the same command sets too, is not yet what it will be."""
    from fourtwo.files import yamlio
    from fourtwo.files.spec import Ctx

    doc, findings = yamlio.parse(text, path)
    ctx = Ctx(path)
    if doc is not None:
        WORKSPACE.convert(doc.root, ctx, "")
    errors = [f for f in findings + ctx.findings if f.severity is Severity.ERROR and f.args.get("key") not in also_set]
    if not errors:
        return ""
    return f"{errors[0].message}; {errors[0].hint}" if errors[0].hint else errors[0].message


def _set_year(text: str, path: Path, declared: list[Any], wanted: HolidayYear, done: list[Changed]) -> str:
    """fourtwo.yaml with the year declared under `holidays:` (its first declaration, as it is
    used; else a new one), refused when it would count a day wrongly: a day of another year,
    a day both off and worked, a fixed statutory holiday (元旦, 劳动节, 国庆节) left out."""
    from fourtwo.disclosure.period import missing_fixed

    index = next((n for n, y in enumerate(declared) if y.year == wanted.year), None)
    old = declared[index] if index is not None else None
    off = wanted.days_off if wanted.days_off is not None else list(old.days_off if old else [])
    working = wanted.working_days if wanted.working_days is not None else list(old.working_days if old else [])
    what = T("holidays of {year}", year=wanted.year)
    stray = next((d for d in [*off, *working] if d.year != wanted.year), None)
    if stray is not None:
        raise InputError("FT905", what=what, value=stray, hint=T("give the days of {year} only: each year is declared on its own", year=wanted.year))
    both = sorted(set(off) & set(working))
    if both:
        raise InputError("FT905", what=what, value=both[0], hint=T("a day is either off or worked: take it out of --days-off or --working-days"))
    missing, basis = missing_fixed(wanted.year, frozenset(off))
    if missing:
        named = "、".join(f"{d.month}月{d.day}日" for d in missing)
        raise InputError("FT905", what=what, value=named, hint=T("these are days off by law ({basis}): add them to --days-off", basis=basis))
    off, working = sorted(set(off)), sorted(set(working))
    if index is None:
        text = append_to_list(text, path, "holidays", [("year", str(wanted.year)), ("days_off", _days(off)), ("working_days", _days(working))])
    else:
        for key, days in (("days_off", off), ("working_days", working)):
            if getattr(old, key) != days:
                text = set_value(text, path, ["holidays", index, key], _days(days))
    for key, days, word in (("days_off", off, "放假日期"), ("working_days", working, "调休上班日期")):
        was = list(getattr(old, key)) if old is not None else None
        if was != days:
            shown_was = "、".join(d.isoformat() for d in was) if was else ""
            done.append(Changed(Term(f"holidays.{wanted.year}.{key}", f"{wanted.year}年{word}"), shown_was, "、".join(d.isoformat() for d in days)))
    return text


def _days(days: list[dt.date]) -> str:
    """Dates as a YAML flow list, read back as dates: [2027-01-01, 2027-01-02]."""
    return "[" + ", ".join(d.isoformat() for d in days) + "]"
