"""Issue 13 item 13: a splice lands where the text is, whatever aliases the list holds, and
a file with mixed line ends keeps each line's own end."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from fourtwo.files.yamledit import Source, add_to_list_item, append_to_list
from fourtwo.findings.errors import InputError

ITEM = [("step", "committee"), ("date", "2024-03-28"), ("members", "7")]
NEW = {"step": "committee", "date": yaml.safe_load("d: 2024-03-28")["d"], "members": 7}
HEAD = "id: p1\nsteps:\n  - &b\n    step: branch\n    date: 2024-03-22\n    files: &f\n      - a.txt\n      - b.txt\n"


@pytest.mark.parametrize(
    "tail",
    [
        "  - *b\n",  # the last item is an alias of an earlier one
        "  - step: members\n    files: *f\n",  # its last value is an alias
        "  - step: members\n    files:\n      - c.txt\n      - *f\n",  # an alias as the last item of a block list inside
        "  - step: members\n    <<: *b\n",  # a merge key
        "  - step: members\n    note: &n x\n  - *n\n",
    ],
)
def test_the_new_record_goes_after_the_last_item_as_written(tail: str) -> None:
    text = HEAD + tail + "objections: []\n"
    out = append_to_list(text, Path("p.yaml"), "steps", ITEM)
    assert out.startswith(HEAD + tail), out  # nothing before or inside the written items moved
    loaded = yaml.safe_load(out)
    assert loaded["steps"][-1] == NEW and len(loaded["steps"]) == len(yaml.safe_load(text)["steps"]) + 1, out
    assert loaded["objections"] == []


def test_an_item_written_as_an_alias_is_not_edited_through_its_anchor() -> None:
    text = "objections:\n  - &o\n    number: 1\n    text: 有异议\n  - *o\n"
    with pytest.raises(InputError) as refused:
        add_to_list_item(text, Path("p.yaml"), "objections", 1, [("answer", "好的")])
    assert "alias" in refused.value.diagnostic.message + refused.value.diagnostic.hint
    out = add_to_list_item(text, Path("p.yaml"), "objections", 0, [("answer", "好的")])
    assert yaml.safe_load(out)["objections"][0]["answer"] == "好的"


@pytest.mark.parametrize(
    ("data", "added"),
    [
        (b"id: p1\r\nsteps:\n  - step: branch\r\n    date: 2024-03-22\n    members: 5\n", b"\n"),  # most lines LF
        (b"id: p1\r\nsteps:\r\n  - step: branch\r\n    date: 2024-03-22\n    members: 5\r\n", b"\r\n"),  # most CRLF
        (b"\xef\xbb\xbfid: p1\nsteps:\r\n  - step: branch\n    date: 2024-03-22\r\n    members: 5", b"\n"),  # no final line end
    ],
)
def test_mixed_line_ends_are_kept_line_by_line(tmp_path: Path, data: bytes, added: bytes) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(data)
    source = Source(path)
    out = source.encode(append_to_list(source.text, path, "steps", ITEM))
    body = data.removeprefix(b"\xef\xbb\xbf")
    prefix = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    original = body if body.endswith(b"\n") else body + added
    assert out == prefix + original + added.join([b"  - step: committee", b"    date: 2024-03-28", b"    members: 7", b""]), out


def test_a_list_written_as_an_alias_is_refused_not_spliced_elsewhere() -> None:
    text = "other: &s\n  - step: branch\nsteps: *s\n"
    with pytest.raises(InputError):
        append_to_list(text, Path("p.yaml"), "steps", ITEM)
