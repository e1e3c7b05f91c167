"""Splicing a new step record into project.yaml keeps everything else byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from fourtwo.files.yamledit import append_to_list
from fourtwo.findings.errors import FindingsError, InputError

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


@pytest.mark.parametrize("empty", ["~", "null", '!!null ""'])
def test_null_spellings_become_a_block(empty: str) -> None:
    assert append(f"steps: {empty}   # none\nplace: x\n") == "steps:   # none\n" + NEW + "place: x\n"


def test_a_new_key_goes_before_the_document_end_marker() -> None:
    assert append("id: p1\n...\n") == "id: p1\nsteps:\n" + NEW + "...\n"


def test_a_placeholder_is_filled_in_where_it_is() -> None:
    from fourtwo.files.yamledit import add_to_list_item

    text = 'objections:\n  - number: 1\n    text: x\n    answer: ""   # to fill\n'
    out = add_to_list_item(text, Path("p.yaml"), "objections", 0, [("answer", "好的"), ("answered", "2024-05-02")])
    assert out == "objections:\n  - number: 1\n    text: x\n    answer: 好的   # to fill\n    answered: 2024-05-02\n"


def test_line_ends_and_bom_survive_an_edit(tmp_path: Path) -> None:
    from fourtwo.files.yamledit import Source

    path = tmp_path / "p.yaml"
    path.write_bytes(b"\xef\xbb\xbfid: p1\r\nsteps: []\r\n")
    source = Source(path)
    out = source.encode(append_to_list(source.text, path, "steps", ITEM))
    assert out == b"\xef\xbb\xbfid: p1\r\nsteps:\r\n  - step: committee\r\n    date: 2024-03-28\r\n    members: 7\r\n"
