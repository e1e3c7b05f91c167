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


def test_a_result_notice_with_objections_and_its_qr_code_prints_on_one_a4_page(beiyuan: Path, tmp_path: Path) -> None:
    """Two short objections and the QR code to its page: the code and the trace code stay on the page, in print and as PDF."""
    require_tools(*TOOLS, "zbarimg", "pdftoppm")
    ws = beiyuan.parent.parent
    assert cli("correct", "workspace", ws, "--site-url", "https://beiyuan.example.org/board/").exit_code == 0
    assert cli("publish", beiyuan, "--date", "2024-04-28").exit_code == 0
    for n, (day, text, answer) in enumerate(
        (("2024-04-29", "希望保留电动车停放区", "东侧保留停放区"), ("2024-04-30", "施工时间请避开午休", "每天12点至14点停工")), 1
    ):
        assert cli("object", beiyuan, "--text", text, "--date", day).exit_code == 0
        assert cli("object", beiyuan, "--answer", str(n), "--text", answer, "--date", "2024-05-02").exit_code == 0
    work = [
        "--completed",
        "2024-07-20",
        "--started",
        "2024-05-20",
        "--accepted-on",
        "2024-07-21",
        "--cost",
        "183260.50",
        "--contractor",
        "宁夏某建设工程有限公司",
    ]
    assert cli("implement", beiyuan, *work, "--accepted-by", "解放西街街道").exit_code == 0
    published = cli("publish", beiyuan, "result", "--date", "2024-07-22", "--format", "html", "--format", "pdf")
    assert published.exit_code == 0, published.output
    trace = published.stdout.split("trace code ")[1].split()[0]
    printed = tmp_path / "printed.pdf"
    print_to_pdf(beiyuan / "notices/2024-07-22-result.html", printed, tmp_path / "profile")
    for pdf in (printed, beiyuan / "notices/2024-07-22-result.pdf"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "Pages:           1" in info, pdf
        words = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
        assert trace in words and "每天12点至14点停工" in words
        subprocess.run(["pdftoppm", "-r", "200", "-png", "-singlefile", str(pdf), str(tmp_path / "page")], check=True)
        code = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / "page.png")], capture_output=True, text=True).stdout.strip()
        assert code == f"https://beiyuan.example.org/board/n/{trace}.html"
