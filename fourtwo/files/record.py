"""A mapping with known keys, turned into its dataclass with a finding for every problem, and
reading a YAML file into its spec's typed value (the kinds of values are in spec.py)."""

from __future__ import annotations

import copy
import difflib
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from fourtwo.files.spec import MISSING, Ctx, Field, Kind, describe_node, is_null
from fourtwo.files.yamlio import load
from fourtwo.findings import Diagnostic, Loc
from fourtwo.i18n import N_, T, bilingual, listing


@dataclass(frozen=True)
class Record(Kind):
    """A mapping with known keys, turned into a dataclass; unknown keys are warnings."""

    cls: Callable[..., Any] = dict
    fields: dict[str, Field] = field(default_factory=dict)
    title: str = ""
    description: str = ""
    expected = N_("a mapping of keys")

    def convert(self, node: yaml.Node, ctx: Ctx, key: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            ctx.add(
                "FT102", node, key=key or T("the file"), expected=T("a mapping of 'key: value' lines"), found=describe_node(node), hint=T("see docs/files.md")
            )
            return MISSING
        values: dict[str, Any] = dict(self._fixed)  # the defaults no key can share, set before the keys
        locs: dict[str, Loc] = {}
        seen: dict[str, yaml.Node] = {}
        file, fields = ctx.path, self._by_name
        for key_node, value_node in node.value:
            name = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else str(describe_node(key_node))
            if name in seen:
                ctx.add("FT007", key_node, key=name, first=seen[name].start_mark.line + 1)
                continue
            seen[name] = key_node
            known = fields.get(name)
            if known is None:
                close = difflib.get_close_matches(name, list(self.fields), n=1)
                hint = T("did you mean '{close}'?", close=close[0]) if close else T("known keys: {keys}", keys=listing(self.fields))
                ctx.add("FT103", key_node, key=name, where=T(" in '{key}'", key=key) if key else "", hint=hint)
                continue
            spec, attr, attr_key = known
            mark, key_mark = value_node.start_mark, key_node.start_mark  # node_loc's, written out: twice for every key of every file
            locs[attr] = Loc(file, mark.line + 1, mark.column + 1)
            locs[attr_key] = Loc(file, key_mark.line + 1, key_mark.column + 1)
            path = f"{key}.{name}" if key else name
            if is_null(value_node):
                values[attr] = MISSING
            else:
                values[attr] = spec.kind.convert(value_node, ctx, path)
            if spec.required and (values[attr] is MISSING or values[attr] == "") and not _reported(ctx, locs[attr]):
                ctx.add(
                    "FT109",
                    value_node,
                    key=path,
                    hint=T("write a value after '{name}:', e.g. {example}", name=name, example=spec.example)
                    if spec.example
                    else T("write a value after '{name}:'", name=name),
                )
        for name, attr, spec in self._required:
            if values.get(attr, MISSING) is MISSING and not _reported(ctx, locs.get(attr)):
                example = T(", e.g. '{name}: {example}'", name=name, example=spec.example) if spec.example else ""
                ctx.add("FT101", node, key=name, where=T(" in '{key}'", key=key) if key else "", example=example)
        here = ctx.loc(node)
        for attr, default, mutable, kind in self._defaults:
            if attr not in self._fixed and values.get(attr, MISSING) is MISSING:
                if default is MISSING:  # required, or a section: its finding is made, its type kept
                    values[attr] = kind.blank(locs.get(attr, here))
                else:
                    values[attr] = copy.copy(default) if mutable else default  # a list is not shared between records
        if MISSING in values.values():  # a key written with no usable value: its default after all
            values.update((attr, self._fixed[attr]) for attr, value in list(values.items()) if value is MISSING)
        return self.cls(**values, loc=here, locs=locs)

    # Worked out once per record kind, not once per record (a step record has twenty fields).
    @functools.cached_property
    def _by_name(self) -> dict[str, tuple[Field, str, str]]:
        return {name: (spec, spec.attr or name, f"{spec.attr or name}:key") for name, spec in self.fields.items()}

    @functools.cached_property
    def _fixed(self) -> dict[str, Any]:  # the defaults no record needs a copy of (not a list, not MISSING)
        return {
            a: f.default for f, a, _ in self._by_name.values() if f.default is not MISSING and not f.required and not isinstance(f.default, (list, dict, set))
        }

    @functools.cached_property
    def _required(self) -> list[tuple[str, str, Field]]:
        return [(name, spec.attr or name, spec) for name, spec in self.fields.items() if spec.required]

    @functools.cached_property
    def _defaults(self) -> list[tuple[str, Any, bool, Kind]]:
        return [(spec.attr or name, spec.default, isinstance(spec.default, (list, dict, set)), spec.kind) for name, spec in self.fields.items()]

    def blank(self, loc: Loc) -> Any:
        return self.empty(loc)

    def empty(self, loc: Loc) -> Any:
        """The record with every field at its default (or its type's blank), for an absent section."""
        values = {attr: kind.blank(loc) if default is MISSING else copy.copy(default) for attr, default, _, kind in self._defaults}
        return self.cls(**values, loc=loc, locs={})

    def json_schema(self) -> dict[str, Any]:
        props = {}
        for name, spec in self.fields.items():
            sub = dict(spec.kind.json_schema())
            sub["description"] = bilingual(spec.description)
            if spec.default not in (MISSING, "") and isinstance(spec.default, (str, int, bool)):
                sub["default"] = spec.default
            props[name] = sub
        schema: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
        required = [name for name, spec in self.fields.items() if spec.required]
        if required:
            schema["required"] = required
        if self.title:
            schema["title"] = self.title
        if self.description:
            schema["description"] = bilingual(self.description)
        return schema


def _reported(ctx: Ctx, loc: Loc | None) -> bool:
    """A field present but unusable already has its finding; don't add 'missing'."""
    return loc is not None and any(f.loc == loc for f in ctx.findings)


def read_file(path: Path, what: str, spec: Record, within: Path | None = None) -> tuple[Any, list[Diagnostic]]:
    """A YAML file turned into its spec's typed value (MISSING when it cannot be), with every finding;
    only a regular file inside `within` is read."""
    doc, findings = load(path, what, within)
    if doc is None:
        return MISSING, findings
    ctx = Ctx(path)
    value = spec.convert(doc.root, ctx, "")
    return value, findings + ctx.findings
