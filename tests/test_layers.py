"""The import graph runs one way: the layers of ``docs/design.md``, with no circle.

The graph is read from the source with :mod:`ast`, counting imports inside functions too (they
are imports all the same); only ``if TYPE_CHECKING:`` blocks are left out, since they never
run. A module may import its own layer or any layer below it, never one above.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "appraisal"

#: Bottom to top. A module's layer is the first entry that is its name or a prefix of it.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "_placeholders", "_terminal", "_rng", "_moved"),
    ("_text", "_table", "_extras", "_figures"),
    ("core",),
    ("model",),
    ("validation",),
    ("weighting",),
    ("matrix",),
    ("plot",),
    ("ranking", "sensitivity", "smaa"),
    ("compare",),
    ("analysis",),
    ("case",),
    ("io",),
    ("report",),
    ("scaffold", "_cli_parser"),
    ("cli", "__main__", "__init__", "values", "weights", "aggregate", "rank", "load"),
)


def _module(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def _layer(module: str) -> int:
    for n, names in enumerate(LAYERS):
        for name in names:
            if module == name or module.startswith(name + "."):
                return n
    raise AssertionError(f"{module} is in no layer of LAYERS; add it where it belongs.")


def _imports(path: Path, module: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(sub)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for sub in ast.walk(node)
    }
    package = module.split(".")[:-1] if path.name != "__init__.py" else module.split(".")
    if module == "__init__":
        package = []
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            elif node.module and (
                node.module == "appraisal" or node.module.startswith("appraisal.")
            ):
                target = node.module.removeprefix("appraisal").removeprefix(".")
            else:
                continue
            for alias in node.names:
                full = f"{target}.{alias.name}" if target else alias.name
                found.add(full if _exists(full) else target)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("appraisal."):
                    found.add(alias.name.removeprefix("appraisal."))
    return {m for m in found if m and m != module and _exists(m)}


def _exists(module: str) -> bool:
    path = SRC.joinpath(*module.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


@functools.cache
def _graph() -> dict[str, set[str]]:
    return {_module(p): _imports(p, _module(p)) for p in sorted(SRC.rglob("*.py"))}


def test_every_module_has_a_layer() -> None:
    for module in _graph():
        _layer(module)


@pytest.mark.parametrize("module", sorted(_graph()))
def test_imports_point_down(module: str) -> None:
    graph = _graph()
    up = sorted(t for t in graph[module] if _layer(t) > _layer(module))
    assert not up, f"{module} (layer {_layer(module)}) imports a layer above it: {up}"


def test_no_circle() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        path.append(m)
        for t in sorted(graph[m]):
            if state.get(t) == 1:
                circle = [*path[path.index(t) :], t]
                raise AssertionError("import circle: " + " -> ".join(circle))
            if t not in state:
                visit(t)
        path.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)


def test_the_check_sees_a_circle(tmp_path: Path) -> None:
    """The graph reader finds an import inside a function, so a hidden circle cannot pass."""
    (tmp_path / "q.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from appraisal.report import build\n"
        "def f():\n    from appraisal.cli import main\n"
    )
    assert _imports(tmp_path / "q.py", "core.values") == {"cli"}
    assert _layer("cli") > _layer("core.values")


def test_only_optional_extras_are_imported_inside_functions() -> None:
    """Imports inside functions are for optional extras (through ``require``) only."""
    inner: list[str] = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(fn):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("appraisal"):
                    inner.append(f"{_module(path)}.{fn.name}: from {node.module}")
    # a ratchet: the count may only fall (docs/design.md, "Imports inside functions")
    assert len(inner) <= KNOWN_INNER, "\n".join(inner)


#: Imports of our own modules inside functions still left from before the layers (each points
#: down, which test_imports_point_down holds); lower this as they are moved to the top.
KNOWN_INNER = 53
