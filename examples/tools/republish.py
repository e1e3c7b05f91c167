"""Publish the 红梅园 example's notices again with `fourtwo publish`, as a clerk would.

The archived notices under notices/ are what `fourtwo publish` wrote; when the notice
templates change, they are published again (never edited by hand). This takes the
project back to its resolution (the notice records, the implementation and the
notice files removed), then runs the same commands the example was made with:
publish the resolution, record the implementation, publish the result.

Usage (from the repository root)::

    python examples/tools/republish.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent / "beiyuan/projects/2024-hongmeiyuan-activity-area"
COMMANDS = [
    ["publish", ".", "resolution", "--date", "2024-04-28", "--format", "html", "--format", "md", "--format", "txt"],
    [
        "implement",
        ".",
        "--completed",
        "2024-07-20",
        "--started",
        "2024-05-20",
        "--accepted-on",
        "2024-07-20",
        "--cost",
        "183260.50",
        "--contractor",
        "宁夏某建设工程有限公司",
        "--accepted-by",
        "解放西街街道办事处、北苑社区居务监督委员会",
        "--acceptance",
        "passed",
        "--note",
        "活动场地、乒乓球台2张、棋牌室1间及电动车停放区已建成",
    ],
    ["publish", ".", "result", "--date", "2024-07-22", "--format", "html", "--format", "md", "--format", "txt"],
]


def main() -> int:
    path = PROJECT / "project.yaml"
    text = path.read_text(encoding="utf-8")
    cut, objections = text.index("  - step: resolution_notice\n"), text.index("objections:\n")
    path.write_text(text[:cut] + text[objections:], encoding="utf-8")
    shutil.rmtree(PROJECT / "notices", ignore_errors=True)
    for args in COMMANDS:
        subprocess.run([sys.executable, "-m", "fourtwo", *args], cwd=PROJECT, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
