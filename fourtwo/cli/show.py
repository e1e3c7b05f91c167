"""`fourtwo show PROJECT`: a project's record, step by step."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fourtwo.cli._app import command, out
from fourtwo.i18n import _


@command("show")
def show(
    project: Annotated[Path, typer.Argument(metavar=_("PROJECT"), help=_("A project's folder or its project.yaml."))],
) -> None:
    """Print a project's record: what it is, and each step with its result."""
    from fourtwo import record_view
    from fourtwo.pipeline import open_project

    _, judged, found, findings = open_project(project, checks=True)
    out(record_view.project_record(judged, found, findings))
