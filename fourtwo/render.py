"""The one Jinja environment: the workspace's templates/ before the built-in ones.

StrictUndefined, so a template that names a missing value fails with its file and
line instead of printing nothing; autoescape for HTML, so no resident's text is ever
markup; the file loader is confined to its folders. Filters format what residents
read: Chinese dates, exact percentages, masked personal data.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

from fourtwo.disclosure.privacy import mask_id, mask_name, mask_phone
from fourtwo.files.layout import TEMPLATES_DIR
from fourtwo.files.limits import MAX_TEMPLATE_BYTES, Unreadable, read_limited
from fourtwo.files.reading import check_folder, inside, leads_to, real, unreadable
from fourtwo.files.safepath import PathEscape, link
from fourtwo.findings import Diagnostic, Loc, diag
from fourtwo.findings.errors import InputError
from fourtwo.i18n import T


def cn_date(value: dt.date | str | None) -> str:
    """2024-03-22 (a date, or its ISO text) -> 2024年3月22日."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value) if value else None
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def cn_range(start: dt.date | str | None, end: dt.date | str | None) -> str:
    """A span of days as a notice prints it: 2024年4月12日至2024年4月19日; one date when it is
    one day (or only one end is known), never 2024年4月12日至2024年4月12日."""
    first, last = cn_date(start), cn_date(end)
    return f"{first}至{last}" if first and last and first != last else first or last


_MD_INLINE = str.maketrans({c: "\\" + c for c in "\\`_[]|~#"})
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ORDERED = re.compile(r"(\d+)([.)])(?=[ \t]|$)")
_RULE = re.compile(r"[-*=][-*= \t]*")  # a line only of these can be a rule or a setext underline


def md_text(value: object, stars: bool = True) -> str:
    """A resident's text as Markdown that prints it: its marks escaped (\\ ` _ [ ] | ~ #, and *
    unless stars=False), and, line by line, what would start a block (a heading's ===/---,
    a list's "1. " or "- ", indentation that makes code, a blank line that ends the
    paragraph) made text, so the text stays one paragraph whose lines break where the
    resident's did. < > & are left to autoescape (&gt; at a line start quotes nothing)."""
    lines = []
    for raw in _LINE_BREAK.split(str(value)):
        line = raw.strip(" \t").translate(_MD_INLINE)
        if stars:
            line = line.replace("*", "\\*")
        if not line:
            continue  # a blank line would end the paragraph
        if line[0] in "-+*" and (len(line) == 1 or line[1] in " \t" or _RULE.fullmatch(line)):
            line = "\\" + line
        elif line[0] == "=" and _RULE.fullmatch(line):
            line = "\\" + line
        else:
            line = _ORDERED.sub(r"\1\\\2", line, count=1) if _ORDERED.match(line) else line
        lines.append(line)
    # a hard break ("\\" at a line's end) keeps the resident's line without starting a block
    return "\\\n".join(lines)


MAX_PRODUCT = 1_000_000  # no notice needs a string or number made bigger than this by * or **


