"""Checks of fourtwo.yaml: a procedure that exists, and what every notice will need."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from fourtwo.checks.registry import per_workspace
from fourtwo.disclosure.period import missing_fixed
from fourtwo.files.layout import SCHEMA_DIR
from fourtwo.files.limits import MAX_TEMPLATE_BYTES, Unreadable, read_limited
from fourtwo.files.reading import unreadable
from fourtwo.findings import Diagnostic, Loc, diag
from fourtwo.findings.printers import display_path
from fourtwo.i18n import T, Term
from fourtwo.judge import Judgement
from fourtwo.model.procedure import listed as listed_procedures
from fourtwo.model.workspace import ORGANISATION_NAMES


@per_workspace
def default_procedure_known(judged: Judgement) -> Iterator[Diagnostic]:
    model = judged.model
    s = model.workspace.settings
    if s.procedure and s.procedure not in model.procedures:
        yield diag("FT107", s.at("procedure"), name=s.procedure, known=listed_procedures(model.procedures))
    proc = model.procedures.get(model.workspace.default_procedure)
    if proc and s.organisation.kind and proc.kind != s.organisation.kind:
        yield diag(
            "FT205", s.at("procedure"), key="procedure", value=proc.term, kind=Term(s.organisation.kind, ORGANISATION_NAMES.get(s.organisation.kind, ""))
        )


@per_workspace
def timezone_known(judged: Judgement) -> Iterator[Diagnostic]:
    """A zone the machine cannot find would silently fall back to China's day: say so."""
    zone = judged.model.workspace.settings.timezone
    if not zone:
        return
    import zoneinfo

    try:  # a zone that loads is known: listing every zone costs 15 ms a workspace
        zoneinfo.ZoneInfo(zone)
        return
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        pass
    known = zoneinfo.available_timezones()
    if known and zone not in known:  # no zone data at all (Windows without tzdata): nothing to judge by
        close = difflib.get_close_matches(zone, known, n=1)
        yield diag("FT220", judged.model.workspace.settings.at("timezone"), zone=zone, close=T(" (did you mean {close}?)", close=close[0]) if close else "")


@per_workspace
def holiday_years(judged: Judgement) -> Iterator[Diagnostic]:
    """A declared holiday year decides every working-day period in it: a day in two lists, a
    day of another year, or a year declared twice would count days wrongly without a word."""
    seen: set[int] = set()
    for y in judged.model.workspace.settings.holidays:
        if y.year in seen:
            yield diag("FT643", y.at("year"), year=y.year)
        seen.add(y.year)
        for key in ("days_off", "working_days"):
            for day in getattr(y, key):
                if day.year != y.year:
                    yield diag("FT642", y.at(key), day=day, year=y.year)
        for day in sorted(set(y.days_off) & set(y.working_days)):
            yield diag("FT641", y.at("working_days"), day=day, year=y.year)
        missing, basis = missing_fixed(y.year, frozenset(y.days_off))
        if missing:
            yield diag("FT661", y.at("days_off"), year=y.year, days="、".join(f"{d.month}月{d.day}日" for d in missing), basis=basis)


@per_workspace
def notice_contacts(judged: Judgement) -> Iterator[Diagnostic]:
    """A notice without a supervision phone or a posting place cannot be posted as required."""
    notice = judged.model.workspace.settings.notice
    if not notice.hotline:
        yield diag(
            "FT206",
            notice.key_at("hotline"),
            key=Term("notice.hotline", "监督电话"),
            why=T("every notice must say how to object"),
            where=T("fourtwo correct workspace {folder} --hotline 0951-6012345", folder=display_path(judged.model.workspace.root)),
        )
    if not notice.posting_place:
        yield diag(
            "FT206",
            notice.key_at("posting_place"),
            key=Term("notice.posting_place", "公示张贴地点"),
            why=T("a notice says where it is posted"),
            where=T("fourtwo correct workspace {folder} --posting-place 社区居务公开栏", folder=display_path(judged.model.workspace.root)),
        )


@per_workspace
def editor_schemas_current(judged: Judgement) -> Iterator[Diagnostic]:
    """After an upgrade the schemas in .fourtwo/ would mislead the editor; say so."""
    folder = judged.model.workspace.root / SCHEMA_DIR
    if not judged.model.complete or not folder.is_dir():
        return  # no schema written: nothing to mislead anyone
    from fourtwo import schema

    for kind in schema.SCHEMAS:
        path = folder / schema.schema_filename(kind)
        try:  # a regular file inside the workspace, of a schema's size: a FIFO or /dev/zero is never read
            current = read_limited(path, MAX_TEMPLATE_BYTES, judged.model.workspace.root).decode("utf-8", "replace") == schema.schema_text(kind)
        except FileNotFoundError:
            continue  # no schema written: nothing to mislead anyone
        except Unreadable as exc:
            yield exc.finding(Loc(path), path.name)
            continue
        except OSError as exc:  # a FIFO, a device, a link out: named, never opened
            yield unreadable(path, path.name, exc)
            continue
        if not current:
            yield diag("FT213", Loc(path), path=path.name, folder=SCHEMA_DIR)
