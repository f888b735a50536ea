from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def repo() -> Path:
    """The repository root, which is also the bundled Birmingham case."""
    return REPO


@pytest.fixture
def case_copy(tmp_path: Path) -> Path:
    """A writable copy of the Birmingham case."""
    dest = tmp_path / "case"
    shutil.copytree(REPO / "criteria", dest / "criteria")
    shutil.copytree(REPO / "options", dest / "options")
    return dest
