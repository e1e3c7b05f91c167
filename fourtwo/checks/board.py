"""Checks of the public board: a notice's QR code opens its own page, and a built site
(site.folder in fourtwo.yaml, or `check --site DIR`) shows no full phone or ID number."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from fourtwo.checks.registry import per_project, per_workspace
from fourtwo.findings import Diagnostic, Loc, diag
from fourtwo.i18n import T
from fourtwo.judge import Judgement
from fourtwo.model.project import NoticeRecord, Project

SITE_TEXT = (".html", ".htm", ".md", ".txt", ".css", ".svg")
_NOTICE_TEXT = (".html", ".htm", ".md", ".txt")


@per_project
def notice_qr_codes(judged: Judgement, project: Project) -> Iterator[Diagnostic]:
    """Each QR code printed on an archived notice encodes the address of that notice's page."""
    from fourtwo.disclosure.address import QR_ATTRIBUTE, notice_url, qr_svg, qr_targets
    from fourtwo.disclosure.context import trace_code

    base = judged.model.workspace.settings.site.url
    for record in project.data.steps:
        if not isinstance(record, NoticeRecord) or not record.digest:
            continue
        for name in record.files:
            path = project.folder / name
            if path.suffix.lower() not in _NOTICE_TEXT or not path.is_file():
                continue
            try:
                text = judged.text(path)
            except (OSError, UnicodeDecodeError):
                continue  # FT614 says the file is not what was published
            if QR_ATTRIBUTE not in text:
                continue  # published before the site had an address: no code, nothing to check
            expected = notice_url(base, trace_code(record.digest))
            for found in qr_targets(text):
                if found != expected:
                    yield diag("FT617", Loc(path), path=name, found=found or T("nothing"), expected=expected or T("(none: fourtwo.yaml sets no site.url)"))
                elif path.suffix.lower() in (".html", ".htm") and qr_svg(found) not in text:
                    yield diag("FT617", Loc(path), path=name, found=T("a drawing of another address"), expected=expected)


@per_workspace
def configured_site(judged: Judgement) -> Iterator[Diagnostic]:
    """The site folder fourtwo.yaml names, when it has been built, is public: scan it."""
    settings = judged.model.workspace.settings
    if not settings.site.folder:
        return
    folder = judged.model.workspace.root / settings.site.folder
    if folder.is_dir():
        from fourtwo.disclosure.privacy import public_numbers

        yield from site_findings(folder, public_numbers(judged.model.workspace))


def site_findings(folder: Path, allowed: set[str]) -> list[Diagnostic]:
    """FT703 for every full phone or ID number in a text file of a built site."""
    from fourtwo.disclosure.privacy import masked, unmasked

    found: list[Diagnostic] = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in SITE_TEXT:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for what, value, offset in unmasked(text, allowed):
            if offset < 0:
                found.append(diag("FT703", Loc(path), what=T(what), value=masked(value), offset=T("a line break")))
                continue
            line = text.count("\n", 0, offset) + 1
            col = offset - (text.rfind("\n", 0, offset) + 1) + 1
            found.append(diag("FT703", Loc(path, line, col), what=T(what), value=masked(value), offset=offset))
    return found
