"""`appraisal new option|case`: useful skeletons, never overwriting without --force."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import appraisal
from appraisal.cli import main
from appraisal.errors import InputError
from appraisal.scaffold import new_option


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), stdout=out, stderr=err), out.getvalue(), err.getvalue()


def test_new_case_validates_and_ranks(tmp_path: Path) -> None:
    case = tmp_path / "library-site"
    code, out, _ = run("new", "case", str(case))
    assert code == 0 and out.count("wrote") == 3
    issues = appraisal.validate(case)  # only the placeholder sentences, as warnings
    assert len(issues) == 7
    assert all(i.severity == "warning" and "placeholder text" in i.message for i in issues)
    assert run("rank", str(case))[0] == 0


def test_new_case_never_overwrites_without_force(tmp_path: Path) -> None:
    case = tmp_path / "c"
    run("new", "case", str(case))
    criteria = case / "criteria" / "criteria.yaml"
    criteria.write_text("edited", encoding="utf-8")
    code, _, err = run("new", "case", str(case))
    assert code == 1 and "--force" in err
    assert criteria.read_text(encoding="utf-8") == "edited"
    assert run("new", "case", str(case), "--force")[0] == 0
    assert criteria.read_text(encoding="utf-8") != "edited"


def test_new_option_lists_every_criterion_with_labels(case_copy: Path) -> None:
    code, _, _ = run("new", "option", "shared-service", str(case_copy))
    assert code == 0
    text = (case_copy / "options" / "shared-service.yaml").read_text(encoding="utf-8")
    for crit in appraisal.load(Path(__file__).resolve().parent.parent).criterion_ids:
        assert f"  {crit}:\n" in text
    assert "# 1 Low | 2 Low-Med | 3 Medium | 4 Med-High | 5 High" in text
    # The skeleton is deliberately incomplete: validation says what to fill in, with lines.
    issues = [i for i in appraisal.validate(case_copy) if i.severity == "error"]
    assert issues and all(i.file.endswith("shared-service.yaml") for i in issues)
    assert all(i.line > 0 for i in issues)
    code, _, err = run("new", "option", "shared-service", str(case_copy))
    assert code == 1 and "already exists" in err


def test_new_option_rejects_bad_id(case_copy: Path) -> None:
    code, _, err = run("new", "option", "no spaces", str(case_copy))
    assert code == 1 and "not a valid id" in err


@pytest.mark.parametrize("twin", ["park.yml", "Park.YAML", "PARK.yaml"])
@pytest.mark.parametrize("force", [False, True])
def test_new_option_refuses_another_spelling_of_an_existing_option_file(
    case_copy: Path, twin: str, force: bool
) -> None:
    (case_copy / "options" / twin).write_text("schema_version: 1\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"options/{twin} already holds option 'park'"):
        new_option(case_copy, "park", force=force)
    assert not (case_copy / "options" / "park.yaml").exists()


@pytest.mark.parametrize("other", ["notes.txt", "options/mine.yaml", "criteria/weights.yaml"])
def test_new_case_refuses_a_folder_that_holds_other_files(tmp_path: Path, other: str) -> None:
    # `appraisal new case /` wrote /criteria and /options into the file system's root
    (tmp_path / other).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / other).write_text("mine", encoding="utf-8")
    code, out, err = run("new", "case", str(tmp_path))
    assert code == 1 and out == ""
    assert err == (
        f"appraisal: error: {tmp_path.as_posix()} already holds files; a new case goes in a new "
        "or empty folder (or use --force to add the case's files to it).\n"
    )
    assert not (tmp_path / "criteria" / "criteria.yaml").exists()
    assert run("new", "case", str(tmp_path), "--force")[0] == 0
    assert (tmp_path / "criteria" / "criteria.yaml").is_file()
    assert (tmp_path / other).read_text(encoding="utf-8") == "mine"


def test_new_case_in_an_empty_folder_or_its_own_empty_subfolders(tmp_path: Path) -> None:
    assert run("new", "case", str(tmp_path))[0] == 0  # tmp_path exists and is empty
    other = tmp_path / "other"
    (other / "criteria").mkdir(parents=True)
    (other / "options").mkdir()
    assert run("new", "case", str(other))[0] == 0
