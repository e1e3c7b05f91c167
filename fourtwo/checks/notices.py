"""Checks of the disclosures: periods, the order around them, archived notices and their digests,
objections before implementation, and personal data in anything public."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from fourtwo.checks.registry import check
from fourtwo.diagnostics import Diagnostic, Loc, diag
from fourtwo.errors import InputError
from fourtwo.loader import Model
from fourtwo.period import UNIT_NAMES, length
from fourtwo.model.project import Project, StepRecord
from fourtwo.progress import StepState


@check
def notices(model: Model) -> Iterator[Diagnostic]:
    for project in model.projects:
        states = model.timeline(project)
        if states is None:
            continue
        implementation = next((s for s in states if s.step.kind == "implementation"), None)
        for state in states:
            if state.step.kind != "notice":
                continue
            for record in state.records:
                try:
                    yield from _notice_findings(model, project, state, record, implementation)
                except InputError as exc:  # a year the holiday calendar does not know, say
                    yield Diagnostic(record.at("period_end"), exc.diagnostic.code, exc.diagnostic.severity, exc.diagnostic.message, exc.diagnostic.hint)
        yield from _implementation_findings(model, project, states)


def _notice_findings(model: Model, project: Project, state: StepState, record: StepRecord, implementation: StepState | None) -> Iterator[Diagnostic]:
    from fourtwo.notice import build, digest

    required = model.workspace.settings.notice
    if record.period_start and record.period_end:
        posted = length(record.period_start, record.period_end, required.unit)
        if posted < required.period:
            unit = UNIT_NAMES[required.unit]
            yield diag("FT604", record.at("period_end"), kind=state.step.notice, length=posted, unit=unit, required=f"{required.period} {unit}")
    if state.step.notice == "result" and (implementation is None or not implementation.records):
        yield diag("FT605", record.at("step"))
    for n, name in enumerate(record.files):
        path = project.folder / name
        if not path.is_file():
            yield diag("FT607", record.at("files"), path=name)
        elif n < len(record.file_digests) and _file_digest(path) not in (record.file_digests[n], ""):
            yield diag("FT614", record.at("file_digests"), path=name)
    if record.digest and record.digest != digest(build(model, project, state.step.notice, record)):
        yield diag("FT606", record.at("digest"), path=", ".join(record.files) or state.step.id)


def _file_digest(path: Path) -> str:
    """The archived file's digest as publish computed it; '' when it cannot be read at all."""
    from fourtwo.notice import file_digest

    try:
        return file_digest(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return "not text"  # publish writes UTF-8: these bytes are not what it wrote
    except OSError:
        return ""


def _implementation_findings(model: Model, project: Project, states: list[StepState]) -> Iterator[Diagnostic]:
    implementation = next((s for s in states if s.step.kind == "implementation" and s.records), None)
    resolution = next((s for s in states if s.step.kind == "notice" and s.step.notice == "resolution" and s.records), None)
    if implementation is None:
        return
    record = implementation.records[-1]
    end = resolution.records[-1].period_end if resolution else None
    if end and record.date and record.date <= end:
        yield diag("FT609", record.at("date"), date=record.date, end=end)
    for objection in project.data.objections:
        if record.date and objection.date and objection.date <= record.date and not (objection.answered and objection.answered <= record.date):
            yield diag("FT608", record.at("date"), date=record.date, number=objection.number)


@check
def public_personal_data(model: Model) -> Iterator[Diagnostic]:
    """Anything in a notices/ folder is public: no full mobile or ID number may be in it."""
    folders = [f for f in (p.folder / "notices" for p in model.projects) if f.is_dir()]
    if not folders:
        return  # nothing public, and nothing more to import
    from fourtwo.disclosure import public_numbers
    from fourtwo.privacy import masked, unmasked_anywhere

    allowed = public_numbers(model)
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if not path.is_file() or path.suffix.lower() not in (".html", ".htm", ".md", ".txt"):
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            for what, value, offset in unmasked_anywhere(text, allowed):
                if offset < 0:  # found only across a line break
                    yield diag("FT701", Loc(path), what=what, value=masked(value), offset="a line break")
                    continue
                line = text.count("\n", 0, offset) + 1
                col = offset - (text.rfind("\n", 0, offset) + 1) + 1
                yield diag("FT701", Loc(path, line, col), what=what, value=masked(value), offset=offset)


@check
def registers_in_git(model: Model) -> Iterator[Diagnostic]:
    """A register with full phone or ID numbers that git tracks is on its way to being public."""
    if model.part > 1:
        return  # every part holds the same registers: the first part reports them
    from fourtwo.privacy import unmasked

    leaking = {}
    for path, register in model.registers.items():
        leaks = [h.row for h in register.households if unmasked(f"{h.phone} {h.head}")]
        if leaks:
            leaking[path] = leaks
    for path in _tracked(model.workspace.root, sorted(leaking)):
        yield diag("FT702", Loc(path, leaking[path][0]), rows=len(leaking[path]))


def _tracked(root: Path, paths: list[Path]) -> list[Path]:
    """Those of `paths` that git tracks, asked in one call (none outside a repository)."""
    import subprocess

    if not paths:
        return []
    try:
        listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--full-name", "--", *map(str, paths)], capture_output=True, check=False)
        top = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=False)
    except OSError:  # no git here: nothing is committed
        return []
    if listed.returncode != 0 or top.returncode != 0:
        return []
    base = Path(top.stdout.strip()).resolve()
    tracked = {(base / name).resolve() for name in listed.stdout.decode("utf-8", "surrogateescape").split("\0") if name}
    return [p for p in paths if p.resolve() in tracked]


@check
def workspace_templates(model: Model) -> Iterator[Diagnostic]:
    """A workspace's own template that does not compile would fail the next publish: say so now."""
    folder = model.workspace.root / "templates"
    if model.part > 1 or not folder.is_dir():
        return
    import jinja2

    from fourtwo.render import environment

    env = environment(model.workspace.root)
    for path in sorted(folder.glob("*.j2")):
        try:
            env.get_template(path.name)
        except jinja2.TemplateSyntaxError as exc:
            yield diag("FT601", Loc(path, exc.lineno or 0), template=path.name, line=exc.lineno, problem=exc.message or "syntax error")
        except (UnicodeDecodeError, RecursionError) as exc:
            yield diag("FT601", Loc(path), template=path.name, line=0, problem=f"cannot be used ({type(exc).__name__})")
