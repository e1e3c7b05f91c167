"""The typer application and the one handler that maps failures to exit codes.

Exit status: 0 fine; 1 findings or a rule refused; 2 bad usage or unreadable input;
3 a bug in fourtwo (an apology, never a traceback unless FOURTWO_DEBUG is set).
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer._click import exceptions as click_exceptions
from typer.core import TyperCommand, TyperGroup

from fourtwo import __version__
from fourtwo.cli import _lang
from fourtwo.i18n import T, Text, _, listing, set_language

if TYPE_CHECKING:
    from decimal import Decimal

    from fourtwo.findings.errors import InputError

_lang.install()

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3

F = TypeVar("F", bound=Callable[..., Any])


class _Located:
    """click's parser raises some usage errors without the command they are about (`--changed`
    given no value): give them it, so the message names its option's value and the usage."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc,no-any-return]
        except click_exceptions.UsageError as exc:
            if exc.ctx is None:
                exc.ctx, exc.cmd = ctx, ctx.command
            raise


class Command(_Located, TyperCommand):
    """A command whose usage errors say which command they are about."""


class Group(_Located, TyperGroup):
    """A command group that, for a command it does not have, names the close ones (in the reader's language)."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return self._click_resolve_command(ctx, args)
        except click_exceptions.UsageError as exc:
            if args and not args[0].startswith("-"):
                exc.fourtwo_command = (args[0], self.suggestions(ctx, args[0]))  # type: ignore[attr-defined]
            raise

    def suggestions(self, ctx: Any, typo: str) -> list[str]:
        from difflib import get_close_matches

        return get_close_matches(typo, self.list_commands(ctx))


app = typer.Typer(
    name="fourtwo",
    help=_("Run community decisions under 四议两公开 as plain files."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help and usage errors: rich's formatting imports ~0.2 s of modules on every
    # `--help`, and its box drawing garbles on many Chinese Windows consoles.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def lang_option(value: str | None) -> str | None:
    if value is not None:
        from fourtwo.i18n import parse_language

        if parse_language(value) is None:
            raise typer.BadParameter(_("write zh (中文) or en (English)"))
        set_language(value)
    return value


# `--lang` on every command: declared here once, added to each command's signature by `command()`.
_LANG = inspect.Parameter(
    "lang",
    inspect.Parameter.KEYWORD_ONLY,
    default=None,
    annotation=Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="zh|en",
            callback=lang_option,
            is_eager=True,
            help=_("Language of the output: zh (中文) or en; default: FOURTWO_LANG, the workspace's language:, else the locale."),
        ),
    ],
)


def command(name: str | None = None, group: typer.Typer | None = None, **kwargs: Any) -> Callable[[F], F]:
    """Register a command (on `group`, or the top level) whose failures become one clear message and an exit code."""

    def register(fn: F) -> F:
        # Evaluated once (each string annotation is an eval): this runs for every command of a
        # module on every start, `--help` included.
        signature = inspect.signature(fn, eval_str=True)

        @functools.wraps(fn)
        def handled(*args: Any, **kw: Any) -> Any:
            from fourtwo.findings import Loc, diag
            from fourtwo.findings.errors import FindingsError, InputError, Refusal
            from fourtwo.findings.printers import error_line

            kw.pop("lang", None)  # applied by its callback, before the other options are read
            try:
                _refuse_undecodable(kw, _shown_names(signature))
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
            except OSError as exc:  # the system refused a path the command was given (a name too long, no permission): not a bug
                from fourtwo.i18n import os_reason

                named = exc.filename if isinstance(exc.filename, str) else ""
                shown = named if len(named) <= 120 else named[:60] + "…" + named[-40:]  # the reason is the point, not 300 letters of name
                typer.echo(error_line(diag("FT018", Loc(Path("")), path=shown or T("a path"), reason=os_reason(exc))), err=True)
                raise typer.Exit(EXIT_USAGE) from None
            except Exception as exc:  # a bug: apologise, point to the report
                if os.environ.get("FOURTWO_DEBUG"):
                    raise
                d = diag("FT999", Loc(Path("")), error=f"{type(exc).__name__}: {exc}", version=__version__)
                typer.echo(_("fourtwo: sorry, {message}").format(message=d.message) + f"\n    {d.hint}", err=True)
                raise typer.Exit(EXIT_BUG) from None

        handled.__signature__ = signature.replace(parameters=[*signature.parameters.values(), _LANG])  # type: ignore[attr-defined]
        # Evaluated, not the strings of `from __future__ import annotations`: typer would eval each again.
        handled.__annotations__ = {
            **{n: p.annotation for n, p in signature.parameters.items()},
            "lang": _LANG.annotation,
            "return": signature.return_annotation,
        }
        if fn.__doc__ and "help" not in kwargs:
            kwargs["help"] = _(inspect.cleandoc(fn.__doc__))
        (group or app).command(name, cls=Command, **kwargs)(handled)
        return fn

    return register


def _shown_names(signature: inspect.Signature) -> dict[str, str]:
    """Each parameter's name as the user types or sees it: --by, OPINION."""
    from typer.models import ArgumentInfo, OptionInfo

    names = {}
    for name, param in signature.parameters.items():
        infos = [*getattr(param.annotation, "__metadata__", ()), param.default]
        option = next((i for i in infos if isinstance(i, OptionInfo)), None)
        argument = next((i for i in infos if isinstance(i, ArgumentInfo)), None)
        if option is not None:
            names[name] = next((d for d in option.param_decls or () if d.startswith("--")), "--" + name.replace("_", "-"))
        else:
            names[name] = str(argument.metavar) if argument is not None and argument.metavar else name.upper()
    return names


