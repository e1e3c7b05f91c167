"""`fourtwo report` and `fourtwo export`: the street office's view over many workspaces
(the `office` extra: duckdb and pyarrow, imported only here)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from fourtwo.cli._app import EXIT_FINDINGS, EXIT_OK, command, out, parse_date, word
from fourtwo.i18n import TN, T, _, os_reason

if TYPE_CHECKING:
    from fourtwo.model.workspace import ReportSettings
    from fourtwo.office.engine import Engine

FORMATS = ("table", "csv", "json", "xlsx")
_PATHS = typer.Argument(
    metavar=_("PATH") + "...", help=_("Workspaces, or folders holding them (a street's); default: every workspace below the current folder.")
)


@command("report")
def report(
    paths: Annotated[list[Path] | None, _PATHS] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", metavar=_("DATE"), help=_("The report's day (YYYY-MM-DD): lateness is counted to it, and no visit after it counts; default: today.")
        ),
    ] = None,
    data: Annotated[Path | None, typer.Option("--data", metavar=_("DIR"), help=_("Read a dataset 'fourtwo export' wrote instead of the workspaces."))] = None,
    settings: Annotated[
        Path | None,
        typer.Option(
            "--settings", metavar=_("FILE"), help=_("The office's thresholds (a YAML file with the keys of fourtwo.yaml's report:), for every workspace.")
        ),
    ] = None,
    flag: Annotated[list[str] | None, typer.Option("--flag", help=_("Only projects with these flags (names or codes); repeat or comma-separate."))] = None,
    org: Annotated[list[str] | None, typer.Option("--org", help=_("Only organisations (or folders) whose name holds this; repeatable."))] = None,
    stuck: Annotated[bool, typer.Option("--stuck", help=_("Only projects without a step for report.stuck_days days."))] = False,
    format: Annotated[
        str, typer.Option("--format", "-f", metavar="table|csv|json|xlsx", help=_("table; csv for Excel and WPS; json; xlsx (with --out)."))
    ] = "table",
    to: Annotated[Path | None, typer.Option("--out", "-o", metavar=_("FILE"), help=_("Write the report to this file instead of printing it."))] = None,
    sql: Annotated[
        Path | None, typer.Option("--sql", metavar=_("FILE"), help=_("Run your own query over the same tables (docs/data.md) and print what it returns."))
    ] = None,
) -> None:
    """Every project across the workspaces: where it stands, and what is late or non-compliant. Exit 1 when a flag is raised."""
    from fourtwo.office import engine as office_engine
    from fourtwo.office import output
    from fourtwo.office import report as office_report

    office_engine.require()
    if data is not None and paths:
        raise _input_error("FT905", what="--data", value=data, hint=_("give either workspaces or --data DIR, not both"))
    fmt = word("--format", format, FORMATS, {"表格": "table", "表": "table"})
    if fmt == "xlsx" and to is None:
        raise _input_error("FT955")
    chosen = office_report.flag_slugs(flag or [])
    if to is not None:
        _refuse_output(to, (paths or [Path.cwd()]) if data is None else [], folder=False)
    override = _settings(settings) if settings is not None else None
    as_of = parse_date("--date", date, where=None if data is not None else (paths or [Path.cwd()])[0])
    engine, folder = _engine(paths, data, as_of, every_table=sql is not None)
    if sql is not None:
        _own_query(engine, folder, as_of, override, sql, fmt, to)
        raise typer.Exit(EXIT_OK)
    engine.seal([folder] if folder else [])
    built = office_report.build(engine, as_of, override, chosen, org or [], stuck)
    if fmt == "xlsx":
        _write(to, output.as_xlsx(built))
    else:
        text = (
            output.as_table(built, _terminal_width() if to is None else None) if fmt == "table" else {"csv": output.as_csv, "json": output.as_json}[fmt](built)
        )
        if to is not None:
            _write(to, text.encode("utf-8"))
        else:
            out(text.rstrip("\r\n"))  # echo ends the last line
    raise typer.Exit(EXIT_FINDINGS if built.flagged else EXIT_OK)


@command("export")
def export(
    paths: Annotated[list[Path] | None, _PATHS] = None,
    to: Annotated[
        Path, typer.Option("--out", "-o", metavar=_("DIR"), help=_("The dataset's folder: new, empty, or a dataset written before (replaced)."))
    ] = Path("fourtwo-data"),
    date: Annotated[
        str | None, typer.Option("--date", metavar=_("DATE"), help=_("The day the canvass is counted to (YYYY-MM-DD): no later visit counts; default: today."))
    ] = None,
) -> None:
    """Write the workspaces' records as a Parquet dataset (docs/data.md): no per-household row."""
    from fourtwo.office import dataset
    from fourtwo.office import engine as office_engine
    from fourtwo.office.gather import gather
    from fourtwo.office.tables import tables

    office_engine.require()
    _refuse_output(to, paths or [Path.cwd()], folder=True)
    from fourtwo.office.report import refuse_before_the_records
    from fourtwo.office.schema import TABLES

    on = parse_date("--date", date, where=(paths or [Path.cwd()])[0])
    gathered = gather(paths or [Path.cwd()], Path.cwd(), on)
    names = [c.name for c in TABLES["projects"]]
    at = [names.index(n) for n in ("folder", "project", "step_reached_on")]
    reached = [(str(r[at[0]]), str(r[at[1]]), day if isinstance(day := r[at[2]], dt.date) else None) for r in gathered.rows.projects]
    refuse_before_the_records(reached, on)  # as report refuses that day: its dataset would count negative days
    written = dataset.write(to, tables(gathered))
    projects = TN("{n} project", "{n} projects", written["projects"])
    workspaces = TN("{n} workspace", "{n} workspaces", written["workspaces"])
    out(_("wrote {projects} of {workspaces} to {path}").format(projects=projects, workspaces=workspaces, path=to))


