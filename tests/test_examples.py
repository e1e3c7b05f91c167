"""The examples are the demo: clean as shipped, and every planted error is found where it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES, cli, copy_beiyuan_2024


def test_examples_check_clean() -> None:
    result = cli("check", EXAMPLES)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "No problems found (3 workspaces, 3 projects checked)."


def plant(path: Path, old: str, new: str) -> tuple[int, int]:
    """Replace `old` once; return the 1-based line and column where `new`'s value starts."""
    text = path.read_text(encoding="utf-8-sig")
    assert text.count(old) >= 1, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    before = text[: text.index(new)]
    line = before.count("\n") + 1
    return line, len(before) - (before.rfind("\n") + 1) + 1


def test_five_planted_errors_are_all_reported_where_they_are(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = tmp_path / "beiyuan"
    copy_beiyuan_2024(ws)
    project = ws / "projects/2024-hongmeiyuan-activity-area/project.yaml"
    expected = set()

    line, col = plant(ws / "fourtwo.yaml", "kind: community", "kind: city")
    expected.add(("fourtwo.yaml", line, col + len("kind: "), "FT105"))
    line, col = plant(project, "date: 2024-03-22", "date: 2024-02-30")
    expected.add((project.relative_to(ws).as_posix(), line, col + len("date: "), "FT104"))
    line, col = plant(project, "present: 6", "present: -6")
    expected.add((project.relative_to(ws).as_posix(), line, col + len("present: "), "FT106"))
    line, col = plant(project, "procedure: community", "procedure: comunity")
    expected.add((project.relative_to(ws).as_posix(), line, col + len("procedure: "), "FT107"))
    register = ws / "households/hongmeiyuan.csv"
    first = register.read_text(encoding="utf-8-sig").splitlines()[1]
    with register.open("a", encoding="utf-8", newline="") as handle:
        handle.write(first + "\r\n")
    rows = len(register.read_text(encoding="utf-8-sig").splitlines())
    expected.add(("households/hongmeiyuan.csv", rows, 1, "FT302"))

    monkeypatch.chdir(ws)
    result = cli("check")
    assert result.exit_code == 1
    found = set()
    for text in result.stdout.splitlines():
        if ": error FT" in text:
            where, _, rest = text.partition(": error ")
            path, line_s, col_s = where.rsplit(":", 2)
            found.add((path, int(line_s), int(col_s), rest.split()[0]))
    assert found == expected, result.stdout
    assert "Found 5 errors" in result.stdout
