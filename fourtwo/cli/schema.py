"""`fourtwo schema KIND`: the JSON Schema an editor uses to check fourtwo.yaml or project.yaml."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from fourtwo.cli._app import command, out


class Kind(str, enum.Enum):
    workspace = "workspace"
    project = "project"


@command("schema")
def schema(
    kind: Annotated[Optional[Kind], typer.Argument(help="workspace (fourtwo.yaml) or project (project.yaml).")] = None,
    out_dir: Annotated[Optional[Path], typer.Option("--out", help="Write both schemas into this folder instead.")] = None,
) -> None:
    """Print the JSON Schema of fourtwo.yaml or project.yaml (or write both with --out)."""
    from fourtwo import schema as core
    from fourtwo.errors import InputError

    if out_dir is not None:
        for path in core.write_schemas(out_dir):
            out(f"wrote {path}")
        return
    if kind is None:
        raise InputError("FT905", what="KIND", value="(none)", hint="say 'fourtwo schema workspace' or 'fourtwo schema project', or use --out DIR")
    out(core.schema_text(kind.value).rstrip("\n"))

