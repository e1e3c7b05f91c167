"""What a file put in public says, as text to scan for personal data, in every format it may be.

The site copies archived notices (HTML, Markdown, text, CSV, PDF) beside its own pages; each
is scanned before it is written. A format that cannot be read as text here (a workbook, an
image, a PDF with files attached or with scripts) is `Unscannable` and is not copied: what
cannot be checked is not published. HTML is read as written and as a browser shows it
(entities decoded, tags removed), so `&#49;38…` or a number split by tags is read too; and
HTML that could run or load anything (a script, an event handler, a frame, a form, a link
with a scheme other than the site's own) is `active` and never published as HTML.
"""

from __future__ import annotations

import csv
import html
import io
import re
from html.parser import HTMLParser

from fourtwo.i18n import T, Text, listing

TEXT_SUFFIXES = (".html", ".htm", ".md", ".txt", ".css", ".svg", ".csv", ".json")
SCANNED_SUFFIXES = (*TEXT_SUFFIXES, ".pdf")
HTML_SUFFIXES = (".html", ".htm", ".svg")

# Elements that run, load or send something; attributes that do.
_ACTIVE_TAGS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "portal", "link"})
_URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "formaction", "data", "poster", "background", "xlink:href", "codebase", "cite", "ping"})
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
_CSS_LOAD = re.compile(r"url\s*\(|@import|expression\s*\(", re.IGNORECASE)


class Unscannable(ValueError):
    """A file whose text cannot be read here for a scan: it is not put in public."""

    def __init__(self, why: Text) -> None:
        super().__init__(str(why))
        self.why = why


def public_texts(name: str, data: bytes) -> list[str]:
    """The texts to scan in a public file named `name`: as written, and as a reader sees it."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix == ".pdf":
        return [pdf_text(data)]
    if suffix not in TEXT_SUFFIXES:
        raise Unscannable(T("a {suffix} file cannot be read as text to check it for personal data", suffix=suffix or T("(no suffix)")))
    text = _decoded(data)
    if suffix == ".csv":
        return [text, _csv_cells(text)]
    if suffix in HTML_SUFFIXES:
        return [text, html.unescape(text), _Shown.text_of(text)]
    return [text]


def _decoded(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Unscannable(T("it is not text in UTF-8 or GB18030"))


def _csv_cells(text: str) -> str:
    """Each cell on its own line, its quotes undone."""
    try:
        return "\n".join(cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row)
    except csv.Error as exc:
        raise Unscannable(T("it is not readable CSV ({error})", error=str(exc))) from exc


class _Shown(HTMLParser):
    """The text a browser shows, and the first thing in the page that is active."""

    def __init__(self, stylesheets: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.active = ""
        self.stylesheets = stylesheets  # a site page links its one stylesheet, relatively

    @classmethod
    def text_of(cls, text: str) -> str:
        shown = cls()
        shown.feed(text)
        shown.close()
        return " ".join(shown.parts)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.active:
            return
        stylesheet = tag == "link" and self.stylesheets and [n for n, _ in attrs] == ["rel", "href"] and dict(attrs)["rel"] == "stylesheet"
        if tag in _ACTIVE_TAGS and not stylesheet:
            self.active = f"<{tag}>"
            return
        if tag == "meta" and any(n == "http-equiv" and (v or "").lower() == "refresh" for n, v in attrs):
            self.active = "<meta http-equiv=refresh>"
            return
        for name, value in attrs:
            value = value or ""
            self.parts.append(value)
            if name.startswith("on"):
                self.active = f"{name}="
            elif name == "style" and _CSS_LOAD.search(value):
                self.active = "style=url(…)"
            elif name in _URL_ATTRIBUTES and (_SCHEME.match(html.unescape(value)) or value.strip().startswith("//")):
                self.active = f"{name}={value.strip()[:40]}"
            if self.active:
                return

    handle_startendtag = handle_starttag


def active_content(text: str, allowed_prefix: str = "", stylesheets: bool = False) -> str:
    """The first thing in an HTML text that could run, load or send something, or leave the
    page ('' when there is none): script, frames, forms, event handlers, CSS that loads, any
    link with a scheme or to another host, but for links beginning with `allowed_prefix`
    (the site's own address, which the notices' QR codes carry) and, with `stylesheets`, a
    plain relative <link rel="stylesheet">."""
    if allowed_prefix:
        text = text.replace(html.escape(allowed_prefix, quote=True), "").replace(allowed_prefix, "")
    shown = _Shown(stylesheets)
    shown.feed(text)
    shown.close()
    if shown.active:
        return shown.active
    for css in re.findall(r"<style[^>]*>(.*?)</style", text, flags=re.IGNORECASE | re.DOTALL):
        if _CSS_LOAD.search(css):
            return "<style> url(…)"
    return ""


_MD_LINK = re.compile(r"\]\(\s*<?\s*([a-zA-Z][a-zA-Z0-9+.-]*:|//)|^\s{0,3}\[[^\]]+\]:\s*\S", re.MULTILINE)


def outside_reference(name: str, text: str, site_url: str = "") -> str:
    """What a notice about to be published (HTML or Markdown, or a PDF from its HTML) would load
    or open outside itself; '' when nothing. Plain text loads nothing."""
    suffix = name.rsplit(".", 1)[-1].lower()
    if suffix not in ("html", "htm", "md", "pdf"):
        return ""
    found = active_content(text, site_url.rstrip("/") + "/" if site_url else "")
    if not found and suffix == "md":
        link = _MD_LINK.search(text)
        found = link.group(0).strip()[:60] if link else ""
    return found


def pdf_text(data: bytes) -> str:
    """The text of a PDF, page by page (pypdf); Unscannable for one that cannot be read, or
    that carries more than text: files attached, scripts, actions that launch or submit."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged PDF is our finding, not a log line
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise Unscannable(T("the PDF is encrypted"))
        if reader.attachments:
            raise Unscannable(T("the PDF has files attached ({names})", names=listing(sorted(reader.attachments))))
        names = _pdf_names(reader)
        for marker in ("/JavaScript", "/JS", "/Launch", "/SubmitForm", "/ImportData", "/EmbeddedFile", "/EmbeddedFiles", "/FileAttachment", "/RichMedia"):
            if marker in names:
                raise Unscannable(T("the PDF carries {what}, not only text", what=marker))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except Unscannable:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError, AssertionError, IndexError, ZeroDivisionError) as exc:
        raise Unscannable(T("the PDF cannot be read ({error})", error=type(exc).__name__)) from exc


def _pdf_names(reader: object) -> set[str]:
    """The names every object of the PDF uses, as text (streams left out): enough to see actions
    and attachments wherever a producer put them."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[tuple[int, int]] = set()
    names: set[str] = set()
    stack: list[object] = [reader.trailer]  # type: ignore[attr-defined]
    while stack and len(seen) < 100_000:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            for key, value in item.items():
                names.add(str(key))
                if isinstance(value, str) and value.startswith("/"):
                    names.add(value)
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return names
