"""`fourtwo status [PATH...]`: one row per project: where it stands and its problems."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fourtwo.cli._app import command, out
from fourtwo.i18n import _


@command("status")
def status(
    paths: Annotated[
        list[Path] | None, typer.Argument(metavar=_("PATH") + "...", help=_("Workspaces or project folders; default: the current workspace."))
    ] = None,
) -> None:
    """One row per project: id, title, procedure, step reached, next step, problems."""
    from fourtwo import pipeline, views

    out(views.status_table(pipeline.run(paths or [Path.cwd()], views.status_row)))
