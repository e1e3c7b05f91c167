"""The README's tours run as written, in English and in Chinese, from `init` to `verify`.

Each tour is the first ```sh block under its heading. Commands are run in order in a
temporary folder holding a copy of examples/ (the tour starts "from this folder");
`cd` and `cp` are done here, `fourtwo` runs as a subprocess. A comment line after a
command saying "exit 1" (or "返回 1") is the exit status that command must give.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO
from test_cli_zh import _latin_words

# Output a machine or an editor reads, in English by design: JSON keys and JSON Schema.
MACHINE_OUTPUT = ("--format json", "schema")
# Values a file may hold, named in its comments (as they are written, in English).
ENUMERATIONS = r"\b(?:zh|en|community|village|calendar_days|working_days)\b"
# A command as a hint gives it to type: `fourtwo correct workspace --hotline ...`.
COMMAND = re.compile(
    r"\bfourtwo(?: (?:init|new|review|canvass|record|import|sheet|coverage|void|publish|object|implement|correct|meeting|objection|implementation"
    r"|project|workspace|withdraw|verify|check|status|show|site|schema))*\b"
)


def tour(readme: str, heading: str) -> list[tuple[list[str], int]]:
    text = (REPO / readme).read_text(encoding="utf-8")
    block = text.split(heading, 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    commands: list[tuple[list[str], int]] = []
    pending = ""
    for line in block.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            if commands and re.search(r"exit 1|返回 1", stripped):
                commands[-1] = (commands[-1][0], 1)
            continue
        pending += " " + stripped.removesuffix("\\")
        if not stripped.endswith("\\") and pending.strip():
            commands.append((shlex.split(pending, comments=True), 0))
            pending = ""
    return commands


@pytest.mark.parametrize(("readme", "heading", "lang"), [("README.md", "## A short tour", "C.UTF-8"), ("README.zh-CN.md", "## 上手步骤", "zh_CN.UTF-8")])
def test_the_tour_runs_as_written(tmp_path: Path, readme: str, heading: str, lang: str) -> None:
    commands = tour(readme, heading)
    assert commands[0][0][:2] == ["fourtwo", "init"] and commands[-1][0][:2] == ["fourtwo", "schema"]
    assert any(c[:2] == ["fourtwo", "verify"] for c, _ in commands)
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    cwd = tmp_path
    env = {**os.environ, "LANG": lang, "COLUMNS": "200"}
    env.pop("FOURTWO_LANG", None)
    for argv, expected in commands:
        if argv[0] == "cd":
            cwd = (cwd / argv[1]).resolve()
            continue
        if argv[0] == "cp":
            shutil.copy(cwd / argv[1], cwd / argv[2])
            continue
        assert argv[0] == "fourtwo", argv
        result = subprocess.run([sys.executable, "-m", "fourtwo", *argv[1:]], cwd=cwd, capture_output=True, text=True, env=env)
        assert result.returncode == expected, f"{shlex.join(argv)}\n{result.stdout}{result.stderr}"
        if lang.startswith("zh") and not any(m in shlex.join(argv) for m in MACHINE_OUTPUT):
            typed = {w for a in argv for w in re.findall(r"[A-Za-z]{2,}", a)}
            said = re.sub(COMMAND, " ", result.stdout + result.stderr)  # a command to type is code, not English
            assert _latin_words(said, typed) == set(), shlex.join(argv) + "\n" + result.stdout + result.stderr
    if lang.startswith("zh"):  # the files init and new wrote for a Chinese workspace speak Chinese too
        for written in (cwd / "fourtwo.yaml", *cwd.glob("projects/*/project.yaml")):
            lines = written.read_text(encoding="utf-8").splitlines()
            comments = [line.split("#", 1)[1] for line in lines if "#" in line and "yaml-language-server" not in line]
            said = " ".join(c for c in comments if not re.match(r"\s*[a-z_]+:", c))  # a key commented out is a key
            said = re.sub(r"\b[a-z_]+:", " ", said)  # a key the comment names (steps:)
            assert _latin_words(re.sub(ENUMERATIONS, " ", re.sub(COMMAND, " ", said)), set()) == set(), written
        header = next(cwd.glob("projects/*/canvass.csv")).read_text(encoding="utf-8-sig").splitlines()[:2]
        assert header[0] == "户号,意见,走访人,日期,方式,备注" and "同意" in header[1] and "入户" in header[1]


@pytest.mark.parametrize(("readme", "heading"), [("README.md", "## Set-up"), ("README.zh-CN.md", "## 安装")])
def test_the_set_up_puts_fourtwo_on_the_path_and_names_the_system_packages_ci_installs(readme: str, heading: str) -> None:
    """A fresh machine: the tour types `fourtwo`, so the set-up activates the venv before any bare
    `fourtwo`; the packages the README names are the ones .ci/run installs (libharfbuzz-subset0 too)."""
    section = (REPO / readme).read_text(encoding="utf-8").split(heading, 1)[1].split("\n## ", 1)[0]
    blocks = [b.split("```", 1)[0] for b in section.split("```sh\n")[1:]]
    packages = shlex.split(next(b for b in blocks if "apt-get install" in b).split("apt-get install", 1)[1])
    ci = (REPO / ".ci/run").read_text(encoding="utf-8")
    listed = re.search(r"^PACKAGES=\((.*)\)$", ci, re.MULTILINE)
    assert listed and sorted(packages) == sorted(listed.group(1).split()) and "libharfbuzz-subset0" in packages
    demo = next(b for b in blocks if "pip install -q . " in b)
    steps = [s.strip() for s in demo.split("&&")]
    active = steps.index(". .venv/bin/activate")
    assert all(i > active for i, s in enumerate(steps) if s.split()[:1] == ["fourtwo"]), demo
    assert steps[0] == "python3 -m venv .venv" and active == 1
