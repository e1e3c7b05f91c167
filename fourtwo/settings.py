"""Filling in or correcting the workspace's settings (`fourtwo correct workspace`), spliced into fourtwo.yaml.

Settings are not recorded facts: no history is kept for them here, and a notice keeps with
it the settings it used. A value that would not load (a site address that is not one) is
refused before anything is written.
"""

from __future__ import annotations

from pathlib import Path

from fourtwo.checks.corrections import value_term
from fourtwo.correct import Changed, Value, rendered, shown
from fourtwo.files.atomic import atomic_write_bytes, locked
from fourtwo.files.layout import WORKSPACE_FILE, find_root
from fourtwo.files.reading import real
from fourtwo.files.yamledit import Source, set_value, verify_text
from fourtwo.findings import Severity
from fourtwo.findings.errors import FindingsError, InputError
from fourtwo.i18n import T, Term
from fourtwo.load import open_workspace
from fourtwo.model.workspace import WORKSPACE

# The settings of fourtwo.yaml a command fills in or corrects: key → what a clerk calls it.
SETTINGS = {
    "notice.hotline": "监督电话",
    "notice.posting_place": "公示地点",
    "notice.objection_place": "异议受理地点",
    "notice.office_hours": "异议受理时间",
    "notice.supervision_review": "监督委员会事先审查",
    "notice.period": "公示期",
    "notice.unit": "公示期计算方式",
    "organisation.region": "所在地区",
    "party_organisation.secretary": "党组织书记",
    "committee.director": "委员会主任",
    "supervision_committee.chair": "监督委员会主任",
    "supervision_committee.phone": "监督委员会电话",
    "site.url": "公开网站地址",
    "site.folder": "公开网站文件夹",
}


def set_settings(start: Path, wanted: dict[str, Value]) -> list[Changed]:
    """Fill in or correct settings of the workspace at or above `start` (fourtwo.yaml), spliced as
    project.yaml is. Settings are not recorded facts: a notice keeps those it used with it."""
    root = find_root(start)
    if root is None:
        raise InputError("FT902", path=start)
    path = root / WORKSPACE_FILE
    with locked(root):
        model, findings = open_workspace(root)  # the settings alone: no project is read
        broken = [  # but an empty value of a key set here (FT109, whose hint names this command)
            f for f in findings if f.severity is Severity.ERROR and real(f.path) == real(path) and not (f.code == "FT109" and f.args.get("key") in wanted)
        ]
        if broken:
            raise FindingsError(broken)
        source = Source(path)
        text, done = source.text, []
        settings = model.workspace.settings
        for key, new in wanted.items():
            section, name = key.split(".")
            holder = getattr(settings, section, None)
            old = getattr(holder, "head" if name in ("secretary", "director", "chair") else name, None) if holder is not None else None
            if shown(old) != shown(new):
                edited = set_value(text, path, [section, name], rendered(new))
                problem = _settings_problem(edited, path)
                if problem:
                    raise InputError("FT905", what=Term(key, SETTINGS[key]), value=shown(new), hint=problem)
                text = edited
                done.append(Changed(Term(key, SETTINGS[key]), value_term(key, shown(old)), value_term(key, shown(new))))
        if not done:
            raise InputError("FT905", what=T("the correction"), value=T("(no change)"), hint=T("fourtwo.yaml already says so: give the values that are wrong"))
        verify_text(text, path, WORKSPACE)
        atomic_write_bytes(path, source.encode(text))
    return done


def _settings_problem(text: str, path: Path) -> str:
    """Why fourtwo.yaml with a value set would not load (a site address that is not one), or ''."""
    from fourtwo.files import yamlio
    from fourtwo.files.spec import Ctx

    doc, findings = yamlio.parse(text, path)
    ctx = Ctx(path)
    if doc is not None:
        WORKSPACE.convert(doc.root, ctx, "")
    errors = [f for f in findings + ctx.findings if f.severity is Severity.ERROR]
    if not errors:
        return ""
    return f"{errors[0].message}; {errors[0].hint}" if errors[0].hint else errors[0].message
