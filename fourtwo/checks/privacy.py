"""Personal data: no full mobile or ID number in anything public, nor in a register git tracks."""

from __future__ import annotations

from collections.abc import Iterator

from fourtwo.checks.registry import has_notices, per_project, per_workspace
from fourtwo.files.git import tracked
from fourtwo.files.layout import CANVASS_FILE, NOTICES_DIR
from fourtwo.findings import Diagnostic, Loc, diag
from fourtwo.findings.printers import display_path
from fourtwo.i18n import N_, T
from fourtwo.judge import Judgement
from fourtwo.model.household import load_register
from fourtwo.model.project import Project

_PUBLIC_SUFFIXES = (".html", ".htm", ".md", ".txt")


@per_project
def public_personal_data(judged: Judgement, project: Project) -> Iterator[Diagnostic]:
    """Anything in a notices/ folder is public: no full mobile or ID number may be in it."""
    if not has_notices(project):
        return  # nothing public, and nothing more to import
    folder = project.folder / NOTICES_DIR
    from fourtwo.disclosure.privacy import masked, public_numbers, unmasked

    allowed = public_numbers(judged.model.workspace)
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in _PUBLIC_SUFFIXES:
            continue
        try:
            text = judged.text(path)  # read once for every check; a link out of the workspace never
        except (OSError, UnicodeDecodeError):
            continue
        for what, value, offset in unmasked(text, allowed):
            line = text.count("\n", 0, offset) + 1
            col = offset - (text.rfind("\n", 0, offset) + 1) + 1
            yield diag("FT701", Loc(path, line, col), what=T(what), value=masked(value), offset=offset)


@per_project
def objections_personal_data(judged: Judgement, project: Project) -> Iterator[Diagnostic]:
    """An objection's text and answer are printed on notices as written: a full number in them
    (not the office's own lines) is reported where it is written, as `object` masks it."""
    if not project.data.objections:
        return
    from fourtwo.disclosure.privacy import masked, public_numbers, unmasked

    allowed = public_numbers(judged.model.workspace)
    for o in project.data.objections:
        for key, field, text in (("text", N_("wording"), o.text), ("answer", N_("answer"), o.answer)):
            for what, value, _ in unmasked(text, allowed):
                yield diag(
                    "FT663",
                    o.at(key),
                    field=T(field),
                    number=o.number,
                    what=T(what),
                    value=masked(value),
                    project=display_path(project.folder),
                    key=key,
                )


@per_project
def exclusions_personal_data(judged: Judgement, project: Project) -> Iterator[Diagnostic]:
    """Why a household is left out is printed on notices as written (另有N户空置…): a full number
    in it is reported where it is written, as `canvass exclude` masks it."""
    standing = [e for e in project.data.exclusions if not e.withdrawn]
    if not standing:
        return
    from fourtwo.disclosure.privacy import masked, public_numbers, unmasked

    allowed = public_numbers(judged.model.workspace)
    for e in standing:
        for key in ("reason", "although_heard"):
            for what, value, _ in unmasked(getattr(e, key), allowed):
                yield diag("FT667", e.at(key), household=e.household, what=T(what), value=masked(value), project=display_path(project.folder))


@per_project
def visit_notes_personal_data(judged: Judgement, project: Project) -> Iterator[Diagnostic]:
    """canvass.csv is kept, and committed, with the records: a full number in a visit's note
    (as `canvass record` masks it) is reported at its row."""
    visits = judged.model.project_visits(project)
    notes = set(visits.note) - {""}  # few distinct notes: most visits have none
    if not notes:
        return
    from fourtwo.disclosure.privacy import masked, public_numbers, unmasked

    allowed = public_numbers(judged.model.workspace)
    found = {note: hits for note in notes if (hits := unmasked(note, allowed))}
    if not found:
        return
    for note, household, row in zip(visits.note, visits.household, visits.row, strict=True):
        for what, value, _ in found.get(note, ()):
            yield diag("FT669", Loc(project.folder / CANVASS_FILE, row), household=household, row=row, what=T(what), value=masked(value))


@per_workspace
def registers_in_git(judged: Judgement) -> Iterator[Diagnostic]:
    """A register with full phone or ID numbers that git tracks is on its way to being public."""
    model = judged.model
    # git first: a register git does not track (households/ is usually ignored) is never
    # read, and scanning 200,000 rows costs far more than one `git ls-files`.
    in_git, why = tracked(model.workspace.root, model.register_files)
    if why:  # not "nothing is committed": unknown, and said
        yield diag("FT704", Loc(model.workspace.file), why=why)
    if not in_git:
        return
    from fourtwo.disclosure.privacy import unmasked

    for path in in_git:
        if path not in model.registers:  # a pipeline reusing what it found before loads only what it must
            model.registers[path] = load_register(path)[0]
        leaks = [h.row for h in model.registers[path].households if unmasked(f"{h.phone} {h.head}")]
        if leaks:
            yield diag("FT702", Loc(path, leaks[0]), rows=len(leaks))
