"""Rendering fetches nothing and templates stay in their workspace; everything public is scanned,
in every format, and a changed or active archived notice is never put on the web."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, cli

from fourtwo.disclosure.pdf import html_to_pdf
from fourtwo.files.publictext import Unscannable, active_content, pdf_text, public_texts
from fourtwo.findings.errors import Refusal

TAQIAO = "projects/2024-taqiao-lane-hardening"
BEIYUAN = "projects/2024-hongmeiyuan-activity-area"
PHONE = "13912345678"


@pytest.fixture
def taqiao(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES / "taqiao", tmp_path / "taqiao")
    return tmp_path / "taqiao"


@pytest.mark.parametrize(
    "html",
    [
        '<img src="file:///etc/passwd">',
        '<a rel="attachment" href="file:///etc/passwd">register</a>',
        '<img src="http://127.0.0.1:9/pixel.png">',
        '<style>@import url("file:///etc/passwd");</style>',
        '<img src="data:image/png;base64,iVBORw0KGgo=">',
        '<link rel="attachment" href="file:///etc/hostname">',
    ],
)
def test_the_pdf_renderer_fetches_nothing_and_attaches_nothing(html: str) -> None:
    with pytest.raises(Refusal) as refused:
        html_to_pdf(f"<html><body><p>公示</p>{html}</body></html>", None)
    assert refused.value.diagnostic.code == "FT691"


def _own_template(ws: Path, extra: str) -> None:
    (ws / "templates").mkdir(exist_ok=True)
    text = (Path(__file__).parent.parent / "templates/resolution.html.j2").read_text(encoding="utf-8")
    (ws / "templates/resolution.html.j2").write_text(text.replace("{%- endblock %}", extra + "\n{%- endblock %}"), encoding="utf-8")


@pytest.mark.parametrize("fmt", ["html", "pdf"])
@pytest.mark.parametrize(
    "extra",
    ['<a rel="attachment" href="file:///etc/passwd">x</a>', '<img src="https://example.org/x.png">', "<script>alert(1)</script>", '<p onclick="x()">x</p>'],
)
def test_publish_refuses_a_notice_that_refers_outside_itself(taqiao: Path, fmt: str, extra: str) -> None:
    _own_template(taqiao, extra)
    before = (taqiao / TAQIAO / "project.yaml").read_bytes()
    result = cli("publish", taqiao / TAQIAO, "resolution", "--date", "2024-03-26", "--format", fmt)
    assert result.exit_code == 1 and "FT692" in result.output, result.output
    assert (taqiao / TAQIAO / "project.yaml").read_bytes() == before and not (taqiao / TAQIAO / "notices").exists()


@pytest.mark.parametrize("how", ["include", "link-template", "link-folder", "fifo"])
def test_templates_are_read_only_inside_the_workspace(taqiao: Path, tmp_path: Path, how: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(f"张三 {PHONE}\n", encoding="utf-8")
    if how == "link-folder":
        (tmp_path / "elsewhere").mkdir()
        (tmp_path / "elsewhere/resolution.txt.j2").write_text("{% include 'x' %}\n")
        (taqiao / "templates").symlink_to(tmp_path / "elsewhere")
    else:
        (taqiao / "templates").mkdir()
        if how == "include":
            (taqiao / "templates/pw.txt").symlink_to(secret)
            (taqiao / "templates/resolution.txt.j2").write_text('{% include "pw.txt" %}\n')
        elif how == "link-template":
            (taqiao / "templates/resolution.txt.j2").symlink_to(secret)
        else:
            os.mkfifo(taqiao / "templates/resolution.txt.j2")
    result = cli("publish", taqiao / TAQIAO, "resolution", "--date", "2024-03-26", "--format", "txt")
    assert result.exit_code == 2 and ("FT011" in result.output or "FT010" in result.output), result.output
    assert not (taqiao / TAQIAO / "notices").exists()
    check = cli("check", taqiao)
    assert check.exit_code == 1 and ("FT011" in check.output or "FT010" in check.output), check.output


def test_every_format_is_read_for_the_scan() -> None:
    assert any(PHONE in t for t in public_texts("a.csv", f'户主,电话\r\n张三,"{PHONE}"\r\n'.encode()))
    assert any(PHONE in t for t in public_texts("a.html", b"<p>&#49;&#51;&#57;12345678</p>"))
    assert any(PHONE in t.replace(" ", "") for t in public_texts("a.html", b"<p><span>139</span><span>1234</span>5678</p>"))
    pdf = html_to_pdf(f"<html><body><p>联系电话 {PHONE}</p></body></html>", None)
    assert PHONE in pdf_text(pdf).replace(" ", "")
    for name in ("a.xlsx", "a.docx", "a.png", "noext"):
        with pytest.raises(Unscannable):
            public_texts(name, b"PK\x03\x04")
    with pytest.raises(Unscannable):
        pdf_text(b"%PDF-1.7 not really")


def test_active_html_is_named() -> None:
    assert active_content("<p>公示</p>") == ""
    for html in ("<script>x</script>", '<a href="javascript:x">a</a>', '<iframe src="a">', '<p onmouseover="x">', '<form action="a">', '<a href="//evil/x">'):
        assert active_content(html), html


def _republish_copy(ws: Path, project: str, name: str, data: bytes, digest_too: bool) -> None:
    """Replace an archived notice's file, and (when digest_too) its recorded digest with it."""
    path = ws / project / "notices" / name
    old = path.read_bytes()
    path.write_bytes(data)
    if digest_too:
        file = ws / project / "project.yaml"
        from fourtwo.disclosure.context import file_digest, file_digest_bytes

        def digest(raw: bytes) -> str:
            return file_digest_bytes(raw) if name.endswith(".pdf") else file_digest(raw.decode("utf-8"))

        file.write_text(file.read_text(encoding="utf-8").replace(digest(old), digest(data)), encoding="utf-8")


