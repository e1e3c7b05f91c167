"""The language of a run, decided before any command is built, and the framework's own words in it.

`--lang` must be known before typer builds the commands (their help is translated then),
so it is read from the arguments here; the option itself is declared on every command so
that it shows in --help and is validated. Only the standard library is imported: this runs
on every `--help`.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from typing import IO, Any

from fourtwo.i18n import N_, TN, T, Text, _, listing, set_language, set_workspace_default

# Patterns are strings, compiled by `re` (and cached) when first used: this module runs on every start.
_LANGUAGE_KEY = r"(?m)^language:[ \t]*['\"]?([^'\"#\s]+)"
_UP = 12  # folders above the start that may hold the workspace; deeper is never a workspace's project

# typer's own words (it calls gettext for them): msgids for docs/make_locale.py to collect.
TYPER_WORDS = (
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("required"),
    N_("default: {default}"),
    N_("(dynamic)"),
    N_("env var: {var}"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("Aborted!"),
    N_("Show this message and exit."),
)


# The kinds of value click names after an option (`--members <int range>`), as msgids.
TYPE_NAMES = (N_("int range"), N_("int"), N_("str"), N_("path"), N_("float"), N_("text"), N_("OPTIONS"), N_("COMMAND"), N_("ARGS"))
_TYPE_NAME = r"<([a-z][a-z ]*)>"


def _type_name(match: re.Match[str]) -> str:
    return f"<{_(match.group(1))}>"


def lang_argument(argv: list[str]) -> str | None:
    """The value of the last `--lang X` / `--lang=X` before a lone `--`."""
    found = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    return found


_PEEK = 1 << 16  # the key is near the top; a file of any size is read no further


def _plain_file(path: Path) -> bool:
    import stat

    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _peek(path: Path) -> str | None:
    """The file's first bytes, opened without blocking (a FIFO put in its place since is not waited on)."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        return os.read(fd, _PEEK).decode("utf-8-sig", errors="replace") if stat.S_ISREG(os.fstat(fd).st_mode) else None
    except OSError:
        return None
    finally:
        os.close(fd)


def workspace_language(argv: list[str]) -> str | None:
    """The `language:` of the workspace the command works in: the first path argument's, else the current folder's.

    A peek at one top-level key, not a load: it runs before every command, --help included,
    and must not import YAML; `fourtwo check` validates the key as it validates every other.
    """
    starts = [Path(a) for a in argv if (not a.startswith("-") and os.sep in a) or a in {".", ".."}]
    with contextlib.suppress(OSError):  # a current folder deleted under the shell: main says so
        starts.append(Path.cwd())
    for start in starts:
        try:
            folder = Path(os.path.realpath(start))  # never raises for a link that loops, as Path.resolve does
        except (OSError, ValueError):
            continue
        for candidate in [folder, *folder.parents][:_UP]:
            settings = candidate / "fourtwo.yaml"
            if _plain_file(settings):  # a link (out of the workspace, maybe) or a FIFO is not peeked at: check names it
                text = _peek(settings)
                match = re.search(_LANGUAGE_KEY, text) if text is not None else None
                return match.group(1) if match else None
    return None


def choose(argv: list[str]) -> None:
    """Set the language of this run from `--lang`, else FOURTWO_LANG, else the workspace, else the locale."""
    set_language(lang_argument(argv))
    if not os.environ.get("FOURTWO_LANG") and lang_argument(argv) is None:
        set_workspace_default(workspace_language(argv))


def metavars(text: str) -> str:
    """The placeholders of a usage line (PATH, REF, OPTIONS) in the reader's language, looked up
    when shown: a command built while another language was set keeps its English ones."""
    return re.sub(r"\b[A-Z][A-Z_]+\b", lambda found: _(found[0]), text)


