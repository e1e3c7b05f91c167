"""A message of the catalogue: its English text and hint (the gettext msgids) and its kind."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    text: str
    hint: str = ""
    warning: bool = False
    info: bool = False  # information: never a problem, not even with --strict
    plural: str = ""  # the text when the argument `count` names is not 1 (English: 2 households; Chinese has one form)
    count: str = ""
    hint_plural: str = ""  # the same for the hint, by the argument `hint_count` names
    hint_count: str = ""
    settable: bool = False  # about the value of args' `key`: where a command sets that key, the hint names it (setters.py)
