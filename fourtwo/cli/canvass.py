"""`fourtwo canvass record|void|exclude|import|sheet|coverage`: the grid workers' and the clerk's daily work."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from fourtwo.cli._app import EXIT_FINDINGS, EXIT_OK, Group, app, command, lang_option, out, parse_date, word
from fourtwo.i18n import TN, T, Term, _, listing, ngettext

canvass = typer.Typer(cls=Group, help=_("Household visits: record, import, print the form, measure coverage."), no_args_is_help=True, rich_markup_mode=None)
app.add_typer(canvass, name="canvass")


@canvass.callback()
def _group(
    lang: str | None = typer.Option(None, "--lang", metavar="zh|en", callback=lang_option, is_eager=True, help=_("Language of the output: zh (中文) or en.")),
) -> None:
    """Household visits: record, import, print the form, measure coverage."""


@command("record", group=canvass)
def record(
    project: Annotated[Path, typer.Argument(metavar=_("PROJECT"), help=_("The project's folder or its project.yaml."))],
    household: Annotated[str, typer.Argument(metavar=_("HOUSEHOLD"), help=_("Household id on the register, e.g. 3-2-501."))],
    opinion: Annotated[str, typer.Argument(metavar=_("OPINION"), help=_("agree, oppose, abstain, or absent (nobody home); or 同意, 反对, 弃权, 未遇."))],
    by: Annotated[str, typer.Option("--by", help=_("Who recorded it (the grid worker)."))] = "",
    date: Annotated[str | None, typer.Option("--date", help=_("Day of the visit, YYYY-MM-DD; default today."))] = None,
    channel: Annotated[str, typer.Option("--channel", help=_("in_person, phone, paper or proxy (入户, 电话, 书面, 代录)."))] = str(Term("in_person", "入户")),
    note: Annotated[str, typer.Option("--note", help=_("Anything worth keeping."))] = "",
) -> None:
    """Append one visit to the project's canvass.csv."""
    from fourtwo.canvass.record import record_visit
    from fourtwo.model.visit import CHANNEL_NAMES, OPINION_NAMES

    visit, warnings = record_visit(project, household, opinion, by, parse_date("--date", date, project), channel, note)
    if warnings:
        from fourtwo.findings.printers import error_line

        for warning in warnings:
            typer.echo(error_line(warning), err=True)
    said = _("recorded {household}: {opinion} ({channel}, {date})") if not visit.by else _("recorded {household}: {opinion} ({channel}, {date}, {by})")
    out(said.format(household=visit.household, opinion=_(OPINION_NAMES[visit.opinion]), channel=_(CHANNEL_NAMES[visit.channel]), date=visit.date, by=visit.by))


@command("void", group=canvass)
def void(
    project: Annotated[Path, typer.Argument(metavar=_("PROJECT"), help=_("The project's folder or its project.yaml."))],
    household: Annotated[str, typer.Argument(metavar=_("HOUSEHOLD"), help=_("Household id as canvass.csv has it, e.g. 3-2-501."))],
    date: Annotated[str, typer.Option("--date", help=_("Day of the visit(s) to cancel."))],
    reason: Annotated[str, typer.Option("--reason", help=_("Why: kept in the row's note."))],
    by: Annotated[str, typer.Option("--by", help=_("Who cancels it."))] = "",
) -> None:
    """Cancel a household's visits of one day by an appended row; the rows stay as history."""
    from fourtwo.canvass.record import void_visits

    cancelled = void_visits(project, household, parse_date("--date", date, project), reason, by)
    said = ngettext(
        "voided {n} visit of {household} on {date} (row {rows} of canvass.csv, kept as history)",
        "voided {n} visits of {household} on {date} (rows {rows} of canvass.csv, kept as history)",
        len(cancelled),
    )
    out(said.format(n=len(cancelled), household=cancelled[0].household, date=cancelled[0].date, rows=listing(v.row for v in cancelled)))


@command("exclude", group=canvass)
def exclude(
    project: Annotated[Path, typer.Argument(metavar=_("PROJECT"), help=_("The project's folder or its project.yaml."))],
    households: Annotated[list[str], typer.Argument(metavar=_("HOUSEHOLD") + "...", help=_("Household ids on the register, e.g. 3-2-501."))],
    reason: Annotated[str, typer.Option("--reason", help=_("Why they are left out, as the notice states it: 常年外出, 空置."))],
    date: Annotated[str | None, typer.Option("--date", help=_("The day it was decided; default today."))] = None,
    although_heard: Annotated[
        str, typer.Option("--although-heard", help=_("Why a household already heard is left out all the same (its opinion leaves the counts)."))
    ] = "",
) -> None:
    """Leave households out of the canvass's scope, with a reason and a date the notices state."""
    from fourtwo.canvass.exclude import exclude as core

    when = parse_date("--date", date, project)
    from fourtwo.findings.printers import error_line

    done, recorded, said = core(project, households, reason, when, although_heard)
    for warning in said:  # a full number masked before it was written
        typer.echo(error_line(warning), err=True)
    out(_("left out of the canvass: {households} ({reason}, {date}); notices state it").format(households=listing(done), reason=recorded, date=when))