class _Sandbox(SandboxedEnvironment):
    """The sandbox, also bounding what `*` and `**` may build ({{ 'x' * 10**9 }} would not end)."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError(str(T("exponent too large for a notice")))
        if operator == "*" and isinstance(right, int) and isinstance(left, (str, list, tuple)) and len(left) * right > MAX_PRODUCT:
            raise SecurityError(str(T("repetition too large for a notice")))
        if operator == "*" and isinstance(left, int) and isinstance(right, (str, list, tuple)) and len(right) * left > MAX_PRODUCT:
            raise SecurityError(str(T("repetition too large for a notice")))
        return super().call_binop(context, operator, left, right)


def builtin_templates() -> Path:
    return Path(str(resources.files("fourtwo.templates")))


class _WorkspaceLoader(jinja2.BaseLoader):
    """A workspace's templates/: a template is read only when it is a regular file whose real
    path lies inside the workspace (a link out of it, to /etc/passwd say, is refused: FT011),
    of at most MAX_TEMPLATE_BYTES (FT009); one not there falls through to the built-in ones."""

    def __init__(self, folder: Path, root: Path) -> None:
        self.folder, self.root = folder, real(root)

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        path = self.folder.joinpath(*split_template_path(template))  # refuses '..'
        if not os.path.lexists(path):
            raise jinja2.TemplateNotFound(template)
        what = T("the template {name}", name=template)
        try:
            data = read_limited(path, MAX_TEMPLATE_BYTES, self.root)
        except Unreadable as exc:
            raise exc.to_input_error(Loc(path), what) from exc
        except OSError as exc:  # a link out of the workspace (FT011), a FIFO (FT010), unreadable
            raise InputError.of(unreadable(path, what, exc)) from exc
        return data.decode("utf-8"), str(path), lambda: True  # templates do not change during a command


def workspace_templates(workspace_root: Path | None) -> Path | None:
    """The workspace's own templates/ folder, if it has one; InputError (FT011) when it is a
    link to a folder outside the workspace."""
    if workspace_root is None or not os.path.lexists(workspace_root / TEMPLATES_DIR):
        return None
    folder = workspace_root / TEMPLATES_DIR
    if not inside(folder, workspace_root):
        raise InputError("FT011", Loc(folder), what=f"{TEMPLATES_DIR}/", target=leads_to(folder))
    try:  # a FIFO, a file, a link to nowhere: check says so, and no notice is made with other templates than the workspace's
        check_folder(folder, workspace_root)
    except OSError as exc:
        raise InputError.of(unreadable(folder, f"{TEMPLATES_DIR}/", exc)) from exc
    return folder


def environment(workspace_root: Path | None = None) -> jinja2.Environment:
    own = workspace_templates(workspace_root)
    builtin = jinja2.FileSystemLoader(str(builtin_templates()))
    # Sandboxed when a workspace has templates of its own: they can format values, not reach
    # into Python. fourtwo's own need no sandbox, which checks every attribute they read (a
    # tenth of building a site); the records are data to both, escaped alike.
    kind = _Sandbox if own is not None else jinja2.Environment
    env = kind(
        loader=jinja2.ChoiceLoader([_WorkspaceLoader(own, workspace_root), builtin]) if own is not None and workspace_root is not None else builtin,
        undefined=jinja2.StrictUndefined,
        # HTML and Markdown escape what they print (&lt;script&gt; reads as text in both);
        # plain text prints it as it is, where nothing can run.
        autoescape=_escaped,
        keep_trailing_newline=True,
    )
    # `link`: a site-relative name as an href, quoted and checked (files/safepath.py), never a scheme
    env.filters.update(md_text=md_text, cn_date=cn_date, cn_range=cn_range, mask_phone=mask_phone, mask_id=mask_id, mask_name=mask_name, link=_link)
    return env


def _link(name: str) -> str:
    try:
        return link(name)
    except PathEscape as exc:
        raise SecurityError(str(T("'{name}' cannot be a link of the site: {why}", name=name, why=exc.why))) from exc


def _escaped(name: str | None) -> bool:
    return name is not None and name.endswith((".html.j2", ".htm.j2", ".md.j2"))


def render(name: str, context: dict[str, Any], workspace_root: Path | None = None) -> str:
    """Render a template; a template error becomes one message naming its file and line."""
    return render_with(environment(workspace_root), name, context)


def render_with(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render with an environment made once (a site renders thousands of pages from one)."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise InputError("FT601", template=Path(exc.filename).name if exc.filename else name, line=exc.lineno, problem=exc.message or "syntax error") from exc
    except jinja2.TemplateNotFound as exc:
        raise InputError("FT602", template=exc.name) from exc
    except (UnicodeDecodeError, RecursionError) as exc:  # a binary file, a template extending itself
        raise InputError("FT601", template=name, line=0, problem=T("cannot be used ({error})", error=type(exc).__name__)) from exc
    except (jinja2.TemplateError, OverflowError) as exc:  # undefined values, and what the sandbox forbids
        template, line = _where(exc, name)
        raise InputError("FT601", template=template, line=line, problem=str(exc) or type(exc).__name__) from exc


def _where(exc: BaseException, name: str) -> tuple[str, int]:
    """The innermost template and line, from the traceback Jinja rewrites to point into templates
    (a partial's own line, not the line that included it)."""
    tb = exc.__traceback__
    where = (name, 0)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            where = (Path(filename).name, tb.tb_lineno)
        tb = tb.tb_next
    return where


def template_problems(workspace_root: Path, paths: list[Path]) -> list[Diagnostic]:
    """A finding for each of a workspace's own templates that does not compile, that is a link
    out of the workspace, or that is no file (a FIFO) or too large: such a one is never read."""
    try:
        env = environment(workspace_root)
    except InputError as exc:
        return [exc.diagnostic]
    found: list[Diagnostic] = []
    for path in _entries(workspace_root / TEMPLATES_DIR):
        if path.suffix != ".j2" and (real(path).is_relative_to(real(workspace_root)) or not path.is_symlink()):
            continue
        try:
            env.loader.get_source(env, path.relative_to(workspace_root / TEMPLATES_DIR).as_posix()) if env.loader else None
        except InputError as exc:
            found.append(exc.diagnostic)
        except (jinja2.TemplateNotFound, UnicodeDecodeError):
            pass  # not a template of the workspace's after all; a binary one is said below
    for path in paths:
        try:
            env.get_template(path.name)
        except jinja2.TemplateSyntaxError as exc:
            found.append(diag("FT601", Loc(path, exc.lineno or 0), template=path.name, line=exc.lineno, problem=exc.message or "syntax error"))
        except (UnicodeDecodeError, RecursionError) as exc:
            found.append(diag("FT601", Loc(path), template=path.name, line=0, problem=T("cannot be used ({error})", error=type(exc).__name__)))
        except InputError:
            pass  # said above
    return found


def _entries(folder: Path) -> list[Path]:
    """Every file or link under `folder`, without entering linked folders; and a folder named
    as a template is (x.txt.j2), which publish would refuse."""
    return sorted(
        Path(top) / name for top, dirs, names in os.walk(folder) for name in [*names, *(d for d in dirs if (Path(top) / d).is_symlink() or d.endswith(".j2"))]
    )
