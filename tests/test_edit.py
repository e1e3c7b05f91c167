"""Splicing a new step record into project.yaml keeps everything else byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from fourtwo.edit import append_to_list
from fourtwo.errors import FindingsError, InputError

ITEM = [("step", "committee"), ("date", "2024-03-28"), ("members", "7")]
NEW = "  - step: committee\n    date: 2024-03-28\n    members: 7\n"


def append(text: str) -> str:
    out = append_to_list(text, Path("project.yaml"), "steps", ITEM)
    assert yaml.safe_load(out)["steps"][-1] == {"step": "committee", "date": yaml.safe_load("d: 2024-03-28")["d"], "members": 7}
    return out


def test_after_the_last_item_and_its_comments_before_the_next_section() -> None:
    text = (
        "id: p1  # the id\n"
        "steps:\n"
        "  # the first step\n"
        "  - step: branch   # 小区党支部\n"
        "    date: 2024-03-22\n"
        "    note: |\n"
        "      第一行\n"
        "      第二行\n"
        "    # a comment inside the item\n"
        "\n"
        "# a comment about what follows\n"
        "contractor: x\n"
    )
    out = append(text)
    assert out == text.replace("    # a comment inside the item\n", "    # a comment inside the item\n" + NEW)


def test_no_steps_key_yet_and_no_final_newline() -> None:
    assert append("id: p1\ntitle: t") == "id: p1\ntitle: t\nsteps:\n" + NEW


def test_empty_flow_list_becomes_a_block_and_keeps_its_comment() -> None:
    assert append("id: p1\nsteps: []   # none yet\nplace: x\n") == "id: p1\nsteps:   # none yet\n" + NEW + "place: x\n"


def test_null_value() -> None:
    assert append("steps:\nplace: x\n") == "steps:\n" + NEW + "place: x\n"


def test_indentation_of_the_existing_list_is_followed() -> None:
    text = "steps:\n- step: branch\n  date: 2024-03-22\n"
    out = append_to_list(text, Path("p.yaml"), "steps", ITEM)
    assert out == text + "- step: committee\n  date: 2024-03-28\n  members: 7\n"


def test_a_flow_list_with_items_is_refused() -> None:
    with pytest.raises(InputError):
        append_to_list("steps: [{step: branch}]\n", Path("p.yaml"), "steps", ITEM)


def test_broken_yaml_is_refused_with_its_findings() -> None:
    with pytest.raises(FindingsError) as info:
        append_to_list("steps: [\n", Path("p.yaml"), "steps", ITEM)
    assert info.value.findings[0].code == "FT003"
