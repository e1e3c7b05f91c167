"""Start-up in both languages: `fourtwo --version`, `--help` and two commands' own help
against `python -c "import typer"`, each pair run alternately, medians of the pair ratios
(wall and CPU) with their spread, and the load average.

Run: .venv/bin/python benchmarks/startup_bench.py
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time

py = sys.executable
base = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "FOURTWO_LANG")}
env = {"en": {**base, "LANG": "C.UTF-8"}, "zh": {**base, "LANG": "zh_CN.UTF-8"}}


def run(args, e):
    b = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(args, env=e, capture_output=True)
    a = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter() - t, (a.ru_utime + a.ru_stime) - (b.ru_utime + b.ru_stime)


cases = {
    "--version": ["-m", "fourtwo", "--version"],
    "--help": ["-m", "fourtwo", "--help"],
    "review --help": ["-m", "fourtwo", "review", "--help"],
    "canvass record --help": ["-m", "fourtwo", "canvass", "record", "--help"],
}
ratios = {}
for _ in range(15):
    for lang, e in env.items():
        for name, args in cases.items():
            tw, tc = run([py, "-c", "import typer"], e)
            fw, fc = run([py, *args], e)
            ratios.setdefault((lang, name), []).append((fw / tw, fc / tc))
for (lang, name), rs in ratios.items():
    w = sorted(r[0] for r in rs)
    c = sorted(r[1] for r in rs)
    print(f"{lang} {name:24s} wall {statistics.median(w):.2f}x ({w[0]:.2f}-{w[-1]:.2f})  cpu {statistics.median(c):.2f}x ({c[0]:.2f}-{c[-1]:.2f})")
print(open("/proc/loadavg").read().strip())
