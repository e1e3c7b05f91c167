"""The one transaction every command that writes a project goes through.

    with change(project_path) as c:
        c.refuse_if_blocked(step_id, date)      # the rules, as the command needs them
        c.append("steps", item)                 # spliced and re-parsed now: a bad edit writes nothing
    # on leaving: written, atomically, in an order that never names a file not there

Lock the project's folder → load it through the pipeline (no checks) → refuse if the
files it relies on have errors → the command decides and stages its edits → each
edit of project.yaml is spliced at node positions and parsed again at once → on a
clean exit everything staged is written: other files first (notices), project.yaml
by an atomic rename last, then visits appended in one write. A refusal or any error
before the end writes nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from fourtwo.deliberation.timeline import StepState, blockers
from fourtwo.files.atomic import atomic_write, atomic_write_bytes, locked, make_dirs
from fourtwo.files.canvasscsv import append_rows
from fourtwo.files.layout import CANVASS_FILE, PROCEDURES_DIR, project_folder
from fourtwo.files.pending import finish_pending, pending_name
from fourtwo.files.reading import real
from fourtwo.files.yamledit import (
    Item,
    Keys,
    Source,
    add_to_list_item,
    append_to_list,
    block,
    scalar,
    set_value,
    verify_text,
)
from fourtwo.findings import Diagnostic, Loc, Severity, diag
from fourtwo.findings.errors import FindingsError, InputError, Refusal
from fourtwo.findings.printers import display_path
from fourtwo.judge import Judgement
from fourtwo.model.loaded import Model
from fourtwo.model.procedure import listed as listed_procedures
from fourtwo.model.project import PROJECT, Project, typed
from fourtwo.model.scope import quote_id
from fourtwo.model.shares import exact_share
from fourtwo.model.visit import Visits
from fourtwo.model.visitfile import for_appending
from fourtwo.pipeline import open_project


@dataclass
class Change:
    """A project opened for writing: what was loaded, what the rules make of it, and the edits staged."""

    model: Model
    project: Project
    judged: Judgement
    _source: Source | None = None
    _text: str | None = None
    _files: list[tuple[Path, str | bytes]] = field(default_factory=list)
    _rows: list[str] = field(default_factory=list)
    visits_of: Visits = field(default_factory=Visits)  # the visits of the household named to add_visits, as canvass.csv read before

    @property
    def states(self) -> list[StepState]:
        """The project's timeline; a project whose procedure is unknown cannot take a step."""
        states = self.judged.timeline(self.project)
        if states is None:
            raise InputError("FT107", self.project.data.at("procedure"), name=self.project.procedure_id, known=listed_procedures(self.model.procedures))
        return states

    def refuse_if_blocked(self, step_id: str, date: dt.date | None, states: list[StepState] | None = None) -> None:
        """Refuse, with the first reason, a record of `step_id` on `date` that the order of steps forbids."""
        order = blockers(self.states if states is None else states, step_id, date, display_path(self.project.folder))
        if order:
            raise Refusal(order[0].code, **order[0].args)

    def append(self, key: str, item: Item) -> None:
        """Stage `item` appended to the block list `key` of project.yaml; the first step
        recorded after the canvass keeps the scope the canvass was counted against."""
        if key == "steps":
            item = [*item, *self._frozen_scope(dict(item).get("step", ""))]
        before = len(self._data_list(self.text, key))
        self._stage(append_to_list(self.text, self.project.file, key, item), key, before + 1)

    def _frozen_scope(self, step_id: str) -> Item:
        """The households in scope, those left out and why, and the register's digest, for the
        record of the first step after the canvass: from then on the canvass is judged by them."""
        proc = self.model.procedure(self.project)
        canvass = next((s for s in proc.steps if s.kind == "canvass"), None) if proc else None
        if proc is None or canvass is None or proc.index(step_id) <= proc.index(canvass.id) or self.project.data.frozen_scope:
            return []
        cov, register, ref = self.judged.coverage(self.project), self.model.register(self.project), self.project.data.households
        if cov is None or register is None or ref is None:
            return []
        ids = " ".join(quote_id(h.id) for h in cov.scope)
        lines = textwrap.wrap(ids, 100, break_long_words=False, break_on_hyphens=False) or [""]
        pairs = [
            ("register", scalar(ref.register)),
            ("register_digest", register.digest),
            ("households", str(cov.total)),
            ("in_scope", ">-\n" + "\n".join(f"  {line}" for line in lines) if ids else '""'),
            ("threshold", exact_share(cov.threshold)),
        ]
        if cov.exclusions:
            items = []
            for e in cov.exclusions:
                dated = [("date", e.date.isoformat())] if e.date else []
                items.append(block([("household", scalar(e.household.id)), ("reason", scalar(e.reason)), *dated])[1:].replace("\n", "\n  "))
            pairs.append(("excluded", "\n" + "\n".join(f"- {text}" for text in items)))
        return [("scope", block(pairs))]

    def add_to_item(self, key: str, index: int, pairs: Item) -> None:
        """Stage `pairs` added to item `index` of the list `key`."""
        before = len(self._data_list(self.text, key))
        self._stage(add_to_list_item(self.text, self.project.file, key, index, pairs), key, before)

    def set(self, keys: Keys, rendered: str) -> None:
        """Stage the value at `keys` of project.yaml (`["steps", 2, "present"]`) replaced, or added, by `rendered`."""
        text = set_value(self.text, self.project.file, keys, rendered)
        verify_text(text, self.project.file, PROJECT)
        self._text = text

    def edited(self) -> Project:
        """The project as the edits staged so far make it, each step's record typed by its step's kind."""
        data = verify_text(self.text, self.project.file, PROJECT)
        project = Project(self.project.folder, data, self.project.procedure_id)
        proc = self.model.procedure(project)
        if proc is not None:
            data.steps = [typed(r, step.kind)[0] if (step := proc.step(r.step)) else r for r in data.steps]
        return project

    def add_file(self, path: Path, text: str | bytes) -> None:
        """Stage a file written beside the record (a notice); written before project.yaml."""
        self._files.append((path, text))

    def add_visits(self, rows: list[str], household: str = "") -> None:
        """Stage rows appended to canvass.csv, in one write; never to a file they would be
        lost or torn in (after a quote left open, under a header that names no household, in
        bytes of another encoding). The visits of `household` already there are kept in visits_of."""
        path = self.project.folder / CANVASS_FILE
        if rows and not self._rows:
            self.visits_of, errors = for_appending(path, self.model.workspace.root, household)  # a link out is FT011: never read, nor appended to
            if errors:
                raise FindingsError([*errors, diag("FT514", Loc(path))])
        self._rows += rows

    @property
    def text(self) -> str:
        """project.yaml as edited so far (LF line ends, no BOM)."""
        if self._text is None:
            self._source = Source(self.project.file)
            self._text = self._source.text
        return self._text

    def _stage(self, text: str, key: str, expected: int) -> None:
        if len(self._data_list(text, key)) != expected:
            raise RuntimeError(f"the edit of {self.project.file} did not give '{key}' {expected} item(s)")
        self._text = text

    def _data_list(self, text: str, key: str) -> list[object]:
        data = verify_text(text, self.project.file, PROJECT)
        items: list[object] = getattr(data, key)
        return items

    def commit(self) -> list[Path]:
        """Write what was staged so that a kill at any moment leaves the old state or the new:
        the files (notices) under hidden pending names first, then project.yaml by an atomic
        rename (the moment the change happens), then the pending files renamed into place; a
        kill before the rename leaves pending files the next command deletes, a kill after it
        pending files the next command puts in place (finish_pending). A batch of visits
        replaces canvass.csv whole by a rename; one visit is appended in one write."""
        written: list[Path] = []
        try:
            for path, text in self._files:
                make_dirs(path.parent)
                atomic_write_bytes(pending_name(path), text) if isinstance(text, bytes) else atomic_write(pending_name(path), text)
                written.append(pending_name(path))
            if self._source is not None and self._text is not None:
                atomic_write_bytes(self.project.file, self._source.encode(self._text))
        except InputError:
            for path in written:
                path.unlink(missing_ok=True)
            raise
        for path, _ in self._files:
            with contextlib.suppress(OSError):  # left pending: the next command puts it in place
                os.replace(pending_name(path), path)
        if self._rows:
            append_rows(self.project.folder / CANVASS_FILE, self._rows, whole=len(self._rows) > 1)
        return [path for path, _ in self._files]


