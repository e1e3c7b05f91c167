"""Where a posted notice lives on the public board (`fourtwo site`), and its QR code.

A notice's page is named by its trace code (n/1A2B-3C4D.html), so its address follows
from what the paper already prints and never changes while the records do not. The QR
code is segno's, as inline SVG (no file, no namespace URL, nothing fetched).
"""

from __future__ import annotations

import re

NOTICE_FOLDER = "n"
_TRACE = re.compile(r"[0-9A-F]{4}-[0-9A-F]{4}")
# What a notice's QR block carries besides the drawing, so `check` and `verify` can read
# the address it encodes without decoding an image.
QR_ATTRIBUTE = "data-fourtwo-qr"
_QR_HREF = re.compile(QR_ATTRIBUTE + r'="([^"]*)"')


def notice_page(trace: str) -> str:
    """The notice page's path inside the site, relative to its root: n/1A2B-3C4D.html."""
    if not _TRACE.fullmatch(trace):
        raise ValueError(f"not a trace code: {trace!r}")
    return f"{NOTICE_FOLDER}/{trace}.html"


def notice_url(base: str, trace: str) -> str:
    """The notice page's public address under the site's address; '' without one."""
    if not base:
        return ""
    return base.rstrip("/") + "/" + notice_page(trace)


def qr_svg(url: str) -> str:
    """A QR code of `url` as inline SVG that scales with its box (viewBox, no fixed size)."""
    import segno  # only when a notice carries one

    # Always a full QR code (never a Micro QR, which phones' scanners often refuse), at
    # level M: a board notice gets creased and rained on.
    code = segno.make_qr(url, error="m", boost_error=False)
    return str(code.svg_inline(scale=1, border=4, omitsize=True, svgclass="qr-code", lineclass="qr-line", title=url))


def qr_targets(text: str) -> list[str]:
    """The addresses the QR codes printed in a notice's text encode, in order."""
    return [m.group(1).replace("&amp;", "&") for m in _QR_HREF.finditer(text)]
