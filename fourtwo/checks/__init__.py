"""The checks: rules over a judged workspace → findings. Importing a module here registers its checks.

They read the model and the stages' rules, never the pipeline that runs them.
"""

from __future__ import annotations

from fourtwo.checks import board as _board  # registers
from fourtwo.checks import canvass as _canvass  # registers
from fourtwo.checks import meetings as _meetings  # registers
from fourtwo.checks import notices as _notices  # registers
from fourtwo.checks import privacy as _privacy  # registers
from fourtwo.checks import project as _project  # registers
from fourtwo.checks import workspace as _workspace  # registers
from fourtwo.checks.registry import PROJECT_CHECKS, WORKSPACE_CHECKS
from fourtwo.findings import Diagnostic
from fourtwo.judge import Judgement

__all__ = ["run_checks"]
_REGISTERED = (_board, _canvass, _meetings, _notices, _privacy, _project, _workspace)


def run_checks(judged: Judgement, workspace_checks: bool = True) -> list[Diagnostic]:
    """Every registered check over the judged workspace; `workspace_checks=False` for a part
    of a workspace whose first part runs them."""
    if not judged.model.workspace.settings.locs:
        return []  # fourtwo.yaml did not load: every rule would be judged against guessed defaults
    findings: list[Diagnostic] = []
    for check in PROJECT_CHECKS:
        for project in judged.model.projects:
            findings.extend(check(judged, project))
    if workspace_checks:
        for ws_check in WORKSPACE_CHECKS:
            findings.extend(ws_check(judged))
    return findings
