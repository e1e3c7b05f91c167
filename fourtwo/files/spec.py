"""The shapes of the files people keep, stated as data.

One spec serves three ends: turning YAML nodes into typed values with a finding for
every problem (never an exception), the JSON Schema that `fourtwo schema` prints for
editors, and the reference in docs/files.md.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from fourtwo.files.values import MAX_AMOUNT, control_in, date_out_of_range, date_problem, parse_amount, parse_date
from fourtwo.files.yamlio import node_loc
from fourtwo.findings import Diagnostic, Loc, diag
from fourtwo.i18n import N_, T, Text, fold, listing

_STR_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"
_INT_RE = re.compile(r"^[+-]?\d+$")


class Missing:
    """The value of a field that is absent or unusable (a finding says why)."""

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False

    def __copy__(self) -> Missing:  # one MISSING only, so `is MISSING` always works
        return self


MISSING: Any = Missing()


class Ctx:
    """Where findings go while one file is converted."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.findings: list[Diagnostic] = []

    def loc(self, node: yaml.Node) -> Loc:
        return node_loc(self.path, node)

    def add(self, code: str, node: yaml.Node, **args: Any) -> None:
        self.findings.append(diag(code, self.loc(node), **args))


def describe_node(node: yaml.Node) -> str | Text:
    if isinstance(node, yaml.MappingNode):
        return T("a mapping")
    if isinstance(node, yaml.SequenceNode):
        return T("a list")
    if node.tag == _NULL_TAG:
        return T("nothing")
    return f"'{node.value}'"


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG


class Kind:
    """A type of value: converts a node and describes itself as JSON Schema."""

    expected = N_("a value")

    def convert(self, node: yaml.Node, ctx: Ctx, key: str) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def blank(self, loc: Loc) -> Any:
        """The value of a field left empty or unusable (its finding says why): the model's own
        empty value of the type, never MISSING, so no code after loading meets a sentinel."""
        return None

    def _scalar(self, node: yaml.Node, ctx: Ctx, key: str, hint: str | Text = "") -> str | None:
        if isinstance(node, yaml.ScalarNode):
            return str(node.value).strip()
        ctx.add("FT102", node, key=key, expected=T(self.expected), found=describe_node(node), hint=hint or T("write {expected}", expected=T(self.expected)))
        return None


@dataclass(frozen=True)
class Str(Kind):
    """Text. A plain scalar is taken as written: `phone: 0951123` stays a string."""

    multiline: bool = False
    pattern: str | None = None
    pattern_hint: str = ""
    expected = N_("text")

    def convert(self, node: yaml.Node, ctx: Ctx, key: str) -> Any:
        text = self._scalar(node, ctx, key)
        if text is None:
            return MISSING
        if not text.isprintable() and (char := control_in(text)):  # "\0" in quotes: no path, no name holds one
            ctx.add("FT012", node, key=key, char=char)
            return MISSING
        if self.pattern and not re.fullmatch(self.pattern, text):
            ctx.add("FT102", node, key=key, expected=T(self.pattern_hint or "text"), found=f"'{text}'", hint="")
            return MISSING
        return text

    def blank(self, loc: Loc) -> Any:
        return ""

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string"}
        if self.pattern:
            schema["pattern"] = f"^(?:{self.pattern})$"
        return schema


@dataclass(frozen=True)
class Int(Kind):
    minimum: int | None = 0
    maximum: int | None = None
    expected = N_("a whole number")

    def convert(self, node: yaml.Node, ctx: Ctx, key: str) -> Any:
        text = self._scalar(node, ctx, key)
        if text is None:
            return MISSING
        if not _INT_RE.match(text):
            ctx.add("FT102", node, key=key, expected=T(self.expected), found=describe_node(node), hint=T("write digits only, e.g. 45"))
            return MISSING
        value = int(text)
        if self.minimum is not None and value < self.minimum:
            hint = T("counts cannot be negative") if self.minimum == 0 else T("write {minimum} or more", minimum=self.minimum)
            ctx.add("FT106", node, key=key, bound=T("at least {minimum}", minimum=self.minimum), value=value, hint=hint)
            return MISSING
        if self.maximum is not None and value > self.maximum:
            ctx.add("FT106", node, key=key, bound=T("at most {maximum}", maximum=self.maximum), value=value, hint=T("is this figure a typo?"))
            return MISSING
        return value

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer"}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return schema


