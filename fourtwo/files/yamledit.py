"""Surgical edits of project.yaml: new text spliced in at node positions.

Everything a command did not touch stays byte for byte: a person's comments, key
order, quoting and blank lines (the approach of pre-commit's migrate-config). The
result is parsed again before it is written, so an edit can never leave a file that
does not load.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import yaml

from fourtwo.files import yamlio
from fourtwo.files.record import Record
from fourtwo.files.spec import Ctx
from fourtwo.findings import Severity
from fourtwo.findings.errors import FindingsError, InputError
from fourtwo.i18n import T, Text

Item = list[tuple[str, str]]  # (key, value already rendered as YAML)
_NULL = "tag:yaml.org,2002:null"


class Source:
    """A file's text as edited (LF line ends, no BOM) and how to write it back as it was."""

    def __init__(self, path: Path) -> None:
        data = path.read_bytes()
        self.bom = data.startswith(b"\xef\xbb\xbf")
        raw = data[3:] if self.bom else data
        text = raw.decode("utf-8")
        self.text = text.replace("\r\n", "\n")
        # each line's own end (the last line may have none); new lines take what most have
        self.ends = ["\r\n" if line.endswith("\r") else "\n" for line in text.split("\n")[:-1]]
        crlf = self.ends.count("\r\n")
        self.newline = "\r\n" if crlf > len(self.ends) - crlf else "\n"

    def encode(self, text: str) -> bytes:
        """The edited text with the file's own line ends and BOM: a diff shows only the edit.
        A line kept from the file keeps its end; a new line takes the file's usual one."""
        if "\r\n" in self.ends and "\n" in self.ends:  # mixed: match the edited lines to the old ones
            old, new = self.text.split("\n"), text.split("\n")
            ends: list[str] = []
            for tag, i1, _, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
                ends += [self.ends[i1 + j - j1] if tag == "equal" and i1 + j - j1 < len(self.ends) else self.newline for j in range(j1, j2)]
            text = "".join(line + end for line, end in zip(new[:-1], ends, strict=False)) + new[-1]
        elif self.newline == "\r\n":
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
    import json  # here: most commands that load this module edit nothing (start-up)

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
    """An item's lines. A value starting with a line break is a block (a nested mapping, a
    block scalar): its lines, indented relative to one another, go under the key."""
    lines = []
    for i, (key, value) in enumerate(item):
        if value.startswith("\n"):
            value = "".join("\n" + (" " * (key_col + 2) + line if line else "") for line in value[1:].split("\n"))
            pair = f"{key}:{value}\n"
        else:
            pair = f"{key}: {value}\n"
        lines.append((" " * dash_col + "-" + " " * (key_col - dash_col - 1) if i == 0 else " " * key_col) + pair)
    return "".join(lines)


def block(pairs: list[tuple[str, str]]) -> str:
    """A nested mapping as an item's value (see _item_lines): each value rendered already,
    a block value (starting with a line break) indented under its key."""
    out = []
    for key, value in pairs:
        if value.startswith("\n"):
            out.append(f"{key}:" + value.replace("\n", "\n  "))
        else:
            out.append(f"{key}: {value}")
    return "\n" + "\n".join(out)


def _skip(events: list[yaml.Event], i: int) -> int:
    """The index just past the node whose events start at `i`."""
    depth = 0
    while True:
        e = events[i]
        i += 1
        if isinstance(e, yaml.CollectionStartEvent):
            depth += 1
        elif isinstance(e, yaml.CollectionEndEvent):
            depth -= 1
        if depth == 0:
            return i


def _at(mark: Any) -> tuple[int, int]:
    """An event's mark as (line, column), 0-based (the parser always sets them)."""
    return int(mark.line), int(mark.column)


