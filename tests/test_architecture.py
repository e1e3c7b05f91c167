"""The shape of the code, held by tests: small typed modules, a core that never prints or exits."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from fourtwo import __version__
from fourtwo.findings.catalogue import MESSAGES

PACKAGE = REPO / "fourtwo"
MODULES = sorted(PACKAGE.rglob("*.py"))
CORE = [m for m in MODULES if "cli" not in m.relative_to(PACKAGE).parts and m.name != "__main__.py"]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: str(m.relative_to(REPO)))
def test_no_module_over_400_lines(module: Path) -> None:
    assert len(module.read_text(encoding="utf-8").splitlines()) <= 400


@pytest.mark.parametrize("module", CORE, ids=lambda m: str(m.relative_to(REPO)))
def test_core_never_prints_or_exits(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = ast.unparse(node.func)
            assert name not in {"print", "sys.exit", "exit", "quit", "os._exit"}, f"{module}:{node.lineno} calls {name}"
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            assert not any(n.split(".")[0] in {"typer", "click"} for n in names), f"{module}:{node.lineno} imports the CLI toolkit"


@pytest.mark.parametrize("module", MODULES, ids=lambda m: str(m.relative_to(REPO)))
def test_every_function_is_typed(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            assert node.returns is not None, f"{module}:{node.lineno} {node.name} has no return type"
            args = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            for arg in args:
                if arg.arg not in {"self", "cls"}:
                    assert arg.annotation is not None, f"{module}:{node.lineno} {node.name}({arg.arg}) has no type"


def test_every_code_used_is_in_the_catalogue() -> None:
    used = set()
    for module in MODULES:
        used |= set(re.findall(r'"(FT\d{3})"', module.read_text(encoding="utf-8")))
    assert used - set(MESSAGES) == set()


def test_every_message_formats_with_its_own_arguments() -> None:
    for code, message in MESSAGES.items():
        names = set(re.findall(r"{(\w+)", message.text + message.hint))
        filled = dict.fromkeys(names, "x")
        assert message.text.format(**filled) and message.hint.format(**filled) is not None, code


def test_version_does_not_import_the_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['fourtwo', '--version']\n"
        "from fourtwo.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('yaml', 'jinja2', 'tabulate', 'wcwidth') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == [f"fourtwo {__version__}", "[]"]


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["canvass", "--help"]])
def test_help_imports_neither_rich_nor_the_core(args: list[str]) -> None:
    """Help is plain click text: rich's formatting alone would import ~0.2 s of modules."""
    code = (
        "import os, sys\n"
        "os._exit = sys.exit  # check leaves with os._exit; here it must return to print\n"
        f"sys.argv = ['fourtwo', *{args!r}]\n"
        "from fourtwo.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'yaml', 'jinja2', 'tabulate', 'openpyxl'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Usage:" in result.stdout and result.stdout.splitlines()[-1] == "[]"


def test_every_message_in_the_catalogue_is_used() -> None:
    used = set()
    for module in MODULES:
        if module.name != "messages.py":
            used |= set(re.findall(r'"(FT\d{3})"', module.read_text(encoding="utf-8")))
    assert set(MESSAGES) - used == set()


def _import_graph() -> dict[str, set[str]]:
    """Every fourtwo module and the fourtwo modules it imports, inside functions too (grimp reads them all)."""
    import grimp

    graph = grimp.build_graph("fourtwo", cache_dir=None)
    return {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each a cycle or several."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_between_fourtwo_modules() -> None:
    assert _cycles(_import_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_module_has_a_place_in_the_layers() -> None:
    """A new module must be placed in the layers contract (pyproject.toml), or the contract would not see it."""
    import tomllib

    layers = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"][0]["layers"]
    named = {name.strip() for layer in layers for name in re.split(r"[|:]", layer)}
    unplaced = []
    for module in _import_graph():
        parts = module.split(".")
        ancestors = {".".join(parts[:n]) for n in range(2, len(parts) + 1)}
        if module not in ("fourtwo", "fourtwo.__main__", "fourtwo.procedures") and not ancestors & named and module not in {n.rsplit(".", 1)[0] for n in named}:
            unplaced.append(module)
    assert unplaced == []
