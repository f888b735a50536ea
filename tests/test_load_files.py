"""Which files a case folder's loader reads, refuses or warns about, and how it names them.

Cases that fit the golden corpus (a file written under a name) are in ``tests/data/bad/``
(``option-file-*``, ``criteria-file-*``, ``weights-file-*``). These tests cover what a corpus
case cannot make: links, folders, pipes, unreadable folders, undecodable names, file order.
"""

from __future__ import annotations

import errno
import hashlib
import importlib
import io
import os
import random
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import appraisal
import appraisal.io.casefiles as casefiles
from appraisal.cli import main
from appraisal.io.load import check_case
from appraisal.report.build import provenance, report_text

OPTION_IDS = ("break-up", "integrated-transformation", "outsource", "trust-council", "trust-dfe")


def _lines(case: Path) -> list[str]:
    return [str(i) for i in appraisal.validate(case)]


def _new(case: Path) -> list[str]:
    """Issues beyond the Birmingham case's own two rating warnings."""
    return [line for line in _lines(case) if "rating '" not in line]


def _cli(case: Path) -> tuple[int, str]:
    out = io.StringIO()
    status = main(["validate", str(case)], stdout=out, stderr=io.StringIO())
    return status, out.getvalue()


# --- links, folders and other things that are not files ------------------------------------


def test_dangling_link_is_an_error_naming_it(case_copy: Path) -> None:
    (case_copy / "options" / "zz-gone.yaml").symlink_to(case_copy / "options" / "nowhere.yaml")
    assert _new(case_copy) == [
        f"{case_copy.as_posix()}/options/zz-gone.yaml:0:0: this is a link to a file that does "
        "not exist; fix the link or delete it."
    ]
    status, out = _cli(case_copy)
    assert status == 1
    assert out.splitlines()[-1].startswith("invalid: 1 error, 2 warnings in 5 options")


def test_link_loop_is_an_error_naming_it(case_copy: Path) -> None:
    a, b = case_copy / "options" / "a.yaml", case_copy / "options" / "b.yaml"
    a.symlink_to(b)
    b.symlink_to(a)
    new = _new(case_copy)
    assert len(new) == 2
    for line, name in zip(new, ("a.yaml", "b.yaml"), strict=True):
        assert line.startswith(f"{case_copy.as_posix()}/options/{name}:0:0: ")
        assert "a link that leads back to itself" in line


def test_folder_named_like_an_option_is_an_error(case_copy: Path) -> None:
    (case_copy / "options" / "x.yaml").mkdir()
    assert _new(case_copy) == [
        f"{case_copy.as_posix()}/options/x.yaml:0:0: this is a folder, not a file; an option "
        "must be a YAML file (rename the folder, or move it out of options/)."
    ]


def test_other_folder_in_options_is_a_warning(case_copy: Path) -> None:
    (case_copy / "options" / "archive").mkdir()
    shutil.copy(case_copy / "options" / "outsource.yaml", case_copy / "options" / "archive")
    assert _new(case_copy) == [
        f"{case_copy.as_posix()}/options/archive:0:0: warning: a folder; nothing in it is read "
        "(only files ending in .yaml or .yml directly in options/ are options; rename it if it "
        "is one)."
    ]
    assert appraisal.load(case_copy).option_ids == OPTION_IDS