_NOT_PLAIN = frozenset({"FT001", "FT010", "FT011"})  # unreadable (a link that loops); a FIFO, device or socket; a link out


# A value the command sets that is empty (FT109), not one of its
# words (FT105) or out of bounds (FT106): the command is how it is put right, so it does not block.
_SETTABLE = frozenset({"FT109", "FT105", "FT106"})


def blocking_findings(findings: list[Diagnostic], model: Model, project: Project, filling: frozenset[str] = frozenset()) -> list[Diagnostic]:
    """Errors in the files a command relies on: the project, the workspace, local procedures.
    A file with errors is fixed by hand before a command adds to it, but for an empty value
    (FT109), or of the wrong kind, of a key in `filling`, which the command sets (its hint names it); the edit is
    parsed again before anything is written."""
    relied = {real(project.file), real(model.workspace.file)}
    procedures = real(model.workspace.root / PROCEDURES_DIR)
    named = os.path.abspath(model.workspace.root / PROCEDURES_DIR) + os.sep  # as named: a link out of it is its error too
    folder = os.path.abspath(project.folder) + os.sep
    return [
        f
        for f in findings
        if f.severity is Severity.ERROR
        and (
            real(f.path) in relied
            or real(f.path).is_relative_to(procedures)
            or os.path.abspath(f.path).startswith(named)
            or (f.code in _NOT_PLAIN and os.path.abspath(f.path).startswith(folder))  # a command writing here would write through it
        )
        and not (f.code in _SETTABLE and f.args.get("key") in filling and real(f.path) == real(project.file))
    ]


@contextlib.contextmanager
def change(project_path: Path, visits: bool = True, registers: bool = True, filling: frozenset[str] = frozenset()) -> Iterator[Change]:
    """Open a project for one command's writes, under its lock; see the module's docstring.
    `filling`: the keys of project.yaml the command sets, an empty value of which does not block it."""
    folder, _ = project_folder(project_path)
    with locked(folder):
        finish_pending(folder)
        model, judged, project, findings = open_project(folder, visits=visits, registers=registers)
        blocked = blocking_findings(findings, model, project, filling)
        if blocked:
            raise FindingsError(blocked)
        staged = Change(model, project, judged)
        yield staged
        staged.commit()
