"""The typer application, its commands imported only when one runs or shows its own help.

`fourtwo --help` lists every command from the table below instead of importing each
module and building its parser (about a third of the start-up, docs/performance.md);
`fourtwo COMMAND ...` imports that command's module alone. A test holds the table to
the commands' own help.
"""

from __future__ import annotations

import importlib
from typing import Any

from typer import main as typer_main
from typer.core import TyperCommand

from fourtwo.cli._app import Group, app
from fourtwo.i18n import _

# Command → (the module that registers it, the first paragraph of its help), in the order of the work:
# set up, the four deliberations and the canvass, the two disclosures, corrections, then checking.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("init", "Start a workspace: fourtwo.yaml, projects/, households/ and editor schemas."),
    "new": ("new", "Create projects/ID/project.yaml in the workspace."),
    "review": ("review", "Record a meeting step; refuse it when the rules or the order of steps forbid it."),
    "canvass": ("canvass", "Household visits: record, import, print the form, measure coverage."),
    "publish": ("disclosure", "Render a notice, archive it in notices/ and record it with its period and digest."),
    "object": ("disclosure", "Record an objection raised during a notice period, or its answer."),
    "implement": ("disclosure", "Record the implementation: completion, acceptance and actual cost."),
    "correct": (
        "correct",
        "Correct a recorded fact: a meeting, an objection, an exclusion, the implementation, the project; the old value and the reason are kept.",
    ),
    "verify": ("disclosure", "Does a posted notice still match the project's records? Exit 0 matches, 1 changed."),
    "check": ("check", "Validate every file of the workspace and report all findings (docs/checks.md lists each code)."),
    "status": ("status", "One row per project: id, title, procedure, step reached, next step, problems."),
    "show": ("show", "Print a project's record: what it is, and each step with its result."),
    "site": ("site", "Build the public site: an index per organisation, a page per project and per posted notice."),
    "report": ("office", "Every project across the workspaces: where it stands, and what is late or non-compliant. Exit 1 when a flag is raised."),
    "export": ("office", "Write the workspaces' records as a Parquet dataset (docs/data.md): no per-household row."),
    "schema": ("schema", "Print the JSON Schema of fourtwo.yaml or project.yaml (or write both with --out)."),
}


class LazyGroup(Group):
    """The top-level group: a command's module is imported when the command is asked for."""

    def list_commands(self, ctx: Any) -> list[str]:
        return [*COMMANDS, *(name for name in self.commands if name not in COMMANDS)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.commands[cmd_name] = load_command(cmd_name)
        return self.commands.get(cmd_name)

    def suggestions(self, ctx: Any, typo: str) -> list[str]:
        """Close commands, or close subcommands of a group: `fourtwo recrod` → canvass record."""
        close = super().suggestions(ctx, typo)
        if close:
            return close
        from difflib import get_close_matches

        for name in ("canvass", "correct"):
            group = self.get_command(ctx, name)
            close += [f"{name} {sub}" for sub in get_close_matches(typo, group.list_commands(ctx))]
        return close

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """As TyperGroup lists them, with the help from the table for a command not loaded."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            command = self.commands.get(name) or TyperCommand(name, help=_(COMMANDS[name][1]))
            if not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        with formatter.section(_("Commands")):  # as click titles it
            formatter.write_dl(rows)


def load_command(name: str) -> Any:
    """Import the command's module (which registers it on `app`) and build its click command."""
    importlib.import_module(f"fourtwo.cli.{COMMANDS[name][0]}")
    for info in app.registered_commands:
        if info.name == name:
            return typer_main.get_command_from_info(info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode)
    for group in app.registered_groups:
        if group.name == name:
            return typer_main.get_group_from_info(
                group, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode, suggest_commands=app.suggest_commands
            )
    raise LookupError(name)  # pragma: no cover - the table names a command no module registers (a test catches it)


app.info.cls = LazyGroup

__all__ = ["COMMANDS", "app"]
