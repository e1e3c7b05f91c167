"""`fourtwo check [PATH...]`: every finding in one run; exit 0 clean, 1 errors, 2 unusable path."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from fourtwo.cli._app import EXIT_FINDINGS, EXIT_OK, command, out


class Format(enum.StrEnum):
    text = "text"
    json = "json"
    github = "github"


@command("check")
def check(
    paths: Annotated[list[Path] | None, typer.Argument(help="Workspaces, project folders or files; default: the current workspace.")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="text; json for tools; github for annotations in GitHub Actions.")] = Format.text,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the check too.")] = False,
    select: Annotated[
        list[str] | None, typer.Option("--select", help="Only these codes, or prefixes (FT4 = every meeting finding); repeat or comma-separate.")
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="Not these codes or prefixes; repeat or comma-separate.")] = None,
    changed: Annotated[
        str | None, typer.Option("--changed", metavar="REF", help="Only projects whose files changed since this git revision (e.g. origin/main).")
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Processes side by side; 0 decides by the cores and the workspace's size, 1 keeps one.")] = 0,
    site: Annotated[
        Path | None, typer.Option("--site", metavar="DIR", help="Also scan a site 'fourtwo site' built for personal data (as site.folder does).")
    ] = None,
) -> None:
    """Validate every file of the workspace and report all findings (docs/checks.md lists each code)."""
    import sys

    from fourtwo import pipeline
    from fourtwo.findings import has_errors
    from fourtwo.findings import printers as report

    outcome = pipeline.run(paths or [Path.cwd()], changed_since=changed, jobs=jobs)
    if site is not None:
        from fourtwo.site.scan import scan_site

        outcome.findings += scan_site(site, paths or [Path.cwd()])
    findings = report.select(outcome.findings, _split(select), _split(ignore))
    projects, workspaces = outcome.projects, outcome.workspaces
    if format is Format.json:
        out(report.as_json(findings, projects, workspaces))
    elif format is Format.github:
        if findings:
            out(report.as_github(findings))
        out(report.summary(findings, projects, workspaces))
    else:
        if findings:
            out(report.with_source(findings) if sys.stdout.isatty() else report.as_text(findings))
        out(report.summary(findings, projects, workspaces))
    raise typer.Exit(EXIT_FINDINGS if has_errors(findings, strict) else EXIT_OK)


def _split(values: list[str] | None) -> list[str]:
    """Codes given as repeated options, comma-separated, or both."""
    return [p for v in values or [] for p in v.split(",")]
