"""Chinese all the way through: no sentence reaches a Chinese reader in English.

A finding's message and hint are translated from the catalogue, but what is passed into
them (a hint, a reason, the name of what was refused) is the caller's: a plain English
literal there stays English in Chinese. Every such argument is a `T(...)` (translated where
shown), a `Term` or a value; the code is read for any that is not.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import REPO

# Arguments of a finding that are words a person reads (not ids, paths or numbers).
SAID = {"hint", "why", "what", "value", "problem", "explain", "where", "expected", "found", "guess", "kind", "names", "columns", "reason"}
PASSED_ON = {"hint", "problem", "reason", "explain"}  # a sentence put in a variable first, then given to a finding
CALLS = {"diag", "InputError", "Refusal", "add", "_input_error"}
NOT_WORDS = re.compile(r"--?[a-z][\w-]*|{[^{}]*}|\b[\w.-]+\.(?:yaml|csv|xlsx|html|md|txt|json)\b|'[^']*'|U\+[0-9A-F]+|\(none\)")


def _words(node: ast.expr) -> str:
    """The English words of a literal or f-string argument ('' for anything else)."""
    if isinstance(node, ast.IfExp):
        return " ".join(w for w in (_words(node.body), _words(node.orelse)) if w)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    else:
        return ""
    return " ".join(re.findall(r"[A-Za-z]{2,}", NOT_WORDS.sub(" ", text)))


def test_every_sentence_given_to_a_finding_is_translated() -> None:
    found = []
    for module in sorted((REPO / "fourtwo").rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            said = _words(node.value) if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in PASSED_ON for t in node.targets) else ""
            if " " in said:
                found.append(f"{module.relative_to(REPO)}:{node.lineno} {ast.unparse(node.targets[0])} = {_words(node.value)!r}")  # passed on later
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr if isinstance(node.func, ast.Attribute) else ""
            if name not in CALLS:
                continue
            for kw in node.keywords:
                if kw.arg in SAID and _words(kw.value):
                    found.append(f"{module.relative_to(REPO)}:{kw.value.lineno} {kw.arg}={_words(kw.value)!r}")
    assert found == [], "wrap it in T(...) (a sentence) or _() (a word), and translate it in the .po"


# Words a Chinese reader may meet in Latin letters besides LATIN_ALLOWED: a command to type
# (test_readme.COMMAND), and the programs it names.
PROGRAMS = {"git"}


def _english(output: str, typed: set[str] | None = None) -> set[str]:
    from test_cli_zh import _latin_words
    from test_readme import COMMAND

    return _latin_words(re.sub(COMMAND, " ", output), PROGRAMS | (typed or set()))


def _run_in_chinese(*args: str | Path) -> tuple[int, str]:
    from conftest import cli

    result = cli(*args)
    return result.exit_code, result.output


def test_values_step_ids_and_system_reasons_reach_a_chinese_reader_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What is passed into a sentence (an enumeration's value, a step's id, the system's reason
    for a file it cannot open, click's own complaint) is shown by its Chinese name, as a clerk
    meets them with LANG=zh_CN.UTF-8 (the new-user trial's commands, and their siblings)."""
    import shutil

    from conftest import BEIYUAN_2024, EXAMPLES

    monkeypatch.setenv("FOURTWO_LANG", "zh")
    ws = tmp_path / "beiyuan"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    legacy = tmp_path / "legacy"
    shutil.copytree(BEIYUAN_2024, legacy)
    project = ws / "projects/2024-hongmeiyuan-activity-area"
    shutil.copytree(EXAMPLES / "chaoyang", tmp_path / "chaoyang")
    chaoyang = tmp_path / "chaoyang/projects/2023-chaoyang-old-estate-renovation"
    runs: list[tuple[tuple[str | Path, ...], int, list[str]]] = [
        (("canvass", "coverage", project), 0, ["为“实施过程公开”于2024-04-28固定的范围"]),
        (("canvass", "coverage", legacy / "projects/2024-hongmeiyuan-activity-area"), 0, ["居民代表会议"]),
        (("canvass", "void", chaoyang, "1-1-101", "--date", "2024-04-12", "--reason", "记错"), 2, ["FT515"]),
        (("correct", "implementation", project, "--acceptance", "failed", "--reason", "复验不合格"), 0, ["验收结论：合格 → 不合格"]),
        (("verify", project / "notices/2024-07-22-result.html"), 1, ["验收结论：合格 → 不合格"]),
        (("correct", "meeting", project, "street", "--for", "3", "--reason", "核对签到表"), 1, ["表决结果：通过 → 未通过"]),
        (("correct", "withdraw", project, "street", "--reason", "误录"), 0, ["撤回记录：否 → 是"]),
        (("check", ws), 1, ["FT801"]),
        (("check", ws, "--changed"), 2, ["FT913", "提示："]),
        (("canvass", "sheet", project, "--missing=yes"), 2, ["FT913", "提示："]),
        (("verify", tmp_path / "1035-C37A"), 2, ["无法读取公示：文件或文件夹不存在"]),
    ]
    for args, code, said in runs:
        exit_code, output = _run_in_chinese(*args)
        assert exit_code == code, f"{args}\n{output}"
        assert all(s in output for s in said), f"{args}: {said}\n{output}"
        typed = {w for a in args for w in re.findall(r"[A-Za-z]{2,}", str(a))}
        assert _english(output, typed) == set(), f"{args}\n{output}"
    register = ws / "households/hongmeiyuan.csv"
    register.write_text(register.read_text(encoding="utf-8-sig") + "7,1,101,新住户,13800000000,80.00,\n", encoding="utf-8")
    exit_code, output = _run_in_chinese("check", ws)
    assert "FT520 自“实施过程公开”（2024-04-28）" in output and _english(output) == set(), output


