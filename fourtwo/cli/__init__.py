"""The command line: a thin typer layer over the core; it alone prints and decides exit codes.

Each command lives in its own module and imports the heavy parts of the core (YAML,
tabulate, Jinja) inside its function, so start-up stays cheap.
"""

from __future__ import annotations

import sys


def main() -> None:
    # `fourtwo --version` answers before typer builds every command's parser (~40 ms).
    if sys.argv[1:] == ["--version"]:
        from fourtwo import __version__

        print(f"fourtwo {__version__}")
        return
    from fourtwo.cli.app import app

    app()
