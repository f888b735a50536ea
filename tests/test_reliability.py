"""Determinism across processes and hash seeds; atomic writes that leave nothing behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from appraisal.errors import InputError
from appraisal.io.files import write_atomic

COMMANDS = [
    ["rank", "--format", "json"],
    ["compare", "--format", "json"],
    ["weights", "--format", "json"],
    ["export"],
    ["validate", "--format", "json"],
    ["sensitivity", "--method", "oneway", "--format", "json"],
    ["sensitivity", "--method", "smaa", "-n", "2000", "-s", "11", "--format", "json"],
]


def _run(args: list[str], cwd: Path, hash_seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    proc = subprocess.run(
        [sys.executable, "-m", "appraisal", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:3]))
def test_json_is_byte_identical_across_processes_and_hash_seeds(
    args: list[str], repo: Path
) -> None:
    first = _run(args, repo, "1")
    assert first == _run(args, repo, "12345")


def test_results_do_not_depend_on_file_creation_order(case_copy: Path, repo: Path) -> None:
    # Recreate the option files in reverse order: the directory listing order changes,
    # the output must not (files are read in name order).
    options = sorted((case_copy / "options").iterdir())
    texts = {p.name: p.read_bytes() for p in options}
    for p in options:
        p.unlink()
    for name in sorted(texts, reverse=True):
        (case_copy / "options" / name).write_bytes(texts[name])
    args = ["rank", "--format", "json"]
    assert _run([*args[:1], str(case_copy), *args[1:]], repo, "0").replace(
        str(case_copy).encode(), b""
    ) == _run([*args[:1], str(repo), *args[1:]], repo, "0").replace(str(repo).encode(), b"")


def test_atomic_write_interrupted_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new" * 1000, force=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_atomic_write_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_atomic(target, "one")
    with pytest.raises(InputError, match="--force"):
        write_atomic(target, "two")
    assert target.read_text(encoding="utf-8") == "one"
    write_atomic(target, "two", force=True)
    assert target.read_text(encoding="utf-8") == "two"
    assert target.stat().st_mode & 0o777 == 0o644
    with pytest.raises(InputError, match="does not exist"):
        write_atomic(tmp_path / "missing" / "x.txt", "x")
