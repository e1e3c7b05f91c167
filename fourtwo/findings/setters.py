"""Which command sets a key of fourtwo.yaml or project.yaml, for the hint of a finding about
that key's value (FT109, an empty required value): the files' layer reads keys and knows no
command; this table, beside the catalogue, names the command and its option."""

from __future__ import annotations

import os
from pathlib import Path

from fourtwo.i18n import T, Text

# fourtwo.yaml key → option of `fourtwo correct workspace` (fourtwo/cli/correct.py)
WORKSPACE = {
    "notice.hotline": "--hotline",
    "notice.posting_place": "--posting-place",
    "notice.objection_place": "--objection-place",
    "notice.office_hours": "--office-hours",
    "notice.supervision_review": "--supervision-review",
    "notice.period": "--period",
    "notice.unit": "--unit",
    "organisation.region": "--region",
    "party_organisation.secretary": "--secretary",
    "committee.director": "--director",
    "supervision_committee.chair": "--supervision-chair",
    "supervision_committee.phone": "--supervision-phone",
    "site.url": "--site-url",
    "site.folder": "--site-folder",
}
# project.yaml key → option of `fourtwo correct project` (model.correction.PROJECT_KEYS)
PROJECT = {
    "title": "--title",
    "matter": "--matter",
    "basis": "--basis",
    "origin": "--origin",
    "place": "--place",
    "contractor": "--contractor",
    "implementer": "--implementer",
    "budget.amount": "--budget",
    "budget.funding": "--funding",
    "schedule.start": "--start",
    "schedule.end": "--end",
    "households.register": "--households",
}


def setter_hint(path: Path, key: str) -> Text | None:
    """The hint naming the command that sets `key` of the file at `path`, or None where none does."""
    folder = _shown(path.parent)
    if path.name == "fourtwo.yaml" and key in WORKSPACE:
        return T("set it with: fourtwo correct workspace {folder} {option} …", folder=folder, option=WORKSPACE[key])
    if path.name == "project.yaml" and key in PROJECT:
        return T("set it with: fourtwo correct project {folder} {option} … --reason …", folder=folder, option=PROJECT[key])
    return None


def _shown(folder: Path) -> str:
    """As findings print paths (printers.display_path): relative to the current folder when below it."""
    try:
        base = Path.cwd()
        return os.path.relpath(folder, base) if folder.is_absolute() and folder.is_relative_to(base) else str(folder)
    except (OSError, ValueError):  # pragma: no cover - no current folder, or another drive on Windows
        return str(folder)
