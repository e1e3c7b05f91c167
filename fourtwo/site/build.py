"""`fourtwo site`: the public board, a folder of static pages built from the records.

Every page is rendered in memory first, then each is scanned for personal data and for
any address outside the site; one that fails refuses the whole build and nothing is
written. The output depends on the records and the day given alone (no timestamps,
everything sorted), so the same workspace gives byte-identical files that can be
committed and diffed. The folder is the site's own, never in a workspace: its manifest
lists what fourtwo wrote, and a rebuild removes only those files (files/outdir.py).
Every file put on the site, in every format, is scanned; an archived notice that cannot be
scanned, or that was changed, or that could run anything, is not copied (pages.py says so
on the project's page).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from fourtwo import pipeline
from fourtwo.disclosure.privacy import masked, public_numbers, unmasked
from fourtwo.files.outdir import refuse_overlap, write_folder
from fourtwo.files.publictext import HTML_SUFFIXES, TEXT_SUFFIXES, Unscannable, active_content, public_texts
from fourtwo.findings import Diagnostic, Severity
from fourtwo.findings.errors import FindingsError, FourtwoError, InputError, Refusal
from fourtwo.i18n import T, listing
from fourtwo.judge import Judgement
from fourtwo.load import open_workspace, resolve_targets
from fourtwo.model.project import Project
from fourtwo.site.pages import STAGES, ProjectInfo, org_slug, project_info

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
    kept: list[str] = field(default_factory=list)  # files of the last build changed since: left alone
    errors: list[Diagnostic] = field(default_factory=list)  # what check says is wrong in the records shown


CODES_PAGE = "n/index.html"  # every notice by its trace code, beside the notices' own pages


def build_site(paths: list[Path], out: Path, today: dt.date) -> Built:
    """Render the site of every workspace under `paths` into `out`."""
    from fourtwo.render import environment, render_with

    refuse_overlap(out, [t.root for t in resolve_targets(paths)])  # before anything is read or written
    files: dict[str, bytes] = {}
    orgs: list[OrgInfo] = []
    notices: dict[str, str] = {}  # trace code -> digest, across every workspace
    allowed_all: set[str] = set()
    urls: set[str] = set()
    errors: list[Diagnostic] = []
    outcome = pipeline.run(paths, functools.partial(_pages, today=today))  # checked as it is read: the board says when the records are wrong
    for judged in sorted(outcome.workspaces, key=lambda ws: str(ws.model.workspace.root)):
        ws = judged.model.workspace
        errors += _refuse_errors(judged)
        settings = ws.settings
        allowed_all |= public_numbers(ws)
        if settings.site.url:
            urls.add(settings.site.url.rstrip("/") + "/")
        org = OrgInfo(org_slug(ws.root, settings.organisation.name), settings.organisation.name, settings.organisation.region, settings.site.url)
        if any(o.slug == org.slug for o in orgs):
            raise InputError(
                "FT916",
                why=T("two workspaces would share the folder '{slug}' ({root})", slug=org.slug, root=ws.root),
                hint=T("build each into its own site, or rename one workspace's folder"),
            )
        for done in judged.projects:
            made = done.value
            if made is None or made.info is None:
                continue
            org.projects.append(made.info)
            for trace, digest, name, text in made.notices:
                if notices.get(trace, digest) != digest:
                    raise InputError("FT916", why=T("two notices share the trace code {trace}", trace=trace), hint=T("publish one of them again"))
                notices[trace] = digest
                files.setdefault(name, text)
            _claim(files, made.files)
        org.projects.sort(key=lambda p: p.id)
        env = environment(ws.root)
        _add(files, f"{org.slug}/index.html", render_with(env, "site/org.html.j2", {"org": org, "root": "../", "as_of": today.isoformat()}), public_numbers(ws))
        orgs.append(org)
    if len(urls) > 1:
        raise InputError(
            "FT916",
            why=T("the workspaces set different site addresses ({urls})", urls=listing(sorted(urls))),
            hint=T("give them one site.url, or build one site each"),
        )
    env = environment(None)
    _add(files, "index.html", render_with(env, "site/home.html.j2", {"orgs": orgs, "root": "", "as_of": today.isoformat()}), allowed_all)
    by_code = sorted((n for o in orgs for p in o.projects for n in p.notices), key=lambda n: n.trace)  # a resident looks up the code on the paper
    _add(files, CODES_PAGE, render_with(env, "site/codes.html.j2", {"notices": by_code, "root": "../", "as_of": today.isoformat()}), allowed_all)
    _add(files, "site.css", env.loader.get_source(env, "site/site.css")[0] if env.loader else "", allowed_all)
    posted_at = {n.site_url for n in by_code if n.site_url}  # a site moved since: the archive keeps the address of its day
    _refuse_external(files, next(iter(urls), ""), posted_at)
    _refuse_file_and_folder(files)
    wrote = write_folder(out, files)
    pages = sum(1 for name in files if name.endswith(".html"))
    return Built(out, pages, sum(len(o.projects) for o in orgs), wrote.written, next(iter(urls), ""), wrote.kept, errors)


@dataclass
class _Pages:
    """One project's pages, as a worker sends them back (picklable)."""

    info: ProjectInfo | None  # None: refused before it was made (error says why)
    files: dict[str, bytes] = field(default_factory=dict)
    notices: list[tuple[str, str, str, bytes]] = field(default_factory=list)  # trace, digest, page, its bytes
    error: FourtwoError | None = None  # a refusal met where the project was rendered, raised in path order


