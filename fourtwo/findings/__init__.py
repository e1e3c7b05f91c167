"""A finding is a value: where it is, how bad, which rule, what to do.

Findings are collected in lists and never raised; only a bug is an exception.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from fourtwo.findings.catalogue import MESSAGES
from fourtwo.i18n import T, _, listing, ngettext


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"  # information (what changed since a step was taken): never fails a check

    def __str__(self) -> str:
        return self.value


class Loc(NamedTuple):
    """A place in a file; line and col are 1-based, 0 means 'the whole file'. A named tuple, not
    a frozen dataclass: every key and value of every file loaded has one, made at a third of the cost."""

    path: Path
    line: int = 0
    col: int = 0


@dataclass(frozen=True)
class Diagnostic:
    loc: Loc
    code: str
    severity: Severity
    message: str
    hint: str = ""
    args: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def path(self) -> Path:
        return self.loc.path

    @property
    def line(self) -> int:
        return self.loc.line

    @property
    def col(self) -> int:
        return self.loc.col

    def sort_key(self) -> tuple[str, int, int, str]:
        return (str(self.loc.path), self.loc.line, self.loc.col, self.code)


def diag(code: str, loc: Loc, **args: Any) -> Diagnostic:
    """Build a finding from the message catalogue, so every text lives in one place.

    The text is translated first and formatted after, so a translation may reorder its arguments.
    """
    msg = MESSAGES[code]
    if msg.settable:
        from fourtwo.findings.setters import setter_hint  # only for such a finding

        setter = setter_hint(loc.path, str(args["key"]))
        if setter is not None:  # an empty value: the command is the hint; a wrong one: after what is wrong with it
            args["hint"] = setter if code == "FT109" or not str(args.get("hint", "")) else T("{hint} — {setter}", hint=args["hint"], setter=setter)
    return Diagnostic(
        loc=loc,
        code=code,
        severity=Severity.INFO if msg.info else Severity.WARNING if msg.warning else Severity.ERROR,
        message=(ngettext(msg.text, msg.plural, int(args[msg.count])) if msg.plural else _(msg.text)).format(**args),
        hint=_hint(ngettext(msg.hint, msg.hint_plural, int(args[msg.hint_count])) if msg.hint_plural else _(msg.hint), args),
        args=dict(args),
    )


def _hint(template: str, args: dict[str, Any]) -> str:
    from fourtwo.i18n import command_args

    return template.format(**command_args(template, args))


def has_errors(diagnostics: Iterable[Diagnostic], strict: bool = False) -> bool:
    return any(d.severity is Severity.ERROR or (strict and d.severity is Severity.WARNING) for d in diagnostics)


def sorted_findings(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=Diagnostic.sort_key)


def unique(findings: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Each finding once, in first-seen order (the same file may be reached twice)."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for f in findings:
        key = (f.loc, f.code, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


MAX_LISTED = 200  # findings of one file listed one by one; the rest are counted in one (FT022)


class Cap:
    """Findings of one file: the first `limit` listed one by one, the rest only counted, then
    one finding that counts them (an error if any of them is), so a file of a million bad
    rows gives a report a person can read, in memory and time that do not grow with it.
    Ask `room(code)` before building a finding: a finding not listed is never built."""

    def __init__(self, limit: int = MAX_LISTED) -> None:
        self.limit, self.listed = limit, 0
        self.hidden: Counter[str] = Counter()
        self.error = False

    def room(self, code: str, error: bool = True) -> bool:
        if self.listed < self.limit:
            self.listed += 1
            return True
        self.hidden[code] += 1
        self.error = self.error or error
        return False

    def summary(self, loc: Loc) -> list[Diagnostic]:
        if not self.hidden:
            return []
        found = diag("FT022", loc, count=sum(self.hidden.values()), codes=listing(f"{code} ×{n}" for code, n in sorted(self.hidden.items())))
        return [found if self.error else replace(found, severity=Severity.WARNING)]
