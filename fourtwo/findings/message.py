"""A message of the catalogue: its English text and hint (the gettext msgids) and its kind."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    text: str
    hint: str = ""
    warning: bool = False
    info: bool = False  # information: never a problem, not even with --strict
