"""The JSON Schemas are what an editor checks against: the examples must satisfy them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import EXAMPLES, cli


class _EditorLoader(yaml.SafeLoader):
    """As an editor's YAML server sees a file: dates stay strings (YAML 1.2 has no timestamps)."""


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def schema(kind: str) -> dict[str, object]:
    result = cli("schema", kind)
    assert result.exit_code == 0
    return json.loads(result.stdout)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*/projects/*/project.yaml")), ids=lambda p: p.parent.name)
def test_example_projects_satisfy_the_schema(path: Path) -> None:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_EditorLoader)
    jsonschema.validate(data, schema("project"))


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*/fourtwo.yaml")), ids=lambda p: p.parent.name)
def test_example_workspaces_satisfy_the_schema(path: Path) -> None:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_EditorLoader)
    jsonschema.validate(data, schema("workspace"))


def test_the_schema_rejects_what_check_rejects() -> None:
    bad = {"id": "p1", "title": "t", "steps": [{"step": "branch", "date": "2024-03-01", "present": -1}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema("project"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "p1"}, schema("project"))


def test_a_stale_editor_schema_is_a_warning(tmp_path: Path) -> None:
    cli("init", tmp_path, "--name", "甲")
    assert "FT213" not in cli("check", tmp_path).stdout
    (tmp_path / ".fourtwo/project.schema.json").write_text("{}", encoding="utf-8")
    result = cli("check", tmp_path)
    assert result.exit_code == 0 and "project.schema.json:1:1: warning FT213" in result.stdout
