"""Generated files in the repository must equal what the code generates now."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from appraisal.cli import schemas, to_json


@pytest.mark.parametrize("kind", ["criteria", "option", "weights"])
def test_json_schema_is_fresh(kind: str, repo: Path) -> None:
    path = repo / "schemas" / f"{kind}.schema.json"
    assert path.read_text(encoding="utf-8") == to_json(schemas()[kind]), (
        f"{path} is stale: run `appraisal schema --output-dir schemas --force`"
    )


def test_schema_accepts_keys_used_by_bundled_files(repo: Path) -> None:
    schema = json.loads((repo / "schemas" / "option.schema.json").read_text(encoding="utf-8"))
    assert {"schema_version", "id", "name", "summary", "scores"} <= set(schema["properties"])
