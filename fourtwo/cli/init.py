"""`fourtwo init [DIR]`: a working workspace, with every key of fourtwo.yaml explained."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fourtwo.cli._app import command, out
from fourtwo.i18n import Term, _


@command("init")
def init(
    folder: Annotated[Path, typer.Argument(metavar=_("FOLDER"), help=_("Folder of the new workspace (created if missing)."))] = Path("."),
    name: Annotated[str | None, typer.Option("--name", help=_("The community or village, e.g. 北苑社区; default: the folder's name."))] = None,
    kind: Annotated[str, typer.Option("--kind", help=_("community (社区) or village (村)."))] = str(Term("community", "社区")),
) -> None:
    """Start a workspace: fourtwo.yaml, projects/, households/ and editor schemas."""
    from fourtwo.create import create_workspace
    from fourtwo.findings.printers import display_path

    written = create_workspace(folder, name, kind)
    for path in written:
        out(_("wrote {path}").format(path=display_path(path.resolve())))
    out(_("Next: fill in the empty values of fourtwo.yaml, then 'fourtwo new ID --title TITLE'."))
