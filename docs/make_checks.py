"""Write docs/checks.md from the message catalogue, so every code is documented as it is.

Run: .venv/bin/python docs/make_checks.py   (tests/test_docs.py fails when it is stale)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fourtwo.findings.catalogue import MESSAGES  # noqa: E402

GROUPS = {
    "FT0": "Reading files",
    "FT1": "Keys and values of the files people keep",
    "FT2": "The workspace, its projects and procedures",
    "FT3": "Household registers",
    "FT4": "Meetings, their rules, and the order of steps",
    "FT5": "The household canvass",
    "FT6": "Templates and the two disclosures",
    "FT7": "Personal data",
    "FT75": "The street office's flags (`fourtwo report`, docs/data.md: one query each)",
    "FT9": "The command line (printed once; exit 2, or 3 for FT999)",
}

HEAD = """# Checks and messages

Every message fourtwo prints has a stable code. `fourtwo check` reports findings as
`path:line:col: severity CODE message` (or `--format json`, or `--format github` for
annotations in GitHub Actions), each followed by a hint. Warnings fail only with
`--strict`; information (what changed since a step was taken) never fails. `--select FT4`
keeps one group (a code or a prefix), `--ignore FT213` drops one. Codes never change meaning; a translation changes only the words.

This page is written by `docs/make_checks.py` from `fourtwo/findings/catalogue.py`: `{name}` in
a message stands for the figure or name the finding fills in. Each group ends with a
real finding of each of its codes, as `fourtwo check` printed it on the test workspaces
of tests/test_formats.py; codes without one are met only by a command (its arguments,
a template, the lock), which prints them once and exits 2.
"""


GOLDEN = Path(__file__).resolve().parent.parent / "tests/golden/check.text"


def examples() -> dict[str, str]:
    """One real line per code, from the golden output of `fourtwo check` on workspaces that
    hold a finding of every code check can report (tests/test_formats.py)."""
    found: dict[str, str] = {}
    if GOLDEN.exists():
        for line in GOLDEN.read_text(encoding="utf-8").splitlines():
            match = re.search(r": (?:error|warning|info) (FT\d{3}) ", line)
            if match and match.group(1) not in found:
                found[match.group(1)] = line
    return found


def render() -> str:
    parts = [HEAD]
    seen = examples()
    for prefix, title in GROUPS.items():
        codes = [c for c in sorted(MESSAGES) if c.startswith(prefix) and not any(o != prefix and o.startswith(prefix) and c.startswith(o) for o in GROUPS)]
        if not codes:
            continue
        parts.append(f"\n## {title}\n\n| code | severity | message | how to fix |\n|---|---|---|---|\n")
        for code in codes:
            m = MESSAGES[code]
            cells = [code, "info" if m.info else "warning" if m.warning else "error", m.text, m.hint or "—"]
            parts.append("| " + " | ".join(re.sub(r"\|", "\\|", c) for c in cells) + " |\n")
        shown = [f"    {seen[c]}" for c in codes if c in seen]
        if shown:
            parts.append("\nAs `fourtwo check` reports them:\n\n" + "\n".join(shown) + "\n")
    return "".join(parts)


if __name__ == "__main__":
    target = Path(__file__).resolve().parent / "checks.md"
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target}")
