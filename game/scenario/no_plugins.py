"""pydantic without its plugin search: about 20 ms off every command that loads a scenario.

The first time pydantic builds a validator it looks for plugins, the ``pydantic`` entry points of
every installed distribution: it imports ``importlib.metadata`` (with ``email``, ``zipfile`` and
``csv``) and reads the metadata of each distribution, about 20 ms, the largest cost of ``parley
validate`` after pydantic itself (issue 10: ``parley validate`` <= 0.3 s). Parley uses no pydantic
plugin, so :func:`skip_plugin_search`, called before the scenario models are built, puts in place of
pydantic's private plugin loader (``pydantic.plugin._loader``) a module whose ``get_plugins()``
finds none. Anything else asked of that module loads the real one, so a pydantic release that
uses more of it keeps working; tests/test_cli_startup.py checks that the stub is used and that
``parley validate`` then imports no ``importlib.metadata``.

Set ``PARLEY_PYDANTIC_PLUGINS=1`` to let pydantic search for plugins as usual.
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from collections.abc import Iterable
from typing import Any

LOADER = "pydantic.plugin._loader"


def _no_plugins() -> Iterable[Any]:
    """What pydantic's ``get_plugins()`` returns when there are none."""
    return ()


def _real(name: str) -> Any:
    """Anything but ``get_plugins``: from pydantic's own loader, imported in the stub's place."""
    if name.startswith("__"):  # what the import system and tools probe modules for (``__path__``, ``__file__``)
        raise AttributeError(name)
    if sys.modules.get(LOADER) is _STUB:
        del sys.modules[LOADER]
    return getattr(importlib.import_module(LOADER), name)


_STUB = types.ModuleType(LOADER, "Parley's stand-in for pydantic's plugin loader (game.scenario.no_plugins).")
_STUB.get_plugins = _no_plugins  # type: ignore[attr-defined]
_STUB.__getattr__ = _real  # type: ignore[method-assign]


def skip_plugin_search() -> None:
    """Let pydantic find no plugins without searching, unless PARLEY_PYDANTIC_PLUGINS is set or it searched already."""
    if not os.environ.get("PARLEY_PYDANTIC_PLUGINS"):
        sys.modules.setdefault(LOADER, _STUB)
