"""Where a file a command writes waits until the record naming it is written.

A publish writes its notices and facts document under hidden pending names first, then
project.yaml (the moment the change happens), then renames them into place; what a
killed command left is finished or undone by the next one (fourtwo.transaction).
"""

from __future__ import annotations

from pathlib import Path

PENDING = ".pending"


def pending_name(path: Path) -> Path:
    """Hidden, so no check reads it as a notice: notices/.2024-04-28-resolution.html.pending."""
    return path.with_name(f".{path.name}{PENDING}")


def final_name(path: Path) -> str:
    """The name a pending file waits to take ('' for any other file)."""
    name = path.name
    return name[1 : -len(PENDING)] if name.startswith(".") and name.endswith(PENDING) else ""
