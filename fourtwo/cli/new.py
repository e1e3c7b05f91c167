"""`fourtwo new ID --title T`: a project folder with its project.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fourtwo.cli._app import command, out, parse_amount
from fourtwo.files.reading import real
from fourtwo.i18n import _


@command("new")
def new(
    project_id: Annotated[str, typer.Argument(metavar=_("ID"), help=_("Folder name of the project, e.g. 2024-hongmeiyuan-activity-area."))],
    title: Annotated[str, typer.Option("--title", help=_("The matter in a few words, e.g. 红梅园小区居民活动场地改造."))],
    procedure: Annotated[str | None, typer.Option("--procedure", help=_("village, community, or one in procedures/; default from fourtwo.yaml."))] = None,
    households: Annotated[Path | None, typer.Option("--households", help=_("The household register of the project (inside the workspace)."))] = None,
    workspace: Annotated[Path, typer.Option("--workspace", "-w", help=_("The workspace folder; default: the one at or above the current folder."))] = Path("."),
    matter: Annotated[str, typer.Option("--matter", help=_("What is to be decided, as residents will read it (or later: fourtwo correct project)."))] = "",
    place: Annotated[str, typer.Option("--place", help=_("Where the work is done."))] = "",
    budget: Annotated[str | None, typer.Option("--budget", help=_("The budget in yuan, e.g. 186452.60."))] = None,
    funding: Annotated[str, typer.Option("--funding", help=_("Where the money comes from, e.g. 为民服务和发展专项资金."))] = "",
    implementer: Annotated[
        str, typer.Option("--implementer", help=_("实施主体: who organises the work, as notices name it; default the committee of fourtwo.yaml."))
    ] = "",
) -> None:
    """Create projects/ID/project.yaml in the workspace."""
    from fourtwo.create import Content, create_project
    from fourtwo.findings.printers import display_path

    content = Content(matter.strip(), place.strip(), parse_amount("--budget", budget) if budget is not None else None, funding.strip(), implementer.strip())
    path = create_project(workspace, project_id, title, procedure, households, content)
    out(_("wrote {path}").format(path=display_path(real(path))))
