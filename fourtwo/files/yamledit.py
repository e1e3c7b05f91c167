"""Surgical edits of project.yaml: new text spliced in at node positions.

Everything a command did not touch stays byte for byte: a person's comments, key
order, quoting and blank lines (the approach of pre-commit's migrate-config). The
result is parsed again before it is written, so an edit can never leave a file that
does not load.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from fourtwo.files import yamlio
from fourtwo.files.spec import Ctx, Record
from fourtwo.findings import Severity
from fourtwo.findings.errors import FindingsError, InputError
from fourtwo.i18n import T

Item = list[tuple[str, str]]  # (key, value already rendered as YAML)
_NULL = "tag:yaml.org,2002:null"


class Source:
    """A file's text as edited (LF line ends, no BOM) and how to write it back as it was."""

    def __init__(self, path: Path) -> None:
        data = path.read_bytes()
        self.bom = data.startswith(b"\xef\xbb\xbf")
        raw = data[3:] if self.bom else data
        text = raw.decode("utf-8")
        self.crlf = "\r\n" in text
        self.text = text.replace("\r\n", "\n")

    def encode(self, text: str) -> bytes:
        """The edited text with the file's own line ends and BOM: a diff shows only the edit."""
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return (b"\xef\xbb\xbf" if self.bom else b"") + text.encode("utf-8")


def scalar(text: str) -> str:
    """A YAML scalar that reads back as `text`: plain when safe, double-quoted otherwise."""
    try:
        plain = bool(text) and "#" not in text and "\n" not in text and yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:  # 'a: b' and the like: not a plain scalar
        plain = False
    if plain:
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    # YAML allows no raw control characters (DEL, C1, separators): escape what JSON leaves
    return "".join(c if c.isprintable() else (f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}") for c in quoted)


def render_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(scalar(str(v)) for v in value) + "]"
    return scalar(str(value))


def _item_lines(item: Item, dash_col: int, key_col: int) -> str:
    lines = []
    for i, (key, value) in enumerate(item):
        if i == 0:
            lines.append(" " * dash_col + "-" + " " * (key_col - dash_col - 1) + f"{key}: {value}\n")
        else:
            lines.append(" " * key_col + f"{key}: {value}\n")
    return "".join(lines)


def _last_line(node: yaml.Node) -> int:
    """The last line (0-based) holding any text of this node.

    Only scalars and flow collections end where their text ends: a block collection's
    end mark is the next token, past any comments and blank lines that follow it.
    """
    last = node.start_mark.line
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.ScalarNode) or getattr(n, "flow_style", False):
            end = n.end_mark.line - (1 if n.end_mark.column == 0 and n.end_mark.line > n.start_mark.line else 0)
            last = max(last, end)
        if isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
        elif isinstance(n, yaml.MappingNode):
            stack.extend(x for pair in n.value for x in pair)
    return last


