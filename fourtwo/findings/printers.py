"""Findings as text or JSON: one list of records feeds every format, in one order."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from fourtwo.findings import Diagnostic, Severity, sorted_findings
from fourtwo.i18n import N_, _, ngettext

JSON_SCHEMA_VERSION = 1


# What a terminal obeys rather than shows: C0 and C1 controls (a line feed, ESC, CSI), the line
# and paragraph separators, and the marks that reverse the direction of what follows.
_OBEYED = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def one_line(text: str) -> str:
    """`text` as one line that shows what it holds: a name from the disk or a dataset cannot
    forge an output line or colour, hide or retitle the terminal; each such character is
    written as Python escapes it (\\n, \\x1b, \\u202e). Chinese and its full-width space are shown."""
    if text.isprintable() or not _OBEYED.search(text):
        return text
    return _OBEYED.sub(lambda m: repr(m[0])[1:-1] if m[0] not in "\u2028\u2029" else f"\\u{ord(m[0]):04x}", text)


def display_path(path: Path, base: Path | None = None) -> str:
    """Relative to the current folder when below it, so editors can jump to it; on one line."""
    if base is None:
        try:
            base = Path.cwd()
        except OSError:  # the current folder was deleted: nothing is below it
            return one_line(str(path))
    try:
        return one_line(os.path.relpath(path, base) if path.is_absolute() and path.is_relative_to(base) else str(path))
    except ValueError:  # pragma: no cover - another drive on Windows
        return one_line(str(path))


_SEVERITY_WORDS = {Severity.ERROR: N_("error"), Severity.WARNING: N_("warning"), Severity.INFO: N_("info")}


def severity_word(severity: Severity) -> str:
    """'error' / 'warning' as a person reads them (JSON and GitHub keep the English keyword)."""
    return _(_SEVERITY_WORDS[severity])


def _hint_line(hint: str) -> str:
    return "    " + _("hint: {hint}").format(hint=hint)


def error_line(d: Diagnostic) -> str:
    """One finding a command stops on, as `fourtwo: path:line:col: error CODE message` and its hint."""
    where = ""
    if d.path.parts:  # Path("") means the finding is about no file in particular
        where = display_path(d.path) + (f":{d.line}:{max(d.col, 1)}" if d.line else "") + ": "  # columns from 1, as check prints them
    text = f"fourtwo: {where}{severity_word(d.severity)} {d.code} {one_line(d.message)}"
    return text + ("\n" + _hint_line(one_line(d.hint)) if d.hint else "")


def count(findings: Iterable[Diagnostic]) -> tuple[int, int]:
    """Errors and warnings (information is neither)."""
    items = list(findings)
    errors = sum(1 for f in items if f.severity is Severity.ERROR)
    return errors, sum(1 for f in items if f.severity is Severity.WARNING)


def notes(findings: Iterable[Diagnostic]) -> int:
    return sum(1 for f in findings if f.severity is Severity.INFO)


def as_text(findings: list[Diagnostic], hints: bool = True) -> str:
    lines = []
    for f in sorted_findings(findings):
        lines.append(f"{display_path(f.path)}:{max(f.line, 1)}:{max(f.col, 1)}: {severity_word(f.severity)} {f.code} {one_line(f.message)}")
        if hints and f.hint:
            lines.append(_hint_line(one_line(f.hint)))
    return "\n".join(lines)


def summary(findings: list[Diagnostic], projects: int, workspaces: int) -> str:
    errors, warnings = count(findings)
    scope = _(", ").join(
        (ngettext("{n} workspace", "{n} workspaces", workspaces).format(n=workspaces), ngettext("{n} project", "{n} projects", projects).format(n=projects))
    )
    infos = notes(findings)
    noted = " " + ngettext("({n} note.)", "({n} notes.)", infos).format(n=infos) if infos else ""
    if not errors and not warnings:
        return _("No problems found ({scope} checked).").format(scope=scope) + noted
    return (
        _("Found {errors} and {warnings} ({scope} checked).").format(
            errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
            warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
            scope=scope,
        )
        + noted
    )


def as_json(findings: list[Diagnostic], projects: int, workspaces: int) -> str:
    import json  # here: a text report (and every command that writes) does without it

    errors, warnings = count(findings)
    doc = {
        "version": JSON_SCHEMA_VERSION,
        "findings": [
            {
                "path": display_path(f.path),
                "line": max(f.line, 1),
                "col": max(f.col, 1),
                "severity": f.severity.value,
                "code": f.code,
                "message": f.message,
                "hint": f.hint,
            }
            for f in sorted_findings(findings)
        ],
        "summary": {"errors": errors, "warnings": warnings, "notes": notes(findings), "projects": projects, "workspaces": workspaces},
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    """GitHub workflow commands: %, CR and LF in the message must be percent-encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(findings: list[Diagnostic]) -> str:
    """`::error file=…,line=…,col=…,title=CODE::message`: annotations on a pull request's files."""
    lines = []
    for f in sorted_findings(findings):
        level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}[f.severity]
        where = f"file={_escape_property(display_path(f.path))},line={max(f.line, 1)},col={max(f.col, 1)},title={f.code}"
        message = f.message + (" (" + _("hint: {hint}").format(hint=f.hint) + ")" if f.hint else "")
        lines.append(f"::{level} {where}::{_escape_data(message)}")
    return "\n".join(lines)


def with_source(findings: list[Diagnostic]) -> str:
    """The text format with the offending line and a caret under the column, for a terminal."""
    from wcwidth import wcswidth

    cache: dict[Path, list[str]] = {}
    lines = []
    for f in sorted_findings(findings):
        lines.append(f"{display_path(f.path)}:{max(f.line, 1)}:{max(f.col, 1)}: {severity_word(f.severity)} {f.code} {f.message}")
        if f.line > 0 and f.path.suffix.lower() in (".yaml", ".yml", ".csv"):
            if f.path not in cache:
                try:
                    cache[f.path] = f.path.read_text(encoding="utf-8-sig").splitlines()
                except (OSError, UnicodeDecodeError):
                    cache[f.path] = []
            source = cache[f.path]
            if f.line <= len(source):
                text = source[f.line - 1].replace("\t", " ")
                pad = wcswidth(text[: max(f.col - 1, 0)])  # a Chinese character takes two columns
                lines.append(f"    {text}")
                lines.append(f"    {' ' * max(pad, 0)}^")
        if f.hint:
            lines.append(_hint_line(f.hint))
    return "\n".join(lines)


def select(findings: list[Diagnostic], chosen: list[str], ignored: list[str]) -> list[Diagnostic]:
    """Keep the codes chosen (by code or prefix: FT4 keeps FT401…), less those ignored."""

    def matches(code: str, patterns: list[str]) -> bool:
        return any(code.startswith(p.strip().upper()) for p in patterns if p.strip())

    return [f for f in findings if (not chosen or matches(f.code, chosen)) and not matches(f.code, ignored)]
