"""The registry of checks; importing a module here registers its checks."""

from __future__ import annotations

from fourtwo.checks import canvass as _canvass  # noqa: F401  (registers)
from fourtwo.checks import meetings as _meetings  # noqa: F401  (registers)
from fourtwo.checks import notices as _notices  # noqa: F401  (registers)
from fourtwo.checks import project as _project  # noqa: F401  (registers)
from fourtwo.checks import workspace as _workspace  # noqa: F401  (registers)
from fourtwo.checks.registry import CHECKS
from fourtwo.diagnostics import Diagnostic
from fourtwo.loader import Model


def run_checks(model: Model) -> list[Diagnostic]:
    if not model.workspace.settings.locs:
        return []  # fourtwo.yaml did not load: every rule would be judged against guessed defaults
    findings: list[Diagnostic] = []
    for fn in CHECKS:
        findings.extend(fn(model))
    return findings
