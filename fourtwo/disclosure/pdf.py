"""A notice as PDF: WeasyPrint renders the same HTML and CSS as the printed notice.

The CJK font is embedded (as a subset) and the text stays extractable. WeasyPrint needs
Pango from the system; without it, one message names the packages (FT618), and only
`--format pdf` is affected. Where no installed font has the Chinese characters, WeasyPrint
draws boxes (□) in their place: the fonts it used say which characters it could not draw,
and such a PDF is refused (FT802), never archived as the notice of record.
The PDF's dates are the notice's, not the clock's, so the same records give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import warnings

from fourtwo.findings.errors import InputError, Refusal


class _FetchNothing:
    """WeasyPrint's URL fetcher: it refuses every address (file:, http(s):, data:, and any
    other), and remembers what was asked for so the notice is refused, never printed without
    it. A notice loads nothing: its QR code and chart are inline SVG, its CSS inline."""

    _fail_on_errors = False  # read by WeasyPrint 70 on a failed fetch

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, url: str, *args: object, **kwargs: object) -> dict[str, object]:
        self.asked.append(url)
        raise ValueError("fourtwo fetches nothing for a notice")

    fetch = __call__


def html_to_pdf(html: str, day: dt.date | None) -> bytes:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # WeasyPrint warns about CSS it does not support (screen-only rules)
            import weasyprint
    except (ImportError, OSError) as exc:  # OSError: the Pango library cannot be loaded
        raise InputError("FT618", reason=str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc
    stamp = f"{day.isoformat()}T00:00:00+08:00" if day else "2000-01-01T00:00:00+08:00"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # No base URL and a fetcher that refuses all: a notice refers to nothing outside itself,
        # nothing is fetched and nothing attached (a template's rel=attachment included).
        fetcher = _FetchNothing()
        document = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).render()
        document.metadata.created = stamp
        document.metadata.modified = stamp
        data = document.write_pdf(pdf_identifier=b"fourtwo-" + stamp[:10].encode("ascii"), attachments=[])
    if fetcher.asked:
        raise Refusal("FT691", what=fetcher.asked[0][:200], count=len(fetcher.asked))
    boxes = drawn_as_boxes(document)
    if boxes:
        raise InputError("FT802", characters=boxes[:12], n=len(boxes))
    return bytes(data)


def drawn_as_boxes(document: object) -> str:
    """The characters WeasyPrint drew as boxes in `document` because no font it found has them,
    as the fonts it used record them (after write_pdf)."""
    fonts = getattr(document, "fonts", {}) or {}
    missing = {chr(code) for font in fonts.values() for code in getattr(font, "missing", {}) if code > 0x20}
    return "".join(sorted(missing))
