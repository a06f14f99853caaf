"""``policygraph add``: archive .txt, .html and URLs; refuse bad input without writing anything."""

from __future__ import annotations

import contextlib
import http.server
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.drafting.archive import add, propose_id
from policygraph.project import Project

DRAFT = Path(__file__).resolve().parent / "fixtures" / "draft"
MULTI = Path(__file__).resolve().parent / "fixtures" / "multi"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    shutil.copytree(MULTI, tmp_path / "p")
    return Project(tmp_path / "p")


def _sources(project: Project) -> list[str]:
    return sorted(p.name for p in project.sources_dir.iterdir())


def invoke(project: Project, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [*args, "--project", str(project.root)])
    return result.exit_code, result.stdout, result.stderr


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path == "/slow":
            time.sleep(2)
        if self.path in ("/article", "/slow"):
            body = (DRAFT / "article.html").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)  # the client may have given up (the timeout test)
            return
        self.send_error(404, "Not Found")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_add_text_writes_text_and_metadata(project: Project) -> None:
    code, out, _ = invoke(project, "add", str(DRAFT / "zh-notice.txt"), "--id", "zh-notice")
    assert code == 0, out
    text = (project.sources_dir / "zh-notice.txt").read_text(encoding="utf-8")
    assert text == (DRAFT / "zh-notice.txt").read_text(encoding="utf-8")
    meta = yaml.safe_load((project.sources_dir / "zh-notice.yaml").read_text(encoding="utf-8"))
    assert meta["id"] == "zh-notice" and meta["text"] == "zh-notice.txt"
    assert meta["published"] is None and meta["author"] is None  # unknown stays unknown
    assert meta["retrieved"] is not None
    assert invoke(project, "validate")[0] == 0  # the current checker accepts it


def test_add_html_extracts_main_text_and_metadata(project: Project) -> None:
    done = add(str(DRAFT / "article.html"), project)  # its speed: tests.benchmarks.bench_draft
    text = done.text_path.read_text(encoding="utf-8")
    assert "Governor Pan Gongsheng urged banks" in text
    assert "Home | About" not in text and "Copyright" not in text
    assert done.meta["title"] == "FICTIONAL TEST PAGE: Central bank meeting on digital payments"
    assert done.meta["publisher"] == "Fictional Test News"
    assert done.meta["author"] == "Jane Roe"
    assert done.meta["published"] == "2025-08-21"
    assert done.meta["url"] == "https://example.org/fictional/central-bank-meeting"
    assert done.meta["language"] == "en"
    assert done.id == "2025-08-fictional-test-page-central-bank-meeting-on-digital"


def test_proposed_ids_are_stable_slugs() -> None:
    assert propose_id("Hello, World!", None, "x") == "hello-world"
    assert propose_id("上海国资委召开会议", "2025-07-10", "notice") == (
        "2025-07-shang-hai-guo-zi-wei-zhao-kai-hui"
    )
    assert propose_id(None, None, "My File") == "my-file"


