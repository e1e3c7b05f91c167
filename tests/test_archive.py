"""Issue 21: a posted notice stays true. Its facts are archived when it is published and
judged, fact by fact, under its own schema version and the settings of its day; an upgrade
of fourtwo, a later change of fourtwo.yaml or a killed publish never turns it false."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import cli, copy_beiyuan_2024

from fourtwo.disclosure import context, facts

LEGACY = Path(__file__).resolve().parent / "legacy/hongmeiyuan-2024"
PROJECT = "projects/2024-hongmeiyuan-activity-area"


def yaml_text(project: Path) -> str:
    return (project / "project.yaml").read_text(encoding="utf-8")


def test_publishing_archives_the_facts_it_states_beside_the_notice(beiyuan: Path) -> None:
    assert cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt").exit_code == 0
    path = beiyuan / "notices/2024-04-28-resolution.facts.json"
    text = path.read_text(encoding="utf-8")
    doc = json.loads(text)
    assert doc["schema"] == facts.SCHEMA and doc["kind"] == "resolution"
    assert text == json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1) + "\n"  # canonical: sorted, one layout
    stated = doc["facts"]
    assert stated["canvass"]["households"] == 216 and stated["canvass"]["visited"] == 175 and stated["budget"]["value"] == "186452.60"
    assembly = stated["meetings"][-1]
    assert (assembly["votes_for"], assembly["date"], assembly["basis"]) == (27, "2024-04-26", "地方规定（无全国性法律）")
    assert doc["settings"]["period"] == 7 and doc["settings"]["unit"] == "calendar_days" and doc["settings"]["hotline"] == "0951-6012345"
    digest = facts.sha256(text)
    assert f"    facts: notices/2024-04-28-resolution.facts.json\n    digest: {digest}\n" in yaml_text(beiyuan)
    assert (beiyuan / "notices/2024-04-28-resolution.txt").read_text(encoding="utf-8").rstrip().endswith(digest)  # printed on the paper


def test_a_changed_fact_is_named_in_both_languages(beiyuan: Path) -> None:
    assert cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt").exit_code == 0
    (beiyuan / "project.yaml").write_text(yaml_text(beiyuan).replace("    for: 27\n", "    for: 26\n"), encoding="utf-8")
    english = cli("check", beiyuan)
    assert english.exit_code == 1 and "FT650" in english.stdout and "votes for (同意) was 27, the records now say 26" in english.stdout
    chinese = cli("check", beiyuan, "--lang", "zh")
    assert chinese.exit_code == 1 and "居民代表会议（2024-04-26） / 同意人数原为27，现在的记录为26" in chinese.stdout, chinese.stdout
    verified = cli("verify", beiyuan / "notices/2024-04-28-resolution.txt", "--lang", "zh")
    assert verified.exit_code == 1 and "同意人数原为27，现在的记录为26" in verified.stdout


LATER = facts.SCHEMA + 1


def _schema_2(monkeypatch: pytest.MonkeyPatch) -> None:
    """A later fourtwo: its notices state one more fact, `new_claim`, in the next facts schema."""
    monkeypatch.setitem(facts.SHAPES, LATER, {**facts.SHAPES[facts.SCHEMA], "new_claim": facts.R})
    monkeypatch.setattr(facts, "SCHEMA", LATER)
    real = context.NoticeContext.data
    monkeypatch.setattr(context.NoticeContext, "new_claim", property(lambda self: f"{self.kind} of {self.date}"), raising=False)
    monkeypatch.setattr(context.NoticeContext, "data", lambda self: {**real(self), "new_claim": self.new_claim})


def test_a_field_a_later_version_adds_never_changes_an_earlier_verdict(beiyuan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt").exit_code == 0
    _schema_2(monkeypatch)
    assert cli("check", beiyuan).exit_code == 0
    assert cli("verify", beiyuan / "notices/2024-04-28-resolution.txt").stdout.startswith("matches:")
    progress = cli("publish", beiyuan, "progress", "--date", "2024-06-20", "--format", "txt", "--milestones", "车棚拆除完毕")
    assert progress.exit_code == 0, progress.output
    later = json.loads((beiyuan / "notices/2024-06-20-progress.facts.json").read_text(encoding="utf-8"))
    assert later["schema"] == LATER and later["facts"]["new_claim"] == "progress of 2024-06-20"
    (beiyuan / "project.yaml").write_text(yaml_text(beiyuan).replace("    for: 27\n", "    for: 26\n"), encoding="utf-8")
    result = cli("check", beiyuan)  # a fact both versions state still fails both, by its name
    assert result.stdout.count("votes for (同意) was 27, the records now say 26") == 2 and "new_claim" not in result.stdout


def test_a_document_of_a_newer_version_is_said_to_be_newer(beiyuan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as later:
        _schema_2(later)
        assert cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt").exit_code == 0
    result = cli("check", beiyuan)
    assert result.exit_code == 1 and "FT652" in result.stdout and f"facts schema {LATER}" in result.stdout
    assert "cannot tell" in cli("verify", beiyuan / "notices/2024-04-28-resolution.txt").stdout


def test_verifying_renders_nothing(beiyuan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli("publish", beiyuan, "--date", "2024-04-28", "--format", "html", "--format", "txt").exit_code == 0
    import fourtwo.render

    def refuse(*args: object, **kwargs: object) -> str:
        raise AssertionError("a notice was rendered")

    monkeypatch.setattr(fourtwo.render, "render", refuse)
    assert cli("check", beiyuan).exit_code == 0
    for name in ("2024-04-28-resolution.html", "2024-04-28-resolution.txt"):
        assert cli("verify", beiyuan / "notices" / name).stdout.startswith("matches:")


def test_an_edited_facts_document_is_found(beiyuan: Path) -> None:
    assert cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt").exit_code == 0
    path = beiyuan / "notices/2024-04-28-resolution.facts.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"votes_for": 27', '"votes_for": 26'), encoding="utf-8")
    result = cli("check", beiyuan)
    assert result.exit_code == 1 and "FT651" in result.stdout and "not the one published" in result.stdout
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))  # a Windows checkout is no edit... but the edit above is
    path.unlink()
    missing = cli("check", beiyuan)
    assert missing.exit_code == 1 and "FT607" in missing.stdout and "facts.json" in missing.stdout


def test_settings_changed_later_apply_to_later_notices_only(beiyuan: Path) -> None:
    """The period, its unit and the phones a notice was published under stay its own."""
    ws = beiyuan.parent.parent
    assert cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt").exit_code == 0
    text = (ws / "fourtwo.yaml").read_text(encoding="utf-8")
    text = (
        text.replace("period: 7 ", "period: 10 ").replace("unit: calendar_days", "unit: working_days").replace("hotline: 0951-6012345", "hotline: 0951-6099999")
    )
    (ws / "fourtwo.yaml").write_text(text.replace("name: 银川市兴庆区解放西街北苑社区 ", "name: 银川市兴庆区北苑社区 "), encoding="utf-8")
    result = cli("check", ws, "--ignore", "FT213")
    assert result.exit_code == 0 and "FT604" not in result.stdout and "FT650" not in result.stdout, result.stdout
    assert cli("verify", beiyuan / "notices/2024-04-28-resolution.txt").stdout.startswith("matches:")
    args = ["--completed", "2024-07-20", "--started", "2024-05-20", "--accepted-on", "2024-07-20", "--cost", "183260.50", "--acceptance", "passed"]
    assert cli("implement", beiyuan, *args).exit_code == 0
    assert cli("publish", beiyuan, "result", "--date", "2024-07-22", "--format", "txt").exit_code == 0
    body = (beiyuan / "notices/2024-07-22-result.txt").read_text(encoding="utf-8")
    assert "共10个工作日" in body and "0951-6099999" in body  # the later notice, under today's settings
    assert "2024年7月22日至2024年8月2日" in body


def _legacy(tmp_path: Path) -> Path:
    """The example workspace with the 红梅园 project as published before facts documents."""
    ws = tmp_path / "beiyuan"
    copy_beiyuan_2024(ws)
    project = ws / PROJECT
    shutil.rmtree(project / "notices")
    shutil.copytree(LEGACY / "notices", project / "notices")
    shutil.copy(LEGACY / "project.yaml", project / "project.yaml")
    return project


def test_notices_published_before_facts_documents_still_verify(tmp_path: Path) -> None:
    project = _legacy(tmp_path)
    result = cli("check", project.parent.parent, "--ignore", "FT213")
    assert result.exit_code == 0, result.output
    for path in sorted((project / "notices").iterdir()):
        verified = cli("verify", path)
        assert verified.exit_code == 0 and verified.stdout.startswith("matches:"), (path.name, verified.output)
    (project / "project.yaml").write_text(yaml_text(project).replace("    for: 27\n", "    for: 26\n"), encoding="utf-8")
    changed = cli("check", project.parent.parent, "--ignore", "FT213")
    assert changed.exit_code == 1 and "FT606" in changed.stdout and "publish it again" not in changed.stdout
    assert "cannot say which fact" in cli("verify", project / "notices/2024-04-28-resolution.txt").stdout


def test_republishing_an_old_notice_with_commands_gives_the_new_format(tmp_path: Path) -> None:
    project = _legacy(tmp_path)
    text = yaml_text(project)
    (project / "project.yaml").write_text(text[: text.index("  - step: resolution_notice")] + text[text.index("objections:") :], encoding="utf-8")
    shutil.rmtree(project / "notices")
    assert cli("publish", project, "--date", "2024-04-28", "--format", "txt").exit_code == 0
    assert (project / "notices/2024-04-28-resolution.facts.json").is_file() and "facts: notices/" in yaml_text(project)
    assert cli("check", project.parent.parent, "--ignore", "FT213").exit_code == 0


class Killed(BaseException):
    """A kill at one write: nothing after it runs, no handler cleans up (as SIGKILL)."""


def _publish_killed_at(project: Path, kill: int, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Publish, killed just before the `kill`-th write of a file (a flush to disk or a rename);
    False when the publish wrote everything before that many."""
    import os

    count = [0]
    real_fsync, real_replace = os.fsync, os.replace

    def step() -> None:
        count[0] += 1
        if count[0] == kill:
            raise Killed

    def fsync(fd: int) -> None:
        step()
        real_fsync(fd)

    def replace(src: object, dst: object) -> None:
        step()
        real_replace(src, dst)  # type: ignore[arg-type]

    from fourtwo.disclosure.publish import publish

    with monkeypatch.context() as m:
        m.setattr(os, "fsync", fsync)
        m.setattr(os, "replace", replace)
        try:
            import datetime as dt

            publish(project, "resolution", ["html", "txt"], None, dt.date(2024, 4, 28), False)
        except Killed:
            return True
    return False


