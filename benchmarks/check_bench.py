"""`fourtwo check` on a large workspace, as ratios measured in one run.

Generates a workspace of 1,000 projects with 200,000 visit rows in all (200 households
and 200 visits each, 10 shared registers), then reports:

1. `fourtwo check` vs the bare parse of the same files (PyYAML's C loader on every YAML
   file + the csv module on every register and visit file), goal <= 1.5x, in wall time
   (the check uses every core it may; the bare parse is one process), with the CPU time
   of both and the wall time of `fourtwo check --jobs 1` for comparison;
2. `fourtwo check` vs `check-jsonschema` validating the same project files against
   `fourtwo schema project` (when check-jsonschema is installed), goal: faster;
3. `fourtwo --version` vs `python -c "import typer"`, goal <= 1.3x;
4. the peak memory of that check, goal <= 200 MB: the largest process's, and the
   whole check's in one process (--jobs 1).

fourtwo's modules are byte-compiled first, as pip does on install (this machine sets
PYTHONDONTWRITEBYTECODE, so an editable checkout would otherwise compile on every run).

Run: .venv/bin/python benchmarks/check_bench.py [--rounds N] [--startup-only]
"""

from __future__ import annotations

import argparse
import csv
import glob
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORKSPACE = """\
organisation: {name: 基准社区, kind: community}
party_organisation: {name: 中共基准社区委员会}
committee: {name: 基准社区居民委员会}
notice: {hotline: 0951-6000000, posting_place: 公示栏}
"""
PROJECT = """\
id: {id}
title: 基准项目{n}
households:
  register: households/r{r}.csv
budget:
  amount: 186000
  funding: 为民服务和发展专项资金
steps:
  - step: branch
    date: 2024-03-01
    members: 5
    present: 5
    for: 5
  - step: committee
    date: 2024-03-02
    members: 7
    present: 7
    for: 7
"""