def test_add_refuses_to_overwrite_and_detects_duplicates(project: Project) -> None:
    before = _sources(project)
    taken = "fict-sasac-followup-2025-08"
    code, _, err = invoke(project, "add", str(DRAFT / "zh-notice.txt"), "--id", taken)
    assert code == 3 and "exists already" in err
    copy = project.root / "same.txt"
    shutil.copy(project.sources_dir / "ffc-sasac-crypto-study.txt", copy)
    code, _, err = invoke(project, "add", str(copy))
    assert code == 3 and "already archived as ffc-sasac-crypto-study (same text)" in err
    assert _sources(project) == before


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("shell.html", "no main text found"),
        ("report.pdf", "binary file"),
        ("gbk.txt", "not UTF-8 text"),
        ("empty.txt", "the file is empty"),
        ("missing.txt", "no such file"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_written(
    project: Project, name: str, message: str
) -> None:
    before = _sources(project)
    code, _, err = invoke(project, "add", str(DRAFT / name))
    assert code in (3, 4)
    assert message in err and "Traceback" not in err
    assert "hint:" in err
    assert _sources(project) == before


def test_add_url_from_a_local_server(project: Project, server: str) -> None:
    code, out, err = invoke(project, "add", f"{server}/article", "--id", "web-article")
    assert code == 0, err
    meta = yaml.safe_load((project.sources_dir / "web-article.yaml").read_text(encoding="utf-8"))
    assert meta["kind"] == "web-page"
    code, _, err = invoke(project, "add", f"{server}/article", "--id", "again")
    assert code == 3 and "already archived as web-article" in err


@pytest.mark.parametrize(("path", "message"), [("/gone", "HTTP 404"), ("/slow", "cannot fetch")])
def test_failing_urls_are_refused(project: Project, server: str, path: str, message: str) -> None:
    before = _sources(project)
    code, _, err = invoke(project, "add", f"{server}{path}", "--timeout", "0.5")
    assert code == 3 and message in err
    assert _sources(project) == before


def test_html_in_its_declared_chinese_charset_is_archived_as_utf8(project: Project) -> None:
    done = add(str(DRAFT / "gbk-page.html"), project, source_id="gbk-page")
    text = done.text_path.read_text(encoding="utf-8")
    assert "示例人民银行行长潘功胜主持" in text
    assert done.meta["language"] == "zh"


def test_a_byline_or_a_date_is_not_the_title(project: Project, tmp_path: Path) -> None:
    from policygraph.drafting.archive import is_byline, title_of

    text = "明報記者 邱潤青\n\n2025年8月9日\n消息人士透露，監管機構已發出窗口指導。其餘內容。\n"
    assert title_of(text) == "消息人士透露，監管機構已發出窗口指導。其餘內容。"
    paragraph = "Regulators met banks. " * 10
    assert title_of(f"By Jane Doe\nAug 9, 2025 10:00 AM\n{paragraph}\n") == "Regulators met banks."
    for line in ("鉅亨網編譯劉祥航 綜合報導", "By Jane Doe and John Roe, Reuters", "2025-08-09"):
        assert is_byline(line), line
    for line in ("By the end of the year, banks must comply", "China bans stablecoins"):
        assert not is_byline(line), line
    path = tmp_path / "mp.txt"
    path.write_text(text, encoding="utf-8")
    done = add(str(path), project)
    assert done.id == "xiao-xi-ren-shi-tou-lu-jian-guan"  # from the title, not the byline


def test_the_language_is_set_when_the_script_makes_it_plain(
    project: Project, tmp_path: Path
) -> None:
    texts = {
        "hant": (
            "港府週二表示，將推出穩定幣發牌制度，並加強對虛擬資產交易平台的監管。\n",
            "zh-Hant",
        ),
        "hans": ("港府周二表示，将推出稳定币发牌制度，并加强对虚拟资产交易平台的监管。\n", "zh"),
        "en": ("The Hong Kong government said on Tuesday it would license stablecoins.\n", "en"),
        "mixed": ("Stablecoin 稳定币 licence 发牌 regime HKMA 金管局 sandbox 沙盒 trial\n", None),
    }
    for name, (text, language) in texts.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        assert add(str(path), project, source_id=name).meta["language"] == language, name
    assert invoke(project, "validate")[0] == 0


def test_the_next_step_says_to_fill_in_what_is_unknown(project: Project) -> None:
    code, _, err = invoke(project, "add", str(DRAFT / "zh-notice.txt"), "--id", "zh-notice")
    assert code == 0
    assert "next: fill in published, " in err and "zh-notice.yaml where known" in err
    assert "against the published date" in err and err.rstrip().endswith(
        "policygraph draft zh-notice"
    )


def test_add_prints_paths_relative_to_the_working_directory(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project.root)
    code, out, err = invoke(project, "add", str(DRAFT / "zh-notice.txt"), "--id", "zh-notice")
    assert code == 0
    assert "wrote data/sources/zh-notice.txt" in out and "wrote data/sources/zh-notice.yaml" in out
    assert " in data/sources/zh-notice.yaml where known" in err
    assert str(project.root) not in out + err
    # and so do draft and review, after it
    code, out, err = invoke(project, "draft", "zh-notice")
    assert code == 0 and out.startswith("wrote data/drafts/zh-notice.yaml (")
    code, out, err = invoke(project, "review", "zh-notice", "--accept-all-known")
    assert code == 0 and "records in data/records/zh-notice.yaml" in out
    assert str(project.root) not in out + err
