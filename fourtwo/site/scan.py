"""`fourtwo check --site DIR`: the personal-data scan over a built site, with the public
numbers (hotlines, offices' lines) of the workspaces checked allowed."""

from __future__ import annotations

import os
from pathlib import Path

from fourtwo.checks.board import site_findings
from fourtwo.disclosure.privacy import public_numbers
from fourtwo.files.reading import kind_of, not_found
from fourtwo.findings import Diagnostic
from fourtwo.findings.errors import InputError
from fourtwo.i18n import T
from fourtwo.load import open_workspace, resolve_targets


def scan_site(folder: Path, paths: list[Path]) -> list[Diagnostic]:
    if not folder.is_dir():
        if not folder.exists():
            raise not_found(folder)
        kind = T(kind_of(os.stat(folder).st_mode))
        raise InputError("FT905", what="--site", value=folder, hint=T("it is {kind}, not a folder: give the folder 'fourtwo site' built", kind=kind))
    allowed: set[str] = set()
    for target in resolve_targets(paths):
        model, _ = open_workspace(target.root)
        allowed |= public_numbers(model.workspace)
    return site_findings(folder, allowed)