def _control_in(text: str) -> str:
    from fourtwo.files.values import control_in  # here, not at start-up: `--help` reads no value

    return control_in(text)


def _refuse_undecodable(kw: dict[str, Any], names: dict[str, str]) -> None:
    """A word typed in a terminal that is not UTF-8 (a GBK console) arrives as bytes Python
    could not decode, kept as lone surrogates: refuse it, naming its option, before it is
    written anywhere or printed."""
    for name, value in kw.items():
        for item in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(item, str) and not item.isprintable() and (char := _control_in(item)):  # a file would refuse it (FT012)
                raise _input_error(
                    "FT905",
                    what=names.get(name, name),
                    value=repr(item),
                    hint=T("it holds a control character ({char}): type it again without it", char=char),
                )
            if isinstance(item, str) and any("\udc80" <= ch <= "\udcff" for ch in item):
                typed = os.fsencode(item)
                try:
                    seen = typed.decode("gb18030")
                except UnicodeDecodeError:
                    seen = ""
                raise _input_error(
                    "FT905",
                    what=names.get(name, name),
                    value=typed.decode("utf-8", "backslashreplace"),
                    hint=T(
                        "the terminal sent it in another encoding than UTF-8{gbk}: set the terminal to UTF-8 (Windows: chcp 65001; Linux: a LANG ending in .UTF-8) and type it again",
                        gbk=T(" (as GBK it reads '{text}')", text=seen) if seen else "",
                    ),
                )


def _input_error(code: str, **args: Any) -> InputError:
    """The findings' modules are imported when a word is refused, not on every `--help`."""
    from fourtwo.findings.errors import InputError

    return InputError(code, **args)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"fourtwo {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help=_("Print the version and exit.")),
    lang: str | None = typer.Option(None, "--lang", metavar="zh|en", callback=lang_option, is_eager=True, help=_("Language of the output: zh (中文) or en.")),
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
    from fourtwo.i18n import width

    parsed = parse(width(value))  # ２０２４-０３-２２ from a phone reads as 2024-03-22
    if parsed is None:
        raise _input_error("FT905", what=option, value=value, hint=date_problem(width(value)))
    return parsed


def parse_days(option: str, value: str) -> list[dt.date]:
    """Days typed after `option` as a notice lists them: dates and spans of dates (2027-01-01,
    2027-02-16~2027-02-22, 2027年10月1日至2027年10月7日), separated by commas, 、 or spaces."""
    import re

    days: list[dt.date] = []
    for token in re.split(r"[,，、;；\s]+", value.strip()):
        if not token:
            continue
        ends = re.split(r"~|～|至|\.\.", token)
        if len(ends) > 2 or not all(ends):
            raise _input_error("FT905", what=option, value=token, hint=T("a date, or two dates joined by ~ (2027-02-16~2027-02-22)"))
        first, last = parse_date(option, ends[0]), parse_date(option, ends[-1])
        if last < first or (last - first).days > 366:
            raise _input_error("FT905", what=option, value=token, hint=T("a span runs from its first day to its last, within a year"))
        days += [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    return days


def parse_amount(option: str, value: str, what: str | Text = "", example: str = "183260.50") -> Decimal:
    """An exact amount typed after `option` (yuan, or m²), read as the files read it."""
    from fourtwo.files.values import MAX_AMOUNT
    from fourtwo.files.values import parse_amount as parse
    from fourtwo.i18n import width

    amount = parse(width(value))
    if amount is None or amount > MAX_AMOUNT:
        raise _input_error(
            "FT905", what=option, value=value, hint=T("{what} with at most two decimals, e.g. {example}", what=what or T("yuan"), example=example)
        )
    return amount


def word(option: str, value: str, choices: tuple[str, ...], aliases: dict[str, str] | None = None) -> str:
    """One of `choices`, typed in English or Chinese, full-width or not (ｈｔｍｌ, 结果); else FT905 with the choices."""
    from fourtwo.i18n import fold, language

    typed = fold(value)
    found = typed if typed in choices else (aliases or {}).get(typed)
    if found is None:
        # the other words for a choice, those of the reader's language (微信 for a Chinese reader, wechat for an English one)
        chinese = language() == "zh"
        shown = {k: v for k, v in (aliases or {}).items() if k.isascii() != chinese}
        words = [f"{c} ({'/'.join(k for k, v in shown.items() if v == c)})" if c in shown.values() else c for c in choices]
        raise _input_error("FT905", what=option, value=value, hint=T("write one of: {choices}", choices=listing(words)))
    return found


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
        from fourtwo.i18n import os_reason

        raise _input_error("FT912", reason=os_reason(exc)) from exc