def _refuse_errors(judged: pipeline.Judged[_Pages]) -> list[Diagnostic]:
    """Nothing is built from records with errors in the files they are read from: the first
    problem in path order, whichever process met it. The errors the checks found in records
    that read well are returned: the site is built, and says so."""
    errors = [f for f in judged.findings[: judged.loaded] if f.severity is Severity.ERROR]
    for done in judged.projects:
        if done.value is not None and done.value.error is not None:
            raise done.value.error
        errors += [f for f in done.findings[: done.loaded] if f.severity is Severity.ERROR]
        if errors:
            raise FindingsError(errors)
    if errors:
        raise FindingsError(errors)
    checked = judged.findings[judged.loaded :] + [f for done in judged.projects for f in done.findings[done.loaded :]]
    return [f for f in checked if f.severity is Severity.ERROR]


def _pages(judged: Judgement, project: Project, findings: list[Diagnostic], today: dt.date) -> _Pages:
    """A project's page and its notices' pages, rendered and scanned where it was judged."""
    from fourtwo.render import environment, render_with

    ws = judged.model.workspace
    slug = org_slug(ws.root, ws.settings.organisation.name)
    allowed = public_numbers(ws)
    try:
        info = project_info(judged, project, slug, today, allowed)  # an id that is not one is refused (FT207)
    except FourtwoError as exc:
        return _Pages(None, error=exc)
    pages = _Pages(info)
    try:
        if info.id == "index":
            raise InputError(
                "FT916",
                why=T("the project '{id}' would take the page of its organisation ({page})", id=info.id, page=f"{slug}/index.html"),
                hint=T("give the project another id"),
            )
        env = environment(ws.root)
        env.auto_reload = False  # templates do not change during a build: no stat per page rendered
        page = render_with(env, "site/project.html.j2", {"p": info, "notice": info.notice, "root": "../", "as_of": today.isoformat()})
        _add(pages.files, info.href, page, allowed)
        for name, data in sorted(info.copies.items()):
            _add(pages.files, f"{slug}/{info.id}/{name}", data, allowed)
        for n in info.notices:
            text = render_with(env, "site/notice.html.j2", {"n": n, "root": "../", "as_of": today.isoformat()})
            one: dict[str, bytes] = {}
            _add(one, n.page, text, allowed)
            pages.notices.append((n.trace, n.digest, n.page, one[n.page]))
    except FourtwoError as exc:
        pages.error = exc
    info.copies = {}
    return pages


def _claim(files: dict[str, bytes], new: dict[str, bytes]) -> None:
    """Files of one project added to the site's: a name two sources would write is refused, never
    one silently written over the other (a workspace's folder named n takes the trace codes' page)."""
    clash = sorted(new.keys() & files.keys())
    if clash:
        raise InputError(
            "FT916", why=T("{name} would be written twice", name=clash[0]), hint=T("rename the workspace's folder or the project whose page it is")
        )
    files.update(new)


def _refuse_file_and_folder(files: dict[str, bytes]) -> None:
    """No name of the site is both a file and a folder (a project hm.html beside hm's folder hm.html/,
    a workspace folder named site.css): refused before anything is written."""
    for name in files:
        parts = name.split("/")
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            if folder in files:
                raise InputError(
                    "FT916",
                    why=T("{name} would be a file and a folder ({other})", name=folder, other=name),
                    hint=T("rename the workspace's folder or the project whose page it is"),
                )


def _add(files: dict[str, bytes], name: str, content: str | bytes, allowed: set[str]) -> None:
    """A page or file of the site, refused if it would show a full phone or ID number in any
    way it can be read (text as written and as shown, CSV cells, a PDF's text), or cannot be read."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        texts = public_texts(name, data)
    except Unscannable as exc:
        raise Refusal(
            "FT611", what=T("building the site"), why=T("{name}: {why}", name=name, why=exc.why), hint=T("only what can be checked is published")
        ) from exc
    for text in texts:
        leaks = unmasked(text, allowed)
        if leaks:
            what, value, _ = leaks[0]
            raise Refusal(
                "FT611",
                what=T("building the site"),
                why=T("{name} would show a full {what} ({value})", name=name, what=T(what), value=masked(value)),
                hint=T("remove personal data from the records it comes from"),
            )
    if name in files:
        raise InputError("FT916", why=T("{name} would be written twice", name=name), hint=T("rename the workspace's folder or the project whose page it is"))
    files[name] = data


def _refuse_external(files: dict[str, bytes], url: str, earlier: frozenset[str] | set[str] = frozenset()) -> None:
    """No page may reach outside the site, but for the site's own address (the QR codes) and the
    addresses it had when notices now archived were posted (their codes, kept as printed), nor
    run anything (a workspace's own site template could add a script)."""
    for name in sorted(files):
        if not name.endswith(TEXT_SUFFIXES):
            continue
        text = files[name].decode("utf-8", "replace")
        active = active_content(text, url.rstrip("/") + "/" if url else "", stylesheets=True) if name.endswith(HTML_SUFFIXES) else ""
        if active:
            raise Refusal(
                "FT611",
                what=T("building the site"),
                why=T("{name} would hold {found}", name=name, found=active),
                hint=T("a page of the site runs nothing and loads nothing from elsewhere; remove it from the template"),
            )
        for found in _ADDRESS.findall(text):
            if not any(own and found.startswith(own.rstrip("/")) for own in (url, *earlier)):
                raise Refusal(
                    "FT611",
                    what=T("building the site"),
                    why=T("{name} refers to {found} outside the site", name=name, found=found),
                    hint=T("the site loads nothing from elsewhere; remove the address"),
                )


def configured_folder(paths: list[Path]) -> Path | None:
    """The site folder the first workspace's fourtwo.yaml names (site.folder), if any."""
    for target in resolve_targets(paths):
        model, _ = open_workspace(target.root)
        folder: str = model.workspace.settings.site.folder
        if folder:
            return model.workspace.root / folder
    return None