def _terminal_width() -> int | None:
    """The terminal's width when the table is printed on one; a file or a pipe takes every column."""
    import shutil
    import sys

    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def _engine(paths: list[Path] | None, data: Path | None, as_of: dt.date, every_table: bool) -> tuple[Engine, Path | None]:
    from fourtwo.office.engine import QUERIED, Engine
    from fourtwo.office.schema import TABLES

    engine = Engine()
    if data is not None:
        if not data.is_dir():
            raise _input_error("FT951", path=data)
        engine.load_dataset(data, tuple(TABLES) if every_table else QUERIED)
        return engine, data
    from fourtwo.office.gather import gather
    from fourtwo.office.tables import tables

    engine.load_tables(tables(gather(paths or [Path.cwd()], Path.cwd(), as_of)))
    return engine, None


def _settings(path: Path) -> ReportSettings:
    from fourtwo.files.reading import named_file
    from fourtwo.files.record import read_file
    from fourtwo.files.spec import MISSING
    from fourtwo.findings import has_errors
    from fourtwo.findings.errors import FindingsError
    from fourtwo.model.workspace import REPORT, ReportSettings

    named_file(path, "--settings")
    value, findings = read_file(path, "report settings", REPORT)
    if value is MISSING or not isinstance(value, ReportSettings) or has_errors(findings, strict=True):
        raise FindingsError(findings)
    return value


def _own_query(engine: Engine, folder: Path | None, as_of: dt.date, override: ReportSettings | None, sql: Path, fmt: str, to: Path | None) -> None:
    from fourtwo.files.limits import MAX_TEMPLATE_BYTES, Unreadable, read_limited
    from fourtwo.findings import Loc
    from fourtwo.office.output import query_output

    try:  # a regular file of a query's size: a FIFO or a device is never opened for reading
        text = read_limited(sql, MAX_TEMPLATE_BYTES).decode("utf-8-sig")
    except Unreadable as exc:
        raise exc.to_input_error(Loc(sql), T("query")) from None
    except OSError as exc:
        raise _input_error("FT001", what=sql, reason=os_reason(exc)) from None
    except UnicodeDecodeError as exc:
        raise _input_error("FT001", what=sql, reason=T("it is not UTF-8 text (byte {offset})", offset=exc.start)) from None
    engine.settle(as_of, override)
    engine.seal([folder] if folder else [])
    result = engine.run(text, sql.name)
    data = query_output(result.columns, result.rows, fmt)
    if to is not None:
        _write(to, data)
    else:
        out(data.decode("utf-8"))


def _refuse_output(to: Path, paths: list[Path], folder: bool) -> None:
    """Nothing is written into a workspace the command reads (`paths`), nor over a device or a link."""
    from fourtwo.files.outdir import refuse_output
    from fourtwo.load import resolve_targets

    refuse_output(to, [t.root for t in resolve_targets(paths)] if paths else [], folder)


def _write(path: Path | None, data: bytes) -> None:
    from fourtwo.files.atomic import atomic_write_bytes

    assert path is not None
    atomic_write_bytes(path, data)


def _input_error(code: str, **args: Any) -> Exception:
    from fourtwo.findings.errors import InputError

    return InputError(code, **args)
