"""The HTTP layer of remote stores, against a tiny local server that misbehaves on request."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from tests.fake_endpoint import fake_endpoint
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.errors import InputError, QueryTimeout, StoreError
from policygraph.stores.http import TOKEN_ENV, Auth, Http, check_timeout
from policygraph.stores.remote import RemoteStore
from policygraph.textsafe import redact

runner = CliRunner()
SECRET = "s3cr3t-pa55"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("http://ann:pw@h/sparql", "http://***@h/sparql"),
        ("fail: https://ann:p@ss@h:8/q?x=1 ok", "fail: https://***@h:8/q?x=1 ok"),
        ("http://h/q?token=abc&x=1", "http://h/q?token=***&x=1"),
        (
            "http://h/q?a=1&api_key=K1&access_token=T2",
            "http://h/q?a=1&api_key=***&access_token=***",
        ),
        ("http://h/q?graph=urn:x", "http://h/q?graph=urn:x"),
        ("FILTER(?key=1) in a query", "FILTER(?key=1) in a query"),
        ("http://h/q?token=abc: refused.", "http://h/q?token=***: refused."),
        ("<http://u:pw@h/x> and 'http://h/?pass=p'", "<http://***@h/x> and 'http://h/?pass=***'"),
    ],
)
def test_redact_hides_user_info_and_tokens(text: str, shown: str) -> None:
    assert redact(text) == shown


def test_redact_hides_given_secrets_anywhere() -> None:
    assert redact(f"the server said: bad password {SECRET}", [SECRET]) == (
        "the server said: bad password ***"
    )


@pytest.mark.parametrize("bad", [0.0, -1.0, float("nan"), float("inf")])
def test_a_timeout_must_be_a_positive_number(bad: float) -> None:
    with pytest.raises(InputError, match="--timeout"):
        check_timeout(bad)


def test_user_and_password_in_the_url_authenticate() -> None:
    with fake_endpoint(user="ann", password=SECRET) as fake:
        url = fake.url.replace("http://", f"http://ann:{SECRET}@") + "/sparql"
        assert len(list(RemoteStore(url).query("SELECT * WHERE { ?s ?p ?o }"))) == 1
        assert fake.seen[-1].startswith("Basic ")
        with pytest.raises(StoreError) as refused:
            RemoteStore(url.replace(SECRET, "wrong")).query("ASK {}")
    message = str(refused.value)
    assert "HTTP 401" in message and "refused" in message
    assert "wrong" not in message and "ann" not in message
    assert "NETRC" in refused.value.hint


def test_netrc_and_token_authenticate(tmp_path: Path) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login ann password {SECRET}\n", encoding="utf-8")
    with fake_endpoint(user="ann", password=SECRET, token="tok-123") as fake:
        auth = Auth.from_environment({"NETRC": str(netrc)}, tmp_path)
        assert len(list(RemoteStore(fake.url + "/sparql", auth=auth).query("ASK {}"))) == 1
        token = Auth.from_environment({TOKEN_ENV: "tok-123"}, tmp_path)
        assert len(list(RemoteStore(fake.url + "/sparql", auth=token).query("ASK {}"))) == 1
        assert fake.seen[-1] == "Bearer tok-123"
        with pytest.raises(StoreError, match="needs credentials"):
            RemoteStore(fake.url + "/sparql").query("ASK {}")


def test_credentials_never_reach_the_terminal(tmp_path: Path, sasac_root: Path) -> None:
    with fake_endpoint(user="ann", password=SECRET) as fake:
        for path in ("/big-error", "/html", "/moved"):
            url = fake.url.replace("http://", f"http://ann:{SECRET}@") + path + "?token=T0K"
            result = runner.invoke(app, ["query", "ASK {}", "--endpoint", url])
            assert result.exit_code == 7, (path, result.stderr)
            assert SECRET not in result.output and "T0K" not in result.output, path
            assert "ann:" not in result.output
            pushed = runner.invoke(
                app, ["push", "--endpoint", url, "--update-endpoint", url, "-P", str(sasac_root)]
            )
            assert pushed.exit_code == 7, (path, pushed.stderr)
            assert SECRET not in pushed.output and "T0K" not in pushed.output, path


def test_a_huge_error_body_is_cut_and_escaped() -> None:
    with fake_endpoint() as fake, pytest.raises(StoreError) as caught:
        RemoteStore(fake.url + "/big-error").query("ASK {}")
    message = str(caught.value)
    assert "HTTP 500" in message
    assert "\x1b" not in message and "\x07" not in message
    assert "\\x1b[2J" in message
    assert message.endswith("more characters)")
    assert len(message) < 3000


def test_an_html_page_is_not_an_answer() -> None:
    with fake_endpoint() as fake:
        with pytest.raises(StoreError, match="HTML page"):
            RemoteStore(fake.url + "/html").query("ASK {}")
        with pytest.raises(StoreError, match="HTML page"):
            RemoteStore(fake.url + "/sparql", fake.url + "/html").update("CLEAR DEFAULT")
        RemoteStore(fake.url + "/sparql", fake.url + "/update").update("CLEAR DEFAULT")


def test_a_broken_answer_is_an_error_not_a_crash() -> None:
    with fake_endpoint() as fake, pytest.raises(StoreError, match="not valid") as caught:
        RemoteStore(fake.url + "/garbage").query("ASK {}")
    assert "\x1b" not in str(caught.value)


def test_redirects_are_reported_not_followed() -> None:
    with fake_endpoint() as fake, pytest.raises(StoreError, match="redirects to") as caught:
        RemoteStore(fake.url + "/moved").query("ASK {}")
    assert "elsewhere.invalid" in str(caught.value)
    assert len(fake.seen) == 1


def test_a_dripping_server_cannot_hold_a_request_past_its_deadline() -> None:
    with fake_endpoint() as fake:
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match="within 1 s"):
            Http(timeout=1.0).send("GET", fake.url + "/drip", None, {})
        assert time.monotonic() - started < 3.0


def test_query_and_push_take_the_timeout(sasac_root: Path) -> None:
    with fake_endpoint() as fake:
        started = time.monotonic()
        result = runner.invoke(
            app, ["query", "ASK {}", "--endpoint", fake.url + "/drip", "--timeout", "1"]
        )
        assert result.exit_code == 6, result.stderr
        url = fake.url + "/drip"
        pushed = runner.invoke(
            app,
            [
                "push",
                "--endpoint",
                url,
                "--update-endpoint",
                url,
                "--timeout",
                "1",
                "-P",
                str(sasac_root),
            ],
        )
        assert pushed.exit_code == 7, pushed.stderr
        assert "may or may not have applied it" in pushed.stderr
        assert time.monotonic() - started < 6.0
        bad = runner.invoke(app, ["push", "--endpoint", url, "--timeout", "nan", "-P", "."])
        assert bad.exit_code == 3 and "--timeout" in bad.stderr


def test_every_error_path_redacts(sasac_root: Path) -> None:
    url = f"http://ann:{SECRET}@127.0.0.1:9/x?api_key=K3Y"
    for args in (["--protocol", "gsp"], ["--protocol", "update"]):  # cannot guess / unreachable
        result = runner.invoke(app, ["push", "--endpoint", url, *args, "-P", str(sasac_root)])
        assert result.exit_code == 7, result.stderr
        assert SECRET not in result.output and "K3Y" not in result.output
        assert "127.0.0.1:9/x?api_key=***: " in result.stderr
