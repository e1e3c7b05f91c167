"""The documentation says what the code does: every code documented, every command in the README."""

from __future__ import annotations

import importlib.util
import re

from conftest import REPO, cli


def test_checks_page_is_current() -> None:
    spec = importlib.util.spec_from_file_location("make_checks", REPO / "docs/make_checks.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    assert (REPO / "docs/checks.md").read_text(encoding="utf-8") == module.render(), "run: python docs/make_checks.py"


def test_every_command_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    top = cli("--help").stdout
    commands = re.findall(r"^  (\w+)\s{2,}", top.split("Commands:")[1], re.M)
    assert {"check", "init", "new", "review", "canvass", "publish", "implement", "object", "verify", "status", "show", "schema"} <= set(commands)
    for command in commands:
        assert f"fourtwo {command}" in readme, command


def test_the_docs_say_what_the_rules_do() -> None:
    """Issue 12, item 10: statements the docs once made against the code and the law."""
    canvass = (REPO / "docs/canvass.md").read_text(encoding="utf-8")
    procedures = (REPO / "docs/procedures.md").read_text(encoding="utf-8")
    assert "is still counted" not in canvass and "(`FT510`) is not counted" in canvass  # FT510 rows never count
    assert "exactly half) is not enough" not in procedures and "半数以上\n  includes half itself" in procedures
    assert "one per unit" not in procedures and "a buyer of several units counts once" in procedures
    assert "组成人员 (the committee's members and the representatives)" in procedures
    assert "less those under 留党察看" in procedures
