"""`fourtwo schema KIND`: the JSON Schema an editor uses to check fourtwo.yaml or project.yaml."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from fourtwo.cli._app import command, out
from fourtwo.i18n import T, _


class Kind(enum.StrEnum):
    workspace = "workspace"
    project = "project"


@command("schema")
def schema(
    kind: Annotated[Kind | None, typer.Argument(help=_("workspace (fourtwo.yaml) or project (project.yaml)."))] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help=_("Write both schemas into this folder instead."))] = None,
) -> None:
    """Print the JSON Schema of fourtwo.yaml or project.yaml (or write both with --out)."""
    from fourtwo import schema as core
    from fourtwo.findings.errors import InputError

    if out_dir is not None:
        for path in core.write_schemas(out_dir):
            out(_("wrote {path}").format(path=path))
        return
    if kind is None:
        raise InputError("FT905", what="KIND", value="(none)", hint=T("say 'fourtwo schema workspace' or 'fourtwo schema project', or use --out DIR"))
    out(core.schema_text(kind.value).rstrip("\n"))
