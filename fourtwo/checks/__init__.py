"""The checks: rules over a judged workspace → findings. Importing a module here registers its checks.

They read the model and the stages' rules, never the pipeline that runs them.
"""

from __future__ import annotations

import os
from pathlib import Path

from fourtwo.checks import board as _board  # registers
from fourtwo.checks import canvass as _canvass  # registers
from fourtwo.checks import corrections as _corrections  # registers
from fourtwo.checks import meetings as _meetings  # registers
from fourtwo.checks import notices as _notices  # registers
from fourtwo.checks import privacy as _privacy  # registers
from fourtwo.checks import project as _project  # registers
from fourtwo.checks import records as _records  # registers
from fourtwo.checks import workspace as _workspace  # registers
from fourtwo.checks.registry import PROJECT_CHECKS, WORKSPACE_CHECKS
from fourtwo.findings import Diagnostic
from fourtwo.judge import Judgement
from fourtwo.model.project import Project

__all__ = ["project_checks", "run_checks", "workspace_wide_checks"]
_REGISTERED = (_board, _canvass, _corrections, _meetings, _notices, _privacy, _project, _records, _workspace)


def run_checks(judged: Judgement, workspace_checks: bool = True) -> list[Diagnostic]:
    """Every registered check over the judged workspace; `workspace_checks=False` for a part
    of a workspace whose first part runs them."""
    findings: list[Diagnostic] = []
    for project in judged.model.projects:
        findings += project_checks(judged, project)
    if workspace_checks:
        findings += workspace_wide_checks(judged)
    return findings


def checkable(judged: Judgement) -> bool:
    """False when fourtwo.yaml did not load: every rule would be judged against guessed defaults."""
    return bool(judged.model.workspace.settings.locs)


def project_checks(judged: Judgement, project: Project) -> list[Diagnostic]:
    """Every per-project check over one project: what needs only that project's visits, so a
    pipeline may load them, run these, and let them go before the next project's."""
    if not checkable(judged):
        return []
    findings: list[Diagnostic] = []
    try:
        for check in PROJECT_CHECKS:
            try:
                findings.extend(check(judged, project))
            except OSError as exc:  # a name the system refuses (too long), a folder it may not enter
                findings.append(_refused(exc, project.file))
    finally:
        judged.forget_texts()  # the project's notices, read once for every check of them
    return findings


def workspace_wide_checks(judged: Judgement) -> list[Diagnostic]:
    """The checks of what every project shares (fourtwo.yaml, registers, templates)."""
    if not checkable(judged):
        return []
    findings: list[Diagnostic] = []
    for ws_check in WORKSPACE_CHECKS:
        try:
            findings.extend(ws_check(judged))
        except OSError as exc:
            findings.append(_refused(exc, judged.model.workspace.file))
    return findings


def _refused(exc: OSError, record: Path) -> Diagnostic:
    """A file a record names that the system would not let a check look at: said at the record
    (FT001), the other checks' findings kept, never an internal error."""
    from fourtwo.files.limits import where_named
    from fourtwo.files.reading import unreadable
    from fourtwo.i18n import T

    named = os.path.basename(exc.filename) if isinstance(exc.filename, str) else ""
    return unreadable(record, T("'{name}', which it names", name=named) if named else T("a file it names"), exc, where_named(record, named))
