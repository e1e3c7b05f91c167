"""The wheel carries everything: built, installed into a fresh virtual environment, run there.

Slow (a build and an install from the package index): one test, run in CI like the rest.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

from conftest import EXAMPLES, REPO

from fourtwo.office.schema import FLAGS


def test_wheel_installs_and_checks_the_examples(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    [wheel] = dist.glob("fourtwo-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "fourtwo/procedures/village.yaml" in names and "fourtwo/procedures/community.yaml" in names
    assert "fourtwo/templates/__init__.py" in names and "fourtwo/templates/resolution.html.j2" in names
    assert "fourtwo/templates/_notice.css" in names and "fourtwo/rulesets.yaml" in names
    assert not any(n.startswith(("tests/", "examples/")) for n in names)
    assert "fourtwo/locale/zh_CN/LC_MESSAGES/fourtwo.mo" in names  # the compiled Chinese catalogue
    assert {f"fourtwo/office/queries/{slug}.sql" for slug in FLAGS} | {"fourtwo/office/queries/status.sql"} <= set(names)  # the office's queries

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run([str(bindir / "python"), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True)

    # Run from an unrelated folder so nothing is imported from the source tree.
    run = subprocess.run([str(bindir / "fourtwo"), "check", str(EXAMPLES)], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No problems found" in run.stdout
    office = subprocess.run([str(bindir / "fourtwo"), "report", str(EXAMPLES)], cwd=tmp_path, capture_output=True, text=True)
    assert office.returncode == 2 and 'pip install "fourtwo[office]"' in office.stderr, office.stderr  # installed without the extra
    chinese = subprocess.run(
        [str(bindir / "fourtwo"), "check", str(EXAMPLES)], cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "LANG": "zh_CN.UTF-8"}
    )
    assert chinese.returncode == 0 and "没有发现问题" in chinese.stdout, chinese.stdout + chinese.stderr  # the catalogue is found installed
    import shutil

    demo = tmp_path / "taqiao"
    shutil.copytree(EXAMPLES / "taqiao", demo)
    published = subprocess.run(
        [str(bindir / "fourtwo"), "publish", str(demo / "projects/2024-taqiao-lane-hardening"), "--date", "2024-03-26", "-f", "txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert published.returncode == 0, published.stderr  # the built-in templates ship in the wheel
    module = subprocess.run([str(bindir / "python"), "-m", "fourtwo", "--version"], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert module.stdout.startswith("fourtwo ")
    where = subprocess.run([str(bindir / "python"), "-c", "import fourtwo; print(fourtwo.__file__)"], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert str(env_dir) in where.stdout
