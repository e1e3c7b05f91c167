"""`canvass coverage` as the command reports it, kept by the content it was counted from.

Apart from fourtwo.canvass.report so that a report reused (fourtwo.files.cache) imports
none of the model: at 20,000 households, start-up is most of what is left.
"""

from __future__ import annotations

import os
from pathlib import Path


def coverage_report(project: Path, missing: bool, fmt: str, reuse: bool = True) -> tuple[str, str, int]:
    """`canvass coverage`: the report, what to say first on stderr (rows not counted), and 0 at
    or above the threshold, 1 below; raises for a register or project that cannot be read.
    With `reuse`, the figures worked out before from the same bytes (fourtwo.stream.remembered)."""
    from fourtwo.files.layout import project_folder

    folder, root = project_folder(project)
    if not reuse:
        return _coverage_report(project, missing, fmt)[0]
    from fourtwo.files.cache import remembered

    where = [fmt, str(missing), str(project), os.getcwd()]  # the report names files as they were reached
    return remembered("coverage", folder, root, where, lambda: _coverage_report(project, missing, fmt))


def _coverage_report(project: Path, missing: bool, fmt: str) -> tuple[tuple[str, str, int], set[str], str]:
    from fourtwo.canvass.coverage import register_problem
    from fourtwo.canvass.report import as_json, as_text
    from fourtwo.findings import Severity
    from fourtwo.findings.errors import FindingsError, InputError
    from fourtwo.findings.printers import as_text as findings_text
    from fourtwo.i18n import T
    from fourtwo.pipeline import open_project
    from fourtwo.stream import named_paths

    model, judged, found, findings = open_project(project)
    register = model.register_path(found)
    broken = [f for f in findings if f.severity is Severity.ERROR and f.path == register]
    if broken:  # no coverage can be measured against a register that cannot be read
        raise FindingsError(broken)
    own = [f for f in findings if f.severity is Severity.ERROR and f.path.name == "canvass.csv"]
    cov = judged.coverage(found)
    if cov is None:
        raise InputError("FT504", project=found.id, why=register_problem(model, found) or T("it cannot be read"))
    named = found.data.households.register if found.data.households else ""
    text = as_json(found.id, named, cov, missing) if fmt == "json" else as_text(f"{found.data.title} ({found.id})", named, cov, missing)
    return (text, findings_text(own) if own else "", 0 if cov.reached else 1), named_paths(model, found), model.workspace.zone