def make(root: Path, projects: int = 1000, households: int = 200) -> None:
    (root / "households").mkdir(parents=True)
    (root / "fourtwo.yaml").write_text(WORKSPACE, encoding="utf-8")
    for r in range(10):
        with open(root / f"households/r{r}.csv", "w", encoding="utf-8-sig", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(["楼栋", "单元", "房号", "户主", "联系电话", "建筑面积", "状态"])
            for n in range(households):
                out.writerow([n // 40 + 1, n // 20 % 2 + 1, (n % 20) // 2 * 100 + 101 + n % 2, "王某", f"138{n:08d}", "86.50", ""])
    ids = [f"{n // 40 + 1}-{n // 20 % 2 + 1}-{(n % 20) // 2 * 100 + 101 + n % 2}" for n in range(households)]
    for p in range(projects):
        folder = root / f"projects/p{p:04d}"
        folder.mkdir(parents=True)
        (folder / "project.yaml").write_text(PROJECT.format(id=f"p{p:04d}", n=p, r=p % 10), encoding="utf-8")
        with open(folder / "canvass.csv", "w", encoding="utf-8-sig", newline="") as handle:
            out = csv.writer(handle, lineterminator="\r\n")
            out.writerow(["household", "opinion", "by", "date", "channel", "note"])
            for n, hid in enumerate(ids):
                out.writerow([hid, ("agree", "oppose", "abstain", "absent")[n % 4], "网格员", "2024-04-16", "in_person", ""])


def timed(args: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[float, int, float]:
    """Wall time, the peak resident memory of the largest process so far, in bytes, and the
    CPU time (user + system) of the process and the workers it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(args, cwd=cwd, capture_output=True, check=False, env=env)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return elapsed, max(after.ru_maxrss, before.ru_maxrss) * 1024, cpu


BARE = """
import csv, glob, sys, yaml
root = sys.argv[1]
for path in glob.glob(root + "/**/*.yaml", recursive=True):
    yaml.load(open(path, encoding="utf-8"), Loader=yaml.CSafeLoader)
for path in glob.glob(root + "/**/*.csv", recursive=True):
    list(csv.reader(open(path, encoding="utf-8-sig", newline="")))
"""


def startup(rounds: int) -> None:
    """`--version` and `--help` against `import typer`, in English (LANG=C.UTF-8) and Chinese (LANG=zh_CN.UTF-8)."""
    import os

    python = sys.executable
    base = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "FOURTWO_LANG")}
    langs = {"en": {**base, "LANG": "C.UTF-8"}, "zh": {**base, "LANG": "zh_CN.UTF-8"}}
    times: dict[str, list[float]] = {}
    for _ in range(rounds):  # interleaved, so a slow moment of the machine hits each alike
        times.setdefault("typer", []).append(timed([python, "-c", "import typer"])[0])
        for lang, env in langs.items():
            for what in ("--version", "--help"):
                times.setdefault(f"{what} {lang}", []).append(timed([python, "-m", "fourtwo", what], env=env)[0])
    typer_import = statistics.median(times["typer"])
    print(f"import typer: {typer_import * 1000:.0f} ms (median of {rounds})")
    for key in ("--version en", "--version zh", "--help en", "--help zh"):
        value = statistics.median(times[key])
        goal = " (goal <= 1.3x)" if key.startswith("--version") else ""
        print(f"{key} vs import typer: {value / typer_import:.2f}x{goal}; {value * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--startup-only", action="store_true", help="only --version and --help, in English and Chinese")
    arguments = parser.parse_args()
    rounds = arguments.rounds
    if arguments.startup_only:
        startup(max(rounds, 9))
        return
    python = sys.executable
    fourtwo = [python, "-m", "fourtwo"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ws"
        started = time.perf_counter()
        make(root)
        made = time.perf_counter() - started
        schema = Path(tmp) / "project.schema.json"
        schema.write_text(subprocess.run([*fourtwo, "schema", "project"], capture_output=True, text=True, check=True).stdout, encoding="utf-8")
        beside = Path(sys.executable).parent / "check-jsonschema"
        jsonschema = str(beside) if beside.exists() else shutil.which("check-jsonschema")
        projects = sorted(glob.glob(str(root / "projects/*/project.yaml")))
        package = subprocess.run([python, "-c", "import fourtwo; print(fourtwo.__path__[0])"], capture_output=True, text=True, check=True).stdout.strip()
        subprocess.run([python, "-m", "compileall", "-q", package], check=True)
        checks, singles, bares, schemas, versions, typers = [], [], [], [], [], []
        check_cpu, bare_cpu = [], []
        for _ in range(rounds):  # interleaved, so a slow moment of the machine hits each alike
            elapsed, _, cpu = timed([*fourtwo, "check", str(root)])
            checks.append(elapsed)
            check_cpu.append(cpu)
            elapsed, _, cpu = timed([python, "-c", BARE, str(root)])
            bares.append(elapsed)
            bare_cpu.append(cpu)
            if jsonschema:
                schemas.append(timed([jsonschema, "--schemafile", str(schema), *projects])[0])
        peak = timed([*fourtwo, "check", str(root)])[1]  # largest process of the parallel check, measured alone
        for _ in range(rounds):
            elapsed, single_peak, _ = timed([*fourtwo, "check", "--jobs", "1", str(root)])
            singles.append(elapsed)
        helps = []
        for _ in range(max(rounds, 9)):
            versions.append(timed([python, "-m", "fourtwo", "--version"])[0])
            typers.append(timed([python, "-c", "import typer"])[0])
            helps.append(timed([python, "-m", "fourtwo", "--help"])[0])
        check, bare = statistics.median(checks), statistics.median(bares)
        print(f"workspace: 1,000 projects, 200,000 visit rows (made in {made:.0f} s); rounds: {rounds}")
        print(f"check vs bare parse: {check / bare:.2f}x (goal <= 1.5x; medians {check:.2f} s vs {bare:.2f} s, wall)")
        print(
            f"  CPU time, all processes: {statistics.median(check_cpu) / statistics.median(bare_cpu):.2f}x "
            f"({statistics.median(check_cpu):.2f} s vs {statistics.median(bare_cpu):.2f} s)"
        )
        print(f"  check --jobs 1 vs bare parse: {statistics.median(singles) / bare:.2f}x ({statistics.median(singles):.2f} s)")
        if schemas:
            print(f"check vs check-jsonschema on the project files: {check / statistics.median(schemas):.2f}x (goal < 1; {statistics.median(schemas):.2f} s)")
        else:
            print("check-jsonschema not installed: pip install check-jsonschema to measure it")
        version, typer_import = statistics.median(versions), statistics.median(typers)
        print(f"--version vs import typer: {version / typer_import:.2f}x (goal <= 1.3x; {version * 1000:.0f} ms vs {typer_import * 1000:.0f} ms)")
        print(f"--help vs import typer: {statistics.median(helps) / typer_import:.2f}x (no goal; {statistics.median(helps) * 1000:.0f} ms)")
        startup(max(rounds, 9))
        print(f"peak memory of the check: {peak / 2**20:.0f} MB in its largest process; {single_peak / 2**20:.0f} MB with --jobs 1 (goal <= 200 MB)")


if __name__ == "__main__":
    main()
