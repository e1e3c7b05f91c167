"""The YAML module: positions kept, syntax errors located, bombs refused, encodings checked."""

from __future__ import annotations

import time
from pathlib import Path

from fourtwo.files import yamlio


def test_nodes_keep_one_based_line_and_column(tmp_path: Path) -> None:
    doc, findings = yamlio.parse("a: 1\nb:\n  c: [x, y]\n", tmp_path / "f.yaml")
    assert findings == [] and doc is not None
    (_, b_value) = doc.root.value[1]
    c_key, c_value = b_value.value[0]
    assert (yamlio.node_loc(doc.path, c_key).line, yamlio.node_loc(doc.path, c_key).col) == (3, 3)
    y = yamlio.node_loc(doc.path, c_value.value[1])
    assert (y.line, y.col) == (3, 10)


def test_syntax_error_points_at_the_line(tmp_path: Path) -> None:
    doc, findings = yamlio.parse("a: 1\nb: [1, 2\nc: 3\n", tmp_path / "f.yaml")
    assert doc is None
    [f] = findings
    assert f.code == "FT003" and f.line == 3


def test_tab_indentation_has_its_own_message(tmp_path: Path) -> None:
    doc, findings = yamlio.parse("a:\n\tb: 1\n", tmp_path / "f.yaml")
    assert doc is None
    [f] = findings
    assert (f.code, f.line) == ("FT004", 2)
    assert "spaces" in f.hint


def test_empty_file_is_a_finding(tmp_path: Path) -> None:
    doc, findings = yamlio.parse("# only a comment\n", tmp_path / "f.yaml")
    assert doc is None and [f.code for f in findings] == ["FT005"]


def test_two_documents_are_refused_with_a_hint(tmp_path: Path) -> None:
    doc, findings = yamlio.parse("a: 1\n---\nb: 2\n", tmp_path / "f.yaml")
    assert doc is None and findings[0].code == "FT003" and "---" in findings[0].hint


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    started = time.perf_counter()
    doc, findings = yamlio.parse("\n".join(lines) + "\n", tmp_path / "bomb.yaml")
    elapsed = time.perf_counter() - started
    assert doc is None and [f.code for f in findings] == ["FT006"]
    assert elapsed < 5  # 9**10 nodes if expanded: finishing at all proves it was not


def test_recursive_alias_is_refused(tmp_path: Path) -> None:
    doc, findings = yamlio.parse("a: &x [1, *x]\n", tmp_path / "f.yaml")
    assert doc is None and [f.code for f in findings] == ["FT006"]


def test_modest_alias_use_is_allowed(tmp_path: Path) -> None:
    doc, findings = yamlio.parse("base: &b {x: 1}\nother: *b\n", tmp_path / "f.yaml")
    assert findings == [] and doc is not None


def test_bom_is_accepted_and_gb18030_is_recognised(tmp_path: Path) -> None:
    good = tmp_path / "bom.yaml"
    good.write_bytes(b"\xef\xbb\xbf" + "title: 活动场地\n".encode())
    text, findings = yamlio.read_text(good, "file")
    assert findings == [] and text == "title: 活动场地\n"

    bad = tmp_path / "gbk.yaml"
    bad.write_bytes("id: x\ntitle: 活动场地\n".encode("gb18030"))
    text, findings = yamlio.read_text(bad, "file")
    assert text is None
    [f] = findings
    assert (f.code, f.line, f.col) == ("FT002", 2, 8)
    assert "GB18030" in f.message


def test_missing_and_oversized_files_are_findings(tmp_path: Path) -> None:
    _, findings = yamlio.load(tmp_path / "absent.yaml")
    assert [f.code for f in findings] == ["FT001"]
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * (yamlio.MAX_YAML_BYTES + 1))
    _, findings = yamlio.load(big)
    assert [f.code for f in findings] == ["FT009"]
