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
