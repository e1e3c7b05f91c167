"""`fourtwo check [PATH...]`: every finding in one run; exit 0 clean, 1 errors, 2 unusable path."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fourtwo.cli._app import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, command, out, word
from fourtwo.i18n import Term, _, listing

if TYPE_CHECKING:
    from fourtwo.findings import Diagnostic

FORMATS = ("text", "json", "github")


@command("check")
def check(
    paths: Annotated[
        list[Path] | None, typer.Argument(metavar=_("PATH") + "...", help=_("Workspaces, project folders or files; default: the current workspace."))
    ] = None,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="text|json|github",
            help=_("text; json for tools; github for annotations in GitHub Actions."),
        ),
    ] = str(Term("text", "文本")),
    strict: Annotated[bool, typer.Option("--strict", help=_("Warnings fail the check too."))] = False,
    select: Annotated[
        list[str] | None, typer.Option("--select", help=_("Only these codes, or prefixes (FT4 = every meeting finding); repeat or comma-separate."))
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help=_("Not these codes or prefixes; repeat or comma-separate."))] = None,
    changed: Annotated[
        str | None, typer.Option("--changed", metavar=_("REF"), help=_("Only projects whose files changed since this git revision (e.g. origin/main)."))
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, help=_("Processes side by side; 0 decides by the cores and the workspace's size, 1 keeps one."))
    ] = 0,
    site: Annotated[
        Path | None, typer.Option("--site", metavar=_("DIR"), help=_("Also scan a site 'fourtwo site' built for personal data (as site.folder does)."))
    ] = None,
) -> None:
    """Validate every file of the workspace and report all findings (docs/checks.md lists each code)."""
    import sys

    from fourtwo import pipeline
    from fourtwo.findings import has_errors
    from fourtwo.findings import printers as report

    fmt = word("--format", format, FORMATS, {"文本": "text"})
    selected, ignored = _codes("--select", select), _codes("--ignore", ignore)
    usable, unusable = _usable(paths or [Path.cwd()])
    # A publish cut off is finished or undone first in each project, as the next command on it would.
    outcome = pipeline.run(usable, pipeline.findings_only, jobs=jobs, changed_since=changed, finish=True) if usable else pipeline.Outcome([])
    found = outcome.findings
    if site is not None:
        from fourtwo.site.scan import scan_site

        found += scan_site(site, usable)
    findings = unusable + report.select(found, selected, ignored)
    projects, workspaces = outcome.projects, len(outcome.workspaces)
    if fmt == "json":
        out(report.as_json(findings, projects, workspaces))
    elif fmt == "github":
        if findings:
            out(report.as_github(findings))
        out(report.summary(findings, projects, workspaces))
    else:
        if findings:
            out(report.with_source(findings) if sys.stdout.isatty() else report.as_text(findings))
        out(report.summary(findings, projects, workspaces))
    raise typer.Exit(EXIT_USAGE if unusable else EXIT_FINDINGS if has_errors(findings, strict) else EXIT_OK)


def _usable(paths: list[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """The paths that can be checked, and a finding at each one that cannot: reported with every
    other finding (exit 2), not instead of them."""
    from dataclasses import replace

    from fourtwo.findings import Loc
    from fourtwo.findings.errors import InputError
    from fourtwo.load import resolve_targets

    usable: list[Path] = []
    unusable: list[Diagnostic] = []
    for path in paths:
        try:
            resolve_targets([path])
        except InputError as exc:
            unusable.append(replace(exc.diagnostic, loc=Loc(path)))
            continue
        usable.append(path)
    return usable, unusable


def _codes(option: str, values: list[str] | None) -> list[str]:
    """Codes or prefixes of codes (FT503, FT5), each one the catalogue has: a typo is refused, never
    taken to select nothing."""
    import difflib

    from fourtwo.findings.catalogue import MESSAGES
    from fourtwo.findings.errors import InputError
    from fourtwo.i18n import T

    codes = [code.upper() for code in _split(values)]
    for code in codes:
        if not (code.startswith("FT") and len(code) > 2 and any(known.startswith(code) for known in MESSAGES)):
            close = [known for known in MESSAGES if known.endswith(code)] or difflib.get_close_matches(code, list(MESSAGES), n=3)
            hint = T("write a code such as FT503, or the start of codes such as FT5 (docs/checks.md lists them)")
            if close:
                hint = T("did you mean {options}?", options=listing(close))
            raise InputError("FT905", what=option, value=code, hint=hint)
    return codes


def _split(values: list[str] | None) -> list[str]:
    """Codes given as repeated options, comma-separated, or both."""
    from fourtwo.i18n import split_words

    return [p for v in values or [] for p in split_words(v)]
