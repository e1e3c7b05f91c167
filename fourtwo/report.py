"""Findings as text or JSON: one list of records feeds every format, in one order."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable

from fourtwo.diagnostics import Diagnostic, Severity, sorted_findings

JSON_SCHEMA_VERSION = 1


def display_path(path: Path, base: Path | None = None) -> str:
    """Relative to the current folder when below it, so editors can jump to it."""
    base = base or Path.cwd()
    try:
        return os.path.relpath(path, base) if path.is_absolute() and path.is_relative_to(base) else str(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def count(findings: Iterable[Diagnostic]) -> tuple[int, int]:
    items = list(findings)
    errors = sum(1 for f in items if f.severity is Severity.ERROR)
    return errors, len(items) - errors


def as_text(findings: list[Diagnostic], hints: bool = True) -> str:
    lines = []
    for f in sorted_findings(findings):
        lines.append(f"{display_path(f.path)}:{max(f.line, 1)}:{max(f.col, 1)}: {f.severity} {f.code} {f.message}")
        if hints and f.hint:
            lines.append(f"    hint: {f.hint}")
    return "\n".join(lines)


def summary(findings: list[Diagnostic], projects: int, workspaces: int) -> str:
    errors, warnings = count(findings)
    scope = f"{workspaces} workspace{'s' if workspaces != 1 else ''}, {projects} project{'s' if projects != 1 else ''}"
    if not findings:
        return f"No problems found ({scope} checked)."
    return f"Found {errors} error{'s' if errors != 1 else ''} and {warnings} warning{'s' if warnings != 1 else ''} ({scope} checked)."


def as_json(findings: list[Diagnostic], projects: int, workspaces: int) -> str:
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
        "summary": {"errors": errors, "warnings": warnings, "projects": projects, "workspaces": workspaces},
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)
