"""The check cache (fourtwo/files/cache.py): a second check reuses what the first found, and
any changed byte a project's findings depend on is checked again."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from fourtwo import pipeline, stream
from fourtwo.files import cache
from fourtwo.findings import sorted_findings
from tests.conftest import EXAMPLES, cli

PROJECT = "projects/2024-hongmeiyuan-activity-area"


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOURTWO_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The project files a check loads (a reused project is not loaded)."""
    seen: list[Path] = []
    real = stream.load_project

    def counting(path, *args):  # type: ignore[no-untyped-def]
        seen.append(path)
        return real(path, *args)

    monkeypatch.setattr(stream, "load_project", counting)
    return seen


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """The 红梅园 example with a second project and minutes kept outside the project's folder."""
    root = tmp_path / "beiyuan"
    shutil.copytree(EXAMPLES / "beiyuan", root)
    other = root / "projects/2025-other"
    other.mkdir()
    text = (root / PROJECT / "project.yaml").read_text(encoding="utf-8")
    (other / "project.yaml").write_text(
        text.split("  - step: resolution_notice")[0].replace("2024-hongmeiyuan-activity-area", "2025-other", 1), encoding="utf-8"
    )
    shutil.copy(root / PROJECT / "canvass.csv", other / "canvass.csv")
    (root / "minutes").mkdir()
    (root / "minutes/branch.txt").write_text("支部委员会会议记录\n", encoding="utf-8")
    project = other / "project.yaml"
    project.write_text(project.read_text(encoding="utf-8").replace("    date: ", "    minutes: ../../minutes/branch.txt\n    date: ", 1), encoding="utf-8")
    return root


def found(root: Path, reuse: bool, jobs: int = 1) -> list[str]:
    done = pipeline.run([root], jobs=jobs, reuse=reuse)
    return [f"{f.loc.path}:{f.loc.line}:{f.loc.col} {f.code} {f.message} | {f.hint}" for f in sorted_findings(done.findings)] + [str(done.projects)]


def test_a_second_check_reuses_every_project_and_finds_the_same(ws: Path, loads: list[Path]) -> None:
    first = found(ws, reuse=True)
    assert len(loads) == 2
    loads.clear()
    assert found(ws, reuse=True) == first == found(ws, reuse=False)
    assert len(loads) == 2  # the run without the cache loaded both again; the one with it, none
    loads.clear()
    found(ws, reuse=True)
    assert loads == []


