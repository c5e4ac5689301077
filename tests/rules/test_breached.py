"""Tests for ``breached.*`` (rules/breached.py), offline and against a local HTTP server."""

from __future__ import annotations

import contextlib
import threading
import time
import unicodedata
from collections.abc import Iterator, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import credguard
from credguard import BreachFileError, Candidate, PolicyError, UserContext
from credguard._breach import hash_hex
from credguard.rules import RULES, BreachedRule
from tests.helpers import CANARY, KNOWN, write_hibp

EMPTY = UserContext()


class RangeServer:
    """A Pwned Passwords look-alike on 127.0.0.1 that records what it was sent."""

    def __init__(self, counts: Mapping[str, int]) -> None:
        self.counts = {digest.upper(): n for digest, n in counts.items()}
        self.requests: list[tuple[str, dict[str, str]]] = []
        # ok | error | slow | garbage | redirect | trickle_headers | trickle_body
        self.mode = "ok"
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append((self.path, dict(self.headers.items())))
                if server.mode == "error":
                    self.send_error(503)
                    return
                if server.mode == "redirect" and not self.path.startswith("/elsewhere"):
                    self.send_response(302)
                    self.send_header("Location", "/elsewhere" + self.path)
                    self.end_headers()
                    return
                if server.mode == "slow":
                    time.sleep(1.0)
                if server.mode == "trickle_headers":
                    # Each byte well within a socket timeout, the whole never ending.
                    self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                    self._trickle(b"X-Padding: " + b"x" * 200)
                    return
                prefix = self.path.rsplit("/", 1)[-1].split("?")[0].upper()
                lines = [
                    f"{digest[5:]}:{n}"
                    for digest, n in sorted(server.counts.items())
                    if digest.startswith(prefix)
                ]
                lines.append(f"{'0' * 35}:0")  # a padding entry
                body = "\r\n".join(lines).encode()
                if server.mode == "garbage":
                    body = b"<html>maintenance</html>"
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if server.mode == "trickle_body":
                    self.wfile.flush()
                    self._trickle(body)
                    return
                with contextlib.suppress(OSError):  # the client gave up (timeout test)
                    self.wfile.write(body)

            def _trickle(self, data: bytes) -> None:
                with contextlib.suppress(OSError):  # the client gave up
                    for i in range(len(data)):
                        self.wfile.write(data[i : i + 1])
                        self.wfile.flush()
                        time.sleep(0.1)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/range/"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self) -> RangeServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


@pytest.fixture
def server() -> Iterator[RangeServer]:
    counts = {hash_hex(p, "sha1"): n for p, n in KNOWN.items()}
    counts.update({hash_hex(p, "ntlm"): n for p, n in KNOWN.items()})
    with RangeServer(counts) as running:
        yield running


@pytest.fixture
def pwned_file(tmp_path: Path) -> Path:
    path = tmp_path / "pwned-passwords-sha1.txt"
    write_hibp(path)
    return path


def _codes(rule: BreachedRule, password: str) -> list[tuple[str, str]]:
    return [(v.code, v.severity) for v in rule.check(Candidate.from_password(password), EMPTY)]


class TestOffline:
    def test_found_and_not_found(self, pwned_file: Path) -> None:
        rule = BreachedRule(file=str(pwned_file))
        assert _codes(rule, "password") == [("breached.found", "error")]
        assert _codes(rule, "Ｐａｓｓｗｏｒｄ".lower()) == [("breached.found", "error")]  # NFKC
        assert _codes(rule, "Tr0ub4dor&3-unseen") == []

    def test_min_count(self, pwned_file: Path) -> None:
        rule = BreachedRule(file=str(pwned_file), min_count=10)
        assert _codes(rule, "sakura") == [("breached.found", "error")]
        assert _codes(rule, "Tanaka1985") == []  # seen 3 times only

    def test_ntlm_file(self, tmp_path: Path) -> None:
        path = tmp_path / "pwned-passwords-ntlm.txt"
        write_hibp(path, "ntlm")
        rule = BreachedRule(file=str(path), format="ntlm")
        assert _codes(rule, "Tanaka1985") == [("breached.found", "error")]

    @pytest.mark.parametrize("form", ["NFC", "NFD", "NFKC", "NFKD"])
    def test_normal_forms_give_the_same_verdict(
        self, tmp_path: Path, form: Literal["NFC", "NFD", "NFKC", "NFKD"]
    ) -> None:
        path = tmp_path / "pwned.txt"
        digest = hash_hex("café-über", "sha1")
        path.write_text(f"{'0' * 40}:1\n{digest}:4\n{'F' * 40}:1\n")
        rule = BreachedRule(file=str(path))
        assert _codes(rule, unicodedata.normalize(form, "café-über")) == [
            ("breached.found", "error")
        ]

    def test_violation_params_hold_no_hash(self, pwned_file: Path) -> None:
        (violation,) = BreachedRule(file=str(pwned_file)).check(
            Candidate.from_password("password"), EMPTY
        )
        assert dict(violation.params) == {"source": "offline"}
        digest = hash_hex("password", "sha1")
        for lang in credguard.LANGS:
            assert digest not in violation.message_in(lang)
            assert digest[:5] not in violation.message_in(lang)

    def test_missing_file_fails_the_policy_load(self, tmp_path: Path) -> None:
        policy = tmp_path / "policy.toml"
        policy.write_text(f'[rules.breached]\nfile = "{tmp_path / "absent.txt"}"\n')
        with pytest.raises(PolicyError, match="cannot be opened") as caught:
            credguard.load_policy(policy)
        assert caught.value.key == "rules.breached.file"
        assert caught.value.file == str(policy)

    def test_unsorted_file_is_a_typed_error(self, tmp_path: Path) -> None:
        path = tmp_path / "reversed.txt"
        write_hibp(path)
        lines = path.read_text().splitlines()
        path.write_text("\n".join(reversed(lines)) + "\n")
        with pytest.raises(BreachFileError, match="not sorted"):
            BreachedRule(file=str(path))


