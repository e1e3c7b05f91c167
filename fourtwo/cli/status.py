"""`fourtwo status [PATH...]`: one row per project: where it stands and its problems."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from fourtwo.cli._app import command, out


@command("status")
def status(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Workspaces or project folders; default: the current workspace.")] = None,
) -> None:
    """One row per project: id, title, procedure, step reached, next step, problems."""
    from fourtwo import loader, views

    models, findings = loader.run(paths or [Path.cwd()])
    out(views.status_table(models, findings))
