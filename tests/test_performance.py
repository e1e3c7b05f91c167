"""Faster implementations held to the ones they replace, and the mechanisms that keep check
cheap on large workspaces (issue 15): equal results, not times."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fourtwo.model.shares import honest_percent
from tests.conftest import cli

EXAMPLE = Path(__file__).resolve().parent.parent / "examples/beiyuan"


def test_honest_percent_cases() -> None:
    assert honest_percent(3999, 5000) == "79.98%" and honest_percent(1999, 2000) == "99.95%"
    assert honest_percent(2, 3, Fraction(2, 3)) == "66.7%" and honest_percent(0, 5) == "0.0%"


def test_the_examples_notices_keep_their_digests(tmp_path: Path) -> None:
    """What the 红梅园 example's notices state, recomputed by check, still matches (FT650, FT606 otherwise)."""
    import shutil

    shutil.copytree(EXAMPLE, tmp_path / "ws")
    result = cli("check", tmp_path / "ws")
    assert result.exit_code == 0 and "FT606" not in result.stdout and "FT650" not in result.stdout and "FT614" not in result.stdout, result.stdout


# --- mechanisms ----------------------------------------------------------------------------


def test_registers_git_does_not_track_are_never_scanned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """FT702 asks git first: a register outside git costs no scan of its rows."""
    from fourtwo.disclosure import privacy
    from tests.test_canvass import canvass_workspace

    canvass_workspace(tmp_path)
    scanned: list[str] = []
    real = privacy.unmasked
    monkeypatch.setattr(privacy, "unmasked", lambda text, allowed=None: scanned.append(text) or real(text, allowed))
    assert "FT702" not in cli("check", tmp_path).stdout and not [t for t in scanned if "138" in t]
    git = ["git", "-C", str(tmp_path), "-c", "user.email=t@t", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "households/r.csv"], check=True)
    assert "FT702" in cli("check", tmp_path).stdout and scanned


def test_each_notice_file_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The digest check (FT614) and the personal-data scan (FT701) share one read."""
    import shutil

    shutil.copytree(EXAMPLE, tmp_path / "ws")
    import fourtwo.judge

    reads: list[Path] = []
    real = fourtwo.judge.read_limited

    def counting(path: Path, limit: int, within: Path | None = None) -> bytes:
        if "notices" in path.parts:
            reads.append(path)
        return real(path, limit, within)

    monkeypatch.setattr(fourtwo.judge, "read_limited", counting)
    assert cli("check", tmp_path / "ws").exit_code == 0
    assert len(reads) == 8 and len(set(reads)) == 8  # six notices and two facts documents, each once


def test_each_project_is_judged_on_its_own_and_parts_find_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each project is judged with its own visits only (nothing of another project is held),
    and checking in parts side by side reports what one process reports."""
    from fourtwo import pipeline
    from tests.test_canvass import canvass_workspace

    canvass_workspace(tmp_path)
    (tmp_path / "projects/q").mkdir()
    (tmp_path / "projects/q/project.yaml").write_text(
        (tmp_path / "projects/p/project.yaml").read_text(encoding="utf-8").replace("id: p", "id: q"), encoding="utf-8"
    )
    (tmp_path / "projects/q/canvass.csv").write_text(
        "household,opinion,by,date,channel,note\n1-1-101,agree,x,2030-01-01,in_person,\n9-9-999,agree,x,2024-04-16,in_person,\n", encoding="utf-8"
    )
    import fourtwo.checks

    held: list[tuple[int, int]] = []
    real = fourtwo.checks.project_checks

    def watching(judged, project):  # type: ignore[no-untyped-def]
        held.append((len(judged.model.visits), len(judged.model.projects)))
        return real(judged, project)

    monkeypatch.setattr(fourtwo.checks, "project_checks", watching)  # the pipeline imports it where it runs
    one = pipeline.run([tmp_path], pipeline.findings_only, jobs=1)
    assert held == [(1, 1), (1, 1)]
    monkeypatch.setattr(pipeline, "worker_count", lambda jobs, items: 2)
    two = pipeline.run([tmp_path], pipeline.findings_only)
    assert [str(f) for f in one.findings] == [str(f) for f in two.findings]
    assert any(f.code in ("FT509", "FT510") for f in one.findings) and one.projects == two.projects == 2


def test_help_imports_no_command_module() -> None:
    """`fourtwo --help` lists the commands without importing their modules."""
    code = "import sys; from fourtwo.cli import main; sys.argv = ['fourtwo', '--help']\ntry:\n    main()\nexcept SystemExit:\n    pass\nprint(sorted(m for m in sys.modules if m.startswith('fourtwo.cli.') and m not in ('fourtwo.cli.app', 'fourtwo.cli._app', 'fourtwo.cli._lang')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout


def test_the_help_table_is_the_commands_own_help() -> None:
    """The lazy listing of `fourtwo --help` says what each command's own help says."""
    import importlib

    from typer import main as typer_main

    from fourtwo.cli.app import COMMANDS, app

    for module in {m for m, _ in COMMANDS.values()}:
        importlib.import_module(f"fourtwo.cli.{module}")
    eager = typer_main.get_group_from_info(typer_main.TyperInfo(app), pretty_exceptions_short=True, rich_markup_mode=None, suggest_commands=True)
    assert set(eager.commands) == set(COMMANDS)  # help order is the table's
    from fourtwo.i18n import translations

    for name, (_, text) in COMMANDS.items():
        # Commands take their help in the language of the process that built them (a test before may have chosen Chinese).
        assert (eager.commands[name].help or "").split("\n\n")[0] in (text, translations("zh").gettext(text)), name


def test_every_command_help_works() -> None:
    from fourtwo.cli.app import COMMANDS

    listing = cli("--help")
    assert listing.exit_code == 0 and all(name in listing.stdout for name in COMMANDS)
    for name in COMMANDS:
        result = cli(name, "--help")
        assert result.exit_code == 0 and "Usage:" in result.stdout, name


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["1-1-101", "1-1-102", "2-1-101", "9-9-999"]),
            st.sampled_from(["agree", "oppose", "abstain", "absent"]),
            st.sampled_from(["in_person", "phone", "paper", "proxy"]),
        ),
        max_size=30,
    ),
    st.sets(st.sampled_from(["1-1-101", "1-1-102", "2-1-101", "9-9-999"])),
)
def test_households_reached_over_columns_as_row_by_row(rows: list[tuple[str, str, str]], ids: set[str]) -> None:
    import datetime as dt
    from collections import Counter

    from fourtwo.canvass.coverage import reached
    from fourtwo.model.visit import CONTACTS, Visit, Visits

    table = Visits.of([Visit(h, op, "w", dt.date(2024, 4, 16), ch, "", n + 2) for n, (h, op, ch) in enumerate(rows)])
    frozen = frozenset(ids)
    pairs = {(h, ch) for h, ch, op in zip(table.household, table.channel, table.opinion, strict=True) if op in CONTACTS and h in frozen}
    by_channel, heard = reached(table, frozen)
    assert by_channel == Counter(ch for _, ch in pairs) and heard == {h for h, _ in pairs}


cell_text = st.text(alphabet=st.sampled_from([*" abcXYZ019-.%，：（）", "网", "格", "员", "楼", "\u3000", "é", "\u0301", "\t"]), max_size=6)
cells = cell_text | st.integers(-5, 100_000)