def append_to_list(text: str, path: Path, key: str, item: Item) -> str:
    """`text` with `item` appended to the block list under the top-level `key`."""
    doc, findings = yamlio.parse(text, path)
    if doc is None:
        raise FindingsError(findings)
    root = doc.root
    if not isinstance(root, yaml.MappingNode):
        raise InputError("FT909", path=path)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    pair = next(((k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
    key_indent = root.start_mark.column

    if pair is None:  # no such key yet: add it at the end of the document (before a '...' marker)
        at = len(lines)
        while at > 0 and not lines[at - 1].strip():
            at -= 1
        if at > 0 and lines[at - 1].strip() == "...":
            at -= 1
        lines.insert(at, " " * key_indent + f"{key}:\n" + _item_lines(item, key_indent + 2, key_indent + 4))
        return "".join(lines)

    key_node, value = pair
    if (isinstance(value, yaml.ScalarNode) and value.tag == _NULL) or (isinstance(value, yaml.SequenceNode) and value.flow_style and not value.value):
        line_no = key_node.start_mark.line
        line = lines[line_no]
        # `steps: []`, `steps: ~` or `steps: null` become `steps:` with a block below
        on_key_line = value.start_mark.line == value.end_mark.line == line_no
        if isinstance(value, yaml.SequenceNode) and not on_key_line:
            raise InputError(
                "FT905",
                what=T("'{key}' in {name}", key=key, name=path.name),
                value=T("an empty list spread over lines"),
                hint=T("write '{key}: []' on one line, or as a block list", key=key),
            )
        if on_key_line and value.end_mark.column > value.start_mark.column:
            line = line[: value.start_mark.column].rstrip() + line[value.end_mark.column :]
            lines[line_no] = line if line.endswith("\n") else line + "\n"
        col = key_node.start_mark.column
        lines.insert(line_no + 1, _item_lines(item, col + 2, col + 4))
        return "".join(lines)

    if not isinstance(value, yaml.SequenceNode) or value.flow_style:
        raise InputError(
            "FT905",
            what=T("'{key}' in {name}", key=key, name=path.name),
            value=T("not a block list"),
            hint=T("write '{key}:' followed by items starting with '- ', as fourtwo writes it", key=key),
        )

    last = value.value[-1]
    dash_col = value.start_mark.column
    key_col = last.value[0][0].start_mark.column if isinstance(last, yaml.MappingNode) and last.value else dash_col + 2
    at = _last_line(last)
    # Comments indented under the last item belong to it; the new item goes after them.
    while at + 1 < len(lines):
        following = lines[at + 1]
        stripped = following.lstrip(" ")
        if stripped.startswith("#") and len(following) - len(stripped) > dash_col:
            at += 1
        else:
            break
    lines.insert(at + 1, _item_lines(item, dash_col, key_col))
    return "".join(lines)


def add_to_list_item(text: str, path: Path, key: str, index: int, pairs: Item) -> str:
    """`text` with `pairs` added at the end of item `index` (a mapping) of the list under `key`."""
    doc, findings = yamlio.parse(text, path)
    if doc is None:
        raise FindingsError(findings)
    root = doc.root
    pair = next(((k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == key), None) if isinstance(root, yaml.MappingNode) else None
    if pair is None or not isinstance(pair[1], yaml.SequenceNode) or pair[1].flow_style or index >= len(pair[1].value):
        raise InputError(
            "FT905",
            what=T("'{key}' in {name}", key=key, name=path.name),
            value=T("item {value}", value=index + 1),
            hint=T("there is no such item written as a block"),
        )
    item = pair[1].value[index]
    if not isinstance(item, yaml.MappingNode) or item.flow_style or not item.value:
        raise InputError(
            "FT905",
            what=T("'{key}' item {value} in {name}", key=key, value=index + 1, name=path.name),
            value=T("not a block mapping"),
            hint=T("write it as 'key: value' lines"),
        )
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    key_col = item.value[0][0].start_mark.column
    present = {str(k.value): (k, v) for k, v in item.value if isinstance(k, yaml.ScalarNode)}
    added = []
    for k, v in pairs:
        if k not in present:
            added.append(" " * key_col + f"{k}: {v}\n")
            continue
        key_node, value_node = present[k]  # a placeholder (`answer: ""`) is filled in where it is
        empty = isinstance(value_node, yaml.ScalarNode) and (value_node.tag == _NULL or value_node.value == "")
        if not empty or value_node.start_mark.line != key_node.start_mark.line:
            raise InputError("FT905", what=T("'{k}' in {name}", k=k, name=path.name), value=T("already written"), hint=T("correct it by hand"))
        line = lines[key_node.start_mark.line]
        start = line.index(":", key_node.end_mark.column) + 1
        end = value_node.end_mark.column if value_node.end_mark.line == key_node.start_mark.line else start
        lines[key_node.start_mark.line] = line[:start] + f" {v}" + line[max(end, start) :]
    lines.insert(_last_line(item) + 1, "".join(added))
    return "".join(lines)


def verify_text(text: str, path: Path, spec: Record) -> Any:
    """An edited file must load without errors under its spec, or nothing is written."""
    doc, findings = yamlio.parse(text, path)
    ctx = Ctx(path)
    data = spec.convert(doc.root, ctx, "") if doc else None
    errors = [f for f in findings + ctx.findings if f.severity is Severity.ERROR]
    if errors or not data:
        raise RuntimeError(f"the edit of {path} would not load back: {[f.message for f in errors]}")
    return data