@dataclass(frozen=True)
class Bool(Kind):
    expected = N_("true or false")
    _TRUE = frozenset({"true", "yes", "on", "是"})
    _FALSE = frozenset({"false", "no", "off", "否"})

    def convert(self, node: yaml.Node, ctx: Ctx, key: str) -> Any:
        text = self._scalar(node, ctx, key)
        if text is None:
            return MISSING
        low = text.lower()
        if low in self._TRUE:
            return True
        if low in self._FALSE:
            return False
        ctx.add("FT102", node, key=key, expected=T(self.expected), found=describe_node(node), hint=T("write true or false"))
        return MISSING

    def blank(self, loc: Loc) -> Any:
        return False

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Date(Kind):
    expected = N_("a date")

    def convert(self, node: yaml.Node, ctx: Ctx, key: str) -> Any:
        text = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else self._scalar(node, ctx, key, hint=T("write dates as YYYY-MM-DD"))
        if text is None:
            return MISSING
        value = parse_date(text)
        if value is None:
            out_of_range = date_out_of_range(text)  # a real day, but no record's (9999-12-28): FT020
            ctx.add("FT020" if out_of_range else "FT104", node, key=key, value=text, **({"hint": date_problem(text)} if out_of_range else {}))
            return MISSING
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$|^\d{4}年\d{1,2}月\d{1,2}日$"}


@dataclass(frozen=True)
class Money(Kind):
    """An exact Decimal with at most two decimals (yuan and fen, or m²): never a float."""

    what: str = N_("amount in yuan")
    example: str = "186000.50"
    expected = N_("an exact number")

    def convert(self, node: yaml.Node, ctx: Ctx, key: str) -> Any:
        text = self._scalar(node, ctx, key)
        if text is None:
            return MISSING
        value = parse_amount(text)
        if value is None:
            ctx.add("FT108", node, key=key, value=text, what=T(self.what), example=self.example)
            return MISSING
        if value > MAX_AMOUNT:  # beyond what a notice can write in capitals
            ctx.add("FT106", node, key=key, bound=T("at most {limit:,}", limit=MAX_AMOUNT), value=text, hint=T("is this figure a typo?"))
            return MISSING
        return value

    def json_schema(self) -> dict[str, Any]:
        # No multipleOf 0.01: validators test it in floating point and reject 0.29.
        return {"anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "pattern": r"^[\d,，]+(\.\d{1,2})?$"}]}


@dataclass(frozen=True)
class Enum(Kind):
    """One of fixed English values; Chinese aliases are accepted on input."""

    values: tuple[str, ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()
    expected = N_("one of a fixed set")

    def parse(self, text: str) -> str | None:
        """The value a word names, English or its Chinese alias; None when it names none."""
        text = fold(text)
        if text in self.values:
            return text
        return dict(self.aliases).get(text)

    def convert(self, node: yaml.Node, ctx: Ctx, key: str) -> Any:
        text = self._scalar(node, ctx, key)
        if text is None:
            return MISSING
        value = self.parse(text)
        if value:
            return value
        close = difflib.get_close_matches(text, self.values, n=1)
        hint = T("did you mean '{close}'?", close=close[0]) if close else T("write one of: {choices}", choices=listing(self.values))
        ctx.add("FT105", node, key=key, choices=listing(self.values), value=text, hint=hint)
        return MISSING

    def blank(self, loc: Loc) -> Any:
        return ""

    def json_schema(self) -> dict[str, Any]:
        return {"enum": list(self.values) + [a for a, _ in self.aliases]}


@dataclass(frozen=True)
class ListOf(Kind):
    item: Kind = field(default_factory=Str)
    expected = N_("a list")

    def convert(self, node: yaml.Node, ctx: Ctx, key: str) -> Any:
        if not isinstance(node, yaml.SequenceNode):
            ctx.add("FT102", node, key=key, expected=T("a list"), found=describe_node(node), hint=T("start each item on its own line with '- '"))
            return MISSING
        items = [self.item.convert(child, ctx, f"{key}[{i + 1}]") for i, child in enumerate(node.value)]
        return [item for item in items if item is not MISSING]

    def blank(self, loc: Loc) -> Any:
        return []

    def json_schema(self) -> dict[str, Any]:
        return {"type": "array", "items": self.item.json_schema()}


@dataclass(frozen=True)
class Field:
    kind: Kind
    description: str | Text  # English; a Text when it has a value in it (its Chinese is in the catalogue)
    required: bool = False
    attr: str | None = None  # the Python name, when the key is not one (e.g. `for`)
    example: str = ""
    default: Any = MISSING
