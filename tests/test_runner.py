"""`fourtwo check` in parts side by side: the same findings as one process, ids compared across parts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import WORKSPACE_YAML, cli, write_tree

from fourtwo import pipeline as runner
from fourtwo.parallel import cores


def workspace(root: Path, ids: list[str]) -> Path:
    files = {"fourtwo.yaml": WORKSPACE_YAML}
    for n, pid in enumerate(ids):
        files[f"projects/p{n}/project.yaml"] = f"id: {pid}\ntitle: 项目{n}\n"
    write_tree(root, files)
    return root


def findings(root: Path, jobs: int) -> list[dict[str, object]]:
    result = cli("check", root, "--format", "json", "--jobs", str(jobs))
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]  # type: ignore[no-any-return]


def test_an_id_used_twice_is_found_across_parts(tmp_path: Path) -> None:
    # Parts are dealt in turn (p0 to the first, p1 to the second ...): each twin lands in another part.
    root = workspace(tmp_path, ["p0", "same", "same", "p3", "same"])
    twice = [f for f in findings(root, 2) if f["code"] == "FT202"]
    assert [(f["path"], "projects/p1/project.yaml" in str(f["message"])) for f in twice] == [
        (str(root / "projects/p2/project.yaml"), True),
        (str(root / "projects/p4/project.yaml"), True),
    ]
    assert findings(root, 2) == findings(root, 1) == findings(root, 5)


def test_a_small_workspace_stays_in_one_process_unless_asked(tmp_path: Path) -> None:
    def items(n: int) -> list[tuple[int, Path]]:
        return [(0, tmp_path / f"p{i}/project.yaml") for i in range(n)]

    assert runner.worker_count(0, items(runner.MIN_WORK - 1)) == 1
    assert runner.worker_count(1, items(10_000)) == 1
    assert runner.worker_count(4, items(3)) == 3  # never more workers than projects
    assert runner.worker_count(0, items(10_000)) == min(cores(), runner.MAX_JOBS)


def test_few_projects_with_many_visits_are_worth_a_worker(tmp_path: Path) -> None:
    """Ten projects of 20,000 visits each are seconds of work: weighed by their visits, they
    are dealt out, the heaviest first, so that the parts carry about the same."""
    items = []
    for n in range(10):
        folder = tmp_path / f"p{n}"
        folder.mkdir()
        (folder / "canvass.csv").write_bytes(b"x" * (runner.WORK_BYTES * (50 if n < 2 else 10)))
        items.append((0, folder / "project.yaml"))
    assert runner.worker_count(0, items) == min(cores(), runner.MAX_JOBS)
    parts = runner._deal(items, 2)
    assert sorted(len(part) for part in parts) == [5, 5] and {items[0], items[1]} & set(parts[0]) and {items[0], items[1]} & set(parts[1])


def test_a_project_count_and_workspace_count_add_up_across_parts(tmp_path: Path) -> None:
    root = workspace(tmp_path, [f"p{n}" for n in range(7)])
    result = cli("check", root, "--jobs", "3")
    assert result.exit_code == 0 and "(1 workspace, 7 projects checked)" in result.stdout


@pytest.mark.parametrize("jobs", ["-1", "x"])
def test_a_bad_jobs_value_is_a_usage_error(tmp_path: Path, jobs: str) -> None:
    root = workspace(tmp_path, ["p0"])
    result = cli("check", root, "--jobs", jobs)
    assert result.exit_code == 2 and "Traceback" not in result.output
