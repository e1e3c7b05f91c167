"""Checks are plain functions over the model, each registered under the codes it may emit."""

from __future__ import annotations

from typing import Callable, Iterable

from fourtwo.diagnostics import Diagnostic
from fourtwo.loader import Model

Check = Callable[[Model], Iterable[Diagnostic]]
CHECKS: list[Check] = []


def check(fn: Check) -> Check:
    CHECKS.append(fn)
    return fn
