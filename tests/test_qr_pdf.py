"""QR codes on notices (to their page on the public board) and PDF notices."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import cli, copy_beiyuan_2024

from fourtwo.disclosure.address import notice_page, qr_svg, qr_targets

URL = "https://beiyuan.example.org/board/"
PROJECT = "projects/2024-hongmeiyuan-activity-area"


def unpublished(tmp_path: Path, url: str = URL) -> Path:
    """The 红梅园 example with its resolution not yet published (and site.url set, if given)."""
    ws = tmp_path / "beiyuan"
    copy_beiyuan_2024(ws)
    project = ws / PROJECT
    shutil.rmtree(project / "notices")
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(text[: text.index("  - step: resolution_notice")], encoding="utf-8")
    if url:
        with (ws / "fourtwo.yaml").open("a", encoding="utf-8") as handle:
            handle.write(f"\nsite:\n  url: {url}\n")
    return project


def publish(project: Path, *formats: str) -> str:
    args = [a for f in formats for a in ("--format", f)]
    result = cli("publish", project, "resolution", "--date", "2024-04-28", *args)
    assert result.exit_code == 0, result.output
    return result.stdout.split("trace code ")[1].split()[0]


def test_a_notice_carries_a_qr_code_to_its_page(tmp_path: Path) -> None:
    project = unpublished(tmp_path)
    trace = publish(project, "html", "md", "txt")
    html = (project / "notices/2024-04-28-resolution.html").read_text(encoding="utf-8")
    expected = URL + notice_page(trace)
    assert qr_targets(html) == [expected]
    assert qr_svg(expected) in html and "xmlns" not in html
    assert expected in (project / "notices/2024-04-28-resolution.md").read_text(encoding="utf-8")
    assert expected in (project / "notices/2024-04-28-resolution.txt").read_text(encoding="utf-8")
    for fmt in ("html", "md", "txt"):
        verified = cli("verify", project / f"notices/2024-04-28-resolution.{fmt}")
        assert verified.exit_code == 0 and "matches" in verified.output, verified.output
    assert cli("check", project.parent.parent).exit_code == 0


def test_a_qr_code_that_points_elsewhere_is_found(tmp_path: Path) -> None:
    project = unpublished(tmp_path)
    publish(project, "html")
    path = project / "notices/2024-04-28-resolution.html"
    path.write_text(path.read_text(encoding="utf-8").replace(URL, "https://elsewhere.example/"), encoding="utf-8")
    checked = cli("check", project.parent.parent)
    assert checked.exit_code == 1 and "FT617" in checked.output and "elsewhere.example" in checked.output
    assert cli("verify", path).exit_code == 1


def test_the_site_address_changed_after_publishing_is_found(tmp_path: Path) -> None:
    project = unpublished(tmp_path)
    publish(project, "html")
    ws = project.parent.parent
    text = (ws / "fourtwo.yaml").read_text(encoding="utf-8")
    (ws / "fourtwo.yaml").write_text(text.replace(URL, "https://moved.example.org/"), encoding="utf-8")
    checked = cli("check", ws)  # the paper was right on its day: a note that its code leads to the old address, not an error
    assert checked.exit_code == 0 and "FT622" in checked.output and "moved.example.org" in checked.output and "FT617" not in checked.output


def test_without_an_address_no_qr_code_and_no_link(tmp_path: Path) -> None:
    project = unpublished(tmp_path, url="")
    publish(project, "html", "md", "txt")
    for path in (project / "notices").iterdir():
        text = path.read_text(encoding="utf-8")
        assert "data-fourtwo-qr" not in text and not re.search(r"https?://", text) and "在线核对" not in text


def test_an_address_that_is_not_one_is_a_finding(tmp_path: Path) -> None:
    project = unpublished(tmp_path, url="javascript:alert(1)")
    checked = cli("check", project.parent.parent)
    assert checked.exit_code == 1 and "FT102" in checked.output and "site.url" in checked.output


def _pango() -> None:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        pytest.skip(f"WeasyPrint cannot load Pango here: {exc}")


def test_a_pdf_notice_is_archived_digested_and_deterministic(tmp_path: Path) -> None:
    _pango()
    first = unpublished(tmp_path / "a")
    trace = publish(first, "html", "pdf")
    pdf = first / "notices/2024-04-28-resolution.pdf"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    record = (first / "project.yaml").read_text(encoding="utf-8")
    import hashlib

    assert f"sha256:{hashlib.sha256(data).hexdigest()}" in record
    assert cli("check", first.parent.parent).exit_code == 0
    verified = cli("verify", pdf)
    assert verified.exit_code == 0 and trace in verified.output
    second = unpublished(tmp_path / "b")
    publish(second, "pdf")
    assert (second / "notices/2024-04-28-resolution.pdf").read_bytes() == data
    pdf.write_bytes(data.replace(b"%PDF-", b"%PDF-", 1) + b"\n% edited\n")
    assert cli("verify", pdf).exit_code == 1
    assert "FT614" in cli("check", first.parent.parent).output


def test_without_pango_pdf_says_what_to_install_and_the_rest_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # importing it fails, as without Pango
    project = unpublished(tmp_path)
    result = cli("publish", project, "resolution", "--date", "2024-04-28", "--format", "html", "--format", "pdf")
    assert result.exit_code == 2
    assert "FT618" in result.output and "libpango-1.0-0" in result.output and "fonts-noto-cjk" in result.output
    assert not (project / "notices").exists()
    publish(project, "html")


def test_without_a_chinese_font_no_pdf_of_boxes_is_archived(tmp_path: Path) -> None:
    """A machine whose fonts have no Chinese (here: fontconfig shown only a Latin font): WeasyPrint
    would draw □ for every character; the notice is refused, naming the package, and nothing is written."""
    _pango()
    latin = [p for p in Path("/usr/share/fonts").rglob("*.ttf") if "DejaVu" in p.name or "Liberation" in p.name]
    if not latin:  # fontconfig depends on fonts-dejavu-core on Debian: CI has one
        pytest.fail("no Latin-only font to show fontconfig") if os.environ.get("CI") else pytest.skip("no Latin-only font on this machine")
    config = tmp_path / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?><fontconfig><dir>{latin[0].parent}</dir><cachedir>{tmp_path / "cache"}</cachedir></fontconfig>', encoding="utf-8")
    project = unpublished(tmp_path, url="")
    before = (project / "project.yaml").read_bytes()
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    argv = [sys.executable, "-m", "fourtwo", "publish", str(project), "resolution", "--date", "2024-04-28", "--format", "html", "--format", "pdf"]
    result = subprocess.run(argv, capture_output=True, text=True, env=env)
    assert result.returncode == 2 and "FT802" in result.stderr and "fonts-noto-cjk" in result.stderr, result.stderr
    assert (project / "project.yaml").read_bytes() == before and not (project / "notices").exists()
