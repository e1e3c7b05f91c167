"""`fourtwo schema KIND`: the JSON Schema an editor uses to check fourtwo.yaml or project.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fourtwo.cli._app import command, out, word
from fourtwo.i18n import T, _


@command("schema")
def schema(
    kind: Annotated[str | None, typer.Argument(metavar=_("KIND"), help=_("workspace (fourtwo.yaml) or project (project.yaml)."))] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help=_("Write both schemas into this folder instead."))] = None,
) -> None:
    """Print the JSON Schema of fourtwo.yaml or project.yaml (or write both with --out)."""
    from fourtwo import schema as core
    from fourtwo.findings.errors import InputError

    if out_dir is not None:
        if kind is not None:  # both are written: a KIND given too says something else was meant (schema nosuch --out d)
            raise InputError("FT905", what=_("KIND"), value=kind, hint=T("--out writes both schemas: leave KIND out, or leave --out out to print one"))
        from fourtwo.files.layout import SCHEMA_DIR
        from fourtwo.files.outdir import among_records

        why = among_records(out_dir, projects_only=True, home=SCHEMA_DIR)  # a workspace's .fourtwo/ is their place; a project's folder or git is not
        if why:
            raise InputError("FT013", path=out_dir, why=why)
        for path in core.write_schemas(out_dir):
            out(_("wrote {path}").format(path=path))
        return
    if kind is None:
        raise InputError("FT905", what=_("KIND"), value=T("(none)"), hint=T("say 'fourtwo schema workspace' or 'fourtwo schema project', or use --out DIR"))
    chosen = word(_("KIND"), kind, ("workspace", "project"), {"工作区": "workspace", "项目": "project"})
    out(core.schema_text(chosen).rstrip("\n"))
