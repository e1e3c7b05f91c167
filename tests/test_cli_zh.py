"""Every command in Chinese (`--lang zh`), Chinese words typed as input, the framework's words in Chinese."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, REPO, cli

GOLDEN = REPO / "tests/golden"
STEP_IDS = {"branch", "committee", "street", "canvass", "assembly", "resolution", "notice", "implementation", "result", "progress"}  # ids, as typed
TAQIAO = "projects/2024-taqiao-lane-hardening"
BEIYUAN = "projects/2024-hongmeiyuan-activity-area"
# What may stay in Latin letters in Chinese output: codes, file and folder names, ids, options, what was typed.
LATIN_ALLOWED = re.compile(
    r"FT\d{3}|--?[a-z][\w-]*|[\w./-]*\.(?:yaml|csv|html|md|txt|xlsx|json|lock)\b|[\w-]*/[\w./-]*|sha256:[0-9a-f]+|[0-9A-F]{4}-[0-9A-F]{4}|\b\d{4}-[\w-]+\b"
)


def _copy(tmp_path: Path, name: str) -> Path:
    shutil.copytree(EXAMPLES / name, tmp_path / name)
    return tmp_path / name


def _latin_words(text: str, allowed: set[str]) -> set[str]:
    rest = LATIN_ALLOWED.sub(" ", text)
    return {w for w in re.findall(r"[A-Za-z]{2,}", rest) if w not in allowed}


def test_review_takes_the_step_in_chinese_and_answers_in_chinese(tmp_path: Path) -> None:
    ws = _copy(tmp_path, "beiyuan")
    project = ws / BEIYUAN
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(text[: text.find("  - step: branch")] if "  - step: branch" in text else text, encoding="utf-8")
    result = cli("review", "党支部", project, "--members", "5", "--present", "5", "--for", "5", "--date", "2024-03-05", "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("已记录小区党支部评议，2024-03-05：通过")
    assert yaml.safe_load((project / "project.yaml").read_text(encoding="utf-8"))["steps"][-1]["step"] == "branch"  # the id is what is kept
    refused = cli("review", "社区党委", project, "--members", "7", "--present", "３", "--for", "3", "--date", "2024-03-06", "--lang", "zh")
    assert refused.exit_code == 1
    assert "错误 FT401 社区党委评议：到会人数不足：应到 7，实到 3；须不少于 1/2（4）" in refused.output
    unknown = cli("review", "党小组", project, "--members", "5", "--present", "5", "--for", "5", "--lang", "zh")
    assert (
        unknown.exit_code == 2
        and "FT414 “党小组”不是社区“四议两公开”（三级评议、入户征求意见）程序中的会议步骤" in unknown.output
        and "小区党支部评议、社区党委评议" in unknown.output
    )


def test_village_steps_and_forms_by_their_chinese_names(tmp_path: Path) -> None:
    ws = _copy(tmp_path, "taqiao")
    project = ws / TAQIAO
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(text[: text.find("  - step: assembly")], encoding="utf-8")
    result = cli(
        "review",
        "村民会议",
        project,
        "--members",
        "600",
        "--present",
        "400",
        "--for",
        "300",
        "--households",
        "200",
        "--households-present",
        "150",
        "--date",
        "2024-03-22",
    )
    assert result.exit_code == 0, result.output
    record = yaml.safe_load((project / "project.yaml").read_text(encoding="utf-8"))["steps"][-1]
    assert (record["step"], record["form"]) == ("assembly", "villagers")


def test_publish_result_implement_object_verify_in_chinese(tmp_path: Path) -> None:
    project = _copy(tmp_path, "taqiao") / TAQIAO
    published = cli("publish", project, "决议", "--date", "2024-03-26", "-f", "ｔｘｔ", "--lang", "zh")
    assert published.exit_code == 0, published.output
    assert "公示期 2024-03-26 至 2024-04-01；核验码" in published.stdout
    assert cli("object", project, "--text", "东巷排水", "--date", "2024-03-27", "--lang", "zh").stdout.startswith("已记录 2024-03-27 的第 1 条异议")
    blocked = cli("implement", project, "--completed", "2024-05-20", "--cost", "100", "--acceptance", "合格", "--lang", "zh")
    assert blocked.exit_code == 1
    hint = blocked.output.split("提示：请先答复：", 1)[1].strip()
    assert hint.startswith(f"fourtwo object {project} --answer 1 --text")  # a command that runs as shown
    assert cli("object", project, "--answer", "1", "--text", "保留边沟", "--date", "2024-03-28", "--lang", "zh").exit_code == 0
    done = cli(
        "implement", project, "--completed", "２０２４-０５-２０", "--cost", "１００", "--acceptance", "不合格", "--next", "限期整改后重新验收", "--lang", "zh"
    )
    assert done.stdout.strip() == "已记录组织实施：2024-05-20 完工，实际费用 100.00 元，验收不合格"
    assert yaml.safe_load((project / "project.yaml").read_text(encoding="utf-8"))["steps"][-1]["acceptance"] == "failed"
    refused = cli("publish", project, "结果", "--date", "2024-05-22", "--format", "文本", "--lang", "zh")
    assert refused.exit_code == 1 and "FT631" in refused.output and "验收不合格" in refused.output  # stated plainly, or not published
    result = cli("publish", project, "结果", "--date", "2024-05-22", "--format", "文本", "--disclose-problems", "--lang", "zh")
    assert result.exit_code == 0, result.output
    notice = project / "notices/2024-05-22-result.txt"
    verified = cli("verify", notice, "--lang", "zh")
    assert verified.exit_code == 0 and verified.stdout.startswith("一致：这份结果公示（核验码")
    bad = cli("publish", project, "公告", "--lang", "zh")
    assert bad.exit_code == 2 and "FT905 “类别”的值无效：公告" in bad.output and "决议、实施过程、结果" in bad.output and "result" not in bad.output


def test_init_new_canvass_status_show_check_schema_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    init = cli("init", "ws", "--name", "北苑社区", "--kind", "社区", "--lang", "zh")
    assert init.exit_code == 0 and "下一步：填写所在地区、书记、主任和监督委员会信息（fourtwo correct workspace ws --region" in init.stdout
    shutil.copy(EXAMPLES / "beiyuan/households/hongmeiyuan.csv", tmp_path / "ws/households/")
    monkeypatch.chdir(tmp_path / "ws")
    new = cli("new", "p1", "--title", "活动场地", "--households", "households/hongmeiyuan.csv", "--procedure", "社区", "--lang", "zh")
    assert new.exit_code == 0 and new.stdout.startswith("已写入 projects/p1/project.yaml")
    assert yaml.safe_load(Path("projects/p1/project.yaml").read_text(encoding="utf-8"))["procedure"] == "community"
    for step, day in (("支部", "03-05"), ("社区党委", "03-06")):
        assert cli("review", step, "projects/p1", "--members", "5", "--present", "5", "--for", "5", "--date", f"2024-{day}").exit_code == 0
    record = cli("canvass", "record", "projects/p1", "３-２-５０１", "同意", "--by", "马芷依", "--date", "2024-04-02", "--channel", "电话", "--lang", "zh")
    assert record.stdout.strip() == "已记录 3-2-501：同意（电话，2024-04-02，马芷依）", record.output
    split = cli("canvass", "record", "projects/p1", "3-2-502", "同", "意", "--lang", "zh")
    assert split.exit_code == 2 and "FT913 多出了参数：意" in split.output and "去掉空格" in split.output
    coverage = cli("canvass", "coverage", "projects/p1", "--lang", "zh")
    assert coverage.exit_code == 1 and "要求       不低于 80% = 173 户：未达到：还需入户 173 户" in coverage.stdout  # a phone call is not 入户
    sheet = cli("canvass", "sheet", "projects/p1", "--out", tmp_path / "sheets", "--lang", "zh")
    assert "（内部使用：含姓名和电话，请勿张贴）" in sheet.stdout
    imported = cli("canvass", "import", "projects/p1", tmp_path / "sheets/canvass-p1.xlsx", "--lang", "zh")
    assert "新增 0 条入户记录" in imported.stdout or "已记录过" in imported.stdout, imported.output
    status = cli("status", "--lang", "zh")
    assert status.stdout.splitlines()[0].split() == ["编号", "名称", "程序", "已到步骤", "下一步", "问题"], status.stdout
    show = cli("show", "projects/p1", "--lang", "zh")
    assert "下一步：入户征求意见\n" in show.stdout
    check = cli("check", "--lang", "zh")
    assert "警告 FT206" in check.stdout and check.stdout.strip().endswith("（共检查 1 个工作区，1 个项目）。")
    assert cli("schema", "工作区", "--lang", "zh").exit_code == 0
    for result in (init, new, record, coverage, status, show, check):
        assert _latin_words(result.stdout, {"fourtwo", "new", "check", "correct", "workspace", "ws"}) == set(), (
            result.stdout
        )  # commands to type, and no step id


@pytest.mark.parametrize(("args", "golden"), [(["--help"], "help.zh.txt"), (["canvass", "record", "--help"], "canvass_record_help.zh.txt")])
def test_help_in_chinese(args: list[str], golden: str) -> None:
    """The help people read first, framework words included (用法, 选项, 参数, 必填). FOURTWO_UPDATE_GOLDEN=1 rewrites it."""
    env = {**os.environ, "LANG": "zh_CN.UTF-8", "COLUMNS": "80"}
    result = subprocess.run([sys.executable, "-m", "fourtwo", *args], capture_output=True, text=True, env=env, check=True)
    path = GOLDEN / golden
    if os.environ.get("FOURTWO_UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")
    assert "Usage" not in result.stdout and "Options" not in result.stdout and "required" not in result.stdout


def test_framework_errors_go_through_the_catalogue_in_both_languages() -> None:
    for lang, missing in (("en", "missing option --members"), ("zh", "缺少选项 --members")):
        result = cli("review", "branch", "p", "--lang", lang)
        assert result.exit_code == 2 and f"FT913 {missing}" in result.output
    wrong = cli("review", "branch", "p", "--members", "x", "--present", "1", "--for", "1", "--lang", "zh")
    assert "FT913 --members 的值无效：“x”不是整数" in wrong.output
    unknown = cli("status", "--bogus", "--lang", "zh")
    assert unknown.exit_code == 2 and "FT913 没有选项 --bogus" in unknown.output and "“fourtwo status --help”可查看用法" in unknown.output


def test_init_writes_the_gitignore_comments_in_the_readers_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The clerk opens .gitignore too: its comments are Chinese for a Chinese reader (the
    patterns and FT702 stay as they are), English for an English one."""
    monkeypatch.setenv("FOURTWO_LANG", "zh")
    assert cli("init", tmp_path / "zh", "--kind", "community", "--name", "北苑社区").exit_code == 0
    comments = [line for line in (tmp_path / "zh/.gitignore").read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    words = {w for line in comments for w in re.findall(r"[A-Za-z]{2,}", line)} - {"fourtwo", "FT", "git", "add", "CI"}
    assert len(comments) == 4 and words == set(), comments
    monkeypatch.setenv("FOURTWO_LANG", "en")
    assert cli("init", tmp_path / "en", "--kind", "community", "--name", "Beiyuan").exit_code == 0
    assert "# household registers hold residents' names" in (tmp_path / "en/.gitignore").read_text(encoding="utf-8")


def test_a_choice_offers_the_other_words_of_the_readers_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--format docx` lists html (网页/打印) … txt (微信/文本) to a Chinese reader, never wechat/text."""
    project = EXAMPLES / "beiyuan/projects/2024-hongmeiyuan-activity-area"
    monkeypatch.setenv("FOURTWO_LANG", "zh")
    zh = cli("publish", project, "--format", "docx")
    assert zh.exit_code == 2 and "txt (微信/文本)" in zh.output and "wechat" not in zh.output and "markdown" not in zh.output
    monkeypatch.setenv("FOURTWO_LANG", "en")
    en = cli("publish", project, "--format", "docx")
    assert en.exit_code == 2 and "txt (wechat/text)" in en.output and "微信" not in en.output


def test_status_csv_reads_in_chinese_for_a_chinese_clerk_and_json_keeps_its_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CSV is opened in WPS: its columns, steps and standings by their Chinese names; the JSON
    is the machine format, its keys and ids the same in every language."""
    import csv
    import io
    import json

    monkeypatch.setenv("FOURTWO_LANG", "zh")
    zh = cli("status", EXAMPLES / "taqiao", "--format", "csv")
    header, row = list(csv.reader(io.StringIO(zh.stdout.lstrip("\ufeff"))))
    assert header[:3] == ["文件夹", "组织", "编号"] and "状态" in header
    assert row[5:7] == ["村民代表会议或村民会议决议", "通过"] and row[9] == "决议公开"
    words = {w for cell in header + row[3:] for w in re.findall(r"[A-Za-z]{2,}", cell)}
    assert words == set(), words
    as_json = json.loads(cli("status", EXAMPLES / "taqiao", "--format", "json").stdout)
    assert (as_json[0]["step_reached"], as_json[0]["step_status"]) == ("assembly", "passed")
