"""The public board in a real browser, and the 红梅园 notice on paper with its QR code.

Headless Chromium screenshots the index, a project page and a notice page at 390 px (a
phone in WeChat) and at A4, saved under the test's temporary folder (the paths are
printed); the site's pages must not scroll sideways at 390 px, measured in the browser.
The 红梅园 resolution notice, published as HTML and PDF with a site address, prints on
one A4 page with a QR code that zbarimg decodes to its page, which the built site has.

Needs Debian's chromium, poppler-utils, zbar-tools, fonts-noto-cjk and Pango; .ci/run
installs them. Without them the tests are skipped on a developer's machine and fail in CI.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, cli, require_tools
from test_browser import print_to_pdf
from test_qr_pdf import URL, publish, unpublished

TOOLS = ("chromium", "pdfinfo", "pdftoppm", "zbarimg")
CHROMIUM = [
    "chromium",
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-sync",
]
A4 = "794,1123"  # A4 at 96 px per inch
PHONE = "390,1600"


def _chromium(profile: Path, *args: str) -> str:
    result = subprocess.run([*CHROMIUM, f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120, check=True)
    return result.stdout


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """The three examples in one site, 红梅园's resolution published again with a site address."""
    require_tools(*TOOLS)
    tmp = tmp_path_factory.mktemp("board")
    project = unpublished(tmp)
    trace = publish(project, "html", "pdf")
    for name in ("chaoyang", "taqiao"):
        shutil.copytree(EXAMPLES / name, tmp / name)
    out = tmp / "public"
    built = cli("site", tmp / "beiyuan", tmp / "chaoyang", tmp / "taqiao", "--out", out, "--date", "2024-04-30")
    assert built.exit_code == 0, built.output
    return out, project, trace


def test_screenshots_at_phone_width_and_a4(board: tuple[Path, Path, str], tmp_path: Path) -> None:
    out, _, trace = board
    shots = tmp_path / "screenshots"
    shots.mkdir()
    pages = {"index": out / "index.html", "project": out / "beiyuan/2024-hongmeiyuan-activity-area.html", "notice": out / f"n/{trace}.html"}
    for name, page in pages.items():
        for size, label in ((PHONE, "390px"), (A4, "a4")):
            png = shots / f"{name}-{label}.png"
            _chromium(tmp_path / "profile", f"--window-size={size}", f"--screenshot={png}", page.as_uri())
            assert png.stat().st_size > 5_000, png
            print(f"screenshot: {png}")
    pdf = shots / "project-print.pdf"
    print_to_pdf(pages["project"], pdf, tmp_path / "profile")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    print(f"printed: {pdf}")


# The page is measured inside a 390 px frame (a headless window is never narrower than
# 500 px): the frame's document may not be wider than the frame.
PROBE = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="{page}" style="width:390px;height:900px;border:0"></iframe>
<script>document.getElementById("f").addEventListener("load", function () {{
  var w = this.contentWindow, d = w.document.documentElement;
  document.body.setAttribute("data-fit", d.scrollWidth + " " + w.innerWidth);
}});</script></body></html>
"""


def test_no_page_scrolls_sideways_at_390_px(board: tuple[Path, Path, str], tmp_path: Path) -> None:
    out, _, _ = board
    pages = sorted(p for p in out.rglob("*.html") if len(p.relative_to(out).parts) <= 2)  # archived notices (<org>/<id>/…) are A4 sheets, kept as posted
    assert len(pages) >= 8
    for page in pages:
        probe = page.parent / "_probe.html"
        probe.write_text(PROBE.format(page=page.name), encoding="utf-8")
        try:
            dom = _chromium(tmp_path / "profile", "--allow-file-access-from-files", "--virtual-time-budget=3000", "--dump-dom", probe.as_uri())
        finally:
            probe.unlink()
        fit = re.search(r'data-fit="(\d+) (\d+)"', dom)
        assert fit is not None, (page, dom[-300:])
        scroll, width = int(fit.group(1)), int(fit.group(2))
        assert width == 390 and scroll <= width, f"{page.relative_to(out)} is {scroll} px wide at {width} px"


def test_the_posted_notice_prints_on_one_page_with_a_qr_code_to_its_page(board: tuple[Path, Path, str], tmp_path: Path) -> None:
    out, project, trace = board
    printed = tmp_path / "html.pdf"
    print_to_pdf(project / "notices/2024-04-28-resolution.html", printed, tmp_path / "profile")
    for pdf in (printed, project / "notices/2024-04-28-resolution.pdf"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        fields = {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in info.splitlines())}
        assert fields["Pages"] == "1", pdf
        assert fields["Page size"].endswith("(A4)")
        words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "关于红梅园小区居民活动场地改造的公示" in words.replace(" ", "") and trace in words
        image = tmp_path / pdf.stem
        subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(image)], check=True, timeout=60)
        decoded = subprocess.run(["zbarimg", "-q", "--raw", f"{image}.png"], capture_output=True, text=True, timeout=60).stdout.split()
        assert decoded == [f"{URL}n/{trace}.html"], pdf
        page = out / decoded[0].removeprefix(URL)
        assert page.is_file() and trace in page.read_text(encoding="utf-8")
    fonts = subprocess.run(["pdffonts", str(project / "notices/2024-04-28-resolution.pdf")], capture_output=True, text=True, check=True).stdout
    assert "CJK" in fonts and all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # embedded
