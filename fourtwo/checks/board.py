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

_NOTICE_TEXT = (".html", ".htm", ".md", ".txt")


@per_project
def notice_qr_codes(judged: Judgement, project: Project) -> Iterator[Diagnostic]:
    """Each QR code printed on an archived notice encodes the address of that notice's page."""
    from fourtwo.disclosure.address import QR_ATTRIBUTE, notice_url, qr_svg, qr_targets

    base = judged.model.workspace.settings.site.url
    for record in project.data.steps:
        if not isinstance(record, NoticeRecord) or not record.digest:
            continue
        for n, name in enumerate(record.files):
            path = project.folder / name
            if path.suffix.lower() not in _NOTICE_TEXT:
                continue
            try:
                text = judged.text(path)  # only a file inside the workspace is read
            except (OSError, UnicodeDecodeError):
                continue  # FT607, FT204 or FT614 says why
            if QR_ATTRIBUTE not in text:
                continue  # published before the site had an address: no code, nothing to check
            from fourtwo.disclosure.context import trace_code  # here: a workspace without codes does without it (9 ms)

            expected = notice_url(_posted_site_url(judged, project, record, base), trace_code(record.digest))
            now = notice_url(base, trace_code(record.digest))
            for found in qr_targets(text):
                if found != expected:
                    yield diag("FT617", Loc(path), path=name, found=found or T("nothing"), expected=expected or T("(none: fourtwo.yaml sets no site.url)"))
                elif found != now:  # right on its day; the site has moved since: the paper's code leads to the old address
                    yield diag("FT622", Loc(path), path=name, found=found, now=now or T("(none: fourtwo.yaml sets no site.url)"))
                elif path.suffix.lower() in (".html", ".htm") and not _as_published(judged, project, path, record, n) and qr_svg(found) not in text:
                    yield diag("FT617", Loc(path), path=name, found=T("a drawing of another address"), expected=expected)


def _posted_site_url(judged: Judgement, project: Project, record: NoticeRecord, base: str) -> str:
    """The site's address in force when the notice was posted, as its facts document keeps it:
    a site moved since (site.url corrected) leaves the printed codes as they were on their day."""
    from fourtwo.disclosure import facts

    if not record.facts:
        return base
    try:
        stored = facts.read(judged.text(project.folder / record.facts)).settings.get("site_url")
    except (OSError, UnicodeDecodeError, facts.Unreadable):
        return base  # FT607 or FT651 says why
    return stored if isinstance(stored, str) else base


def _as_published(judged: Judgement, project: Project, path: Path, record: NoticeRecord, n: int) -> bool:
    """The file is byte for byte what publish wrote, and publish drew the code of the address it
    wrote beside it: drawing it again (a tenth of a check's time) can show nothing new."""
    from fourtwo.disclosure.context import file_digest

    recorded = record.file_digests[n] if n < len(record.file_digests) else ""
    return bool(recorded) and judged.kept(project, ("file digest", path), lambda: file_digest(judged.text(path))) == recorded


@per_workspace
def configured_site(judged: Judgement) -> Iterator[Diagnostic]:
    """The site folder fourtwo.yaml names, when it has been built, is public: scan it. One that
    overlaps the workspace is never built (`fourtwo site` refuses it): say so, read nothing."""
    from fourtwo.files.outdir import MANIFEST, among_records, overlap

    settings = judged.model.workspace.settings
    if not settings.site.folder:
        return
    folder = judged.model.workspace.root / settings.site.folder
    too_long = next((part for part in Path(settings.site.folder).parts if len(part.encode()) > 255), "")
    if too_long:  # no system takes it: said at the value, nothing looked for there
        yield diag("FT023", settings.site.at("folder"), value=settings.site.folder[:60] + "…", why=T("a name in it is longer than 255 bytes"))
        return
    why = overlap(folder, judged.model.workspace.root) or among_records(folder)  # another workspace, a git folder: never a site
    if not why and folder.is_dir() and any(folder.iterdir()) and not (folder / MANIFEST).is_file():
        why = T("it holds files 'fourtwo site' did not write (no {manifest} in it)", manifest=MANIFEST)
    if why:
        yield diag("FT023", settings.site.at("folder"), value=settings.site.folder, why=why)
    elif folder.is_dir():
        from fourtwo.disclosure.privacy import public_numbers

        yield from site_findings(folder, public_numbers(judged.model.workspace))


def site_findings(folder: Path, allowed: set[str]) -> list[Diagnostic]:
    """FT703 for every full phone or ID number in a file of a built site, in every format it
    can be read in (text, HTML as shown, CSV cells, a PDF's text); FT693 for a file that cannot
    be read for it. Links are not followed, and only regular files are read."""
    import os
    import stat

    from fourtwo.disclosure.privacy import masked, unmasked
    from fourtwo.files.limits import MAX_SITE_FILE_BYTES, Unreadable, read_limited
    from fourtwo.files.outdir import MANIFEST
    from fourtwo.files.publictext import Unscannable, public_texts
    from fourtwo.files.reading import kind_of

    found: list[Diagnostic] = []
    for top, dirs, names in os.walk(folder):  # os.walk does not enter linked folders
        dirs.sort()
        linked = [d for d in dirs if os.path.islink(os.path.join(top, d))]  # a web server would follow them
        for name in sorted([*names, *linked]):
            path = Path(top) / name
            if path == folder / MANIFEST:
                continue
            mode = os.lstat(path).st_mode
            if not stat.S_ISREG(mode):  # served as it leads, never read here: a link (to /etc/passwd), a FIFO
                kind = T("a link to {target}", target=os.readlink(path)) if stat.S_ISLNK(mode) else T(kind_of(mode))
                found.append(diag("FT693", Loc(path), path=name, why=T("it is {kind}", kind=kind)))
                continue
            try:
                texts = public_texts(name, read_limited(path, MAX_SITE_FILE_BYTES))
            except Unscannable as exc:
                found.append(diag("FT693", Loc(path), path=name, why=exc.why))
                continue
            except Unreadable as exc:
                found.append(exc.finding(Loc(path), T("a file of the site")))
                continue
            except OSError:
                continue
            seen: set[str] = set()
            for n, text in enumerate(texts):
                for what, value, offset in unmasked(text, allowed):
                    if value in seen:
                        continue
                    seen.add(value)
                    if n > 0 or offset < 0:  # found in the text as read, not as written: no line to point at
                        found.append(diag("FT703", Loc(path), what=T(what), value=masked(value), offset=T("{offset} of its text as read", offset=offset)))
                        continue
                    line = text.count("\n", 0, offset) + 1
                    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
                    found.append(diag("FT703", Loc(path, line, col), what=T(what), value=masked(value), offset=offset))
    return found
