"""A real browser prints the HTML notice on A4: one page, with its title and trace code.

Needs Debian's chromium, a CJK font and poppler-utils; .ci/run installs them. Without
them the test is skipped on a developer's machine and fails in CI.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import EXAMPLES, cli, require_tools

TOOLS = ("chromium", "pdfinfo", "pdftotext")


def print_to_pdf(html: Path, pdf: Path, profile: Path) -> None:
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf}",
            "--no-pdf-header-footer",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def test_the_resolution_notice_prints_on_one_a4_page(beiyuan: Path, tmp_path: Path) -> None:
    require_tools(*TOOLS)
    project = beiyuan
    published = cli("publish", project, "--date", "2024-04-28")
    assert published.exit_code == 0, published.output
    trace = published.stdout.split("trace code ")[1].split()[0]
    pdf = tmp_path / "notice.pdf"
    print_to_pdf(project / "notices/2024-04-28-resolution.html", pdf, tmp_path / "profile")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    fields = {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in info.splitlines())}
    assert fields["Pages"] == "1"
    assert fields["Page size"].endswith("(A4)")
    words = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "关于红梅园小区居民活动场地改造的公示" in words.replace(" ", "")
    assert trace in words


def test_the_archived_result_notice_prints_on_one_a4_page(tmp_path: Path) -> None:
    """The result notice repeats the deliberations beside the work and the money: still one page."""
    require_tools(*TOOLS)
    pdf = tmp_path / "result.pdf"
    print_to_pdf(EXAMPLES / "beiyuan/projects/2024-hongmeiyuan-activity-area/notices/2024-07-22-result.html", pdf, tmp_path / "profile")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           1" in info
    words = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "关于红梅园小区居民活动场地改造实施结果的公示" in words and "2024年7月20日验收" in words
