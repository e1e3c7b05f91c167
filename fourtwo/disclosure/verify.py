"""Does a posted notice still say what the records say? (`fourtwo verify`)

The digest printed on the notice is recomputed from the project's records now, and
the file's text is compared with what the records render.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from fourtwo.disclosure.address import QR_ATTRIBUTE, notice_url
from fourtwo.disclosure.context import digest, file_digest_bytes, trace_code
from fourtwo.disclosure.notice import build
from fourtwo.disclosure.publish import FORMATS, render_notice
from fourtwo.files.layout import PROJECT_FILE, find_root, project_files
from fourtwo.findings import Loc
from fourtwo.findings.errors import FindingsError, InputError
from fourtwo.i18n import T
from fourtwo.model.procedure import listed as listed_procedures
from fourtwo.model.project import PROJECT_ID
from fourtwo.pipeline import open_project
from fourtwo.transaction import blocking_findings

_DIGEST_RE = re.compile(r"sha256:[0-9a-f]{64}")


@dataclass(frozen=True)
class Verification:
    matches: bool
    recorded: str
    current: str
    project: Path
    kind: str
    text_matches: bool = True  # the file says, word for word, what the records render


def verify(notice_file: Path, workspace: Path | None = None) -> Verification:
    """Recompute a posted notice's digest from the project's current records; a copy kept
    outside notices/ (a download, a scan's file) is found by its digest in `workspace`."""
    try:
        data = notice_file.read_bytes()
        # A PDF's digest is not in its (compressed) text: the record that names the file has it.
        text = "" if notice_file.suffix.lower() == ".pdf" else data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("FT001", Loc(notice_file), what=T("notice"), reason=getattr(exc, "strerror", None) or str(exc)) from exc
    found = _DIGEST_RE.findall(text)
    if not found and notice_file.suffix.lower() != ".pdf":
        raise InputError("FT612", path=notice_file)
    recorded = found[-1] if found else ""  # the footer's: a digest quoted in a resident's text comes before it
    folder = _project_of(notice_file, workspace, [recorded or file_digest_bytes(data)])
    model, judged, project, findings = open_project(folder)
    blocked = blocking_findings(findings, model, project)
    if blocked:
        raise FindingsError(blocked)
    if not re.fullmatch(PROJECT_ID, project.id):
        raise InputError("FT207", project.data.at("id"), id=project.id)
    states = judged.timeline(project)
    if states is None:
        raise InputError("FT107", name=project.procedure_id, known=listed_procedures(model.procedures))
    rel = notice_file.resolve().relative_to(folder.resolve()).as_posix() if notice_file.resolve().is_relative_to(folder.resolve()) else ""
    for state in states:
        if state.step.kind != "notice":
            continue
        for record in state.notices:
            copy = not recorded and file_digest_bytes(data) in record.file_digests  # a PDF kept elsewhere, found by its bytes
            if (recorded and record.digest == recorded) or (rel and rel in record.files) or copy:
                recorded = recorded or record.digest
                current = digest(build(judged, project, state.step.notice, record))
                fmt = notice_file.suffix.lstrip(".").lower()
                if fmt == "pdf":
                    n = record.files.index(rel) if rel in record.files else -1
                    same_text = copy or (0 <= n < len(record.file_digests) and file_digest_bytes(data) == record.file_digests[n])
                else:
                    # A notice with a QR code is rendered with the code to its own page: one to anywhere else fails.
                    has_qr = QR_ATTRIBUTE in text or "在线核对：" in text
                    qr_url = notice_url(model.workspace.settings.site.url, trace_code(recorded)) if has_qr else ""
                    same_text = fmt in FORMATS and render_notice(judged, project, state.step.notice, record, fmt, qr_url) == text
                return Verification(current == recorded and same_text, recorded, current, project.folder, state.step.notice, same_text)
    raise InputError("FT613", project=project.id, digest=(recorded[:15] + "…") if recorded else notice_file.name)


def _project_of(notice_file: Path, workspace: Path | None, digests: list[str]) -> Path:
    """The project a notice file belongs to: the one above it, else the one in the workspace
    (given, or the current folder's) whose record names its digest."""
    here = notice_file.resolve().parent
    for folder in (here, *here.parents):
        if (folder / PROJECT_FILE).is_file():
            return folder
    root = find_root(workspace or Path.cwd())
    if root is None:
        raise InputError("FT921", path=notice_file)
    for path in project_files(root):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if any(d and d in text for d in digests):
            return path.parent
    raise InputError("FT922", path=notice_file, workspace=root)
