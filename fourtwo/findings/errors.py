"""The small exception tree of the core; only fourtwo/cli turns these into exit codes.

Findings about a user's files are Diagnostic values, not exceptions. These are for
a command that cannot go on at all: bad input to the command itself (InputError)
or a step the rules forbid (Refusal).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fourtwo.findings import Diagnostic, Loc, diag


class FourtwoError(Exception):
    """A failure the user can fix; carries a catalogue message."""

    def __init__(self, code: str, loc: Loc | None = None, **args: Any) -> None:
        self.diagnostic: Diagnostic = diag(code, loc or Loc(path=Path("")), **args)
        super().__init__(self.diagnostic.message)

    def __reduce__(self) -> tuple[Any, ...]:
        """Sent whole from a worker process: rebuilt from its finding, not from the code."""
        return (_rebuilt, (type(self), self.diagnostic))

    @classmethod
    def of(cls, diagnostic: Diagnostic) -> FourtwoError:
        """The error that says a finding already made (a file unreadable, as check says it)."""
        return _rebuilt(cls, diagnostic)


def _rebuilt(cls: type[FourtwoError], diagnostic: Diagnostic) -> FourtwoError:
    error = cls.__new__(cls)
    error.diagnostic = diagnostic
    Exception.__init__(error, diagnostic.message)
    return error


class InputError(FourtwoError):
    """Bad usage or unreadable input: exit 2, nothing changed."""


class Refusal(FourtwoError):
    """The rules forbid what was asked: exit 1, nothing changed."""


class FindingsError(Exception):
    """A file a command needs has errors; the findings say which."""

    def __init__(self, findings: list[Diagnostic]) -> None:
        self.findings = findings
        super().__init__(f"{len(findings)} finding(s)")

    def __reduce__(self) -> tuple[Any, ...]:
        return (FindingsError, (self.findings,))
