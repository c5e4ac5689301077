"""Names a package resolves on first access: credguard's one lazy idiom (PEP 562).

A package lists its public names in ``__all__`` as usual, maps the ones it
does not import at once to the module that defines them, and gets from
:func:`lazy_names` its module ``__getattr__`` and ``__dir__`` (as
packaging does).  A name is imported on first access and then kept in the
package's namespace, so ``from package import name`` and later lookups
never come back here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping, Sequence

__all__ = ["lazy_names", "name_table"]


def name_table(modules: Mapping[str, str]) -> dict[str, str]:
    """Public name -> module, from ``{module: "Name other_name …"}``."""
    return {name: module for module, names in modules.items() for name in names.split()}


def lazy_names(
    namespace: MutableMapping[str, object], table: Mapping[str, str], public: Sequence[str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of the package whose globals are *namespace*.

    *table* maps each lazy name to its module, relative to the package.
    """
    package = str(namespace["__name__"])

    def __getattr__(name: str) -> object:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        from importlib import import_module

        value = getattr(import_module(module, package), name)
        namespace[name] = value  # found once; later lookups never come here
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *public})

    return __getattr__, __dir__
