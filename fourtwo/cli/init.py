"""`fourtwo init [DIR]`: a working workspace, with every key of fourtwo.yaml explained."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from fourtwo.cli._app import command, out
from fourtwo.files.reading import real
from fourtwo.i18n import Term, _


@command("init")
def init(
    folder: Annotated[Path, typer.Argument(metavar=_("FOLDER"), help=_("Folder of the new workspace (created if missing)."))] = Path("."),
    name: Annotated[str | None, typer.Option("--name", help=_("The community or village, e.g. 北苑社区; default: the folder's name."))] = None,
    kind: Annotated[str, typer.Option("--kind", help=_("community (社区) or village (村)."))] = str(Term("community", "社区")),
    hotline: Annotated[str | None, typer.Option("--hotline", help=_("Supervision phone for objections, printed on every notice."))] = None,
    objection_place: Annotated[
        str | None, typer.Option("--objection-place", help=_("Where residents may object in person (with --office-hours), where there is no phone."))
    ] = None,
    office_hours: Annotated[str | None, typer.Option("--office-hours", help=_("When that place takes objections, e.g. 工作日8:30—17:30."))] = None,
) -> None:
    """Start a workspace: fourtwo.yaml, projects/, households/ and editor schemas."""
    from fourtwo.create import Contacts, create_workspace
    from fourtwo.findings.printers import display_path

    if hotline is None and objection_place is None and office_hours is None and sys.stdin.isatty():
        # Every notice must say how to object (publish refuses without it): asked here, on a terminal only.
        hotline = typer.prompt(_("Supervision phone for objections, printed on every notice (Enter: later)"), default="", show_default=False)
        if not hotline.strip():
            objection_place = typer.prompt(_("Or a place where residents object in person (Enter: later)"), default="", show_default=False)
            if objection_place.strip():
                office_hours = typer.prompt(_("Its office hours, e.g. 工作日8:30—17:30"), default="", show_default=False)
    contacts = Contacts((hotline or "").strip(), (objection_place or "").strip(), (office_hours or "").strip())
    written = create_workspace(folder, name, kind, contacts)
    for path in written:
        out(_("wrote {path}").format(path=display_path(real(path))))
    where = display_path(real(folder))  # the commands named here run from where the clerk is
    out(
        _(
            "Next: fill in the committee's details (fourtwo correct workspace {folder} --region … --secretary … --director … --supervision-chair … --supervision-phone …), then: fourtwo new ID --title TITLE --workspace {folder}"
        ).format(folder=where)
    )
    if not contacts.hotline and not (contacts.place and contacts.hours):
        out(
            _(
                "A notice says how to object: set a phone (fourtwo correct workspace {folder} --hotline …) or a place and its hours (--objection-place … --office-hours …) before publishing."
            ).format(folder=where)
        )
