"""The staff workspace's parts, each a module with a ``router`` and an ``ACTIONS`` table.

``ACTIONS`` maps each of a module's routes (method, path) to the policy action its service
authorizes (None: any signed-in user). The app includes every module listed here; the
authorization test takes the app's route table, so a route in no table fails it.
"""

from __future__ import annotations

import importlib
from types import ModuleType

# Add a part of the workspace here (one line); its routes need entries in its ACTIONS.
STAFF_MODULES: tuple[str, ...] = (
    "luoshi.web.workspace",
    "luoshi.web.review_desk",
    "luoshi.web.assign_desk",
    "luoshi.web.admin",
    "luoshi.web.progress_desk",
    "luoshi.web.supervision",
    "luoshi.web.closing",
)


def modules() -> list[ModuleType]:
    return [importlib.import_module(name) for name in STAFF_MODULES]


def actions() -> dict[tuple[str, str], str | None]:
    """Every staff route's policy action, from all the parts."""
    merged: dict[tuple[str, str], str | None] = {}
    for module in modules():
        table: dict[tuple[str, str], str | None] = module.ACTIONS
        clash = merged.keys() & table.keys()
        if clash:
            raise RuntimeError(f"{module.__name__} names routes another part has: {sorted(clash)}")
        merged.update(table)
    return merged
