"""`fourtwo site`: the three examples in one site, every internal link resolves, the same
records give the same bytes, and nothing personal or external is ever written."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import EXAMPLES, cli, copy_beiyuan_2024

EXAMPLE_NAMES = ("beiyuan", "chaoyang", "taqiao")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)


def build(out: Path, *paths: Path, date: str = "2024-05-01", errors: bool = False) -> None:
    result = cli("site", *paths, "--out", out, "--date", date)
    assert result.exit_code == (1 if errors else 0), result.output


def site_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "public"
    build(out, *(EXAMPLES / n for n in EXAMPLE_NAMES))
    return out


def test_the_three_examples_build_into_one_site(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    for name in EXAMPLE_NAMES:
        assert f'href="{name}/index.html"' in index
    project = (site / "beiyuan/2024-hongmeiyuan-activity-area.html").read_text(encoding="utf-8")
    assert 'lang="zh-CN"' in project
    # the same figures as the notice: 175 of 216 households visited at home, 81.0%
    assert "入户<b>175</b>户" in project and "81.0%" in project
    assert '<svg class="chart"' in project
    # the archived notices are the bytes the digest covers
    notices = EXAMPLES / "beiyuan/projects/2024-hongmeiyuan-activity-area/notices"
    for archived in notices.iterdir():
        assert (site / "beiyuan/2024-hongmeiyuan-activity-area" / archived.name).read_bytes() == archived.read_bytes()


def test_every_internal_link_resolves(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 9
    walked = 0
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc and not link.startswith("/"), f"{page}: {link} is not relative"
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{page.relative_to(site)} links to {link}, which is not in the site"
            assert target.is_relative_to(site.resolve())
            walked += 1
    assert walked > 40


def test_each_posted_notice_has_a_page_at_its_trace_code(site: Path) -> None:
    notice = EXAMPLES / "beiyuan/projects/2024-hongmeiyuan-activity-area/notices/2024-04-28-progress.html"
    trace = re.search(r'fourtwo-trace" content="([0-9A-F-]+)"', notice.read_text(encoding="utf-8"))
    assert trace is not None
    page = (site / f"n/{trace.group(1)}.html").read_text(encoding="utf-8")
    assert trace.group(1) in page and "与存档记录一致" in page and "2024年4月28日至2024年5月6日" in page


def test_the_same_records_give_the_same_bytes(tmp_path: Path, site: Path) -> None:
    again = tmp_path / "again"
    build(again, *(EXAMPLES / n for n in reversed(EXAMPLE_NAMES)))
    assert site_files(again) == site_files(site)


def test_nothing_external_no_full_number_no_household_row(site: Path) -> None:
    for path in site.rglob("*"):
        if path.suffix in (".html", ".css", ".md", ".txt"):
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"https?://", text), path
            assert not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", text), path
            assert not re.search(r"<(script|iframe|img)\b", text), path
            assert "canvass.csv" not in text and "3-2-501" not in text, path


def test_a_page_with_a_full_phone_is_refused_and_nothing_written(tmp_path: Path) -> None:
    ws = tmp_path / "beiyuan"
    copy_beiyuan_2024(ws)
    project = ws / "projects/2024-hongmeiyuan-activity-area/project.yaml"
    text = project.read_text(encoding="utf-8")
    assert "\norigin:" in text
    project.write_text(text.replace("\norigin:", "\norigin: 联系人电话 139 1234 5678。", 1), encoding="utf-8")
    out = tmp_path / "out"
    result = cli("site", ws, "--out", out, "--date", "2024-05-01")
    assert result.exit_code == 1, result.output
    assert "FT611" in result.output and "139****5678" in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    "written",
    [
        "13912345678",
        "139-1234-5678",
        "139.1234.5678",
        "+86 139 1234 5678",
        "+86.13912345678",
        "１３９１２３４５６７８",
        "１３９．１２３４．５６７８",
        "139\n  12345678",
        "139.\n1234.5678",
    ],
)
def test_a_number_in_an_objection_is_masked_on_the_site(tmp_path: Path, written: str) -> None:
    ws = tmp_path / "taqiao"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    project = ws / "projects/2024-taqiao-lane-hardening/project.yaml"
    assert cli("publish", project.parent, "resolution", "--date", "2024-03-25", "--format", "txt").exit_code == 0  # an objection is raised against it
    text = project.read_text(encoding="utf-8")
    assert "\nobjections:" not in text
    quoted = written.replace("\n", "\\n")
    project.write_text(text + f'objections:\n  - {{number: 1, date: 2024-03-27, by: 王某某, text: "请回电 {quoted} 谢谢"}}\n', encoding="utf-8")
    out = tmp_path / "out"
    build(out, ws)
    page = (out / "taqiao/2024-taqiao-lane-hardening.html").read_text(encoding="utf-8")
    assert "请回电 139****5678 谢谢" in page and "王某某" not in page


def test_a_folder_it_did_not_build_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    result = cli("site", EXAMPLES / "taqiao", "--out", out)
    assert result.exit_code == 2 and "FT915" in result.output
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_a_rebuild_removes_what_is_gone(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(out, EXAMPLES / "beiyuan", EXAMPLES / "taqiao")
    assert (out / "taqiao/index.html").is_file()
    build(out, EXAMPLES / "beiyuan")
    assert not (out / "taqiao").exists() and (out / "beiyuan/index.html").is_file()


def test_check_scans_a_site_given_or_configured(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(out, EXAMPLES / "taqiao")
    assert cli("check", EXAMPLES / "taqiao", "--site", out).exit_code == 0
    (out / "taqiao/leak.html").write_text("<p>王先生 13912345678</p>", encoding="utf-8")
    result = cli("check", EXAMPLES / "taqiao", "--site", out)
    assert result.exit_code == 1 and "FT703" in result.output and "139****5678" in result.output


def _many(root: Path, n: int) -> Path:
    from conftest import PROJECT_YAML, WORKSPACE_YAML, write_tree

    files = {"fourtwo.yaml": WORKSPACE_YAML}
    for i in range(n):
        files[f"projects/p{i}/project.yaml"] = PROJECT_YAML.replace("id: p1", f"id: p{i}")
    return write_tree(root, files)


def test_pages_built_side_by_side_are_the_pages_built_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from fourtwo import pipeline
    from fourtwo.site import build as site_build

    ws = _many(tmp_path / "ws", 7)
    site_build.build_site([ws], tmp_path / "one", dt.date(2024, 5, 1))
    monkeypatch.setattr(pipeline, "worker_count", lambda jobs, items: 3)
    site_build.build_site([ws], tmp_path / "three", dt.date(2024, 5, 1))
    assert site_files(tmp_path / "three") == site_files(tmp_path / "one")
    assert (
        len([n for n in site_files(tmp_path / "one") if n.count("/") == 1 and n.endswith(".html") and not n.endswith("/index.html")]) == 7
    )  # a page per project


def test_a_project_named_index_is_refused_not_written_over_its_organisations_page(tmp_path: Path) -> None:
    import datetime as dt

    from fourtwo.findings.errors import InputError
    from fourtwo.site import build as site_build

    ws = _many(tmp_path / "ws", 2)
    (ws / "projects/p1").rename(ws / "projects/index")
    project = ws / "projects/index/project.yaml"
    project.write_text(project.read_text(encoding="utf-8").replace("id: p1", "id: index"), encoding="utf-8")
    with pytest.raises(InputError) as refused:
        site_build.build_site([ws], tmp_path / "out", dt.date(2024, 5, 1))
    assert refused.value.diagnostic.code == "FT916" and "index" in refused.value.diagnostic.message
    assert not (tmp_path / "out").exists()


def test_a_refusal_in_a_worker_refuses_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from fourtwo import pipeline
    from fourtwo.findings.errors import Refusal
    from fourtwo.site import build as site_build

    ws = _many(tmp_path / "ws", 6)
    text = (ws / "projects/p5/project.yaml").read_text(encoding="utf-8")
    (ws / "projects/p5/project.yaml").write_text(text + "matter: 请拨打 13912345678\n", encoding="utf-8")
    monkeypatch.setattr(pipeline, "worker_count", lambda jobs, items: 3)
    with pytest.raises(Refusal, match=r"139\*\*\*\*5678"):
        site_build.build_site([ws], tmp_path / "out", dt.date(2024, 5, 1))
    assert not (tmp_path / "out").exists()


def test_the_index_groups_by_stage_with_days_left(site: Path) -> None:
    beiyuan = (site / "beiyuan/index.html").read_text(encoding="utf-8")
    assert "公示中（1项）" in beiyuan and "公示中，剩6天" in beiyuan  # 2024-05-01 in the period 4-28 to 5-6 (5-4 is in 劳动节)
    taqiao = (site / "taqiao/index.html").read_text(encoding="utf-8")
    assert "公示中" not in taqiao


def test_a_notice_page_says_when_the_records_changed(tmp_path: Path) -> None:
    ws = tmp_path / "beiyuan"
    copy_beiyuan_2024(ws)
    project = ws / "projects/2024-hongmeiyuan-activity-area/project.yaml"
    text = project.read_text(encoding="utf-8")
    assert "for: 27" in text
    project.write_text(text.replace("for: 27", "for: 28", 1), encoding="utf-8")
    out = tmp_path / "out"
    build(out, ws, errors=True)  # built, and said: the records have errors (exit 1)
    pages = [p.read_text(encoding="utf-8") for p in (out / "n").glob("????-????.html")]  # each notice, not the list of codes
    assert pages and all("记录已变更" in page and "与存档记录一致" not in page for page in pages)


def test_a_resident_finds_a_notice_by_its_trace_code(tmp_path: Path) -> None:
    """The home page promises 按核验码查找: a page lists every notice by the code printed on it, linked to its page."""
    out = tmp_path / "out"
    build(out, EXAMPLES)
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="n/index.html">按核验码查找</a>' in home
    listed = (out / "n/index.html").read_text(encoding="utf-8")
    pages = sorted(p.stem for p in (out / "n").glob("????-????.html"))
    assert pages and re.findall(r'<a href="\.\./n/([0-9A-F]{4}-[0-9A-F]{4})\.html">\1</a>', listed) == pages  # every one, in order of the code


def _pages(out: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in (out / "n").glob("????-????.html")]


def test_a_notice_its_record_keeps_no_digest_of_is_not_put_on_the_web_nor_called_intact(tmp_path: Path) -> None:
    """file_digests taken out of the record, the notice then edited: nothing can say it is as
    published, so it is neither copied to the site nor shown with ✓."""
    ws = tmp_path / "beiyuan"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    folder = ws / "projects/2024-hongmeiyuan-activity-area"
    text = (folder / "project.yaml").read_text(encoding="utf-8")
    kept = [line for line in text.splitlines(keepends=True) if "file_digests:" not in line]
    assert len(kept) < len(text.splitlines())
    (folder / "project.yaml").write_text("".join(kept), encoding="utf-8")
    notices = sorted((folder / "notices").glob("*.txt"))
    assert notices
    for notice in notices:
        notice.write_text(notice.read_text(encoding="utf-8").replace("175", "205"), encoding="utf-8")
    out = tmp_path / "out"
    build(out, ws, errors=True)
    on_site = list(out.rglob("*.txt"))
    assert not [p for p in on_site if "205" in p.read_text(encoding="utf-8")], on_site
    pages = _pages(out)
    assert pages and all("与存档记录一致" not in page and "无法核对" in page for page in pages)


def test_a_missing_facts_document_is_said_missing(tmp_path: Path) -> None:
    ws = tmp_path / "beiyuan"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    facts = sorted((ws / "projects/2024-hongmeiyuan-activity-area/notices").glob("*.facts.json"))
    assert facts
    facts[0].unlink()
    out = tmp_path / "out"
    build(out, ws, errors=True)
    said = [page for page in _pages(out) if "缺失" in page]
    assert len(said) == 1 and "记录已变更" not in said[0] and "被改动" not in said[0]


def test_a_site_that_moves_after_a_notice_was_posted_keeps_building(tmp_path: Path) -> None:
    """site.url corrected after posting: the paper's QR code keeps the address in force on its
    day (its facts document says which), so check does not call it wrong, and the site, whose
    archive holds the old address, still builds."""
    ws = tmp_path / "taqiao"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    project = ws / "projects/2024-taqiao-lane-hardening"
    assert cli("correct", "workspace", ws, "--site-url", "https://taqiao.example.org/").exit_code == 0
    assert cli("publish", project, "resolution", "--date", "2024-03-26", "--format", "html", "--format", "txt").exit_code == 0
    assert cli("correct", "workspace", ws, "--site-url", "https://dxz.example.gov.cn/taqiao/").exit_code == 0
    checked = cli("check", ws)
    assert checked.exit_code == 0 and "FT617" not in checked.stdout, checked.stdout
    build(tmp_path / "out", ws, date="2024-04-10")
    (project / "notices/2024-03-26-resolution.html").write_text(
        (project / "notices/2024-03-26-resolution.html").read_text(encoding="utf-8").replace("taqiao.example.org/n/", "elsewhere.example/n/"), encoding="utf-8"
    )
    assert "FT617" in cli("check", ws).stdout  # a code pointing elsewhere than either is still found


@pytest.mark.parametrize("folder", ["n", "site.css", "index.html"])
def test_a_workspace_named_as_the_sites_own_files_is_refused_before_anything_is_written(tmp_path: Path, folder: str) -> None:
    """The site's own names (n/ of the trace codes, site.css, index.html) taken by a workspace's
    folder: one clear refusal, nothing written, no page silently lost."""
    ws = tmp_path / folder
    shutil.copytree(EXAMPLES / "taqiao", ws)
    out = tmp_path / "out"
    result = cli("site", ws, "--out", out, "--date", "2024-05-01")
    assert result.exit_code == 2 and "FT916" in result.output, result.output
    assert not out.exists() or not any(out.iterdir())


def test_two_projects_whose_pages_would_collide_are_refused(tmp_path: Path) -> None:
    ws = tmp_path / "beiyuan"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    source = ws / "projects/2024-hongmeiyuan-activity-area"
    for pid in ("hm", "hm.html"):
        target = ws / "projects" / pid
        shutil.copytree(source, target)
        text = (target / "project.yaml").read_text(encoding="utf-8")
        (target / "project.yaml").write_text(text.replace("id: 2024-hongmeiyuan-activity-area", f"id: {pid}", 1), encoding="utf-8")
    shutil.rmtree(source)
    out = tmp_path / "out"
    result = cli("site", ws, "--out", out, "--date", "2024-08-10")
    assert result.exit_code == 2 and "FT916" in result.output, result.output


def test_a_record_rewritten_after_publishing_is_never_shown_with_a_tick(tmp_path: Path) -> None:
    """Record, facts document and digest rewritten together: check says FT621, and the page of
    the record's code says what the paper prints instead of ✓."""
    from fourtwo.disclosure import facts

    ws = tmp_path / "beiyuan"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    folder = ws / "projects/2024-hongmeiyuan-activity-area"
    document = folder / "notices/2024-07-22-result.facts.json"
    old_text = document.read_text(encoding="utf-8")
    new_text = old_text.replace("增设乒乓球台", "增设篮球架", 1)  # the matter, as the record will now say it
    assert new_text != old_text
    document.write_text(new_text, encoding="utf-8")
    record = (folder / "project.yaml").read_text(encoding="utf-8")
    assert facts.sha256(old_text) in record and "增设乒乓球台" in record
    record = record.replace(facts.sha256(old_text), facts.sha256(new_text)).replace("增设乒乓球台", "增设篮球架", 1)
    (folder / "project.yaml").write_text(record, encoding="utf-8")
    out = tmp_path / "out"
    build(out, ws, date="2024-08-10", errors=True)
    pages = _pages(out)
    assert pages and not [p for p in pages if "2024-07-22" in p and "与存档记录一致" in p and "实施结果" in p]
    assert any("记录被改写过" in p for p in pages)