def install() -> None:
    """Route the framework's words through our catalogue: typer's gettext calls, click's usage line and errors."""
    import typer.core
    from typer._click import _textwrap, core, exceptions, formatting

    typer.core._ = _  # type: ignore[attr-defined]

    class Formatter(formatting.HelpFormatter):
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            args = metavars(args)
            super().write_usage(prog, args, _("Usage: ") if prefix is None else prefix)

        def write_heading(self, heading: str) -> None:
            self.write(f"{'':>{self.current_indent}}{heading}{_(':')}\n")

        def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
            # Help given in English (click's own "Show this message and exit.") is looked up; ours is translated already.
            super().write_dl([(metavars(re.sub(_TYPE_NAME, _type_name, term) if "<" in term else term), _(text)) for term, text in rows], col_max, col_spacing)

    core.Context.formatter_class = Formatter
    _textwrap.TextWrapper = _wrapper(_textwrap.TextWrapper)  # type: ignore[misc]
    formatting.term_len = columns  # type: ignore[attr-defined,assignment]  # a Chinese character takes two columns of a terminal
    exceptions.UsageError.show = _show_usage_error  # type: ignore[method-assign]


def _wide(text: str) -> bool:
    return any(c >= "\u1100" for c in text)


_CLOSING = set("，。、；：？！）》」』”’])")
_OPENING = set("（《「『“‘[(")


def _pieces(chunk: str) -> list[str]:
    """A chunk cut where a line may break: each wide character alone, `[...]` kept whole, a run
    of narrow characters whole. By hand, kept for what it buys: the regular expression over
    U+1100–U+FFFF it replaces (a test holds the two equal) made `fourtwo check --help --lang zh`
    15% slower, measured 2026-12-07 (medians of 9 pairs: 65 ms against 75 ms)."""
    pieces: list[str] = []
    i, n = 0, len(chunk)
    while i < n:
        if chunk[i] == "[":
            end = chunk.find("]", i + 1)
            if end > 0 and not any(c.isspace() for c in chunk[i + 1 : end]):
                pieces.append(chunk[i : end + 1])
                i = end + 1
                continue
        if "\u1100" <= chunk[i] <= "\uffff":
            pieces.append(chunk[i])
            i += 1
            continue
        start = i
        i += 1
        while i < n and not "\u1100" <= chunk[i] <= "\uffff":
            i += 1
        pieces.append(chunk[start:i])
    return pieces


def _wrapper(base: Any) -> Any:
    """click's TextWrapper, breaking Chinese between characters and counting two columns for each (never before ，。）)."""

    class Wrapper(base):  # type: ignore[misc]
        def _split(self, text: str) -> list[str]:
            chunks: list[str] = super()._split(text)
            if not _wide(text):
                return chunks
            return [piece for chunk in chunks for piece in (_pieces(chunk) or [chunk])]

        def _wrap_chunks(self, chunks: list[str]) -> list[str]:
            if not any(_wide(c) for c in chunks):
                return list(super()._wrap_chunks(chunks))  # English: exactly as click wraps it
            lines: list[str] = []
            chunks.reverse()
            while chunks:
                indent = self.subsequent_indent if lines else self.initial_indent
                width = self.width - columns(indent)
                if lines and not chunks[-1].strip():
                    chunks.pop()
                line: list[str] = []
                used = 0
                while chunks and (used + columns(chunks[-1]) <= width or (line and chunks[-1] in _CLOSING) or not line):
                    used += columns(chunks[-1])
                    line.append(chunks.pop())
                while chunks and len(line) > 1 and line[-1] in _OPENING:  # an opening bracket goes with what it opens
                    chunks.append(line.pop())
                while line and not line[-1].strip():
                    line.pop()
                lines.append(indent + "".join(line))
            return lines

    return Wrapper


def columns(text: str) -> int:
    """Terminal columns of a text without escape codes: East Asian wide and full-width characters take two."""
    from unicodedata import east_asian_width

    plain = re.sub(_ANSI, "", text) if "\033" in text else text
    return len(plain) + sum(1 for c in plain if c > "\u10ff" and east_asian_width(c) in "WF")


_ANSI = r"\033\[[;?0-9]*[a-zA-Z]"


