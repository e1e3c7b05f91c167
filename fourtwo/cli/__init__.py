"""The command line: a thin typer layer over the core; it alone prints and decides exit codes.

Each command lives in its own module and imports the heavy parts of the core (YAML,
tabulate, Jinja) inside its function, so `fourtwo --version` stays cheap.
"""

from __future__ import annotations

from fourtwo.cli import canvass, check, disclosure, init, new, review, schema, show, status  # noqa: F401  (registers the commands)
from fourtwo.cli._app import app


def main() -> None:
    app()
