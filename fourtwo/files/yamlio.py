"""The one place that reads YAML: safe, C-accelerated, positions kept, bombs refused.

Files are composed into PyYAML nodes (not constructed into Python objects), so every
value keeps its line and column; fourtwo.files.spec turns nodes into typed values.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from fourtwo.files.limits import Unreadable, read_limited
from fourtwo.files.reading import unreadable
from fourtwo.findings import Diagnostic, Loc, diag
from fourtwo.i18n import N_, T, Text

try:  # libyaml is ~10x faster; the pure-Python loader gives the same nodes.
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

_TAGS: dict[tuple[str, tuple[bool, bool]], str] = {}
_MAX_TAGS = 4096


class _Loader(_SafeLoader):
    """The safe loader, remembering the implicit tag of each plain scalar it has seen.

    A thousand project files repeat the same keys, dates and counts; the resolver tries
    its regular expressions on each. The safe loader has no path-dependent resolvers, so
    a scalar's tag depends on its text and quoting alone.
    """

    def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            key = (value, implicit)
            tag = _TAGS.get(key)
            if tag is None:
                tag = str(super().resolve(kind, value, implicit))  # type: ignore[no-untyped-call]
                if len(_TAGS) < _MAX_TAGS:
                    _TAGS[key] = tag
            return tag
        return str(super().resolve(kind, value, implicit))  # type: ignore[no-untyped-call]


MAX_YAML_BYTES = 5 * 1024 * 1024
# A document may use aliases, but not to multiply itself (a "billion laughs").
MAX_EXPANDED_NODES = 100_000
MAX_EXPANSION_RATIO = 10


@dataclass(frozen=True)
class YamlDoc:
    path: Path
    text: str
    root: yaml.Node


def node_loc(path: Path, node: yaml.Node) -> Loc:
    return Loc(path, node.start_mark.line + 1, node.start_mark.column + 1)


def read_text(path: Path, what: str, limit: int = MAX_YAML_BYTES, within: Path | None = None) -> tuple[str | None, list[Diagnostic]]:
    """Read a UTF-8 file (a BOM is allowed), a regular file inside `within` only; a finding instead of an exception."""
    try:
        data = read_limited(path, limit, within)
    except Unreadable as exc:
        return None, [exc.finding(Loc(path), T(what))]
    except OSError as exc:
        return None, [unreadable(path, T(what), exc)]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        guess: str | Text = ""
        try:
            data.decode("gb18030")
            guess = T("; it looks like GB18030/GBK, as Excel and WPS save on Chinese Windows")
        except UnicodeDecodeError:
            pass
        return None, [diag("FT002", Loc(path, line, col), offset=exc.start, guess=guess)]


def load(path: Path, what: str = N_("file"), within: Path | None = None) -> tuple[YamlDoc | None, list[Diagnostic]]:
    """Read and compose one YAML document; None with findings when it cannot be used."""
    text, findings = read_text(path, what, within=within)
    if text is None:
        return None, findings
    return parse(text, path)


def parse(text: str, path: Path) -> tuple[YamlDoc | None, list[Diagnostic]]:
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_finding(exc, path, text)]
    except yaml.YAMLError as exc:  # errors without a position (rare: reader errors)
        return None, [diag("FT003", Loc(path), problem=str(exc), hint=T("fix the YAML syntax"))]
    if root is None:
        return None, [diag("FT005", Loc(path), hint=T("a fourtwo file holds a mapping of keys; see docs/files.md"))]
    bomb = _expansion_finding(root, path) if "*" in text else None  # no alias, nothing to expand
    if bomb:
        return None, [bomb]
    return YamlDoc(path, text, root), []


def _syntax_finding(exc: yaml.MarkedYAMLError, path: Path, text: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    loc = Loc(path, mark.line + 1, mark.column + 1) if mark else Loc(path)
    problem = exc.problem or exc.context or "cannot parse"
    # libyaml does not name the tab; look at the indentation of the line it stopped on.
    lines = text.splitlines()
    if mark and mark.line < len(lines):
        line = lines[mark.line]
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent or "tab" in problem:
            return diag("FT004", Loc(path, mark.line + 1, indent.index("\t") + 1 if "\t" in indent else loc.col))
    hint = T("check the indentation and the ':' after each key near this line")
    if "another document" in problem or "expected a single document" in problem:
        hint = T("a fourtwo file holds one document: remove the second '---'")
    elif "found undefined alias" in problem or "found unacceptable" in problem:
        hint = T("quote the value: '*' and '&' start aliases and anchors in YAML")
    elif "mapping values are not allowed" in problem:
        hint = T("a value containing ': ' must be quoted, e.g. note: \"时间: 上午\"")
    return diag("FT003", loc, problem=problem, hint=hint)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _expansion_finding(root: yaml.Node, path: Path) -> Diagnostic | None:
    """Count the nodes an alias-expanding reader would visit, without expanding.

    Iterative (libyaml allows nesting ~1000 deep, past Python's recursion limit);
    each distinct node is sized once, so a bomb costs no more than its own text.
    """
    cap = 10 * MAX_EXPANDED_NODES
    sizes: dict[int, int] = {}
    active: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            active.discard(key)
            sizes[key] = min(cap, 1 + sum(sizes[id(c)] for c in _children(node)))
            continue
        if key in sizes:
            continue
        if key in active:  # a recursive alias expands forever
            return diag("FT006", node_loc(path, root), size=T("more than {limit:,}", limit=MAX_EXPANDED_NODES), distinct=len(sizes))
        active.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in _children(node) if id(c) not in sizes)
    expanded, distinct = sizes[id(root)], len(sizes)
    if expanded > MAX_EXPANDED_NODES and expanded > MAX_EXPANSION_RATIO * distinct:
        return diag("FT006", node_loc(path, root), size=T("more than {limit:,}", limit=MAX_EXPANDED_NODES), distinct=distinct)
    return None
