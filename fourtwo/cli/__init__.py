"""The command line: a thin typer layer over the core; it alone prints and decides exit codes.

Each command lives in its own module and imports the heavy parts of the core (YAML,
tabulate, Jinja) inside its function, so start-up stays cheap.
"""

from __future__ import annotations

import gc
import sys


def main() -> None:
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
            from fourtwo.i18n import _

            os.write(2, (_("fourtwo: the report could not be written: {reason}").format(reason=exc.strerror or exc) + "\n").encode())
            code = 2
        os._exit(code)
