"""`fourtwo status [PATH...]`: one row per project: where it stands and its problems."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fourtwo.cli._app import EXIT_FINDINGS, EXIT_OK, command, out, word
from fourtwo.i18n import _

FORMATS = ("text", "json", "csv")


@command("status")
def status(
    paths: Annotated[
        list[Path] | None, typer.Argument(metavar=_("PATH") + "...", help=_("Workspaces or project folders; default: the current workspace."))
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="text|json|csv", help=_("text; json for tools; csv for Excel and WPS."))] = "text",
) -> None:
    """One row per project: id, title, procedure, step reached, next step, problems."""
    import json

    from fourtwo import pipeline, views
    from fourtwo.findings import has_errors

    fmt = word("--format", format, FORMATS, {"文本": "text"})
    outcome = pipeline.run(paths or [Path.cwd()], views.status_row)
    if fmt == "text":
        out(views.status_table(outcome))
    else:
        text = json.dumps(views.status_records(outcome), ensure_ascii=False, indent=2) if fmt == "json" else views.status_csv(outcome)
        out(text.rstrip("\r\n"))
    raise typer.Exit(EXIT_FINDINGS if has_errors(outcome.findings) else EXIT_OK)
