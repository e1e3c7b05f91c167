"""`fourtwo check [PATH...]`: every finding in one run; exit 0 clean, 1 errors, 2 unusable path."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from fourtwo.cli._app import EXIT_FINDINGS, EXIT_OK, command, out


class Format(str, enum.Enum):
    text = "text"
    json = "json"


@command("check")
def check(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Workspaces, project folders or files; default: the current workspace.")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="text, or json for tools.")] = Format.text,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the check too.")] = False,
) -> None:
    """Validate every file of the workspace and report all findings."""
    from fourtwo import loader, report
    from fourtwo.diagnostics import has_errors

    models, findings = loader.run(paths or [Path.cwd()])
    projects = sum(len(m.projects) for m in models)
    if format is Format.json:
        out(report.as_json(findings, projects, len(models)))
    else:
        if findings:
            out(report.as_text(findings))
        out(report.summary(findings, projects, len(models)))
    raise typer.Exit(EXIT_FINDINGS if has_errors(findings, strict) else EXIT_OK)