def _items_as_written(text: str, key: str) -> list[tuple[int, int | None, bool]]:
    """For each item of the list under the top-level `key`: the last line holding its text,
    the column of its first key (None if it is not a mapping written there) and whether it
    is an alias. From the parser's events, not the composed nodes: an alias node is its
    anchor's node, and its marks point at the anchor, lines away from the alias."""
    events = list(yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    i = next(n for n, e in enumerate(events) if isinstance(e, yaml.MappingStartEvent)) + 1
    while not isinstance(events[i], yaml.MappingEndEvent):
        k, i = events[i], _skip(events, i)
        if isinstance(k, yaml.ScalarEvent) and k.value == key and isinstance(events[i], yaml.SequenceStartEvent):
            break
        i = _skip(events, i)
    else:
        return []
    items = []
    i += 1
    while not isinstance(events[i], yaml.SequenceEndEvent):
        end = _skip(events, i)
        first, last, flows = events[i], _at(events[i].start_mark)[0], []
        for e in events[i:end]:
            if isinstance(e, yaml.CollectionStartEvent):
                flows.append(bool(e.flow_style))
            if isinstance(e, (yaml.ScalarEvent, yaml.AliasEvent)) or (isinstance(e, yaml.CollectionEndEvent) and flows.pop()):
                (line, column), start = _at(e.end_mark), _at(e.start_mark)[0]
                last = max(last, line - (1 if column == 0 and line > start else 0))  # a block scalar ends at the next line's start
        col = _at(events[i + 1].start_mark)[1] if isinstance(first, yaml.MappingStartEvent) and not first.flow_style and end - i > 2 else None
        items.append((last, col, isinstance(first, yaml.AliasEvent)))
        i = end
    return items


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

    written = _items_as_written(text, key)
    if not written:  # `steps: *other`: the list is written elsewhere
        raise InputError(
            "FT905",
            what=T("'{key}' in {name}", key=key, name=path.name),
            value=T("an alias (*name)"),
            hint=T("write '{key}:' as a block list where it stands", key=key),
        )
    dash_col = value.start_mark.column
    # the new record is indented as the last item written out as a mapping is
    key_col = next((col for _, col, _ in reversed(written) if col is not None), dash_col + 2)
    at = written[-1][0]
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
    written = _items_as_written(text, key)
    if index >= len(written) or written[index][2]:
        raise InputError(
            "FT905",
            what=T("'{key}' item {value} in {name}", key=key, value=index + 1, name=path.name),
            value=T("an alias (*name)"),
            hint=T("write the item out in full where it stands, then run the command again"),
        )
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
            raise InputError("FT905", what=T("'{k}' in {name}", k=k, name=path.name), value=T("already written"), hint=T("correct it with 'fourtwo correct'"))
        line = lines[key_node.start_mark.line]
        start = line.index(":", key_node.end_mark.column) + 1
        end = value_node.end_mark.column if value_node.end_mark.line == key_node.start_mark.line else start
        lines[key_node.start_mark.line] = line[:start] + f" {v}" + line[max(end, start) :]
    lines.insert(written[index][0] + 1, "".join(added))
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


Keys = list[str | int]


def set_value(text: str, path: Path, keys: Keys, rendered: str) -> str:
    """`text` with the value at `keys` (mapping keys and list indexes from the top) replaced by
    `rendered` where it is written, or added to its block mapping when it is not written; a
    comment on its line and everything else stay byte for byte."""
    doc, findings = yamlio.parse(text, path)
    if doc is None:
        raise FindingsError(findings)
    if not text.endswith("\n"):
        text += "\n"
    node: yaml.Node = doc.root
    for depth, key in enumerate(keys):
        where = ".".join(str(k + 1 if isinstance(k, int) else k) for k in keys[: depth + 1])
        if isinstance(key, int):
            if not isinstance(node, yaml.SequenceNode) or node.flow_style or key >= len(node.value):
                raise _unspliceable(path, where, T("there is no such item written as a block"))
            node = node.value[key]
            continue
        if not isinstance(node, yaml.MappingNode):
            raise _unspliceable(path, where, T("write it as 'key: value' lines"))
        pair = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
        if pair is None:
            return _insert(text, node, keys[depth:], rendered)
        key_node, value = pair
        if _at(value.start_mark) < _at(key_node.end_mark):  # an alias: its marks are its anchor's, elsewhere
            raise _unspliceable(path, where, T("write the value out where it stands instead of an alias (*name)"))
        if depth < len(keys) - 1 and isinstance(value, yaml.ScalarNode) and value.tag == _NULL:
            return _below(text, key_node, value, keys[depth + 1 :], rendered)  # `schedule:` with nothing under it yet
        node = value
    flow_list = isinstance(node, yaml.SequenceNode) and node.flow_style and rendered.startswith("[")  # `files: [a, b]`, replaced whole
    if not isinstance(node, yaml.ScalarNode) and not flow_list:
        raise _unspliceable(path, ".".join(map(str, keys)), T("it is a list or a mapping, not one value"))
    start, end = _offset(text, node.start_mark), _offset(text, node.end_mark)
    if start == end:  # `amount:` with nothing after it
        return text[:start] + " " + rendered + text[end:]
    multiline = node.end_mark.line > node.start_mark.line and node.end_mark.column == 0  # a block scalar ends at the next line's start
    return text[:start] + rendered + ("\n" if multiline else "") + text[end:]


def _unspliceable(path: Path, where: str, hint: Text) -> InputError:
    return InputError("FT905", what=T("'{key}' in {name}", key=where, name=path.name), value=T("not written so that a command can change it"), hint=hint)


def _offset(text: str, mark: Any) -> int:
    line, column = _at(mark)
    at = 0
    for _ in range(line):
        at = text.index("\n", at) + 1
    return at + column


def _nested(keys: Keys, rendered: str, column: int) -> str:
    lines = [" " * (column + 2 * i) + f"{key}:" for i, key in enumerate(keys)]
    return "\n".join(lines) + f" {rendered}\n"


def _last_line(node: yaml.Node) -> int:
    """The last line (0-based) holding the node's text: where a key added after it goes."""
    if isinstance(node, yaml.ScalarNode):
        line, column = _at(node.end_mark)
        return line - 1 if column == 0 and line > node.start_mark.line else line
    children = [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else list(node.value)
    return max([_at(node.start_mark)[0], *map(_last_line, children)])


def _insert(text: str, mapping: yaml.MappingNode, keys: Keys, rendered: str) -> str:
    """A key (and the sections above it) added at the end of a mapping: a line of a block
    mapping, or before the closing brace of a flow one (`- {step: branch, date: …}`)."""
    if mapping.flow_style:
        end = _offset(text, mapping.end_mark) - 1  # the `}`
        pair = rendered
        for key in reversed(keys[1:]):
            pair = f"{{{key}: {pair}}}"
        return text[:end].rstrip() + (", " if mapping.value else "") + f"{keys[0]}: {pair}" + text[end:]
    lines = text.splitlines(keepends=True)
    column = mapping.value[0][0].start_mark.column if mapping.value else mapping.start_mark.column
    at = _last_line(mapping) + 1
    if column == 0:  # the top: at the end of the document, before a '...' marker
        at = len(lines)
        while at > 0 and (not lines[at - 1].strip() or lines[at - 1].strip() == "..."):
            at -= 1
    lines.insert(at, _nested(keys, rendered, column))
    return "".join(lines)


def _below(text: str, key_node: yaml.Node, value: yaml.ScalarNode, keys: Keys, rendered: str) -> str:
    """Keys added under a section written with no value (`schedule:`, `schedule: ~`), its comment kept."""
    lines = text.splitlines(keepends=True)
    line = key_node.start_mark.line
    if value.end_mark.column > value.start_mark.column:  # `~` or `null`: the section's value is what follows now
        lines[line] = lines[line][: value.start_mark.column].rstrip() + lines[line][value.end_mark.column :]
    lines.insert(line + 1, _nested(keys, rendered, key_node.start_mark.column + 2))
    return "".join(lines)