def usage_problem(exc: Any) -> tuple[Text, Text | None]:
    """A click usage error as a message and a hint of our catalogue (click words it in English only)."""
    from typer._click import exceptions

    ctx = exc.ctx
    command = getattr(exc, "fourtwo_command", None)
    if command is not None:
        name, close = command
        return T("no such command: {name}", name=name), T("did you mean {options}?", options=listing(close)) if close else None
    if isinstance(exc, exceptions.NoSuchOption):
        near = listing(exc.possibilities) if exc.possibilities else None
        return T("no such option: {name}", name=exc.option_name), T("did you mean {options}?", options=near) if near else None
    if isinstance(exc, exceptions.BadOptionUsage):
        return _option_usage(exc.option_name, str(exc.message), ctx)
    if isinstance(exc, exceptions.MissingParameter):
        param = exc.param
        name = param.get_error_hint(ctx).replace("'", "") if param is not None and ctx is not None else "?"
        if getattr(param, "param_type_name", "") == "option":
            return T("missing option {name}", name=name), None
        return T("missing argument {name}", name=name), None
    if isinstance(exc, exceptions.BadParameter):
        param = exc.param
        name = param.get_error_hint(ctx).replace("'", "") if param is not None and ctx is not None else ""
        return T("invalid value for {name}: {problem}", name=name, problem=_click_problem(exc.message)), None
    message = str(exc.message)
    extra = re.fullmatch(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message)
    if extra:
        return (
            TN("unexpected extra argument: {args}", "unexpected extra arguments: {args}", len(extra.group(1).split()), args=extra.group(1)),
            T("a value typed with a space counts as two: remove the space (同意, not 同 意), or put the value in quotes"),
        )
    return T("{problem}", problem=_(message)), None


def _option_usage(name: str, message: str, ctx: Any) -> tuple[Text, Text | None]:
    """An option given without its value, or a flag given one (`--changed` alone, `--missing=yes`)."""
    option = next((p for p in (ctx.command.params if ctx is not None else []) if name in getattr(p, "opts", ())), None)
    said = _(option.help or "") if option is not None else ""  # help made while another language was set reads in this one
    if re.fullmatch(r"Option '.*' does not take a value\.", message):
        return T("{name} takes no value", name=name), T("write {name} alone: {help}", name=name, help=said) if said else None
    needs = re.fullmatch(r"Option '.*' requires (?:an argument|(?P<n>\d+) arguments)\.", message)
    if needs and option is not None and ctx is not None:
        usage = f"{name} {metavars(option.make_metavar(ctx))}"
        return T("{name} needs a value", name=name), T("write the value after it, as {usage}: {help}", usage=usage, help=said)
    return T("{problem}", problem=_(message)), None


def _click_problem(message: str) -> str | Text:
    """Click's sentences about a value, in our words (it has no translation of its own in typer 0.28)."""
    for pattern, msgid in (
        (r"'?(?P<value>.*?)'? is not a valid (?:integer|int range|int)\.", N_("'{value}' is not a whole number")),
        (r"'?(?P<value>.*?)'? is not a valid (?:float|float range)\.", N_("'{value}' is not a number")),
        (r"(?P<value>.*) is not in the range (?P<range>.*)\.", N_("{value} is not in the range {range}")),
        (r"'?(?P<value>.*?)'? is not one of (?P<choices>.*)\.", N_("'{value}' is not one of {choices}")),
    ):
        found = re.fullmatch(pattern, message)
        if found:
            return T(msgid, **found.groupdict())
    return message


def _show_usage_error(self: Any, file: IO[str] | None = None) -> None:
    """Usage, then one line through the catalogue (FT913) and a hint: what click's own `show` prints, in the reader's language."""
    from typer._click.utils import echo

    from fourtwo.findings import Loc, diag

    problem, hint = usage_problem(self)
    if hint is None and self.ctx is not None:
        hint = T("'{command} --help' shows how to use it", command=self.ctx.command_path)
    d = diag("FT913", Loc(Path("")), problem=problem, hint=hint or "")
    if self.ctx is not None:
        echo(self.ctx.get_usage(), file=file, err=file is None)
    from fourtwo.findings.printers import error_line

    echo(error_line(d), file=file, err=file is None)
