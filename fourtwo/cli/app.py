"""The typer application with every command registered (importing a module registers it)."""

from __future__ import annotations

from fourtwo.cli import (  # noqa: F401
    canvass,
    check,
    disclosure,
    init,
    new,
    review,
    schema,
    show,
    site,
    status,
)
from fourtwo.cli._app import app

__all__ = ["app"]
