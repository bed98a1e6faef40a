"""Names of a package imported on first use (PEP 562's module ``__getattr__``).

``import luoshi`` must not load the reader and the extractor, and ``luoshi.extraction.numerals``
(which the reader uses) must not load the extractor's rules: each package names its public
names and the modules that define them, and imports a module when one of its names is asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any


def lazy_names(
    namespace: dict[str, Any], table: dict[str, str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """A package's ``__getattr__`` and ``__dir__`` for ``table``: each name and its module."""
    package = namespace["__name__"]

    def __getattr__(name: str) -> object:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module), name)
        namespace[name] = value  # looked up once
        return value

    def __dir__() -> list[str]:
        return sorted([*namespace, *table])

    return __getattr__, __dir__