@command("import", group=canvass)
def import_(
    project: Annotated[Path, typer.Argument(metavar=_("PROJECT"), help=_("The project's folder or its project.yaml."))],
    sheet: Annotated[Path, typer.Argument(metavar=_("FILE"), help=_("A filled-in visit sheet, .xlsx or .csv."))],
    partial: Annotated[bool, typer.Option("--partial", help=_("Take the good rows even if some are bad (default: all or nothing)."))] = False,
    channel: Annotated[
        str | None,
        typer.Option("--channel", help=_("How the visits were made where a row's 方式 is blank: 入户, 电话, 书面 or 代录 (in_person, phone, paper, proxy).")),
    ] = None,
) -> None:
    """Take a filled-in sheet of visits; importing the same sheet twice changes nothing."""
    from fourtwo.canvass.importing import import_visits
    from fourtwo.findings import printers as report
    from fourtwo.model.visit import CHANNEL_ALIASES, CHANNELS

    how = word("--channel", channel, CHANNELS, CHANNEL_ALIASES) if channel is not None else ""
    with _progress() as progress:
        result = import_visits(project, sheet, partial, progress, how)
    if result.findings:
        out(report.as_text(result.findings))
    if result.masked:
        typer.echo(report.as_text(result.masked), err=True)
    summary = _("; ").join(
        str(said)
        for said in (
            TN("added {n} visit", "added {n} visits", result.added),
            T("{n} already recorded", n=result.already),
            TN("{n} row without an opinion skipped", "{n} rows without an opinion skipped", result.blank),
        )
    )
    if result.findings and not result.written and not partial:
        bad = len({(f.path, f.line) for f in result.findings})
        summary = ngettext(
            "nothing imported: {bad} bad row; fix it, or take the good rows with --partial",
            "nothing imported: {bad} bad rows; fix them, or take the good rows with --partial",
            bad,
        ).format(bad=bad)
    out(summary)
    raise typer.Exit(EXIT_FINDINGS if result.findings else EXIT_OK)


@command("sheet", group=canvass)
def sheet(
    project: Annotated[Path, typer.Argument(metavar=_("PROJECT"), help=_("The project's folder or its project.yaml."))],
    out_path: Annotated[Path | None, typer.Option("--out", help=_("A .html or .xlsx file, or a folder for both; default: both here."))] = None,
    building: Annotated[
        list[str] | None, typer.Option("--building", help=_("Only these buildings (a worker's round), e.g. 3 or 3,4; repeat or comma-separate."))
    ] = None,
    missing: Annotated[bool, typer.Option("--missing", help=_("Only the households not heard yet (a second round)."))] = False,
    worker: Annotated[str, typer.Option("--worker", help=_("The grid worker the form is for: printed on it, and filled in as 走访人."))] = "",
    force: Annotated[bool, typer.Option("--force", help=_("Replace a form already there (its workbook may hold opinions not yet imported)."))] = False,
) -> None:
    """Write the door-to-door form: A4 HTML to print and an XLSX that import reads back."""
    from fourtwo.canvass.sheet import Selection, write_sheets
    from fourtwo.i18n import split_words
    from fourtwo.pipeline import open_project

    selection = Selection(tuple(w for typed in building or [] for w in split_words(typed)), missing, worker.strip())
    _model, judged, found, _found = open_project(project, visits=missing)
    for path in write_sheets(judged, found, out_path, selection, force):
        out(_("wrote {path} (internal: names and phones; do not post)").format(path=path))


@command("coverage", group=canvass)
def coverage(
    project: Annotated[Path, typer.Argument(metavar=_("PROJECT"), help=_("The project's folder or its project.yaml."))],
    missing: Annotated[bool, typer.Option("--missing", help=_("List the households still to visit."))] = False,
    format: Annotated[str, typer.Option("--format", "-f", metavar="text|json", help=_("text, or json for tools."))] = str(Term("text", "文本")),
) -> None:
    """Households visited against the register in scope; exit 0 at or above the threshold, 1 below."""
    from fourtwo.canvass.report import coverage_report

    fmt = word("--format", format, ("text", "json"), {"文本": "text"})
    stdout, stderr, code = coverage_report(project, missing, fmt)
    if stderr:  # rows that could not be read are not counted: say so before the figures
        typer.echo(stderr, err=True)
    out(stdout)
    raise typer.Exit(EXIT_OK if code == 0 else EXIT_FINDINGS)


class _progress:
    """A progress bar on a terminal; silence in CI and in pipes."""

    def __enter__(self) -> Callable[[int, int], None] | None:
        if not sys.stderr.isatty() or os.environ.get("CI"):
            return None
        from rich.progress import Progress

        self.bar = Progress(transient=True)
        self.bar.start()
        self.task = self.bar.add_task(_("importing"), total=None)
        return self.update

    def update(self, done: int, total: int) -> None:
        self.bar.update(self.task, completed=done, total=total or None)  # a streamed sheet's length is known at its end

    def __exit__(self, *exc: object) -> None:
        if hasattr(self, "bar"):
            self.bar.stop()
