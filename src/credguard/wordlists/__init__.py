"""The bundled word lists: large public password lists and credguard's Japanese list.

The lists ship as memory-mapped tries (:mod:`credguard.wordlists.tries`),
opened on first use; :mod:`~credguard.wordlists.normalize` says how entries
are stored, :mod:`~credguard.wordlists.scoring` how the ``blocklist`` rule
scores a password against them.  ``README.md`` names the sources, their
versions and licences; ``_generate.py`` rebuilds the tries.  Nothing is
read at import.
"""

from __future__ import annotations

from .tries import TRIE_NAMES as LIST_NAMES

__all__ = ["LIST_NAMES"]
