"""`fourtwo site`: the public board, a folder of static pages built from the records.

Every page is rendered in memory first, then each is scanned for personal data and for
any address outside the site; one that fails refuses the whole build and nothing is
written. The output depends on the records and the day given alone (no timestamps,
everything sorted), so the same workspace gives byte-identical files that can be
committed and diffed. The folder is the site's own: a marker file says fourtwo built
it, and a rebuild removes what is no longer part of it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from fourtwo.disclosure.privacy import masked, public_numbers, unmasked
from fourtwo.files.layout import project_files
from fourtwo.findings import Severity
from fourtwo.findings.errors import FindingsError, InputError, Refusal
from fourtwo.i18n import T
from fourtwo.load import Target, load_workspace, resolve_targets
from fourtwo.pipeline import process, worker_count
from fourtwo.site.pages import STAGES, ProjectInfo, org_slug, project_info

MARKER = ".fourtwo-site"
MARKER_TEXT = "Built by `fourtwo site`. A rebuild rewrites this folder: files not part of the site are removed.\n"
_TEXT_SUFFIXES = (".html", ".htm", ".md", ".txt", ".css", ".svg")
_ADDRESS = re.compile(r"https?://[^\s\"'<>()]*", re.IGNORECASE)


@dataclass
class OrgInfo:
    slug: str
    name: str
    region: str
    url: str
    projects: list[ProjectInfo] = field(default_factory=list)

    def groups(self) -> list[tuple[str, str, list[ProjectInfo]]]:
        """(stage, its name, its projects newest first) for each stage with projects."""
        out = []
        for stage, name in STAGES:
            chosen = sorted((p for p in self.projects if p.stage == stage), key=lambda p: (p.latest, p.id), reverse=True)
            if chosen:
                out.append((stage, name, chosen))
        return out


@dataclass(frozen=True)
class Built:
    out: Path
    pages: int
    projects: int
    written: int
    url: str


CODES_PAGE = "n/index.html"  # every notice by its trace code, beside the notices' own pages


def build_site(paths: list[Path], out: Path, today: dt.date) -> Built:
    """Render the site of every workspace under `paths` into `out`."""
    from fourtwo.render import environment, render_with

    files: dict[str, bytes] = {}
    orgs: list[OrgInfo] = []
    notices: dict[str, str] = {}  # trace code -> digest, across every workspace
    allowed_all: set[str] = set()
    urls: set[str] = set()
    for target in sorted(resolve_targets(paths), key=lambda t: (str(t.root), str(t.scope or ""))):
        model, _ = load_workspace(target.root, files=[], visits=False, registers=False)
        ws = model.workspace
        settings = ws.settings
        allowed = public_numbers(ws)
        allowed_all |= allowed
        if settings.site.url:
            urls.add(settings.site.url.rstrip("/") + "/")
        org = OrgInfo(org_slug(ws.root, settings.organisation.name), settings.organisation.name, settings.organisation.region, settings.site.url)
        if any(o.slug == org.slug for o in orgs):
            raise InputError(
                "FT916",
                why=T("two workspaces would share the folder '{slug}' ({root})", slug=org.slug, root=ws.root),
                hint=T("build each into its own site, or rename one workspace's folder"),
            )
        for part in _parts(target, org.slug, today, allowed):
            org.projects += part.projects
            for trace, digest, name, text in part.notices:
                if notices.get(trace, digest) != digest:
                    raise InputError("FT916", why=T("two notices share the trace code {trace}", trace=trace), hint=T("publish one of them again"))
                notices[trace] = digest
                files.setdefault(name, text)
            files.update(part.files)
        org.projects.sort(key=lambda p: p.id)
        env = environment(ws.root)
        _add(files, f"{org.slug}/index.html", render_with(env, "site/org.html.j2", {"org": org, "root": "../", "as_of": today.isoformat()}), allowed)
        orgs.append(org)
    if len(urls) > 1:
        raise InputError(
            "FT916",
            why=T("the workspaces set different site addresses ({urls})", urls=", ".join(sorted(urls))),
            hint=T("give them one site.url, or build one site each"),
        )
    env = environment(None)
    _add(files, "index.html", render_with(env, "site/home.html.j2", {"orgs": orgs, "root": "", "as_of": today.isoformat()}), allowed_all)
    by_code = sorted((n for o in orgs for p in o.projects for n in p.notices), key=lambda n: n.trace)  # a resident looks up the code on the paper
    _add(files, CODES_PAGE, render_with(env, "site/codes.html.j2", {"notices": by_code, "root": "../", "as_of": today.isoformat()}), allowed_all)
    _add(files, "site.css", env.loader.get_source(env, "site/site.css")[0] if env.loader else "", allowed_all)
    _refuse_external(files, next(iter(urls), ""))
    written = write_site(out, files)
    pages = sum(1 for name in files if name.endswith(".html"))
    return Built(out, pages, sum(len(o.projects) for o in orgs), written, next(iter(urls), ""))


@dataclass
class _Part:
    """The pages of some of a workspace's projects, as a worker sends them back (picklable)."""

    projects: list[ProjectInfo] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    notices: list[tuple[str, str, str, bytes]] = field(default_factory=list)  # trace, digest, page, its bytes
    error: tuple[str, object] | None = None  # a refusal or bad input met in a worker, raised here