def test_criteria_file_that_is_a_folder_is_an_error(case_copy: Path) -> None:
    (case_copy / "criteria" / "criteria.yaml").unlink()
    (case_copy / "criteria" / "criteria.yaml").mkdir()
    errors = [i for i in appraisal.validate(case_copy) if i.severity == "error"]
    assert [str(i) for i in errors] == [
        f"{case_copy.as_posix()}/criteria/criteria.yaml:0:0: this is a folder, not a file; "
        "the criteria file must be a YAML file (rename the folder, or move it out of criteria/)."
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_an_error_and_never_opened(case_copy: Path) -> None:
    os.mkfifo(case_copy / "options" / "zz-pipe.yaml")  # opening it would block forever
    new = _new(case_copy)
    assert new == [
        f"{case_copy.as_posix()}/options/zz-pipe.yaml:0:0: this is not a regular file (a device, "
        "pipe or socket); an option must be a YAML file."
    ]


def test_criteria_folder_missing_is_a_clear_error(case_copy: Path) -> None:
    shutil.rmtree(case_copy / "criteria")
    assert _lines(case_copy) == [
        f"{case_copy.as_posix()}/criteria/criteria.yaml:0:0: no criteria file (there is no "
        f"criteria/ folder); create {case_copy.as_posix()}/criteria/criteria.yaml (run the "
        "command in a case directory, or give its path)."
    ]


def test_options_that_is_a_file_is_a_clear_error(case_copy: Path) -> None:
    shutil.rmtree(case_copy / "options")
    (case_copy / "options").write_text("not a folder\n", encoding="utf-8")
    assert _new(case_copy) == [
        f"{case_copy.as_posix()}/options:0:0: this is not a folder; a case holds the folders "
        "criteria/ and options/."
    ]


# --- files outside the case folder ----------------------------------------------------------


def test_link_to_a_file_outside_the_case_is_refused_unread(
    case_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\nSECRET-LINE-TWO\n", encoding="utf-8")
    (case_copy / "options" / "trust-dfe.yaml").unlink()
    (case_copy / "options" / "trust-dfe.yaml").symlink_to(secret)
    opened: list[str] = []
    real_open = open

    def spy(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(casefiles, "open", spy, raising=False)
    status, out = _cli(case_copy)
    assert status == 1
    assert "root:x" not in out and "SECRET" not in out
    assert f"{case_copy.as_posix()}/options/trust-dfe.yaml:0:0: this is a link to a file " in out
    assert not any(o.endswith("trust-dfe.yaml") for o in opened)


@pytest.mark.skipif(not Path("/etc/passwd").is_file(), reason="no /etc/passwd here")
def test_link_to_etc_passwd_prints_nothing_of_it(case_copy: Path) -> None:
    (case_copy / "options" / "zz-passwd.yaml").symlink_to("/etc/passwd")
    status, out = _cli(case_copy)
    assert status == 1
    first = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace").split(":")[0]
    assert f"{first}:" not in out
    assert "outside the case folder" in out


def test_link_inside_the_case_is_followed(case_copy: Path) -> None:
    store = case_copy / "store"
    store.mkdir()
    (case_copy / "options" / "outsource.yaml").rename(store / "outsource.yaml")
    (case_copy / "options" / "outsource.yaml").symlink_to(Path("..") / "store" / "outsource.yaml")
    case = appraisal.load(case_copy)
    assert case.option_ids == OPTION_IDS
    raw = (store / "outsource.yaml").read_bytes()
    assert case.file_sha256["options/outsource.yaml"] == hashlib.sha256(raw).hexdigest()


# --- unreadable folders and files -----------------------------------------------------------


def _raise(exc: OSError) -> Callable[..., Any]:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise exc

    return fail


def test_unreadable_options_folder_is_a_clear_error(
    case_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_listdir = os.listdir

    def listdir(path: Any) -> list[str]:
        if Path(path).name == "options":
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_listdir(path)

    monkeypatch.setattr(casefiles.os, "listdir", listdir)
    assert _new(case_copy) == [
        f"{case_copy.as_posix()}/options:0:0: the folder cannot be read: Permission denied."
    ]
    status, out = _cli(case_copy)
    assert status == 1 and "Traceback" not in out


def test_unreadable_file_is_a_clear_error(case_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = open

    def guarded(file: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(file).endswith("outsource.yaml"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(casefiles, "open", guarded, raising=False)
    assert _new(case_copy) == [
        f"{case_copy.as_posix()}/options/outsource.yaml:0:0: the file cannot be read: "
        "Permission denied."
    ]


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root (or Windows) reads a mode-000 file"
)
def test_chmod_000_folder_and_file_are_clear_errors(case_copy: Path) -> None:
    target = case_copy / "options" / "outsource.yaml"
    target.chmod(0)
    try:
        assert "the file cannot be read: Permission denied." in "\n".join(_new(case_copy))
    finally:
        target.chmod(0o644)
    (case_copy / "options").chmod(0)
    try:
        new = _new(case_copy)
        assert f"{case_copy.as_posix()}/options:0:0: the folder cannot be read" in "\n".join(new)
    finally:
        (case_copy / "options").chmod(0o755)


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs a byte-name file system")
def test_file_name_that_is_not_utf8_is_escaped(case_copy: Path) -> None:
    folder = os.fsencode(case_copy / "options")
    shutil.copy(case_copy / "options" / "outsource.yaml", os.path.join(folder, b"zz\xff.yaml"))
    shutil.copy(case_copy / "options" / "outsource.yaml", os.path.join(folder, b"notes\xfe.txt"))
    status, out = _cli(case_copy)
    out.encode("utf-8")  # every byte of the output is printable UTF-8
    assert status == 1
    assert f"{case_copy.as_posix()}/options/zz\\xff.yaml:0:0: the file name is not valid" in out
    assert f"{case_copy.as_posix()}/options/notes\\xfe.txt:0:0: warning: not read" in out


def test_unprintable_characters_in_a_name_are_escaped(case_copy: Path) -> None:
    shutil.copy(case_copy / "options" / "outsource.yaml", case_copy / "options" / "a\nb\x1b.txt")
    new = _new(case_copy)
    assert new == [
        f"{case_copy.as_posix()}/options/a\\nb\\x1b.txt:0:0: warning: not read: only files "
        "ending in .yaml or .yml directly in options/ are options; rename it if it is one."
    ]


# --- skipped silently, and the order ----------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [".DS_Store", ".~lock.outsource.yaml#", "~$outsource.yaml", "outsource.yaml~", "Thumbs.db",
     "desktop.ini", ".hidden.yaml", ".outsource.yaml.swp"],
)  # fmt: skip
@pytest.mark.parametrize("folder", ["options", "criteria"])
def test_lock_and_backup_files_are_skipped_silently(
    case_copy: Path, name: str, folder: str
) -> None:
    (case_copy / folder / name).write_bytes(b"\x00\xff not yaml")
    assert _new(case_copy) == []
    assert appraisal.load(case_copy).option_ids == OPTION_IDS


def test_options_are_read_in_name_order_whatever_the_listing_order(
    case_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = appraisal.load(case_copy)
    real_listdir = os.listdir
    for seed in range(5):
        rng = random.Random(seed)

        def shuffled(path: Any, rng: random.Random = rng) -> list[str]:
            names = list(real_listdir(path))
            rng.shuffle(names)
            return names

        monkeypatch.setattr(casefiles.os, "listdir", shuffled)
        got = appraisal.load(case_copy)
        assert got.option_ids == expected.option_ids == OPTION_IDS
        assert got.files == expected.files
        assert list(got.file_sha256) == list(expected.file_sha256)


def test_yaml_and_yml_with_one_id_is_an_error_naming_both(case_copy: Path) -> None:
    shutil.copy(case_copy / "options" / "outsource.yaml", case_copy / "options" / "outsource.yml")
    assert _new(case_copy) == [
        f"{case_copy.as_posix()}/options/outsource.yml:3:5: id: option id 'outsource' is also "
        f"used by {case_copy.as_posix()}/options/outsource.yaml; ids must be unique."
    ]


# --- what validate says it read --------------------------------------------------------------


def test_validate_summary_counts_what_was_read(case_copy: Path) -> None:
    status, out = _cli(case_copy)
    assert (status, out.splitlines()[-1]) == (
        0,
        "valid: 5 options, 19 criteria, 4 weight sets, 2 warnings",
    )
    # a misnamed weights file: still valid, but the summary shows no weight set was read
    (case_copy / "criteria" / "weights.yaml").rename(case_copy / "criteria" / "weights.yml.bak")
    (case_copy / "options" / "break-up.yaml").rename(case_copy / "options" / "break-up.YAML.txt")
    status, out = _cli(case_copy)
    assert (status, out.splitlines()[-1]) == (
        0,
        "valid: 4 options, 19 criteria, 0 weight sets, 3 warnings",
    )


def test_validate_summary_when_invalid_and_singular(tmp_path: Path) -> None:
    case = tmp_path / "case"
    status = main(["new", "case", str(case)], stdout=io.StringIO(), stderr=io.StringIO())
    assert status == 0
    checked = check_case(case)
    assert checked.summary() == (
        f"valid: {checked.options} option{'s' * (checked.options != 1)}, "
        f"{checked.criteria} criteria, 0 weight sets, {len(checked.issues)} warnings"
    )
    assert checked.issues and all("new case" in i.message for i in checked.issues)  # placeholders
    for f in sorted((case / "options").iterdir())[1:]:
        f.unlink()
    (case / "options" / "zz.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    checked = check_case(case)
    n = len(checked.errors)
    assert n >= 1
    assert checked.summary() == (
        f"invalid: {n} error{'s' * (n != 1)}, {len(checked.issues) - n} warnings in 2 options, "
        f"{checked.criteria} criteria, 0 weight sets"
    )
    assert check_case(tmp_path / "nowhere").summary() == (
        "invalid: 1 error, 0 warnings in 0 options, 0 criteria, 0 weight sets"
    )


# --- provenance: the bytes that were read, under relative names -------------------------------


def test_provenance_hashes_the_bytes_that_were_parsed(case_copy: Path) -> None:
    before = {
        p.relative_to(case_copy).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(case_copy.glob("*/*.yaml"))
    }
    case = appraisal.load(case_copy)
    # an edit made after the files were read (while the report runs) changes nothing
    target = case_copy / "options" / "outsource.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    prov = provenance(case, weights=None, seed=0, samples=0)
    assert prov["files"] == {k: before[k] for k in prov["files"]}
    assert set(prov["files"]) == set(before)
    assert list(prov["files"])[:2] == ["criteria/criteria.yaml", "criteria/weights.yaml"]


def test_report_never_opens_a_case_file(case_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = appraisal.load(case_copy)
    real_open = open

    def guarded(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(case_copy) in os.fspath(file):
            raise AssertionError(f"the report opened {file}")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", guarded)
    monkeypatch.setattr(Path, "read_bytes", _raise(OSError("no reading")))
    text = report_text(case, fmt="markdown", samples=0)
    assert case.file_sha256["options/outsource.yaml"] in text


def test_provenance_names_files_relative_to_the_case(case_copy: Path) -> None:
    case = appraisal.load(case_copy.resolve())
    text = report_text(case, fmt="markdown", samples=0)
    html = report_text(case, fmt="html", samples=0)
    assert str(case_copy.resolve()) not in text and str(case_copy.resolve()) not in html
    assert "options/break-up.yaml:20:13: warning:" in text  # the warnings are still there
    assert case.warnings[0].file == f"{case_copy.resolve().as_posix()}/options/break-up.yaml"
    assert set(case.file_sha256) == {
        "criteria/criteria.yaml",
        "criteria/weights.yaml",
        *(f"options/{o}.yaml" for o in OPTION_IDS),
    }


def test_each_file_is_opened_once(case_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    real_open = open

    def counting(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(Path(file).name)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(casefiles, "open", counting, raising=False)
    appraisal.load(case_copy)
    assert sorted(opened) == sorted(
        ["criteria.yaml", "weights.yaml", *(f"{o}.yaml" for o in OPTION_IDS)]
    )


def test_backup_with_a_second_extension_gets_no_rename_hint(case_copy: Path) -> None:
    shutil.copy(case_copy / "options" / "outsource.yaml", case_copy / "options" / "x.yaml.bak")
    assert _new(case_copy) == [
        f"{case_copy.as_posix()}/options/x.yaml.bak:0:0: warning: not read: only files ending "
        "in .yaml or .yml directly in options/ are options; rename it if it is one."
    ]


def test_case_folder_name_that_is_not_utf8_is_escaped(tmp_path: Path) -> None:
    missing = os.fsdecode(os.path.join(os.fsencode(tmp_path), b"case\xff"))
    (issue,) = appraisal.validate(missing)
    assert "case\\xff does not exist" in issue.message
    str(issue).encode("utf-8")


def test_a_file_swapped_for_a_pipe_after_the_listing_does_not_hang(
    case_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    target = case_copy / "options" / "outsource.yaml"
    real_read = casefiles.read_case_file

    def swap_then_read(file: casefiles.CaseFile, limits: Any) -> Any:
        if file.path == target:
            target.unlink()
            os.mkfifo(target)
        return real_read(file, limits)

    # ``appraisal.load`` is the function; the module is reached through importlib
    monkeypatch.setattr(
        importlib.import_module("appraisal.io.load"), "read_case_file", swap_then_read
    )
    assert _new(case_copy) == [
        f"{case_copy.as_posix()}/options/outsource.yaml:0:0: this is not a regular file; "
        "it must be a YAML file."
    ]


def test_a_criteria_yml_file_is_listed_first(case_copy: Path) -> None:
    (case_copy / "criteria" / "criteria.yaml").rename(case_copy / "criteria" / "Criteria.YML")
    text = (case_copy / "criteria" / "Criteria.YML").read_text(encoding="utf-8")
    (case_copy / "criteria" / "Criteria.YML").write_text(
        text.replace("title:", "titel:", 1), encoding="utf-8"
    )
    (case_copy / "criteria" / "a-notes.txt").write_text("notes\n", encoding="utf-8")
    files = [i.file.rsplit("/", 2)[-2:] for i in appraisal.validate(case_copy)]
    assert files[0] == ["criteria", "Criteria.YML"]
    assert ["criteria", "a-notes.txt"] in files


@pytest.mark.parametrize("entry", ["validate", "load_criteria"])
def test_a_case_path_that_cannot_be_examined_is_a_clear_error(tmp_path: Path, entry: str) -> None:
    too_long = tmp_path / ("x" * 5000)
    if entry == "validate":
        (issue,) = appraisal.validate(too_long)
    else:
        with pytest.raises(appraisal.InputValidationError) as info:
            importlib.import_module("appraisal.io.load").load_criteria(too_long)
        (issue,) = info.value.issues
    assert issue.message.endswith(".")
    assert "cannot be read" in issue.message or "does not exist" in issue.message


def test_validate_json_gives_the_counts_too(case_copy: Path) -> None:
    import json

    out = io.StringIO()
    assert main(["validate", str(case_copy), "--format", "json"], stdout=out) == 0
    data = json.loads(out.getvalue())
    assert data["read"] == {"options": 5, "criteria": 19, "weight_sets": 4}
    assert data["valid"] is True and len(data["issues"]) == 2
