"""Specs turn nodes into typed values and say exactly what is wrong, and where."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from fourtwo.files import yamlio
from fourtwo.files.record import Record
from fourtwo.files.spec import Ctx
from fourtwo.model.project import PROJECT
from fourtwo.model.workspace import WORKSPACE


def convert(spec: Record, text: str) -> tuple[object, list[tuple[str, int, int]], Ctx]:
    path = Path("t.yaml")
    doc, findings = yamlio.parse(text, path)
    assert doc is not None, findings
    ctx = Ctx(path)
    value = spec.convert(doc.root, ctx, "")
    return value, [(f.code, f.line, f.col) for f in ctx.findings], ctx


BASE = "id: p1\ntitle: 活动场地\n"


def test_valid_project_converts_to_typed_values() -> None:
    value, findings, _ = convert(
        PROJECT,
        BASE + "budget:\n  amount: 186000.50\n  funding: 专项资金\nschedule:\n  start: 2024-04-01\n  end: 2024年5月31日\n",
    )
    assert findings == []
    assert value.budget.amount == Decimal("186000.50")
    assert value.schedule.start == dt.date(2024, 4, 1)
    assert value.schedule.end == dt.date(2024, 5, 31)
    assert value.steps == [] and value.households is None


def test_phone_like_scalars_stay_text() -> None:
    value, findings, _ = convert(
        WORKSPACE, "organisation: {name: 北苑, kind: 社区}\nparty_organisation: {name: 党委}\ncommittee: {name: 居委会, phone: 09516012345}\n"
    )
    assert findings == []
    assert value.committee.phone == "09516012345"
    assert value.organisation.kind == "community"  # the Chinese alias


def test_impossible_date_is_located() -> None:
    _, findings, ctx = convert(PROJECT, BASE + "schedule:\n  start: 2024-02-30\n")
    assert findings == [("FT104", 4, 10)]
    assert "2024-02-30" in ctx.findings[0].message


@pytest.mark.parametrize(
    ("value", "code"),
    [("-1", "FT106"), ("3.5", "FT102"), ("many", "FT102"), ("[1]", "FT102"), ("99999999", "FT106")],
)
def test_bad_counts(value: str, code: str) -> None:
    _, findings, _ = convert(PROJECT, BASE + f"steps:\n  - step: branch\n    date: 2024-03-01\n    present: {value}\n")
    assert findings == [(code, 6, 14)]


@pytest.mark.parametrize("amount", ["12.345", "-5", "1e5", "十万"])
def test_bad_amounts(amount: str) -> None:
    _, findings, _ = convert(PROJECT, BASE + f"budget:\n  amount: {amount}\n")
    assert [f[0] for f in findings] == ["FT108"]


def test_amount_with_thousands_separators_is_exact() -> None:
    value, findings, _ = convert(PROJECT, BASE + 'budget:\n  amount: "1,234,567.89"\n')
    assert findings == [] and value.budget.amount == Decimal("1234567.89")


def test_unknown_key_is_a_warning_with_a_suggestion() -> None:
    _, findings, ctx = convert(PROJECT, BASE + "titel: x\n")
    assert findings == [("FT103", 3, 1)]
    assert ctx.findings[0].severity.value == "warning"
    assert "title" in ctx.findings[0].hint


def test_duplicate_key_is_an_error_naming_the_first() -> None:
    _, findings, ctx = convert(PROJECT, BASE + "title: again\n")
    assert findings == [("FT007", 3, 1)]
    assert "line 2" in ctx.findings[0].message


def test_missing_required_key_points_at_the_mapping() -> None:
    value, findings, _ = convert(PROJECT, "id: p1\nplace: 旧车棚\n")
    assert findings == [("FT101", 1, 1)]
    assert value.title == ""  # its type's blank: no code after loading meets a sentinel


def test_empty_required_value_points_at_the_key() -> None:
    _, findings, _ = convert(PROJECT, "id: p1\ntitle:\n")
    assert findings == [("FT109", 2, 7)]


def test_enum_suggests_the_closest_value() -> None:
    _, findings, ctx = convert(PROJECT, BASE + "steps:\n  - step: branch\n    date: 2024-03-01\n    result: pased\n")
    assert findings == [("FT105", 6, 13)]
    assert "passed" in ctx.findings[0].hint


def test_list_expected_but_mapping_given() -> None:
    _, findings, _ = convert(PROJECT, BASE + "steps:\n  step: branch\n")
    assert findings == [("FT102", 4, 3)]


def test_every_error_is_reported_in_one_pass() -> None:
    _, findings, _ = convert(
        PROJECT,
        "id: p1\nbudget:\n  amount: abc\nschedule:\n  start: 2024-13-01\nsteps:\n  - date: 2024-01-01\n    for: -3\n",
    )
    assert sorted(findings) == sorted([("FT101", 1, 1), ("FT108", 3, 11), ("FT104", 5, 10), ("FT101", 7, 5), ("FT106", 8, 10)])


def test_a_required_key_with_a_default_is_still_reported_missing() -> None:
    """A default fills an optional key left out; a required one left out is FT101 even when its field names a default."""
    import yaml

    from fourtwo.files.spec import Date, Field, Str

    spec = Record(
        cls=dict, fields={"a": Field(Str(), "a", required=True, default=""), "b": Field(Date(), "b", default=None), "c": Field(Str(), "c", default="x")}
    )
    ctx = Ctx(Path("f.yaml"))
    value = spec.convert(yaml.compose("b: 2024-04-10\n"), ctx, "")
    assert [f.code for f in ctx.findings] == ["FT101"] and value["c"] == "x" and value["a"] == ""
    ctx = Ctx(Path("f.yaml"))
    value = spec.convert(yaml.compose("a: y\nb:\nc:\n"), ctx, "")
    assert ctx.findings == [] and value["b"] is None and value["c"] == "x"
