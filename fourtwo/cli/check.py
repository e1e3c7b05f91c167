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
    github = "github"


@command("check")
def check(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Workspaces, project folders or files; default: the current workspace.")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="text; json for tools; github for annotations in GitHub Actions.")] = Format.text,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the check too.")] = False,
    select: Annotated[Optional[list[str]], typer.Option("--select", help="Only these codes, or prefixes (FT4 = every meeting finding); repeat or comma-separate.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Not these codes or prefixes; repeat or comma-separate.")] = None,
    changed: Annotated[Optional[str], typer.Option("--changed", metavar="REF", help="Only projects whose files changed since this git revision (e.g. origin/main).")] = None,
) -> None:
    """Validate every file of the workspace and report all findings (docs/checks.md lists each code)."""
    import sys

    from fourtwo import loader, report
    from fourtwo.diagnostics import has_errors

    models, findings = loader.run(paths or [Path.cwd()], changed_since=changed)
    split = lambda values: [p for v in values or [] for p in v.split(",")]  # noqa: E731
    findings = report.select(findings, split(select), split(ignore))
    projects = sum(len(m.projects) for m in models)
    if format is Format.json:
        out(report.as_json(findings, projects, len(models)))
    elif format is Format.github:
        if findings:
            out(report.as_github(findings))
        out(report.summary(findings, projects, len(models)))
    else:
        if findings:
            out(report.with_source(findings) if sys.stdout.isatty() else report.as_text(findings))
        out(report.summary(findings, projects, len(models)))
    raise typer.Exit(EXIT_FINDINGS if has_errors(findings, strict) else EXIT_OK)
