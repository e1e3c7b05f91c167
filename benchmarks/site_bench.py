"""`fourtwo site` on a large workspace against `fourtwo check` on the same one, as a ratio.

The workspace is check_bench's (1,000 projects, 200,000 visit rows, 10 shared registers),
with a resolution notice recorded and archived in every other project, so the site has
1,000 project pages, 500 notice pages and 500 archived notices to copy. The two commands
are run alternately (so a slow moment of the machine hits both alike), each site into a
fresh folder; the result is the median of the per-pair ratios, with their spread, and
the load average at the start and end. Goal: the site takes no more than 3x the check.
The check reads and checks every file, as the site reads and renders every one (there
is no cache in either).

Run: .venv/bin/python benchmarks/site_bench.py [--rounds N]   (TMPDIR=/dev/shm leaves the disk out)
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shapes import make

NOTICE = """\
  - step: resolution_notice
    date: 2024-04-28
    period_start: 2024-04-28
    period_end: 2024-05-04
    files: [notices/2024-04-28-resolution.html]
    file_digests: ['{file_digest}']
    digest: '{digest}'
"""


def add_notices(root: Path) -> None:
    for folder in sorted((root / "projects").iterdir())[::2]:
        html = f'<!DOCTYPE html><html lang="zh-CN"><body><h1>{folder.name} 决议公示</h1></body></html>\n'
        (folder / "notices").mkdir()
        (folder / "notices/2024-04-28-resolution.html").write_text(html, encoding="utf-8")
        file_digest = "sha256:" + hashlib.sha256(html.encode("utf-8")).hexdigest()
        digest = "sha256:" + hashlib.sha256(folder.name.encode("utf-8")).hexdigest()
        with (folder / "project.yaml").open("a", encoding="utf-8") as handle:
            handle.write(NOTICE.format(file_digest=file_digest, digest=digest))


def timed(args: list[str]) -> tuple[float, float]:
    """Wall time, and the CPU time (user + system) of the process and the workers it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        raise SystemExit(f"{args[3]} failed: {result.stderr}")
    return elapsed, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    python = sys.executable
    fourtwo = [python, "-m", "fourtwo"]
    package = subprocess.run([python, "-c", "import fourtwo; print(fourtwo.__path__[0])"], capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([python, "-m", "compileall", "-q", package], check=True)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ws"
        make("small", root)  # 1,000 projects x 200 visits, 10 shared registers
        add_notices(root)
        checks, sites, ratios, cpu_ratios = [], [], [], []
        for n in range(rounds):
            out = Path(tmp) / f"site{n}"
            check, check_cpu = timed([*fourtwo, "check", str(root)])
            site, site_cpu = timed([*fourtwo, "site", str(root), "--out", str(out), "--date", "2024-05-01"])
            checks.append(check)
            sites.append(site)
            ratios.append(site / check)
            cpu_ratios.append(site_cpu / check_cpu)
            shutil.rmtree(out)
            os.sync()  # the removal's disk work settles here, untimed, not inside the next pair
        pages = subprocess.run(
            [*fourtwo, "site", str(root), "--out", str(Path(tmp) / "last"), "--date", "2024-05-01"], capture_output=True, text=True, check=True
        )
        copies = []
        for n in range(3):  # the floor: creating the same files and folders, and nothing else
            started = time.perf_counter()
            shutil.copytree(Path(tmp) / "last", Path(tmp) / f"copy{n}")
            copies.append(time.perf_counter() - started)
    load_after = os.getloadavg()
    print(f"date: {dt.date.today()}; cores: {os.cpu_count()}; load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    print("workspace: 1,000 projects, 200,000 visit rows, 500 archived notices; " + pages.stdout.strip().splitlines()[0])
    print(
        f"site vs check: {statistics.median(ratios):.2f}x (goal <= 3x; per-pair ratios {min(ratios):.2f}-{max(ratios):.2f} over {rounds} pairs; "
        f"medians {statistics.median(sites):.2f} s vs {statistics.median(checks):.2f} s, wall)"
    )
    print(f"  CPU time, all processes: {statistics.median(cpu_ratios):.2f}x (per-pair {min(cpu_ratios):.2f}-{max(cpu_ratios):.2f})")
    copy = statistics.median(copies)
    print(f"  writing the same files alone (copytree, in {tempfile.gettempdir()}): {copy:.2f} s, {copy / statistics.median(checks):.2f}x the check")


if __name__ == "__main__":
    main()
