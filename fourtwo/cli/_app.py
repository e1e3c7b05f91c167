"""The typer application and the one handler that maps failures to exit codes.

Exit status: 0 fine; 1 findings or a rule refused; 2 bad usage or unreadable input;
3 a bug in fourtwo (an apology, never a traceback unless FOURTWO_DEBUG is set).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import typer

from fourtwo import __version__
from fourtwo.findings import Diagnostic, Loc, diag
from fourtwo.findings.errors import FindingsError, InputError, Refusal

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="fourtwo",
    help="Run community decisions under 四议两公开 as plain files.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help and usage errors: rich's formatting imports ~0.2 s of modules on every
    # `--help`, and its box drawing garbles on many Chinese Windows consoles.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def error_line(d: Diagnostic) -> str:
    where = ""
    if d.path.parts:  # Path("") means the finding is about no file in particular
        from fourtwo.findings.printers import display_path

        where = display_path(d.path) + (f":{d.line}:{d.col}" if d.line else "") + ": "
    text = f"fourtwo: {where}{d.severity} {d.code} {d.message}"
    return text + (f"\n    hint: {d.hint}" if d.hint else "")


def command(name: str | None = None, group: typer.Typer | None = None, **kwargs: Any) -> Callable[[F], F]:
    """Register a command (on `group`, or the top level) whose failures become one clear message and an exit code."""

    def register(fn: F) -> F:
        @functools.wraps(fn)
        def handled(*args: Any, **kw: Any) -> Any:
            try:
                return fn(*args, **kw)
            except (typer.Exit, typer.Abort):
                raise
            except InputError as exc:
                typer.echo(error_line(exc.diagnostic), err=True)
                raise typer.Exit(EXIT_USAGE) from None
            except Refusal as exc:
                typer.echo(error_line(exc.diagnostic), err=True)
                raise typer.Exit(EXIT_FINDINGS) from None
            except FindingsError as exc:
                from fourtwo.findings.printers import as_text

                typer.echo(as_text(exc.findings), err=True)
                raise typer.Exit(EXIT_USAGE) from None
            except KeyboardInterrupt:
                raise typer.Exit(130) from None
            except BrokenPipeError:  # the reader went away (`fourtwo check | head`): nothing more to print
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the final flush cannot fail again
                raise typer.Exit(EXIT_FINDINGS) from None
            except Exception as exc:  # a bug: apologise, point to the report
                if os.environ.get("FOURTWO_DEBUG"):
                    raise
                d = diag("FT999", Loc(Path("")), error=f"{type(exc).__name__}: {exc}", version=__version__)
                typer.echo(f"fourtwo: sorry, {d.message}\n    {d.hint}", err=True)
                raise typer.Exit(EXIT_BUG) from None

        (group or app).command(name, **kwargs)(handled)
        return fn

    return register


def _version(value: bool) -> None:
    if value:
        typer.echo(f"fourtwo {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Run community decisions under 四议两公开 as plain files."""


def parse_date(option: str, value: str | None, where: Path | None = None) -> dt.date:
    """A date typed after `option`, in any form the files accept; when not given, today in
    the time zone of the workspace holding `where` (fourtwo.yaml's timezone)."""
    from fourtwo.files.values import date_problem, today
    from fourtwo.files.values import parse_date as parse

    if value is None:
        if where is not None:
            from fourtwo.load import workspace_today

            return workspace_today(where)
        return today()
    parsed = parse(value.strip())
    if parsed is None:
        raise InputError("FT905", what=option, value=value, hint=date_problem(value))
    return parsed


def parse_amount(option: str, value: str, what: str = "yuan", example: str = "183260.50") -> Decimal:
    """An exact amount typed after `option` (yuan, or m²), read as the files read it."""
    from fourtwo.files.values import MAX_AMOUNT
    from fourtwo.files.values import parse_amount as parse

    amount = parse(value)
    if amount is None or amount > MAX_AMOUNT:
        raise InputError("FT905", what=option, value=value, hint=f"{what} with at most two decimals, e.g. {example}")
    return amount


def out(text: str) -> None:
    """Print to standard output; Chinese survives a console that is not UTF-8."""
    try:
        try:
            typer.echo(text)
        except UnicodeEncodeError:
            sys.stdout.buffer.write(text.encode("utf-8", "replace") + b"\n")
        sys.stdout.flush()  # a full disk shows here, not at exit
    except BrokenPipeError:
        raise  # the reader went away: see the handler
    except OSError as exc:
        raise InputError("FT912", reason=exc.strerror or str(exc)) from exc
