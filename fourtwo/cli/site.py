"""`fourtwo site [PATH...] --out DIR`: the public board, a static site of every decision."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fourtwo.cli._app import EXIT_FINDINGS, command, out, parse_date
from fourtwo.findings.printers import one_line
from fourtwo.i18n import TN, T, _, listing, ngettext


@command("site")
def site(
    paths: Annotated[
        list[Path] | None, typer.Argument(metavar=_("PATH") + "...", help=_("Workspaces (or folders holding them); default: the current workspace."))
    ] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", metavar=_("DIR"), help=_("The site's folder; default: site.folder in fourtwo.yaml."))] = None,
    date: Annotated[str | None, typer.Option("--date", help=_("The day the site speaks of (notice periods open, days left); default today."))] = None,
) -> None:
    """Build the public site: an index per organisation, a page per project and per posted notice."""
    from fourtwo.findings.errors import InputError
    from fourtwo.findings.printers import display_path
    from fourtwo.site.build import build_site, configured_folder

    targets = paths or [Path.cwd()]
    folder = out_dir or configured_folder(targets)
    if folder is None:
        raise InputError(
            "FT905",
            what="--out",
            value=T("(not given)"),
            hint=T("give --out DIR, or name the folder once: fourtwo correct workspace {folder} --site-folder …", folder=display_path(targets[0])),
        )
    built = build_site(targets, folder, parse_date("--date", date, targets[0]))  # today where the (first) committee sits, as report and check take it
    out(
        _("built {pages} for {projects} in {out} ({written} written)").format(
            pages=TN("{n} page", "{n} pages", built.pages),
            projects=TN("{n} project", "{n} projects", built.projects),
            out=built.out,
            written=TN("{n} file", "{n} files", built.written),
        )
    )
    if built.kept:
        out(
            ngettext(
                "left as it is: {count} file of the last build changed since, which fourtwo will not remove ({names})",
                "left as they are: {count} files of the last build changed since, which fourtwo will not remove ({names})",
                len(built.kept),
            ).format(count=len(built.kept), names=listing(one_line(name) for name in built.kept[:5]))
        )
    if not built.url:
        out(
            _("no site.url in fourtwo.yaml: notices carry no QR code (set it: fourtwo correct workspace {folder} --site-url …)").format(
                folder=display_path(targets[0])
            )
        )
    from fourtwo.findings.printers import as_text

    errors = built.errors
    if errors:  # the board shows what the records say: say plainly that they are not right yet
        typer.echo(as_text(errors), err=True)
        said = ngettext(
            "the site shows records with {n} error: correct it and build the site again",
            "the site shows records with {n} errors: correct them and build the site again",
            len(errors),
        )
        typer.echo(said.format(n=len(errors)), err=True)
        raise typer.Exit(EXIT_FINDINGS)
