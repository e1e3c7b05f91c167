"""Publish the 红梅园 example's notices again with `fourtwo` commands, as a clerk would.

The archived notices under notices/ (and the facts documents beside them) are what
`fourtwo publish` wrote; when what a notice states or how it is laid out changes, they
are published again, never edited by hand. This takes the project back to its canvass
(every record after the three reviews, and the notice files, removed), then runs the
commands of the seed's own form: the progress notice (过程公开) once the canvass has reached
its rate (its record freezes the canvass's scope), the work, the result notice (结果公开).
The reviews and canvass.csv stay as they are.

Until issue 22 the example was recorded under the 居民代表会议 form, with an assembly and a
resolution notice the article never names; that record and its notices are kept, as
published, in tests/legacy/beiyuan-2024 (they still verify). The other two examples have
published no notice: nothing to do for them.

Usage (from the repository root)::

    python examples/tools/republish.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent / "beiyuan/projects/2024-hongmeiyuan-activity-area"
FORMATS = ["--format", "html", "--format", "md", "--format", "txt"]
# The plan, as the article gives it (its dates are the example's invented schedule).
PLAN = "按改造方案组织施工，将旧车棚改造为居民活动场地，增设乒乓球台、棋牌室等设施"
COMMANDS = [
    ["publish", ".", "progress", "--date", "2024-04-28", *FORMATS, "--next", PLAN],
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
        "--acceptance",
        "passed",
        "--note",
        "建成居民活动场地，增设乒乓球台、棋牌室",
    ],
    ["publish", ".", "result", "--date", "2024-07-22", *FORMATS],
]

# A person's comment on the implementation's record: commands keep comments, so it is put
# back where it stood once the implementation is recorded again.
COMMENT = "  # 组织实施: dates, the cost and the acceptance are invented for the example (the article says only that the area opened).\n"
LAST_REVIEW = "    note: 同意申请为民服务和发展专项资金实施，由网格员入户征求居民意见，入户率须达到80%以上。\n"


def main() -> int:
    path = PROJECT / "project.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index(LAST_REVIEW) + len(LAST_REVIEW)], encoding="utf-8")
    shutil.rmtree(PROJECT / "notices", ignore_errors=True)
    for args in COMMANDS:
        subprocess.run([sys.executable, "-m", "fourtwo", *args], cwd=PROJECT, check=True)
        if args[0] == "implement":
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("  - step: implementation\n", COMMENT + "  - step: implementation\n", 1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
