"""Old module paths that keep working for one release, with a ``DeprecationWarning``.

0.2 moved the modules into layers (see ``docs/design.md``). ``appraisal.values``,
``appraisal.weights``, ``appraisal.aggregate``, ``appraisal.rank`` and ``appraisal.load`` (the
module; the function ``appraisal.load`` is unchanged) still give every name they gave, each
access warning once where it is made and naming the new home.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["forward"]


def forward(old: str, homes: Sequence[str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that finds a name in ``homes`` and warns that it moved."""

    def __getattr__(name: str) -> Any:  # noqa: N807 - the module hook's name (PEP 562)
        if name.startswith("__"):
            raise AttributeError(name)
        for home in homes:
            module = importlib.import_module(home)
            if hasattr(module, name):
                warnings.warn(
                    f"{old}.{name} has moved to {home}.{name}; the old path goes in 0.3.",
                    DeprecationWarning,
                    stacklevel=2,
                )
                return getattr(module, name)
        raise AttributeError(f"module {old!r} has no attribute {name!r}")

    return __getattr__