def test_every_usage_line_and_what_each_argument_is_called_are_chinese() -> None:
    """click's own words (用法, 选项) and every argument's metavar: `[paths]...` is a Python name."""
    import os
    import subprocess
    import sys

    from conftest import REPO

    script = (
        "import typer.main\n"
        "from fourtwo.cli._lang import choose\n"
        "choose([])\n"
        "from fourtwo.cli.app import app\n"
        "root = typer.main.get_command(app)\n"
        "def walk(cmd, path, parent):\n"
        "    ctx = cmd.make_context(' '.join(path), [], parent=parent, resilient_parsing=True)\n"
        "    print('\\0'.join([' '.join(path), ctx.get_usage(), *(p.make_metavar(ctx) for p in cmd.params if p.param_type_name == 'argument')]))\n"
        "    for name in getattr(cmd, 'commands', {}):\n"
        "        walk(cmd.commands[name], path + [name], ctx)\n"
        "walk(root, ['fourtwo'], None)\n"
    )
    env = {**os.environ, "LANG": "zh_CN.UTF-8"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=REPO, check=True)
    english = {}
    for line in done.stdout.splitlines():
        command, usage, *metavars = line.split("\0")
        words = set(re.findall(r"[A-Za-z]{2,}", usage.replace(command, " "))) | {w for m in metavars for w in re.findall(r"[A-Za-z]{2,}", m)}
        if words:
            english[command] = words
    assert english == {}


# A record's fields that hold an id or an enumeration's value (branch, passed, in_person, agree).
ID_FIELDS = {"step", "result", "acceptance", "channel", "opinion"}


def test_no_id_is_passed_into_a_sentence_bare() -> None:
    """`step=record.step` shows `progress_notice` to a Chinese reader: a step, a result, a
    channel passed into a message goes as its Term (`proc.term_of(record.step)`: its name in
    Chinese), or as `Term(value)` where the id is all there is (a step no procedure has)."""
    found = []
    for module in sorted((REPO / "fourtwo").rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr if isinstance(node.func, ast.Attribute) else ""
            if name not in CALLS | {"T", "format"}:
                continue
            for kw in node.keywords:
                if isinstance(kw.value, ast.Attribute) and kw.value.attr in ID_FIELDS:
                    found.append(f"{module.relative_to(REPO)}:{kw.value.lineno} {kw.arg}={ast.unparse(kw.value)}")
    assert found == []
