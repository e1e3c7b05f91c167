"""The command line: a thin typer layer over the core; it alone prints and decides exit codes.

Each command lives in its own module and imports the heavy parts of the core (YAML,
tabulate, Jinja) inside its function, so start-up stays cheap.
"""

from __future__ import annotations

import gc
import sys


def _open_standard_streams() -> None:
    """A standard stream closed by the caller (`>&-`) becomes /dev/null: what fourtwo prints
    then goes nowhere, rather than failing after the work is done, and the next file opened
    (or a git child) cannot take its number and receive the output."""
    import os

    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)  # the lowest free number: this one
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    if sys.stdin is None:
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # lives as long as the process
    if sys.stdout is None:
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
    if sys.stderr is None:
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)


def _refuse_a_gone_folder() -> None:
    """A current folder deleted under the shell gives every relative path, and the paths shown,
    nothing to stand on: one message and exit 2, as for any unusable input."""
    import os

    try:
        os.getcwd()
    except OSError:
        from pathlib import Path

        from fourtwo.findings import Loc, diag
        from fourtwo.findings.printers import error_line

        print(error_line(diag("FT914", Loc(Path("")))), file=sys.stderr)
        sys.exit(2)


def main() -> None:
    _open_standard_streams()
    # `fourtwo --version` answers before typer builds every command's parser (~40 ms).
    if sys.argv[1:] == ["--version"]:
        from fourtwo import __version__

        print(f"fourtwo {__version__}")
        return
    # Process policy, here and nowhere in the core. Loading builds tens of thousands of rows
    # and makes no reference cycles: the cycle collector would walk them again and again as
    # they are made (a third of check's time, measured in docs/performance.md). A command
    # is one short process: it runs without the collector (reference counting still frees
    # everything), and forked workers inherit that.
    gc.disable()
    from fourtwo.cli._lang import choose

    choose(sys.argv[1:])  # before the commands are built: their help is written in the language chosen
    _refuse_a_gone_folder()
    from fourtwo.cli.app import app

    try:
        app()
    except SystemExit as done:
        if sys.argv[1:2] != ["check"] or not isinstance(done.code, (int, type(None))):
            raise
        # Everything is printed and no file was written: leave without freeing the model
        # object by object (a tenth of a second on 1,000 projects), as mypy does.
        import os

        code = done.code or 0
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BrokenPipeError:  # a reader that went away (| head): nothing more to say
            code = 1
        except OSError as exc:  # a full disk under a redirected report: it must not pass for clean
            from fourtwo.i18n import _, os_reason

            os.write(2, (_("fourtwo: the report could not be written: {reason}").format(reason=os_reason(exc)) + "\n").encode())
            code = 2
        os._exit(code)