class TestOnline:
    def test_found_through_the_range_api(self, server: RangeServer) -> None:
        rule = BreachedRule(online=True, api_url=server.url)
        assert _codes(rule, "password") == [("breached.found", "error")]
        assert _codes(rule, "Tr0ub4dor&3-unseen") == []
        path, headers = server.requests[0]
        digest = hash_hex("password", "sha1")
        assert path == f"/range/{digest[:5]}"
        assert headers["Add-Padding"] == "true"
        assert all(digest[5:] not in p for p, _ in server.requests)

    def test_ntlm_mode(self, server: RangeServer) -> None:
        rule = BreachedRule(online=True, api_url=server.url, format="ntlm")
        assert _codes(rule, "sakura") == [("breached.found", "error")]
        assert server.requests[0][0].endswith("?mode=ntlm")

    def test_min_count_online(self, server: RangeServer) -> None:
        rule = BreachedRule(online=True, api_url=server.url, min_count=10)
        assert _codes(rule, "Tanaka1985") == []
        assert _codes(rule, "sakura") == [("breached.found", "error")]

    @pytest.mark.parametrize("mode", ["error", "slow", "garbage", "redirect"])
    @pytest.mark.parametrize(("on_error", "severity"), [("fail", "error"), ("warn", "warning")])
    def test_unreachable(
        self, server: RangeServer, mode: str, on_error: str, severity: str
    ) -> None:
        server.mode = mode
        rule = BreachedRule(online=True, api_url=server.url, timeout=0.2, on_error=on_error)
        started = time.perf_counter()
        assert _codes(rule, "password") == [("breached.unavailable", severity)]
        assert time.perf_counter() - started < 5.0

    def test_redirects_are_not_followed(self, server: RangeServer) -> None:
        server.mode = "redirect"
        rule = BreachedRule(online=True, api_url=server.url)
        assert _codes(rule, "password") == [("breached.unavailable", "error")]
        assert [path for path, _ in server.requests] == [
            f"/range/{hash_hex('password', 'sha1')[:5]}"
        ]

    def test_nothing_listening(self) -> None:
        with RangeServer({}) as idle:
            url = idle.url
        rule = BreachedRule(online=True, api_url=url, timeout=0.5)
        assert _codes(rule, "password") == [("breached.unavailable", "error")]

    def test_warn_lets_the_password_pass(self, server: RangeServer) -> None:
        server.mode = "error"
        policy = credguard.Policy(
            rules=(BreachedRule(online=True, api_url=server.url, on_error="warn"),)
        )
        result = policy.check("password")
        assert result.ok
        assert result.codes == ("breached.unavailable",)

    def test_file_first_then_online(self, server: RangeServer, pwned_file: Path) -> None:
        rule = BreachedRule(file=str(pwned_file), online=True, api_url=server.url)
        assert _codes(rule, "password") == [("breached.found", "error")]
        assert server.requests == []  # the file answered
        assert _codes(rule, "not-in-either-Xq9") == []
        assert len(server.requests) == 1

    def test_injected_transport(self) -> None:
        digest = hash_hex("password", "sha1")
        seen: list[str] = []

        def transport(url: str, headers: Mapping[str, str], timeout: float) -> bytes:
            seen.append(url)
            return f"{digest[5:]}:5\r\n".encode()

        rule = BreachedRule(online=True, transport=transport)
        assert _codes(rule, "password") == [("breached.found", "error")]
        assert seen == [f"https://api.pwnedpasswords.com/range/{digest[:5]}"]

    @pytest.mark.parametrize("mode", ["trickle_headers", "trickle_body"])
    def test_the_timeout_bounds_the_whole_lookup(self, server: RangeServer, mode: str) -> None:
        # A byte every 0.1 s never trips a per-operation timeout of 0.5 s;
        # the answer would take 20 s or more.  The deadline cuts it off.
        server.mode = mode
        rule = BreachedRule(online=True, api_url=server.url, timeout=0.5)
        started = time.monotonic()
        assert _codes(rule, "password") == [("breached.unavailable", "error")]
        assert time.monotonic() - started < 4.0

    def test_from_policy_file_with_the_endpoint_from_the_environment(
        self, server: RangeServer, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("CREDGUARD_BREACH_API_URL", server.url)
        policy = credguard.parse_policy('[rules.breached]\nonline = true\non_error = "warn"\n')
        assert policy.check("password").codes == ("breached.found",)
        assert len(server.requests) == 1


class TestEndpoint:
    """Where hash prefixes go is the application's choice, and only over https."""

    def test_a_policy_file_cannot_choose_it(self, tmp_path: Path) -> None:
        path = tmp_path / "policy.toml"
        path.write_text('[rules.breached]\nonline = true\napi_url = "https://evil.example/"\n')
        with pytest.raises(PolicyError) as caught:
            credguard.load_policy(path)
        error = caught.value
        assert (error.file, error.line, error.key) == (str(path), 3, "rules.breached.api_url")
        assert error.problem_id == "shape.api_url"
        assert "CREDGUARD_BREACH_API_URL" in str(error)

    def test_nor_can_a_kind_override(self) -> None:
        text = '[kinds.trade.rules.breached]\nonline = true\napi_url = "https://evil.example/"\n'
        with pytest.raises(PolicyError) as caught:
            credguard.parse_policy(text)
        assert caught.value.key == "kinds.trade.rules.breached.api_url"

    def test_the_schema_does_not_offer_it(self) -> None:
        from credguard._docgen.schema import build_schema

        breached = build_schema()["$defs"]["rules"]["properties"]["breached"]["properties"]
        assert "online" in breached
        assert "api_url" not in breached

    @pytest.mark.parametrize(
        "url",
        [
            "https://api.pwnedpasswords.com/range/",
            "https://mirror.example.jp:8443/range/",
            "http://127.0.0.1:8000/range/",
            "http://127.8.9.10/range/",
            "http://[::1]:8000/range/",
            "http://localhost:8000/range/",
        ],
    )
    def test_allowed(self, url: str) -> None:
        assert BreachedRule(online=True, api_url=url).api_url == url

    @pytest.mark.parametrize(
        "url",
        [
            "http://api.pwnedpasswords.com/range/",  # plain http off this machine
            "http://10.0.0.1/range/",
            "http://127.0.0.1.evil.example/range/",
            "http://localhost.evil.example/",
            "http://127.0.0.1@evil.example/",
            "ftp://127.0.0.1/",
            "file:///etc/passwd",
            "https:///range/",
            "https://x:notaport/",
            "https://x/\r\nHost: y",
            "",
        ],
    )
    def test_refused_in_code(self, url: str) -> None:
        with pytest.raises(PolicyError) as caught:
            BreachedRule(online=True, api_url=url)
        assert caught.value.key == "api_url"

    def test_the_environment_is_checked_too(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("CREDGUARD_BREACH_API_URL", "http://evil.example/range/")
        with pytest.raises(PolicyError) as caught:
            BreachedRule(online=True)
        assert caught.value.key == "CREDGUARD_BREACH_API_URL"

    def test_code_wins_over_the_environment(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("CREDGUARD_BREACH_API_URL", "https://env.example/range/")
        assert BreachedRule(online=True).api_url == "https://env.example/range/"
        chosen = BreachedRule(online=True, api_url="https://code.example/r/")
        assert chosen.api_url == "https://code.example/r/"

    def test_the_default_transport_refuses_plain_http_elsewhere(self) -> None:
        from credguard._breach import urllib_transport

        with pytest.raises(OSError, match="only https"):
            urllib_transport("http://198.51.100.1/range/ABCDE", {}, 0.5)


class TestBreachedRule:
    def test_registered_after_strength(self) -> None:
        names = list(RULES)
        assert RULES["breached"] is BreachedRule
        assert names.index("breached") == names.index("strength") + 1

    @pytest.mark.parametrize(
        ("params", "key"),
        [
            ({}, "file"),
            ({"online": "yes"}, "online"),
            ({"online": True, "format": "md5"}, "format"),
            ({"online": True, "min_count": 0}, "min_count"),
            ({"online": True, "api_url": "ftp://x/"}, "api_url"),
            ({"online": True, "api_url": "http://x/"}, "api_url"),
            ({"online": True, "timeout": 0}, "timeout"),
            ({"online": True, "timeout": "3"}, "timeout"),
            ({"online": True, "timeout": float("nan")}, "timeout"),
            ({"online": True, "on_error": "ignore"}, "on_error"),
            ({"online": True, "transport": "urllib"}, "transport"),
            ({"online": True, "severity": "fatal"}, "severity"),
        ],
    )
    def test_invalid_parameters(self, params: dict[str, object], key: str) -> None:
        with pytest.raises(PolicyError) as caught:
            BreachedRule(**params)  # type: ignore[arg-type]
        assert caught.value.key == key

    @settings(max_examples=40)
    @given(st.text(max_size=30))
    def test_never_raises_and_never_echoes(self, text: str) -> None:
        def transport(url: str, headers: Mapping[str, str], timeout: float) -> bytes:
            return b""

        policy = credguard.Policy(rules=(BreachedRule(online=True, transport=transport),))
        result = policy.check(CANARY + text)
        for lang in credguard.LANGS:
            assert all(CANARY not in message for message in result.messages(lang))