def test_a_publish_killed_at_every_write_is_finished_or_undone_by_check_or_named_exactly(beiyuan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fourtwo.files.atomic import locked

    before = yaml_text(beiyuan)
    outcomes = set()
    for kill in range(1, 40):
        (beiyuan / "project.yaml").write_text(before, encoding="utf-8")
        shutil.rmtree(beiyuan / "notices", ignore_errors=True)
        if not _publish_killed_at(beiyuan, kill, monkeypatch):
            break
        recorded = yaml_text(beiyuan) != before
        outcomes.add(recorded)
        waiting = sorted(p.name for p in (beiyuan / "notices").glob(".*.pending")) if (beiyuan / "notices").is_dir() else []
        # Another command holds the project: check finishes nothing and says exactly what is where.
        with locked(beiyuan):
            held = cli("check", beiyuan)
        for name in waiting:
            final = name[1 : -len(".pending")]
            if recorded:
                assert f"FT655 notices/{final} is not in place" in held.stdout and f"waits as notices/{name}" in held.stdout, (kill, held.stdout)
            else:
                assert f"FT656 notices/{name} was left by a publish cut off before its record" in held.stdout, (kill, held.stdout)
        assert "FT607" not in held.stdout, (kill, held.stdout)  # nothing is really missing
        # Then check itself finishes (or undoes) it, through the transaction, and says so.
        result = cli("check", beiyuan)
        assert result.exit_code == 0, (kill, result.stdout)
        assert not list((beiyuan / "notices").glob(".*")) if (beiyuan / "notices").is_dir() else True
        shown = sorted(p.name for p in (beiyuan / "notices").iterdir()) if (beiyuan / "notices").is_dir() else []
        if recorded:
            assert shown == ["2024-04-28-resolution.facts.json", "2024-04-28-resolution.html", "2024-04-28-resolution.txt"], (kill, shown)
            assert cli("verify", beiyuan / "notices/2024-04-28-resolution.txt").stdout.startswith("matches:")
            if waiting:
                assert "FT657" in result.stdout and "finished" in result.stdout
        else:
            assert shown == [], (kill, shown)
            if waiting:
                assert "FT657" in result.stdout and "undone" in result.stdout
    else:
        pytest.fail("the publish never completed")
    assert outcomes == {False, True}


def test_a_facts_path_that_leaves_the_project_is_never_read(beiyuan: Path) -> None:
    assert cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt").exit_code == 0
    outside = beiyuan.parent.parent.parent / "secret.json"
    outside.write_text((beiyuan / "notices/2024-04-28-resolution.facts.json").read_text(encoding="utf-8"), encoding="utf-8")
    text = yaml_text(beiyuan).replace("facts: notices/2024-04-28-resolution.facts.json", "facts: ../../../secret.json")
    (beiyuan / "project.yaml").write_text(text, encoding="utf-8")
    result = cli("check", beiyuan)
    assert result.exit_code == 1 and "FT651" in result.stdout and "outside the project's folder" in result.stdout


def test_a_record_rewritten_with_its_facts_and_digest_still_disagrees_with_the_paper(beiyuan: Path) -> None:
    """The digest printed on the notice is what the record must keep: counts, facts document and
    `digest:` changed together after publishing leave the paper printing the old digest."""
    assert cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt", "--format", "html").exit_code == 0
    facts_path = beiyuan / "notices/2024-04-28-resolution.facts.json"
    old_text = facts_path.read_text(encoding="utf-8")
    new_text = old_text.replace('"votes_for": 27', '"votes_for": 26')
    assert new_text != old_text
    facts_path.write_text(new_text, encoding="utf-8")
    old, new = facts.sha256(old_text), facts.sha256(new_text)
    record = yaml_text(beiyuan).replace(f"digest: {old}", f"digest: {new}")
    assert record.count(new) == 1
    (beiyuan / "project.yaml").write_text(record, encoding="utf-8")
    checked = cli("check", beiyuan)
    assert checked.exit_code == 1 and "FT621" in checked.stdout, checked.stdout
    line = next(x for x in checked.stdout.splitlines() if "FT621" in x)
    assert "2024-04-28-resolution.txt" in line and context.trace_code(old) in line and context.trace_code(new) in line
    verified = cli("verify", beiyuan / "notices/2024-04-28-resolution.txt")
    assert verified.exit_code == 1 and "changed" in verified.stdout and context.trace_code(old) in verified.stdout, verified.output


def test_a_record_whose_digest_was_taken_out_is_said_unverifiable_by_every_command(beiyuan: Path) -> None:
    assert cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt").exit_code == 0
    text = yaml_text(beiyuan)
    kept = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("    digest: sha256:"))
    assert kept != text
    (beiyuan / "project.yaml").write_text(kept, encoding="utf-8")
    assert "FT616" in cli("check", beiyuan).stdout
    verified = cli("verify", beiyuan / "notices/2024-04-28-resolution.txt")
    assert verified.exit_code == 1 and "keeps no digest" in verified.stdout, verified.output
    report = cli("report", beiyuan.parents[1], "--date", "2024-05-10", "--format", "json")
    assert "FT757" in report.stdout and "notice_changed" in report.stdout, report.stdout


def test_a_meeting_that_drops_out_of_a_notices_list_is_named_not_every_meeting(beiyuan: Path) -> None:
    """A count edited so that a meeting no longer passes: the difference names that meeting,
    not the notice's whole list of meetings twice."""
    assert cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt").exit_code == 0
    text = yaml_text(beiyuan)
    cut = text.index("  - step: assembly")
    end = text.index("\\n  - step:", cut + 5) if "\\n  - step:" in text[cut + 5 :] else len(text)
    block = text[cut:end]
    assert "    for: 27" in block
    (beiyuan / "project.yaml").write_text(text[:cut] + block.replace("    for: 27", "    for: 10") + text[end:], encoding="utf-8")
    checked = cli("check", beiyuan)
    line = next((x for x in checked.stdout.splitlines() if "FT650" in x), "")
    assert line and len(line) < 600, line
