"""Shared helpers: a file tree from a dict, and the CLI driven through typer's CliRunner."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

# Tests read English unless they ask for Chinese (`--lang zh`, FOURTWO_LANG): as CI does
# (LANG=C.UTF-8), whatever the locale of the machine running them. Subprocesses inherit it.
for _var in ("LC_ALL", "LC_MESSAGES", "FOURTWO_LANG", "LANGUAGE"):
    os.environ.pop(_var, None)
os.environ["LANG"] = "C.UTF-8"
# The check cache of the tests' own: never the user's ~/.cache (each test's workspace is new,
# so a stale entry could only come from a key that misses a byte: the tests would show it).
os.environ["FOURTWO_CACHE_DIR"] = tempfile.mkdtemp(prefix="fourtwo-test-cache-")
atexit.register(shutil.rmtree, os.environ["FOURTWO_CACHE_DIR"], True)

import pytest  # noqa: E402
from typer.testing import CliRunner, Result  # noqa: E402

from fourtwo import i18n  # noqa: E402
from fourtwo.cli.app import app  # noqa: E402


@pytest.fixture(autouse=True)
def _english_unless_asked() -> Iterator[None]:
    """A test that chose a language (--lang) leaves none behind for the next."""
    yield
    i18n.set_language(None)
    i18n.set_workspace_default(None)


REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
# The 红梅园 example as it was recorded under the 居民代表会议 form (procedure: community) until
# issue 22 made the example follow the seed: its assembly, its resolution and result notices
# (facts schema 1). Most tests of the assembly form and of notices work on copies of it.
BEIYUAN_2024 = REPO / "tests/legacy/beiyuan-2024"


def copy_beiyuan_2024(dest: Path) -> Path:
    """A working copy of BEIYUAN_2024, its editor schemas today's (an old copy's are reported
    as out of date, FT213: tests/test_upgrade.py holds that)."""
    from fourtwo import schema
    from fourtwo.files.layout import SCHEMA_DIR

    shutil.copytree(BEIYUAN_2024, dest)
    schema.write_schemas(dest / SCHEMA_DIR)
    return dest


WORKSPACE_YAML = """\
organisation:
  name: 北苑社区
  kind: community
party_organisation:
  name: 中共北苑社区委员会
committee:
  name: 北苑社区居民委员会
notice:
  hotline: 0951-6012345
  posting_place: 北苑社区居务公开栏
"""

PROJECT_YAML = """\
id: p1
title: 红梅园小区居民活动场地改造
budget:
  amount: 186000
  funding: 为民服务和发展专项资金
steps:
  - step: branch
    date: 2024-03-05
    members: 5
    present: 5
    for: 5
"""


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write {relative path: content}; str content is dedented and written as UTF-8."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


@pytest.fixture
def tree(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    def make(files: dict[str, str | bytes]) -> Path:
        return write_tree(tmp_path, files)

    return make


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A valid workspace with one valid project, p1."""
    return write_tree(tmp_path, {"fourtwo.yaml": WORKSPACE_YAML, "projects/p1/project.yaml": PROJECT_YAML})


def require_tools(*tools: str) -> None:
    """Skip where a program the test drives is not installed; fail in CI, which installs them."""
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must install {missing} (.ci/run does)")
        pytest.skip(f"not installed here: {missing}")


def cli(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture
def beiyuan(tmp_path: Path) -> Path:
    """A copy of the 红梅园 project under the 居民代表会议 form, resolved by its representatives on
    2024-04-26, before any notice."""
    project = "projects/2024-hongmeiyuan-activity-area"
    ws = copy_beiyuan_2024(tmp_path / "beiyuan")
    shutil.rmtree(ws / project / "notices", ignore_errors=True)
    text = (ws / project / "project.yaml").read_text(encoding="utf-8")
    cut = text.find("  - step: resolution_notice")  # start before any notice the example has published
    if cut >= 0:
        (ws / project / "project.yaml").write_text(text[:cut], encoding="utf-8")
    return ws / project
