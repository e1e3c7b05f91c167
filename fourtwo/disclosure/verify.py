"""Does a posted notice still say what the records say? (`fourtwo verify`)

The file is found in its project's records by the digest printed on it (or by its name),
its bytes are compared with the digest recorded when it was published, and what it
states (its facts document) is compared, fact by fact, with what today's records give.
Nothing is rendered (fourtwo.disclosure.archive).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from fourtwo.disclosure.archive import Standing, standing
from fourtwo.disclosure.context import PRINTED_DIGEST, file_digest, file_digest_bytes
from fourtwo.files.layout import NOTICES_DIR, PROJECT_FILE, find_root, project_files
from fourtwo.files.limits import MAX_NOTICE_BYTES, Unreadable, read_limited
from fourtwo.files.reading import real, unreadable
from fourtwo.files.safepath import id_problem
from fourtwo.files.yamlio import MAX_YAML_BYTES
from fourtwo.findings import Loc
from fourtwo.findings.errors import FindingsError, InputError
from fourtwo.i18n import T, listing
from fourtwo.model.procedure import listed as listed_procedures
from fourtwo.model.project import NoticeRecord
from fourtwo.pipeline import open_project
from fourtwo.transaction import blocking_findings

_TRACE_RE = re.compile(r"([0-9A-Fa-f]{4})-?([0-9A-Fa-f]{4})")  # as printed (1035-C37A), typed in either case, with or without its dash


@dataclass(frozen=True)
class Verification:
    project: Path
    kind: str
    recorded: str  # the digest printed on the notice (its facts document's)
    standing: Standing  # what today's records make of what it states
    text_matches: bool  # the file's bytes are those recorded when it was published
    text_known: bool = True  # the record keeps a digest of this file
    superseded_by: NoticeRecord | None = None  # a later notice of its kind: what this one states is history
    record_digest: str = ""  # the digest its record keeps now, when it is not the one printed on it
    kept_as: list[str] = field(default_factory=list)  # a file in a project's notices/ its record keeps under other names: the archive changed by hand

    @property
    def matches(self) -> bool:
        return self.text_matches and self.standing.matches and not self.record_digest and not self.kept_as


def verify(notice_file: Path, workspace: Path | None = None) -> Verification:
    """Judge a posted notice file against its project's records as they are now; a copy kept
    outside notices/ (a download, a scan's file) is found by its digest in `workspace`, and the
    trace code printed at a notice's foot by the record that keeps it there."""
    code = _TRACE_RE.fullmatch(str(notice_file))
    if code and not notice_file.exists():
        notice_file = by_trace_code(code.group(1) + code.group(2), workspace)
    try:
        data = read_limited(notice_file, MAX_NOTICE_BYTES)  # a regular file of a notice's size: never a FIFO or a device
        # A PDF's digest is not in its (compressed) text: the record that names the file has it.
        text = "" if notice_file.suffix.lower() == ".pdf" else data.decode("utf-8")
    except Unreadable as exc:
        raise exc.to_input_error(Loc(notice_file), T("notice")) from None
    except OSError as exc:
        raise InputError.of(unreadable(notice_file, T("notice"), exc)) from exc  # a FIFO or a folder is FT010, a link out FT011: said as check says it
    except UnicodeDecodeError as exc:
        raise InputError("FT001", Loc(notice_file), what=T("notice"), reason=T("it is not UTF-8 text (byte {offset})", offset=exc.start)) from exc
    found = PRINTED_DIGEST.findall(text)
    if not found and notice_file.suffix.lower() != ".pdf":
        raise InputError("FT612", path=notice_file)
    recorded = found[-1] if found else ""  # the footer's: a digest quoted in a resident's text comes before it
    folder = _project_of(notice_file, workspace, [recorded or file_digest_bytes(data)])
    model, judged, project, findings = open_project(folder)
    blocked = blocking_findings(findings, model, project)
    if blocked:
        raise FindingsError(blocked)
    why = id_problem(project.id)
    if why is not None:
        raise InputError("FT207", project.data.at("id"), id=project.id, why=why)
    states = judged.timeline(project)
    if states is None:
        raise InputError("FT107", name=project.procedure_id, known=listed_procedures(model.procedures))
    resolved, root = real(notice_file), real(folder)
    rel = resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else ""
    own = file_digest_bytes(data) if notice_file.suffix.lower() == ".pdf" else file_digest(text)
    for state in states:
        for record in state.notices if state.step.kind == "notice" else []:
            copy = not recorded and own in record.file_digests  # a PDF kept elsewhere, found by its bytes
            if (recorded and record.digest == recorded) or (rel and rel in record.files) or copy:
                judged_now = standing(judged, project, state.step.notice, record)
                return Verification(
                    project.folder,
                    state.step.notice,
                    recorded or record.digest,
                    judged_now,
                    own in record.file_digests,
                    bool(record.file_digests),
                    state.superseded_by(record),
                    record.digest if recorded and record.digest != recorded else "",  # found by its name, its record rewritten since
                    list(record.files) if rel.startswith(f"{NOTICES_DIR}/") and rel not in record.files else [],  # renamed, or copied over another
                )
    raise InputError("FT613", project=project.id, digest=(recorded[:15] + "…") if recorded else notice_file.name)


def by_trace_code(code: str, workspace: Path | None) -> Path:
    """The archived file of the notice whose trace code is `code` (8 hex digits) in the workspace
    given, or the current folder's: a text file where it has one (its printed digest is checked too)."""
    root = find_root(workspace or Path.cwd())
    if root is None:
        raise InputError("FT902", path=workspace or Path.cwd())
    shown = f"{code[:4]}-{code[4:]}".upper()
    recorded = re.compile(rf"\bdigest:\s*[\"']?(sha256:{code.lower()}[0-9a-f]{{56}})")
    found: dict[str, Path] = {}
    for path in project_files(root):
        try:
            text = read_limited(path, MAX_YAML_BYTES, root).decode("utf-8", errors="replace")
        except (OSError, Unreadable):
            continue
        for digest in dict.fromkeys(recorded.findall(text)):
            _model, judged, project, _findings = open_project(path.parent)
            names = [name for state in judged.timeline(project) or [] for r in state.notices if r.digest == digest for name in r.files]
            if names:
                found.setdefault(digest, project.folder / min(names, key=lambda n: n.lower().endswith(".pdf")))
    if not found:
        raise InputError("FT923", trace=shown, workspace=root)
    if len(found) > 1:
        raise InputError("FT924", trace=shown, files=listing(found.values()))
    return next(iter(found.values()))


def _project_of(notice_file: Path, workspace: Path | None, digests: list[str]) -> Path:
    """The project a notice file belongs to: the one above it, else the one in the workspace
    (given, or the current folder's) whose record names its digest."""
    here = real(notice_file).parent
    for folder in (here, *here.parents):
        if (folder / PROJECT_FILE).is_file():
            return folder
    root = find_root(workspace or Path.cwd())
    if root is None:
        raise InputError("FT921", path=notice_file)
    for path in project_files(root):
        try:
            text = read_limited(path, MAX_YAML_BYTES, root).decode("utf-8", errors="replace")
        except (OSError, Unreadable):
            continue
        if any(d and d in text for d in digests):
            return path.parent
    raise InputError("FT922", path=notice_file, workspace=root)
