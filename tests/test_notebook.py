"""The notebook is stored without outputs (CI executes it with nbmake)."""

from __future__ import annotations

import json
from pathlib import Path


def test_notebook_outputs_are_stripped(repo: Path) -> None:
    nb = json.loads((repo / "notebooks" / "birmingham.ipynb").read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    markdown = [c for c in nb["cells"] if c["cell_type"] == "markdown"]
    assert len(markdown) >= len(code) // 2  # each step explained
