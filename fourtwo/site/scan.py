"""`fourtwo check --site DIR`: the personal-data scan over a built site, with the public
numbers (hotlines, offices' lines) of the workspaces checked allowed."""

from __future__ import annotations

from pathlib import Path

from fourtwo.checks.board import site_findings
from fourtwo.disclosure.privacy import public_numbers
from fourtwo.findings import Diagnostic
from fourtwo.findings.errors import InputError
from fourtwo.load import open_workspace, resolve_targets


def scan_site(folder: Path, paths: list[Path]) -> list[Diagnostic]:
    if not folder.is_dir():
        raise InputError("FT901", path=folder)
    allowed: set[str] = set()
    for target in resolve_targets(paths):
        model, _ = open_workspace(target.root)
        allowed |= public_numbers(model.workspace)
    return site_findings(folder, allowed)
