"""The command line: exit codes, formats, JSON contracts, no tracebacks on bad input."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from appraisal.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_rank_lists_birmingham_in_order(repo: Path) -> None:
    code, out, err = run("rank", str(repo))
    assert code == 0
    order = re.findall(r"^\s+\d+\s+(\S+)\s+[\d.]+\s+(\d+)$", out, flags=re.M)
    assert order == [
        ("integrated-transformation", "82"),
        ("trust-council", "74"),
        ("trust-dfe", "64"),
        ("outsource", "57"),
        ("break-up", "46"),
    ]
    assert err.count("warning:") == 2


def test_validate_exit_0_with_two_warnings(repo: Path) -> None:
    code, out, _ = run("validate", str(repo))
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[-1] == "valid: 5 options, 19 criteria, 4 weight sets, 2 warnings"
    assert re.match(
        r"^.+/options/break-up\.yaml:20:13: warning: scores\.break-from-past\.rating: ", lines[0]
    )
    assert re.match(
        r"^.+/options/outsource\.yaml:10:13: warning: scores\.outcomes\.rating: ", lines[1]
    )


def test_rank_json_contract(repo: Path) -> None:
    code, out, _ = run("rank", str(repo), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert {"title", "weights", "ranking", "dominated", "warnings"} <= set(data)
    assert set(data["ranking"][0]) >= {"rank", "option", "name", "score", "total"}
    assert [r["total"] for r in data["ranking"]] == [82, 74, 64, 57, 46]
    assert sum(data["weights"].values()) == pytest.approx(1.0)
    assert data["dominated"] == [
        {"option": "break-up", "by": ["integrated-transformation", "trust-council"]}
    ]


def test_rank_with_named_weights(repo: Path) -> None:
    code, out, _ = run("rank", str(repo), "--weights", "dfe-intervention", "--format", "json")
    assert code == 0
    assert json.loads(out)["weight_set"] == "dfe-intervention"
    code, _, err = run("rank", str(repo), "--weights", "nope")
    assert code == 1
    assert "unknown weight set 'nope'" in err


def test_compare_json_contract(repo: Path) -> None:
    code, out, _ = run("compare", str(repo), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["weight_sets"][0] == "equal"
    assert set(data) == {"weight_sets", "options", "screened_out"}
    first = data["options"][0]
    assert first["option"] == "integrated-transformation"
    assert set(first["ranks"]) == set(data["weight_sets"])
    assert set(first["scores"]) == set(data["weight_sets"])


def test_weights_json_contract(repo: Path) -> None:
    code, out, _ = run("weights", str(repo), "--format", "json")
    assert code == 0
    sets = json.loads(out)["weight_sets"]
    assert next(iter(sets)) == "equal"
    for body in sets.values():
        assert {"method", "weights", "consistency_ratio"} <= set(body)
        assert sum(body["weights"].values()) == pytest.approx(1.0)
    assert sets["dfe-intervention"]["method"] == "ahp"
    assert 0 <= sets["dfe-intervention"]["consistency_ratio"] <= 0.1
    assert sets["equal"]["consistency_ratio"] is None


def test_export_json_contract(repo: Path) -> None:
    code, out, _ = run("export", str(repo))
    assert code == 0
    data = json.loads(out)
    assert {"title", "scales", "criteria", "options"} <= set(data)
    assert set(data["criteria"][0]) >= {"id", "name", "scale", "direction", "group"}
    cell = data["options"][0]["scores"]["outcomes"]
    assert set(cell) >= {"score", "rating", "rationale", "range"}
    assert all(isinstance(c["score"], int) for o in data["options"] for c in o["scores"].values())


@pytest.mark.parametrize("fmt", ["text", "csv", "markdown", "json"])
def test_formats_are_deterministic(repo: Path, fmt: str) -> None:
    first = run("compare", str(repo), "--format", fmt)[1]
    assert first == run("compare", str(repo), "--format", fmt)[1]
    assert first.strip()


def test_usage_errors_exit_2() -> None:
    assert run()[0] == 2
    assert run("rank", "--format", "pdf")[0] == 2
    assert run("no-such-command")[0] == 2


def test_bad_input_exits_1_without_traceback(case_copy: Path) -> None:
    path = case_copy / "options" / "outsource.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("score: 5", "score: 6", 1), "utf-8")
    code, out, err = run("rank", str(case_copy))
    assert code == 1
    assert "Traceback" not in err + out
    assert re.search(
        r"outsource\.yaml:\d+:\d+: scores\.\S+\.score: 6 is not on scale 'five-point'", err
    )
    code, out, _ = run("validate", str(case_copy))
    assert code == 1
    assert out.strip().endswith(
        "invalid: 1 error, 2 warnings in 5 options, 19 criteria, 4 weight sets"
    )


def test_missing_directory_exits_1(tmp_path: Path) -> None:
    code, _, err = run("rank", str(tmp_path / "nowhere"))
    assert code == 1
    assert "does not exist" in err


def test_output_file_is_not_overwritten_without_force(repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "rank.json"
    assert run("rank", str(repo), "--format", "json", "--output", str(target))[0] == 0
    first = target.read_text(encoding="utf-8")
    target.write_text("keep me", encoding="utf-8")
    code, _, err = run("rank", str(repo), "--output", str(target))
    assert code == 1 and "--force" in err
    assert target.read_text(encoding="utf-8") == "keep me"
    assert run("rank", str(repo), "--format", "json", "--output", str(target), "--force")[0] == 0
    assert target.read_text(encoding="utf-8") == first


def test_python_dash_m(repo: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "appraisal", "rank", str(repo), "--format", "csv"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0
    assert proc.stdout.splitlines()[1].startswith("1,integrated-transformation,")


def test_example_case_from_cli(repo: Path) -> None:
    example = str(repo / "examples" / "depot-relocation")
    assert run("validate", example)[0] == 0
    code, out, _ = run("rank", example, "--weights", "climate-roc")
    assert code == 0 and "north-site" in out and "screened out: riverside" in out


def test_readme_shows_the_real_output_of_appraisal_rank(repo: Path) -> None:
    readme = (repo / "README.md").read_text(encoding="utf-8")
    shown = readme.split("```text\n", 1)[1].split("```", 1)[0]
    code, out, _ = run("rank", str(repo))
    assert code == 0
    assert out == shown
