"""A value corrected in project.yaml is replaced where it is written; everything else stays byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from fourtwo.files.yamledit import set_value
from fourtwo.findings.errors import InputError

P = Path("project.yaml")
PROJECT = (
    "# a comment at the top\n"
    "id: p1\n"
    "title: 红梅园   # notices read 关于红梅园的公示\n"
    "matter: |\n"
    "  第一行\n"
    "  第二行\n"
    "budget:\n"
    "  amount:                       # yuan, e.g. 186000\n"
    '  funding: ""                  # e.g. 为民服务和发展专项资金\n'
    "steps:\n"
    "  - step: branch   # 党支部\n"
    "    date: 2024-03-22\n"
    "    members: 5\n"
    "    present: 3     # from the sign-in sheet\n"
    "    result: passed\n"
    "  # the next meeting\n"
    "  - step: committee\n"
    "    date: 2024-03-28\n"
    "objections:\n"
    "  - number: 1\n"
    "    text: 联系13812345678\n"
)


def test_a_count_in_a_step_record_keeps_its_comment() -> None:
    out = set_value(PROJECT, P, ["steps", 0, "present"], "5")
    assert out == PROJECT.replace("    present: 3     #", "    present: 5     #")


def test_a_key_not_written_is_added_to_its_record() -> None:
    out = set_value(PROJECT, P, ["steps", 1, "place"], "社区会议室")
    assert out == PROJECT.replace("    date: 2024-03-28\n", "    date: 2024-03-28\n    place: 社区会议室\n")


def test_an_empty_value_is_filled_in_before_its_comment() -> None:
    out = set_value(PROJECT, P, ["budget", "amount"], "186452.60")
    assert out == PROJECT.replace("  amount:                       #", "  amount: 186452.60                       #")
    out = set_value(PROJECT, P, ["budget", "funding"], "专项资金")
    assert out == PROJECT.replace('  funding: ""', "  funding: 专项资金")


def test_a_block_scalar_is_replaced_whole() -> None:
    out = set_value(PROJECT, P, ["matter"], '"改造车棚\\n另起一行"')
    assert out == PROJECT.replace("matter: |\n  第一行\n  第二行\n", 'matter: "改造车棚\\n另起一行"\n')
    assert yaml.safe_load(out)["matter"] == "改造车棚\n另起一行"


def test_a_section_not_written_is_added_with_its_key() -> None:
    out = set_value("id: p1\nsteps: []\n", P, ["schedule", "end"], "2024-09-30")
    assert out == "id: p1\nsteps: []\nschedule:\n  end: 2024-09-30\n"
    out = set_value("id: p1\nschedule:   # planned\nsteps: []\n", P, ["schedule", "start"], "2024-05-01")
    assert out == "id: p1\nschedule:   # planned\n  start: 2024-05-01\nsteps: []\n"


def test_a_record_written_as_a_flow_mapping_takes_a_new_key_inside_its_braces() -> None:
    text = "steps:\n  - {step: branch, date: 2024-03-01, present: 3}   # by hand\n"
    assert set_value(text, P, ["steps", 0, "withdrawn"], "true") == "steps:\n  - {step: branch, date: 2024-03-01, present: 3, withdrawn: true}   # by hand\n"
    assert set_value(text, P, ["steps", 0, "present"], "5") == text.replace("present: 3", "present: 5")


def test_the_last_item_of_a_list_takes_a_new_key_after_its_last_line() -> None:
    out = set_value(PROJECT, P, ["objections", 0, "by"], "王")
    assert out == PROJECT + "    by: 王\n"


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("a: &x 3\nsteps:\n  - present: *x\n", ["steps", 0, "present"]),  # an alias: its marks are its anchor's
        ("steps: [{present: 3}]\n", ["steps", 0, "present"]),  # a flow list
        ("steps:\n  - step: branch\n", ["steps", 3, "present"]),  # no such item
        ("budget: [1, 2]\n", ["budget", "amount"]),  # not a mapping
    ],
)
def test_what_cannot_be_spliced_safely_is_refused(text: str, keys: list[str | int]) -> None:
    with pytest.raises(InputError):
        set_value(text, P, keys, "5")