@pytest.mark.parametrize("where", ["../bei", "../other/.git", "../plain"])
def test_check_reads_only_a_site_folder_fourtwo_built(tmp_path: Path, where: str) -> None:
    """site.folder naming another workspace, another repository's .git, or a folder the site
    never built: check says so and reads nothing there (the site refuses to build there too)."""
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    shutil.copytree(EXAMPLES / "beiyuan", tmp_path / "bei")
    (tmp_path / "other/.git").mkdir(parents=True)
    (tmp_path / "other/.git/config").write_text("[core]\n", encoding="utf-8")
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain/notes.txt").write_text("电话13812345678\n", encoding="utf-8")
    text = (ws / "fourtwo.yaml").read_text(encoding="utf-8")
    (ws / "fourtwo.yaml").write_text(text + f"site:\n  folder: {where}\n", encoding="utf-8")
    checked = cli("check", ws)
    assert "FT023" in checked.stdout and "FT703" not in checked.stdout and "FT693" not in checked.stdout, checked.stdout


@pytest.mark.parametrize("zone", ["Pacific/Pago_Pago", "Pacific/Kiritimati"])  # 25 hours apart: never the same day
def test_the_site_speaks_of_today_where_the_committee_sits(tmp_path: Path, zone: str) -> None:
    from fourtwo.files.values import today

    ws = tmp_path / "taqiao"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    text = (ws / "fourtwo.yaml").read_text(encoding="utf-8")
    (ws / "fourtwo.yaml").write_text(f"timezone: {zone}\n" + text, encoding="utf-8")
    built = cli("site", ws, "--out", tmp_path / "out")  # no --date: today
    assert built.exit_code == 0, built.output
    day = today(zone)
    assert f"{day.year}年{day.month}月{day.day}日" in (tmp_path / "out/index.html").read_text(encoding="utf-8")