@pytest.mark.parametrize("digest_too", [False, True])
def test_a_tampered_archived_notice_never_reaches_the_web_as_html(tmp_path: Path, digest_too: bool) -> None:
    ws = tmp_path / "beiyuan"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    html = (ws / BEIYUAN / "notices/2024-04-28-resolution.html").read_text(encoding="utf-8")
    _republish_copy(ws, BEIYUAN, "2024-04-28-resolution.html", html.replace("</body>", "<script>fetch('//evil')</script></body>").encode(), digest_too)
    out = tmp_path / "site"
    result = cli("site", ws, "--out", out, "--date", "2024-05-01")
    assert result.exit_code == (0 if digest_too else 1), result.output  # built; says so when the records have an error (FT614)
    assert not (out / "beiyuan" / BEIYUAN.split("/")[1] / "2024-04-28-resolution.html").exists()
    page = (out / "beiyuan/2024-hongmeiyuan-activity-area.html").read_text(encoding="utf-8")
    assert "未放到网上" in page
    assert all(b"<script" not in p.read_bytes() for p in out.rglob("*.html"))


@pytest.mark.parametrize("kind", ["csv", "pdf", "html-entities"])
def test_an_archived_file_with_a_phone_is_never_published(tmp_path: Path, kind: str) -> None:
    ws = tmp_path / "beiyuan"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    folder = ws / BEIYUAN / "notices"
    if kind == "csv":
        name, data = "2024-04-28-annex.csv", f"户号,电话\r\n3-1-302,{PHONE}\r\n".encode()
    elif kind == "pdf":
        name, data = "2024-04-28-annex.pdf", html_to_pdf(f"<html><body><p>联系 {PHONE}</p></body></html>", None)
    else:
        name, data = "2024-04-28-annex.html", "<p>联系 &#49;&#51;&#57;&#49;&#50;&#51;&#52;&#53;&#54;&#55;&#56;</p>".encode()
    (folder / name).write_bytes(data)
    digest = "sha256:" + hashlib.sha256(data).hexdigest() if kind == "pdf" else None
    if digest is None:
        from fourtwo.disclosure.context import file_digest

        digest = file_digest(data.decode("utf-8"))
    file = ws / BEIYUAN / "project.yaml"
    text = file.read_text(encoding="utf-8")
    text = text.replace("notices/2024-04-28-resolution.txt]", f"notices/2024-04-28-resolution.txt, notices/{name}]", 1)
    first = text.index("file_digests: [") + len("file_digests: [")
    end = text.index("]", first)
    text = text[:end] + f", '{digest}'" + text[end:]
    file.write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    result = cli("site", ws, "--out", out, "--date", "2024-05-01")
    assert result.exit_code == 1 and "FT611" in result.output, result.output
    assert not out.exists() or not any(out.rglob(name))
    # and a site that holds one anyway is found by check
    (tmp_path / "built").mkdir()
    (tmp_path / "built" / name).write_bytes(data)
    found = cli("check", ws, "--site", tmp_path / "built")
    assert "FT703" in found.output, found.output
