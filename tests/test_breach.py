"""Tests for HIBP file lookups and the range API client (credguard/_breach.py)."""

from __future__ import annotations

import hashlib
import random
import threading
from collections.abc import Mapping
from pathlib import Path

import pytest

from credguard import BreachFileError, PolicyError, _breach
from credguard._breach import HashFile, hash_hex, range_counts
from tests.helpers import KNOWN, write_hibp


class TestHashFile:
    @pytest.mark.parametrize("fmt", ["sha1", "ntlm"])
    @pytest.mark.parametrize("newline", ["\r\n", "\n"])
    def test_every_entry_is_found_with_its_count(
        self, tmp_path: Path, fmt: str, newline: str
    ) -> None:
        path = tmp_path / "pwned.txt"
        entries = write_hibp(path, fmt, newline=newline)
        found = HashFile(path, fmt)
        for digest, count in entries.items():
            assert found.count(digest) == count
        assert found.count(hash_hex("password", fmt)) == KNOWN["password"]

    def test_absent_hashes(self, tmp_path: Path) -> None:
        path = tmp_path / "pwned.txt"
        entries = write_hibp(path)
        found = HashFile(path, "sha1")
        for probe in ("0" * 40, "F" * 40, hash_hex("not-in-the-file-Xq9", "sha1")):
            assert probe not in entries
            assert found.count(probe) == 0

    def test_lowercase_file_and_query(self, tmp_path: Path) -> None:
        path = tmp_path / "pwned.txt"
        write_hibp(path, lowercase=True)
        assert HashFile(path, "sha1").count(hash_hex("sakura", "sha1").lower()) == 12_000

    @pytest.mark.parametrize("lines", [1, 2, 3])
    def test_tiny_files(self, tmp_path: Path, lines: int) -> None:
        path = tmp_path / "pwned.txt"
        hashes = sorted(
            hashlib.sha1(str(i).encode(), usedforsecurity=False).hexdigest().upper()
            for i in range(lines)
        )
        path.write_text("".join(f"{h}:{i + 1}\n" for i, h in enumerate(hashes)))
        found = HashFile(path, "sha1")
        for i, digest in enumerate(hashes):
            assert found.count(digest) == i + 1
        assert found.count("0" * 40) == 0

    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(BreachFileError, match="cannot be opened") as caught:
            HashFile(tmp_path / "absent.txt", "sha1")
        assert isinstance(caught.value, PolicyError)
        assert isinstance(caught.value, ValueError)
        assert str(tmp_path / "absent.txt") in str(caught.value)

    def test_empty_file(self, tmp_path: Path) -> None:
        (tmp_path / "empty.txt").write_bytes(b"")
        with pytest.raises(BreachFileError, match="empty"):
            HashFile(tmp_path / "empty.txt", "sha1")

    def test_wrong_format(self, tmp_path: Path) -> None:
        path = tmp_path / "ntlm.txt"
        write_hibp(path, "ntlm")
        with pytest.raises(BreachFileError, match="format = 'sha1'"):
            HashFile(path, "sha1")

    def test_not_hibp_at_all(self, tmp_path: Path) -> None:
        path = tmp_path / "words.txt"
        path.write_text("password\nsakura\n")
        with pytest.raises(BreachFileError, match="line 1"):
            HashFile(path, "sha1")

    def test_unsorted_file_is_refused_when_opened(self, tmp_path: Path) -> None:
        path = tmp_path / "shuffled.txt"
        write_hibp(path)
        lines = path.read_text().splitlines()
        random.Random(1).shuffle(lines)
        path.write_text("\n".join(lines) + "\n")
        with pytest.raises(BreachFileError, match="not sorted"):
            HashFile(path, "sha1")

    def test_disorder_between_samples_is_caught_on_the_search_path(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # Two lines far apart swapped, away from the lines the opening sample
        # reads: the file opens, and a lookup whose binary search lands on
        # a misplaced line sees a key outside the range it has narrowed to.
        # (A file this small is checked in full: pretend it is large.)
        monkeypatch.setattr(_breach, "FULL_CHECK_BYTES", 0)
        monkeypatch.setattr(_breach, "SORT_SAMPLES", 64)
        path = tmp_path / "swapped.txt"
        write_hibp(path, extra=2000, newline="\n")
        lines = path.read_text().splitlines()
        lines[15], lines[1500] = lines[1500], lines[15]
        path.write_text("\n".join(lines) + "\n")
        found = HashFile(path, "sha1")  # the sample misses it
        failures = []
        for line in lines:
            try:
                found.count(line.split(":")[0])
            except BreachFileError as error:
                failures.append(str(error))
        assert failures
        assert all("not sorted" in failure for failure in failures)

    def test_malformed_count(self, tmp_path: Path) -> None:
        path = tmp_path / "pwned.txt"
        digest = hash_hex("password", "sha1")
        path.write_text(f"{'0' * 40}:1\n{digest}:many\n{'F' * 40}:2\n")
        with pytest.raises(BreachFileError, match="no count"):
            HashFile(path, "sha1").count(digest)

    def test_shared_between_threads(self, tmp_path: Path) -> None:
        path = tmp_path / "pwned.txt"
        entries = write_hibp(path)
        found = HashFile(path, "sha1")
        items = list(entries.items())
        wrong: list[str] = []

        def lookups(offset: int) -> None:
            for digest, count in items[offset::4]:
                if found.count(digest) != count:
                    wrong.append(digest)

        threads = [threading.Thread(target=lookups, args=(i,)) for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert wrong == []

    def test_repr_names_the_file_only(self, tmp_path: Path) -> None:
        path = tmp_path / "pwned.txt"
        write_hibp(path, extra=10)
        assert repr(HashFile(path, "sha1")).startswith("<HashFile ")


class FakeTransport:
    """Records requests and answers with a canned body (or raises)."""

    def __init__(self, body: bytes = b"", error: Exception | None = None) -> None:
        self.body = body
        self.error = error
        self.calls: list[tuple[str, dict[str, str], float]] = []

    def __call__(self, url: str, headers: Mapping[str, str], timeout: float) -> bytes:
        self.calls.append((url, dict(headers), timeout))
        if self.error is not None:
            raise self.error
        return self.body


class TestRangeCounts:
    def test_sends_only_the_prefix_with_padding(self) -> None:
        digest = hash_hex("password", "sha1")
        body = f"{digest[5:]}:42\r\n{'0' * 35}:0\r\n".encode()
        transport = FakeTransport(body)
        assert range_counts(digest, "sha1", api_url="https://x/range/", transport=transport) == 42
        ((url, headers, timeout),) = transport.calls
        assert url == f"https://x/range/{digest[:5]}"
        assert digest[5:] not in url
        assert headers["Add-Padding"] == "true"
        assert timeout == 3.0

    def test_ntlm_mode(self) -> None:
        digest = hash_hex("password", "ntlm")
        transport = FakeTransport(f"{digest[5:]}:7\n".encode())
        assert range_counts(digest, "ntlm", api_url="https://x/", transport=transport) == 7
        assert transport.calls[0][0] == f"https://x/{digest[:5]}?mode=ntlm"

    def test_absent_and_padding_lines(self) -> None:
        digest = hash_hex("password", "sha1")
        transport = FakeTransport(f"{'A' * 35}:3\r\n{'B' * 35}:0\r\n".encode())
        assert range_counts(digest, "sha1", transport=transport) == 0

    @pytest.mark.parametrize("body", [b"<html>oops</html>", b"ABC:DEF\n"])
    def test_malformed_response(self, body: bytes) -> None:
        with pytest.raises(OSError, match="SUFFIX:COUNT"):
            range_counts("0" * 40, "sha1", transport=FakeTransport(body))

    def test_transport_errors_propagate_as_oserror(self) -> None:
        with pytest.raises(TimeoutError):
            range_counts("0" * 40, "sha1", transport=FakeTransport(error=TimeoutError()))
