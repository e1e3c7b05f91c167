"""JSON Schemas of fourtwo.yaml and project.yaml, generated from the same specs the loader uses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fourtwo.model.project import PROJECT
from fourtwo.model.workspace import WORKSPACE

SCHEMAS = {"workspace": WORKSPACE, "project": PROJECT}


def schema_filename(kind: str) -> str:
    return f"{kind}.schema.json"


def json_schema(kind: str) -> dict[str, Any]:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **SCHEMAS[kind].json_schema()}
    return schema


def schema_text(kind: str) -> str:
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write both schemas into `folder` (a workspace keeps them in .fourtwo/)."""
    from fourtwo.files.atomic import atomic_write, make_dirs

    make_dirs(folder)
    written = []
    for kind in SCHEMAS:
        path = folder / schema_filename(kind)
        atomic_write(path, schema_text(kind))
        written.append(path)
    return written
