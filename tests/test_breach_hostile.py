"""Breach files that once crashed, blocked or silently missed: the typed error or the right count.

A breach file is downloaded data, not code: a line out of order, a count of
thousands of digits, a FIFO in its place or a rewrite while it is mapped
must each end in a :class:`~credguard.BreachFileError` or a correct lookup.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from credguard import BreachFileError, _breach
from credguard._breach import HashFile, hash_hex
from tests.helpers import KNOWN, ROOT, within, write_hibp


def _swap(path: Path, first: int, second: int) -> list[str]:
    lines = path.read_text().splitlines()
    lines[first], lines[second] = lines[second], lines[first]
    path.write_text("\n".join(lines) + "\n")
    return lines


class TestOrder:
    @pytest.mark.parametrize("where", [0, 1, 700, 2000])
    def test_two_neighbours_swapped_in_a_small_file_are_found_on_opening(
        self, tmp_path: Path, where: int
    ) -> None:
        path = tmp_path / "pwned.txt"
        write_hibp(path, extra=1999, newline="\n")  # 2,002 lines, about 90 kB
        _swap(path, where, where + 1)
        with pytest.raises(
            BreachFileError, match=rf"not sorted by hash \(line {where + 2}\)"
        ) as caught:
            HashFile(path, "sha1")
        assert str(path) in str(caught.value)

    def test_a_duplicate_line_is_out_of_order(self, tmp_path: Path) -> None:
        path = tmp_path / "pwned.txt"
        write_hibp(path, extra=50, newline="\n")
        lines = path.read_text().splitlines()
        path.write_text("\n".join([*lines[:10], lines[9], *lines[10:]]) + "\n")
        with pytest.raises(BreachFileError, match=r"line 11"):
            HashFile(path, "sha1")

    def test_a_large_file_is_sampled_at_evenly_spaced_pairs(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(_breach, "FULL_CHECK_BYTES", 0)
        path = tmp_path / "pwned.txt"
        write_hibp(path, extra=1999, newline="\n")
        size = path.stat().st_size
        # The pair the sample at the file's middle reads.
        middle = path.read_bytes()[: size // 2].count(b"\n")
        _swap(path, middle, middle + 1)
        with pytest.raises(BreachFileError, match="not sorted by hash"):
            HashFile(path, "sha1")

    def test_a_sorted_file_passes_both_checks(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = tmp_path / "pwned.txt"
        entries = write_hibp(path, extra=3000)
        for full in (1 << 20, 0):
            monkeypatch.setattr(_breach, "FULL_CHECK_BYTES", full)
            found = HashFile(path, "sha1")
            assert all(found.count(d) == n for d, n in list(entries.items())[::50])


@pytest.mark.parametrize(
    ("full", "where"), [(1 << 20, "line 2"), (0, "the line at byte 43")], ids=["small", "large"]
)
def test_a_huge_count_is_malformed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, full: int, where: str
) -> None:
    # int() of 5000 digits raised a bare ValueError (Python's digit limit):
    # found on opening a small file, by the lookup in a large one.
    monkeypatch.setattr(_breach, "FULL_CHECK_BYTES", full)
    path = tmp_path / "pwned.txt"
    digest = hash_hex("password", "sha1")
    path.write_text(f"{'0' * 40}:1\n{digest}:{'9' * 5000}\n{'F' * 40}:2\n")
    with pytest.raises(BreachFileError, match=f"{where} has no count"):
        HashFile(path, "sha1").count(digest)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pwned.txt"
    os.mkfifo(fifo)
    with pytest.raises(BreachFileError, match="not a regular file"):
        within(20, lambda: HashFile(fifo, "sha1"))


class TestChangedWhileMapped:
    @pytest.fixture(autouse=True)
    def _look_every_time(self, monkeypatch: pytest.MonkeyPatch) -> None:
        # These tests change the file and look at once; the interval
        # between looks at the path is tested on its own below.
        monkeypatch.setattr(_breach, "PATH_RECHECK_SECONDS", 0.0)

    def test_atomic_replacement_is_mapped_again(self, tmp_path: Path) -> None:
        path = tmp_path / "pwned.txt"
        write_hibp(path)
        found = HashFile(path, "sha1")
        digest = hash_hex("password", "sha1")
        assert found.count(digest) == KNOWN["password"]
        new = tmp_path / "pwned.txt.new"
        new.write_text(f"{digest}:5\n")
        new.replace(path)
        assert found.count(digest) == 5

    def test_a_replacement_that_fails_the_checks_is_a_typed_error(self, tmp_path: Path) -> None:
        path = tmp_path / "pwned.txt"
        write_hibp(path)
        found = HashFile(path, "sha1")
        path.write_text("not a breach file\n")
        with pytest.raises(BreachFileError, match="line 1"):
            found.count(hash_hex("password", "sha1"))

    def test_a_refused_replacement_is_not_read_again(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = tmp_path / "pwned.txt"
        write_hibp(path)
        found = HashFile(path, "sha1")
        path.write_text("not a breach file\n")
        opened: list[str] = []
        real = _breach._Mapped.__init__

        def counting(self: object, *args: object) -> None:
            opened.append("open")
            real(self, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(_breach._Mapped, "__init__", counting)
        for _ in range(5):
            with pytest.raises(BreachFileError, match="line 1"):
                found.count(hash_hex("password", "sha1"))
        assert opened == ["open"]
        # A good file in its place is mapped again.
        write_hibp(path)
        assert found.count(hash_hex("password", "sha1")) == KNOWN["password"]

    def test_a_removed_file_is_a_typed_error(self, tmp_path: Path) -> None:
        path = tmp_path / "pwned.txt"
        write_hibp(path)
        found = HashFile(path, "sha1")
        path.unlink()
        with pytest.raises(BreachFileError, match="cannot be opened"):
            found.count(hash_hex("password", "sha1"))

    @pytest.mark.slow
    def test_truncated_in_place_does_not_kill_the_process(self, tmp_path: Path) -> None:
        # Truncating a mapped file and reading a page past the new end raises
        # SIGBUS: in a child process, so a regression fails instead of
        # killing the test run.
        path = tmp_path / "pwned.txt"
        entries = write_hibp(path, extra=5_000)
        script = textwrap.dedent(
            f"""
            import os, sys
            from credguard import BreachFileError
            from credguard._breach import HashFile
            path, digests = {str(path)!r}, {list(entries)[::50]!r}
            found = HashFile(path, "sha1")
            assert all(found.count(d) >= 0 for d in digests)
            with open(path, "r+b") as handle:  # in place, like a re-download
                handle.truncate(os.path.getsize(path) // 3)
            outcomes = set()
            for digest in digests:
                try:
                    found.count(digest)
                    outcomes.add("count")
                except BreachFileError:
                    outcomes.add("error")
            print(sorted(outcomes))
            """
        )
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        process = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, env=env, timeout=120, check=False
        )
        assert process.returncode == 0, process.stderr.decode()[-2000:]
        # The truncated file ends mid-line: the remapped file is malformed.
        assert process.stdout.strip() in (b"['error']", b"['count', 'error']")


class TestLookingAtThePath:
    def test_the_path_is_not_looked_at_on_every_lookup(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = tmp_path / "pwned.txt"
        write_hibp(path)
        found = HashFile(path, "sha1")
        looks: list[int] = []
        real = _breach._identity

        def counting(status: os.stat_result) -> tuple[int, int, int, int]:
            looks.append(1)
            return real(status)

        monkeypatch.setattr(_breach, "_identity", counting)
        monkeypatch.setattr(_breach, "PATH_RECHECK_SECONDS", 3600.0)
        digest = hash_hex("password", "sha1")
        for _ in range(100):
            assert found.count(digest) == KNOWN["password"]
        assert looks == []
        monkeypatch.setattr(_breach, "PATH_RECHECK_SECONDS", 0.0)
        assert found.count(digest) == KNOWN["password"]
        assert looks == [1]

    @pytest.fixture
    def found(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> HashFile:
        """A mapped breach file whose path is looked at again only after an hour."""
        monkeypatch.setattr(_breach, "PATH_RECHECK_SECONDS", 3600.0)
        write_hibp(tmp_path / "pwned.txt")
        return HashFile(tmp_path / "pwned.txt", "sha1")

    def test_a_renamed_replacement_is_used_once_the_interval_is_over(
        self, found: HashFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = tmp_path / "pwned.txt"
        digest = hash_hex("password", "sha1")
        new = tmp_path / "pwned.txt.new"
        new.write_text(f"{digest}:5\n")
        new.replace(path)
        # The old mapping stays valid (a rename does not touch its pages).
        assert found.count(digest) == KNOWN["password"]
        monkeypatch.setattr(_breach, "PATH_RECHECK_SECONDS", 0.0)
        assert found.count(digest) == 5

    def test_a_truncation_in_place_is_seen_within_the_interval(
        self, found: HashFile, tmp_path: Path
    ) -> None:
        with open(tmp_path / "pwned.txt", "r+b") as handle:
            handle.truncate(10)
        with pytest.raises(BreachFileError):
            found.count(hash_hex("password", "sha1"))
