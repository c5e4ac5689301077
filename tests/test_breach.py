"""Tests for HIBP file lookups and the range API client (credguard/_breach.py)."""

from __future__ import annotations

import bisect
import hashlib
import random
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# Keys drawn from a few shared leading digits, so generated files have runs of
# hashes with the same interpolation prefix (where interpolation cannot tell
# lines apart and the search must halve).
_PREFIXES = st.sampled_from(["0" * 12, "7FFFFFFFFFFF", "800000000000", "F" * 12])
_KEYS = st.one_of(
    st.builds(
        lambda p, rest: p + rest, _PREFIXES, st.text("0123456789ABCDEF", min_size=28, max_size=28)
    ),
    st.text("0123456789ABCDEF", min_size=40, max_size=40),
)


class TestInterpolationMatchesBisect:
    @settings(max_examples=150, deadline=None)
    @given(
        keys=st.sets(_KEYS, min_size=1, max_size=60),
        probes=st.lists(_KEYS, max_size=10),
        newline=st.sampled_from(["\n", "\r\n"]),
        lowercase=st.booleans(),
    )
    def test_same_count_as_bisect_over_the_parsed_lines(
        self, tmp_path_factory: pytest.TempPathFactory, keys: set[str], probes: list[str],
        newline: str, lowercase: bool,
    ) -> None:  # fmt: skip
        ordered = sorted(keys)
        text = newline.join(
            f"{k.lower() if lowercase else k}:{i + 1}" for i, k in enumerate(ordered)
        )
        path = tmp_path_factory.mktemp("interpolation") / "pwned.txt"
        path.write_text(text + newline, encoding="ascii", newline="")
        found = HashFile(path, "sha1")

        def reference(digest: str) -> int:
            at = bisect.bisect_left(ordered, digest)
            return at + 1 if at < len(ordered) and ordered[at] == digest else 0

        # Every line (the first and the last included), then hashes that may be absent.
        for digest in [*ordered, ordered[0], ordered[-1], *probes, "0" * 40, "F" * 40]:
            assert found.count(digest) == reference(digest)


def test_a_skewed_file_is_searched_in_bounded_probes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Keys crowded at the bottom of the hash space with one at the top: pure
    # interpolation would step one line a probe; the fallback halves instead.
    keys = [f"{i:012X}{0:028X}" for i in range(20_000)] + ["F" * 40]
    path = tmp_path / "skewed.txt"
    path.write_text("".join(f"{k}:1\n" for k in keys))
    found = HashFile(path, "sha1")
    mapped = found._mapped

    class Counting:
        """The map, counting the backward line searches (one a probe)."""

        def __init__(self, data: Any) -> None:
            self.data, self.probes = data, 0

        def rfind(self, *args: Any) -> int:
            self.probes += 1
            return int(self.data.rfind(*args))

        def find(self, *args: Any) -> int:
            return int(self.data.find(*args))

        def __getitem__(self, key: Any) -> Any:
            return self.data[key]

        def size(self) -> int:
            return int(self.data.size())

    counting = Counting(mapped._map)
    getattr(type(mapped), "_map").__set__(mapped, counting)  # noqa: B009 - a slot descriptor
    for digest, expected in (
        (f"{19_000:012X}{0:028X}", 1),
        (f"{30_000:012X}{0:028X}", 0),
        ("F" * 40, 1),
    ):
        counting.probes = 0
        assert found.count(digest) == expected
        # Binary search alone needs 15 probes for 20,001 lines.
        assert counting.probes <= 8 + 16 + 2