def _edit(path: str, old: str, new: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        file = root / path
        text = file.read_text(encoding="utf-8")
        assert old in text, (path, old)
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def _remove(path: str) -> Callable[[Path], None]:
    return lambda root: (root / path).unlink()


CHANGES: dict[str, Callable[[Path], None]] = {
    "project.yaml": _edit(f"{PROJECT}/project.yaml", "present: ", "present: 1"),
    "a visit": lambda root: (root / PROJECT / "canvass.csv").write_text(
        "\n".join((root / PROJECT / "canvass.csv").read_text(encoding="utf-8").splitlines()[:40]) + "\n", encoding="utf-8"
    ),
    "an archived notice": _edit(f"{PROJECT}/notices/2024-04-28-resolution.html", "红梅园", "红 梅园"),
    "a stray notice": lambda root: (root / PROJECT / "notices/extra.txt").write_text("x\n", encoding="utf-8"),
    "the register": lambda root: (root / "households/hongmeiyuan.csv").write_text(
        "\n".join((root / "households/hongmeiyuan.csv").read_text(encoding="utf-8-sig").splitlines()[:30]) + "\n", encoding="utf-8"
    ),
    "fourtwo.yaml": _edit("fourtwo.yaml", "kind: community", "kind: village"),
    "minutes outside the project": _remove("minutes/branch.txt"),
    "another project's folder": lambda root: shutil.rmtree(root / "projects/2025-other"),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_changed_byte_is_checked_again(ws: Path, change: str) -> None:
    """After each change the cached check says what a check without the cache says, and the
    change made a difference (else the test would prove nothing)."""
    before = found(ws, reuse=True)
    CHANGES[change](ws)
    after = found(ws, reuse=True)
    assert after == found(ws, reuse=False)
    assert after != before


def test_a_workspace_template_or_procedure_rechecks_every_project(ws: Path, loads: list[Path]) -> None:
    """What every project's check may read from the workspace is in every key."""
    found(ws, reuse=True)
    for folder, name in (("templates", "resolution.txt.j2"), ("procedures", "local.yaml")):
        loads.clear()
        (ws / folder).mkdir()
        (ws / folder / name).write_text("# nothing yet\n", encoding="utf-8")
        found(ws, reuse=True)
        assert len(loads) == 2, folder


def test_the_day_the_language_and_the_code_are_part_of_the_key(ws: Path, loads: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from fourtwo import i18n
    from fourtwo.model import workspace

    found(ws, reuse=True)
    loads.clear()
    i18n.set_language("zh")
    chinese = found(ws, reuse=True)
    assert len(loads) == 2 and chinese == found(ws, reuse=False)
    i18n.set_language(None)
    loads.clear()
    monkeypatch.setattr(workspace, "today", lambda zone: dt.date(2031, 1, 1))
    found(ws, reuse=True)
    assert len(loads) == 2
    loads.clear()
    monkeypatch.setattr(cache, "_CODE", [b"another version of fourtwo"])
    found(ws, reuse=True)
    assert len(loads) == 2


def test_workers_fill_the_cache_too(ws: Path, loads: list[Path]) -> None:
    first = found(ws, reuse=True, jobs=2)
    loads.clear()
    assert found(ws, reuse=True, jobs=1) == first
    assert loads == []


def test_an_unusable_cache_is_no_cache(ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = found(ws, reuse=False)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("FOURTWO_CACHE_DIR", str(blocker / "cache"))  # cannot be made
    assert found(ws, reuse=True) == expected == found(ws, reuse=True)
    monkeypatch.setenv("FOURTWO_CACHE_DIR", str(tmp_path / "cache2"))
    found(ws, reuse=True)
    (file,) = (tmp_path / "cache2").iterdir()
    file.write_bytes(file.read_bytes()[:100])  # cut short
    assert found(ws, reuse=True) == expected


class _Exploit:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch pwned",))


def test_a_cache_file_is_read_back_as_findings_only(ws: Path, tmp_path: Path) -> None:
    """A cache file someone wrote to run code is refused, and the check is done in full."""
    found(ws, reuse=True)
    (file,) = (tmp_path / "cache").iterdir()
    entries = pickle.loads(file.read_bytes())
    entries = {name: (key, read, pickle.dumps(_Exploit())) for name, (key, read, _) in entries.items()}
    file.write_bytes(pickle.dumps(entries))
    os.chdir(tmp_path)
    assert found(ws, reuse=True) == found(ws, reuse=False)
    assert not (tmp_path / "pwned").exists()
    file.write_bytes(pickle.dumps(_Exploit()))
    found(ws, reuse=True)
    assert not (tmp_path / "pwned").exists()


def test_a_read_only_workspace_is_checked_and_cached(ws: Path, loads: list[Path]) -> None:
    modes = {}
    for path in [ws, *ws.rglob("*")]:
        modes[path] = path.stat().st_mode
        path.chmod(modes[path] & ~0o222)
    try:
        first = cli("check", ws)
        loads.clear()
        second = cli("check", ws)
    finally:
        for path, mode in modes.items():
            path.chmod(mode)
    assert first.output == second.output and first.exit_code == second.exit_code
    assert loads == []


def test_every_path_a_project_names_is_a_dependency() -> None:
    """A check may only look for a file it names (is it there?) without opening it: the cache
    records those paths from the project's fields that hold one, so a new such field must be
    added to stream._named (this test lists them from the spec)."""
    from fourtwo.files.spec import Kind, ListOf, Record
    from fourtwo.model.project import PROJECT

    def paths(kind: Kind, prefix: str) -> list[str]:
        if isinstance(kind, ListOf):
            return paths(kind.item, prefix)
        if not isinstance(kind, Record):
            return []
        found = []
        for name, spec in kind.fields.items():
            if "relative to" in spec.description or "path" in spec.description.lower():
                found.append(prefix + name)
            found += paths(spec.kind, f"{prefix}{name}.")
        return found

    assert sorted(paths(PROJECT, "")) == ["households.register", "steps.facts", "steps.files", "steps.minutes"]


def test_whatever_file_changes_the_cached_check_says_what_a_full_one_says(ws: Path) -> None:
    """Every file of the workspace in turn gets a byte more (a line cut short, a stray
    character): after each, the check with the cache equals the one without."""
    files = sorted(p for p in ws.rglob("*") if p.is_file())
    assert len(files) >= 10
    previous = found(ws, reuse=True)
    differed = 0
    for n, path in enumerate(files):
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] + "0１-\n".encode()[n % 4 :] + data[len(data) // 2 :])
        full = found(ws, reuse=False)
        assert found(ws, reuse=True) == full, path
        differed += full != previous
        previous = full
    assert differed >= len(files) // 3  # many changes changed the findings: the cache had to see them


def test_coverage_reuses_its_figures_until_a_byte_changes(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`canvass coverage` keeps its report by the same key as check: a second run counts
    nothing, and after a change to the visits, the register or the settings it counts again
    and says what a run without the cache says."""
    from fourtwo.canvass import reported as report

    counted: list[Path] = []
    real = report._coverage_report

    def counting(project: Path, *args):  # type: ignore[no-untyped-def]
        counted.append(project)
        return real(project, *args)

    monkeypatch.setattr(report, "_coverage_report", counting)
    folder = ws / PROJECT

    def both() -> tuple[str, str]:
        cached, full = cli("canvass", "coverage", folder), cli("canvass", "coverage", folder, "--no-cache")
        assert (cached.stdout, cached.stderr, cached.exit_code) == (full.stdout, full.stderr, full.exit_code)
        return cached.stdout, cached.stderr

    first = both()
    counted.clear()
    assert cli("canvass", "coverage", folder).stdout == first[0]
    assert counted == []
    for change in ("a visit", "the register", "fourtwo.yaml"):
        counted.clear()
        CHANGES[change](ws)
        after = both()
        assert len(counted) == 2, change  # counted again (with and without the cache)
        assert after != first or change == "fourtwo.yaml", change  # the settings changed no figure here
        first = after
    counted.clear()
    cli("canvass", "coverage", folder, "--format", "json")
    assert len(counted) == 1  # another form of the report is another key


def test_a_kept_report_is_of_its_day_in_the_workspaces_zone(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The coverage report is kept with the zone fourtwo.yaml gave and the day it was there:
    the next day (there) it is counted again."""
    from fourtwo.canvass import reported
    from fourtwo.files import values

    counted: list[Path] = []
    real = reported._coverage_report
    monkeypatch.setattr(reported, "_coverage_report", lambda project, *args: counted.append(project) or real(project, *args))
    zones: list[str] = []
    real_today = values.today
    monkeypatch.setattr(values, "today", lambda zone="Asia/Shanghai": zones.append(zone) or real_today(zone))
    _edit("fourtwo.yaml", "organisation:", "timezone: Asia/Urumqi\norganisation:")(ws)
    cli("canvass", "coverage", ws / PROJECT)
    cli("canvass", "coverage", ws / PROJECT)
    assert len(counted) == 1 and set(zones) == {"Asia/Urumqi"}
    monkeypatch.setattr(values, "today", lambda zone="Asia/Shanghai": real_today(zone) + dt.timedelta(days=1))
    cli("canvass", "coverage", ws / PROJECT)
    assert len(counted) == 2


def test_without_a_home_nothing_is_kept_and_nothing_written_here(ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No HOME and no password entry: "~" stays "~", and the cache must not land in the
    current folder (which may be the workspace)."""
    monkeypatch.delenv("FOURTWO_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)
    monkeypatch.chdir(ws)
    before = sorted(p for p in ws.rglob("*"))
    assert found(ws, reuse=True) == found(ws, reuse=False)
    assert sorted(p for p in ws.rglob("*")) == before


def test_the_cache_keeps_the_workspaces_written_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "KEEP_FILES", 2)
    for n in range(4):
        root = tmp_path / f"ws{n}"
        shutil.copytree(EXAMPLES / "beiyuan", root)
        found(root, reuse=True)
        assert len(list((tmp_path / "cache").iterdir())) == min(n + 1, 2)


def test_a_register_linked_elsewhere_and_back_is_checked_again(ws: Path, tmp_path: Path) -> None:
    """The register a project names, as named (a link) and as resolved: a link to a file
    outside the workspace is a finding (FT204); pointed back inside, with the same bytes,
    the finding goes, with the cache as without it."""
    register = ws / "households/hongmeiyuan.csv"
    outside, inside = tmp_path / "elsewhere.csv", ws / "households/real.csv"
    outside.write_bytes(register.read_bytes())
    inside.write_bytes(register.read_bytes())
    register.unlink()
    register.symlink_to(outside)
    linked_out = found(ws, reuse=True)
    assert any(" FT204 " in line for line in linked_out) and linked_out == found(ws, reuse=False)
    register.unlink()
    register.symlink_to(inside)
    linked_in = found(ws, reuse=True)
    assert linked_in == found(ws, reuse=False)
    assert not any(" FT204 " in line and "hongmeiyuan" in line for line in linked_in)


def test_minutes_in_a_folder_linked_elsewhere_and_back_are_checked_again(ws: Path, tmp_path: Path) -> None:
    """A link on the way to a named file (the minutes' folder) counts as the file's own."""
    elsewhere, inside = tmp_path / "elsewhere", ws / "kept"
    shutil.copytree(ws / "minutes", elsewhere)
    shutil.copytree(ws / "minutes", inside)
    shutil.rmtree(ws / "minutes")
    (ws / "minutes").symlink_to(elsewhere, target_is_directory=True)
    out = found(ws, reuse=True)
    assert out == found(ws, reuse=False)
    (ws / "minutes").unlink()
    (ws / "minutes").symlink_to(inside, target_is_directory=True)
    back = found(ws, reuse=True)
    assert back == found(ws, reuse=False) and back != out  # outside the workspace, then not
