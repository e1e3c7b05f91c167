"""Publish the 红梅园 example's notices again with `fourtwo` commands, as a clerk would.

The archived notices under notices/ (and the facts documents beside them) are what
`fourtwo publish` wrote; when what a notice states or how it is laid out changes, they
are published again, never edited by hand. This takes the project back to its canvass
(the assembly, the notice records, the implementation and the notice files removed),
then runs the commands the example was made with: the assembly (which freezes the
canvass's scope in its record), the resolution notice, the implementation, the result
notice. The objection and its answer, recorded during the resolution's period, stay.

The other two examples have published no notice: nothing to do for them.

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
    [
        "review",
        "assembly",
        ".",
        "--members",
        "35",
        "--present",
        "29",
        "--for",
        "27",
        "--against",
        "1",
        "--abstain",
        "1",
        "--date",
        "2024-04-26",
        "--place",
        "北苑社区党群服务中心会议室",
        "--note",
        "入户征求意见后召开；居民代表35名，由各居民小组选举产生。",
    ],
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


# A person's comment on the assembly's record: commands keep comments, so it is put back
# where it stood once the assembly is recorded again.
COMMENT = "  # 居民代表会议决议, recorded with `fourtwo review assembly`; figures invented for the example.\n"


def main() -> int:
    path = PROJECT / "project.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(COMMENT) if COMMENT in text else text.index("  - step: assembly\n")
    path.write_text(text[:start] + text[text.index("objections:\n") :], encoding="utf-8")
    shutil.rmtree(PROJECT / "notices", ignore_errors=True)
    for args in COMMANDS[:1]:
        subprocess.run([sys.executable, "-m", "fourtwo", *args], cwd=PROJECT, check=True)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - step: assembly\n", COMMENT + "  - step: assembly\n", 1), encoding="utf-8")
    for args in COMMANDS[1:]:
        subprocess.run([sys.executable, "-m", "fourtwo", *args], cwd=PROJECT, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