def _parts(target: Target, slug: str, today: dt.date, allowed: set[str]) -> list[_Part]:
    """Every project's pages, its files dealt out to worker processes as `check` does."""
    files = project_files(target.root, target.scope)
    workers = worker_count(0, len(files))
    shares = [files[i::workers] for i in range(workers)]
    if workers <= 1:
        parts = [_pages(target, files, slug, today, allowed)]
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            others = pool.map(_pages, *zip(*[(target, share, slug, today, allowed) for share in shares[1:]], strict=True))
            parts = [_pages(target, shares[0], slug, today, allowed), *others]
    for part in parts:
        if part.error is not None:
            kind, value = part.error
            if kind == "findings":
                raise FindingsError(value)  # type: ignore[arg-type]
            error = (InputError if kind == "input" else Refusal).__new__(InputError if kind == "input" else Refusal)
            error.diagnostic = value  # type: ignore[assignment]
            Exception.__init__(error, error.diagnostic.message)
            raise error
    return parts


def _pages(target: Target, files: list[Path], slug: str, today: dt.date, allowed: set[str]) -> _Part:
    from fourtwo.render import environment, render_with

    part = _Part()
    try:
        done = process(target, files, checks=False)
        errors = [f for f in done.findings if f.severity is Severity.ERROR]
        if errors:
            raise FindingsError(errors)
        env = environment(target.root)
        env.auto_reload = False  # templates do not change during a build: no stat per page rendered
        for project in done.model.projects:
            info = project_info(done.judged, project, slug, today, allowed)
            if info.id == "index":
                raise InputError(
                    "FT916",
                    why=T("the project '{id}' would take the page of its organisation ({page})", id=info.id, page=f"{slug}/index.html"),
                    hint=T("give the project another id"),
                )
            page = render_with(env, "site/project.html.j2", {"p": info, "notice": info.notice, "root": "../", "as_of": today.isoformat()})
            _add(part.files, info.href, page, allowed)
            for name, data in sorted(info.copies.items()):
                _add(part.files, f"{slug}/{info.id}/{name}", data, allowed)
            for n in info.notices:
                text = render_with(env, "site/notice.html.j2", {"n": n, "root": "../", "as_of": today.isoformat()})
                one: dict[str, bytes] = {}
                _add(one, n.page, text, allowed)
                part.notices.append((n.trace, n.digest, n.page, one[n.page]))
            info.copies = {}
            part.projects.append(info)
    except FindingsError as exc:
        part.error = ("findings", exc.findings)
    except (InputError, Refusal) as exc:
        part.error = ("input" if isinstance(exc, InputError) else "refusal", exc.diagnostic)
    return part


def _add(files: dict[str, bytes], name: str, content: str | bytes, allowed: set[str]) -> None:
    """A page or file of the site, refused if it would show a full phone or ID number."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if name.endswith(_TEXT_SUFFIXES):
        leaks = unmasked(data.decode("utf-8", "replace"), allowed)
        if leaks:
            what, value, _ = leaks[0]
            raise Refusal(
                "FT611",
                what=T("building the site"),
                why=T("{name} would show a full {what} ({value})", name=name, what=T(what), value=masked(value)),
                hint=T("remove personal data from the records it comes from"),
            )
    files[name] = data


def _refuse_external(files: dict[str, bytes], url: str) -> None:
    """No page may reach outside the site, but for the site's own address (the QR codes)."""
    for name in sorted(files):
        if not name.endswith(_TEXT_SUFFIXES):
            continue
        for found in _ADDRESS.findall(files[name].decode("utf-8", "replace")):
            if not url or not found.startswith(url.rstrip("/")):
                raise Refusal(
                    "FT611",
                    what=T("building the site"),
                    why=T("{name} refers to {found} outside the site", name=name, found=found),
                    hint=T("the site loads nothing from elsewhere; remove the address"),
                )


def write_site(out: Path, files: dict[str, bytes]) -> int:
    """Write the site into `out` (its own folder), removing what is no longer part of it;
    a file whose bytes are unchanged is left alone. The number of files written."""
    from fourtwo.files.atomic import make_dirs

    if out.exists() and not out.is_dir():
        raise InputError("FT915", path=out)
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise InputError("FT915", path=out)
    make_dirs(out)
    wanted = {MARKER: MARKER_TEXT.encode("utf-8"), **files}
    written = 0
    folders: set[Path] = set()
    present = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}  # one walk, not a stat per page
    for name in sorted(wanted):
        path = out / name
        try:
            if name in present and path.read_bytes() == wanted[name]:
                continue
        except OSError:
            pass
        if path.parent not in folders:
            make_dirs(path.parent)
            folders.add(path.parent)
        _write(path, wanted[name])
        written += 1
    if present - wanted.keys():
        for path in sorted(out.rglob("*"), reverse=True):  # deepest first, so emptied folders go too
            rel = path.relative_to(out).as_posix()
            if path.is_file() and rel not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return written


def _write(path: Path, data: bytes) -> None:
    """No fsync per page (thousands of them): a site cut short is rebuilt by running it again."""
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise InputError("FT908", path=path, reason=exc.strerror or str(exc)) from exc


def configured_folder(paths: list[Path]) -> Path | None:
    """The site folder the first workspace's fourtwo.yaml names (site.folder), if any."""
    for target in resolve_targets(paths):
        model, _ = load_workspace(target.root, files=[], visits=False, registers=False)
        if model.workspace.settings.site.folder:
            return model.workspace.root / model.workspace.settings.site.folder
    return None
