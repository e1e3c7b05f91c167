"""`fourtwo canvass record|import|sheet|coverage`: the grid workers' and the clerk's daily work."""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from fourtwo.cli._app import EXIT_FINDINGS, EXIT_OK, app, command, error_line, out, parse_date

canvass = typer.Typer(help="Household visits: record, import, print the form, measure coverage.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(canvass, name="canvass")


class Format(enum.StrEnum):
    text = "text"
    json = "json"


@command("record", group=canvass)
def record(
    project: Annotated[Path, typer.Argument(metavar="PROJECT", help="The project's folder or its project.yaml.")],
    household: Annotated[str, typer.Argument(metavar="HOUSEHOLD", help="Household id on the register, e.g. 3-2-501.")],
    opinion: Annotated[str, typer.Argument(metavar="OPINION", help="agree, oppose, abstain, or absent (nobody home); or 同意, 反对, 弃权, 未遇.")],
    by: Annotated[str, typer.Option("--by", help="Who recorded it (the grid worker).")] = "",
    date: Annotated[str | None, typer.Option("--date", help="Day of the visit, YYYY-MM-DD; default today.")] = None,
    channel: Annotated[str, typer.Option("--channel", help="in_person, phone, paper or proxy (入户, 电话, 书面, 代录).")] = "in_person",
    note: Annotated[str, typer.Option("--note", help="Anything worth keeping.")] = "",
) -> None:
    """Append one visit to the project's canvass.csv."""
    from fourtwo.canvass.record import record_visit
    from fourtwo.model.visit import CHANNEL_NAMES, OPINION_NAMES

    visit, later = record_visit(project, household, opinion, by, parse_date("--date", date, project), channel, note)
    if later is not None:
        typer.echo(error_line(later), err=True)
    out(f"recorded {visit.household}: {OPINION_NAMES[visit.opinion]} ({CHANNEL_NAMES[visit.channel]}, {visit.date}{', ' + visit.by if visit.by else ''})")


@command("void", group=canvass)
def void(
    project: Annotated[Path, typer.Argument(metavar="PROJECT", help="The project's folder or its project.yaml.")],
    household: Annotated[str, typer.Argument(metavar="HOUSEHOLD", help="Household id as canvass.csv has it, e.g. 3-2-501.")],
    date: Annotated[str, typer.Option("--date", help="Day of the visit(s) to cancel.")],
    reason: Annotated[str, typer.Option("--reason", help="Why: kept in the row's note.")],
    by: Annotated[str, typer.Option("--by", help="Who cancels it.")] = "",
) -> None:
    """Cancel a household's visits of one day by an appended row; the rows stay as history."""
    from fourtwo.canvass.record import void_visits

    cancelled = void_visits(project, household, parse_date("--date", date, project), reason, by)
    out(
        f"voided {len(cancelled)} visit(s) of {cancelled[0].household} on {cancelled[0].date} (rows {', '.join(str(v.row) for v in cancelled)} of canvass.csv, kept as history)"
    )


@command("import", group=canvass)
def import_(
    project: Annotated[Path, typer.Argument(metavar="PROJECT", help="The project's folder or its project.yaml.")],
    sheet: Annotated[Path, typer.Argument(metavar="FILE", help="A filled-in visit sheet, .xlsx or .csv.")],
    partial: Annotated[bool, typer.Option("--partial", help="Take the good rows even if some are bad (default: all or nothing).")] = False,
) -> None:
    """Take a filled-in sheet of visits; importing the same sheet twice changes nothing."""
    from fourtwo.canvass.importing import import_visits
    from fourtwo.findings import printers as report

    with _progress() as progress:
        result = import_visits(project, sheet, partial, progress)
    if result.findings:
        out(report.as_text(result.findings))
    summary = f"added {result.added} visit(s); {result.already} already recorded; {result.blank} row(s) without an opinion skipped"
    if result.findings and not result.written and not partial:
        summary = f"nothing imported: {len(result.findings)} bad row(s); fix them, or take the good rows with --partial"
    out(summary)
    raise typer.Exit(EXIT_FINDINGS if result.findings else EXIT_OK)


@command("sheet", group=canvass)
def sheet(
    project: Annotated[Path, typer.Argument(metavar="PROJECT", help="The project's folder or its project.yaml.")],
    out_path: Annotated[Path | None, typer.Option("--out", help="A .html or .xlsx file, or a folder for both; default: both here.")] = None,
) -> None:
    """Write the door-to-door form: A4 HTML to print and an XLSX that import reads back."""
    from fourtwo.canvass.sheet import write_sheets
    from fourtwo.pipeline import open_project

    model, _, found, _ = open_project(project, visits=False)
    for path in write_sheets(model, found, out_path):
        out(f"wrote {path} (internal: names and phones; do not post)")


@command("coverage", group=canvass)
def coverage(
    project: Annotated[Path, typer.Argument(metavar="PROJECT", help="The project's folder or its project.yaml.")],
    missing: Annotated[bool, typer.Option("--missing", help="List the households still to visit.")] = False,
    format: Annotated[Format, typer.Option("--format", "-f", help="text, or json for tools.")] = Format.text,
) -> None:
    """Households visited against the register in scope; exit 0 at or above the threshold, 1 below."""
    from fourtwo.canvass import report as coverage_report
    from fourtwo.canvass.coverage import register_problem
    from fourtwo.findings import Severity
    from fourtwo.findings import printers as report
    from fourtwo.findings.errors import FindingsError, InputError
    from fourtwo.pipeline import open_project

    model, judged, found, findings = open_project(project)
    register = model.register_path(found)
    broken = [f for f in findings if f.severity is Severity.ERROR and f.path == register]
    if broken:  # no coverage can be measured against a register that cannot be read
        raise FindingsError(broken)
    own = [f for f in findings if f.severity is Severity.ERROR and f.path.name == "canvass.csv"]
    if own:  # rows that could not be read are not counted: say so before the figures
        typer.echo(report.as_text(own), err=True)
    cov = judged.coverage(found)
    if cov is None:
        raise InputError("FT504", project=found.id, why=register_problem(model, found) or "it cannot be read")
    named = found.data.households.register if found.data.households else ""
    if format is Format.json:
        out(coverage_report.as_json(found.id, named, cov, missing))
    else:
        out(coverage_report.as_text(f"{found.data.title} ({found.id})", named, cov, missing))
    raise typer.Exit(EXIT_OK if cov.reached else EXIT_FINDINGS)


class _progress:
    """A progress bar on a terminal; silence in CI and in pipes."""

    def __enter__(self) -> Callable[[int, int], None] | None:
        if not sys.stderr.isatty() or os.environ.get("CI"):
            return None
        from rich.progress import Progress

        self.bar = Progress(transient=True)
        self.bar.start()
        self.task = self.bar.add_task("importing", total=None)
        return self.update

    def update(self, done: int, total: int) -> None:
        self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if hasattr(self, "bar"):
            self.bar.stop()
