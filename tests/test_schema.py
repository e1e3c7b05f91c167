"""The JSON Schemas are what an editor checks against: the examples must satisfy them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import EXAMPLES, cli

from fourtwo.files.record import Record
from fourtwo.files.spec import Kind, ListOf
from fourtwo.schema import SCHEMAS, schema_text


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


def _descriptions(node: object) -> list[str]:
    """Every `description` in a schema, however deep."""
    if isinstance(node, dict):
        own = [node["description"]] if isinstance(node.get("description"), str) else []
        return own + [d for key, value in node.items() if key != "description" for d in _descriptions(value)]
    if isinstance(node, list):
        return [d for value in node for d in _descriptions(value)]
    return []


def _english(kind: Kind) -> list[str]:
    """Every description the specs give, in English: what the schema must carry in brackets."""
    if isinstance(kind, ListOf):
        return _english(kind.item)
    if not isinstance(kind, Record):
        return []
    own = [str(kind.description)] if kind.description else []
    return own + [d for spec in kind.fields.values() for d in [str(spec.description), *_english(spec.kind)]]


CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("kind", ["project", "workspace"])
def test_every_description_is_chinese_then_its_english_in_brackets_whatever_the_language(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Chinese clerk reads the descriptions as the editor's tooltips; the files are committed, so they are the same in any language."""
    texts = {}
    for lang in ("zh", "en"):
        monkeypatch.setenv("FOURTWO_LANG", lang)
        texts[lang] = schema_text(kind)
    assert texts["zh"] == texts["en"]
    descriptions = _descriptions(json.loads(texts["en"]))
    english = []
    for text in descriptions:
        assert text.endswith("）") and "（" in text, text
        chinese, inside = _split(text)
        assert CJK.search(chinese) and chinese != inside, text
        english.append(inside)
    assert sorted(english) == sorted(_english(SCHEMAS[kind])) and len(english) > 40


def _split(text: str) -> tuple[str, str]:
    """The Chinese and the English in the bracket that closes at the end (the Chinese may have brackets of its own)."""
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += {"）": 1, "（": -1}.get(text[i], 0)
        if depth == 0:
            return text[:i], text[i + 1 : -1]
    raise AssertionError(text)
