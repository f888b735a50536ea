"""Where the command line writes: only regular files, exclusively, atomically, and it says why not.

Also how it ends: Ctrl-C (130), SIGTERM (143), a full standard output (1) and a closed pipe
(141), each with at most one line and never a traceback or a leftover temporary file.
"""

from __future__ import annotations

import errno
import io
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

import appraisal.io.files as io_module
from appraisal.cli import main
from appraisal.errors import InputError
from appraisal.io.files import check_target, make_folder, write_atomic

SRC = str(Path(__file__).resolve().parent.parent / "src")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def one_line_error(err: str) -> str:
    lines = [line for line in err.splitlines() if "warning:" not in line]
    assert len(lines) == 1, err
    assert lines[0].startswith("appraisal: error: ") and "Traceback" not in err
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- only regular files are replaced ------------------------------------------------------------


@pytest.mark.parametrize("force", [False, True])
def test_output_onto_a_folder_is_refused(repo: Path, tmp_path: Path, force: bool) -> None:
    folder = tmp_path / "dir"
    folder.mkdir()
    argv = ["rank", str(repo), "-o", str(folder)] + (["--force"] if force else [])
    code, _, err = run(*argv)
    assert code == 1
    assert "it is a folder; only regular files are replaced" in one_line_error(err)
    assert folder.is_dir() and list(folder.iterdir()) == []


@pytest.mark.parametrize("device", ["/dev/full", "/dev/null"])
def test_output_onto_a_device_is_refused_and_the_node_kept(
    repo: Path, device: str, tmp_path: Path
) -> None:
    # the reproducer: as root, `rank -o /dev/full --force` replaced the device with a file
    if not Path(device).exists():
        pytest.skip(f"{device} does not exist here")
    code, _, err = run("rank", str(repo), "-o", device, "--force")
    assert code == 1
    assert "character device" in one_line_error(err)
    assert Path(device).is_char_device()
    # a link to a device is refused the same way
    link = tmp_path / "link"
    link.symlink_to(device)
    code, _, err = run("rank", str(repo), "-o", str(link), "--force")
    assert code == 1 and "symbolic link to a character device" in one_line_error(err)
    assert link.is_symlink()


def test_output_onto_a_fifo_is_refused(repo: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = run("rank", str(repo), "-o", str(fifo), "--force")
    assert code == 1 and "FIFO" in one_line_error(err)
    assert fifo.is_fifo()


def test_output_onto_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(path))
        with pytest.raises(InputError, match="a socket; only regular files"):
            write_atomic(path, "x", force=True)
    finally:
        sock.close()


def test_symlink_to_a_regular_file_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with pytest.raises(InputError, match="already exists"):
        write_atomic(link, "new")
    write_atomic(link, "new", force=True)
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere")
    with pytest.raises(InputError, match="symbolic link to nothing"):
        write_atomic(dangling, "x", force=True)
    assert leftovers(tmp_path) == []


# --- creating a new file is exclusive ---------------------------------------------------------


def test_two_writers_of_one_new_file_cannot_both_succeed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    real_link = os.link

    def rival_first(src: str, dst: str) -> None:
        # another run creates the file between our check and our rename
        Path(dst).write_text("rival", encoding="utf-8")
        real_link(src, dst)

    monkeypatch.setattr(os, "link", rival_first)
    with pytest.raises(InputError, match="already exists; use --force"):
        write_atomic(target, "ours")
    assert target.read_text(encoding="utf-8") == "rival"
    assert leftovers(tmp_path) == []


def test_exclusive_create_without_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(src: str, dst: str) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "out.txt"
    write_atomic(target, "one")
    assert target.read_text(encoding="utf-8") == "one"
    with pytest.raises(InputError, match="already exists"):
        write_atomic(target, "two")
    assert leftovers(tmp_path) == []


def test_force_replaces_a_file_created_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    real_link = os.link

    def rival_first(src: str, dst: str) -> None:
        Path(dst).write_text("rival", encoding="utf-8")
        real_link(src, dst)

    monkeypatch.setattr(os, "link", rival_first)
    write_atomic(target, "ours", force=True)
    assert target.read_text(encoding="utf-8") == "ours"
    assert leftovers(tmp_path) == []


def test_force_never_replaces_a_folder_made_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    real_replace = os.replace

    def swap_to_folder(src: str, dst: str) -> None:
        raise AssertionError("os.replace must not be reached")

    real_fsync = os.fsync

    def make_folder_meanwhile(fd: int) -> None:
        real_fsync(fd)
        target.unlink()
        target.mkdir()

    monkeypatch.setattr(os, "fsync", make_folder_meanwhile)
    monkeypatch.setattr(os, "replace", swap_to_folder)
    with pytest.raises(InputError, match="it is a folder"):
        write_atomic(target, "new", force=True)
    monkeypatch.setattr(os, "replace", real_replace)
    assert target.is_dir() and leftovers(tmp_path) == []


# --- failures while writing -------------------------------------------------------------------


def test_full_disk_is_one_line_and_leaves_nothing(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(io_module.os, "write", full)
    target = tmp_path / "r.json"
    code, _, err = run("rank", str(repo), "--format", "json", "-o", str(target))
    assert code == 1
    assert "no space left on the device" in one_line_error(err)
    assert list(tmp_path.iterdir()) == []


def test_permission_denied_is_one_line(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(io_module.tempfile, "mkstemp", denied)
    code, _, err = run("rank", str(repo), "-o", str(tmp_path / "r.txt"))
    assert code == 1
    assert f"permission denied in {tmp_path}" in one_line_error(err)


@pytest.mark.skipif(IS_ROOT, reason="root may write into a read-only folder")
def test_read_only_folder_is_one_line(repo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        code, _, err = run("rank", str(repo), "-o", str(folder / "r.txt"))
    finally:
        folder.chmod(0o700)
    assert code == 1 and "permission denied" in one_line_error(err)


def test_output_in_a_missing_folder_or_under_a_file(repo: Path, tmp_path: Path) -> None:
    code, _, err = run("rank", str(repo), "-o", str(tmp_path / "no" / "r.txt"))
    assert code == 1 and "does not exist" in one_line_error(err)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    code, _, err = run("rank", str(repo), "-o", str(tmp_path / "file" / "r.txt"))
    assert code == 1 and "is not a folder" in one_line_error(err)


def test_report_checks_its_output_before_computing(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import appraisal.report.build as build

    def never(*args: object, **kwargs: object) -> str:
        raise AssertionError("the report was computed before the output was checked")

    monkeypatch.setattr(build, "report_text", never)
    folder = tmp_path / "r.html"
    folder.mkdir()
    code, _, err = run("report", str(repo), "-o", str(folder), "--force")
    assert code == 1 and "it is a folder" in one_line_error(err)


def test_check_target_and_make_folder(tmp_path: Path) -> None:
    check_target(tmp_path / "new.txt")
    (tmp_path / "f").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="already exists"):
        check_target(tmp_path / "f")
    check_target(tmp_path / "f", force=True)
    with pytest.raises(InputError, match="a file of that name exists"):
        make_folder(tmp_path / "f")
    assert make_folder(tmp_path / "a").is_dir()
    assert make_folder(tmp_path / "a").is_dir()  # an existing folder is fine


@pytest.mark.parametrize(
    "argv",
    [
        ["schema", "--output-dir", "{tmp}/nope/deeper"],
        ["new", "case", "{tmp}/nope/deeper"],
    ],
)
def test_a_missing_parent_folder_is_refused_not_created(tmp_path: Path, argv: list[str]) -> None:
    # like ``export -o missing/f.json``: the named folder may be made, its parent must exist
    code, out, err = run(*(a.replace("{tmp}", str(tmp_path)) for a in argv))
    line = one_line_error(err)
    assert code == 1 and out == ""
    assert line == (
        f"appraisal: error: cannot create the folder {tmp_path / 'nope' / 'deeper'}: "
        f"the folder {tmp_path / 'nope'} does not exist."
    )
    assert not (tmp_path / "nope").exists()
    with pytest.raises(InputError, match="does not exist"):
        make_folder(tmp_path / "a" / "b")
    # the folder itself is created when its parent exists
    code, _, _ = run(*(a.replace("{tmp}", str(tmp_path)).replace("/deeper", "") for a in argv))
    assert code == 0 and (tmp_path / "nope").is_dir()


def test_schema_output_dir_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    code, _, err = run("schema", "--output-dir", str(tmp_path / "file"))
    assert code == 1 and "a file of that name exists" in one_line_error(err)


def test_new_case_in_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    code, _, err = run("new", "case", str(tmp_path / "file"))
    assert code == 1 and "a file of that name exists" in one_line_error(err)
    code, _, err = run("new", "case", str(tmp_path / "file" / "sub"))
    assert code == 1 and "Traceback" not in err


def test_interrupted_write_removes_its_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from appraisal._terminal import Terminated

    def stop(fd: int) -> None:
        raise Terminated

    monkeypatch.setattr(os, "fsync", stop)
    with pytest.raises(Terminated):
        write_atomic(tmp_path / "new.txt", "x" * 100_000)
    assert list(tmp_path.iterdir()) == []


# --- signals and standard output, through a real process ---------------------------------------


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": SRC, "PYTHONDONTWRITEBYTECODE": "1"}


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _slow_report(repo: Path, tmp_path: Path) -> tuple[subprocess.Popen[bytes], list[bytes]]:
    """A report that samples for minutes, started and past loading (its warnings printed)."""
    target = tmp_path / "r.html"
    argv = ["report", str(repo), "-n", "50000000", "-o", str(target)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "appraisal", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        # a job started in the background by a shell inherits SIGINT ignored (as CI may start
        # us); Ctrl-C reaches a program whose SIGINT is in its default state
        preexec_fn=_default_sigint,
    )
    assert proc.stderr is not None
    # Birmingham has two warnings, printed once the case is loaded and SMAA is about to run
    seen = [proc.stderr.readline(), proc.stderr.readline()]
    assert all(b"warning:" in line for line in seen), seen
    time.sleep(0.5)
    assert proc.poll() is None, proc.communicate()
    return proc, seen


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sig", "status", "line"),
    [
        (signal.SIGINT, 130, "appraisal: interrupted"),
        (signal.SIGTERM, 143, "appraisal: terminated"),
    ],
)
def test_signal_ends_a_report_cleanly(
    repo: Path, tmp_path: Path, sig: signal.Signals, status: int, line: str
) -> None:
    proc, seen = _slow_report(repo, tmp_path)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    text = b"".join([*seen, err]).decode()
    assert proc.returncode == status, text
    assert "Traceback" not in text
    assert text.splitlines()[-1] == line
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_signal_during_the_write_leaves_no_temporary_file(repo: Path, tmp_path: Path) -> None:
    # SIGTERM while the report file is being written: a tiny program stops itself mid-write
    code = (
        "import os, signal, sys\n"
        "import appraisal.io.files as io_module\n"
        "from appraisal.cli import main_entry\n"
        "real = os.fsync\n"
        "def fsync(fd):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    real(fd)\n"
        "io_module.os.fsync = fsync\n"
        f"sys.argv = ['appraisal', 'report', {str(repo)!r}, '-n', '0', '-o', "
        f"{str(tmp_path / 'r.html')!r}]\n"
        "main_entry()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, env=_env(), timeout=120, check=False
    )
    assert proc.returncode == 143, proc.stderr.decode()
    assert "Traceback" not in proc.stderr.decode()
    assert list(tmp_path.iterdir()) == []


def test_standard_output_full_is_one_line(repo: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    with open("/dev/full", "w", encoding="utf-8") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "appraisal", "rank", str(repo)],
            stdout=full,
            stderr=subprocess.PIPE,
            env=_env(),
            timeout=120,
            check=False,
        )
    err = proc.stderr.decode()
    assert proc.returncode == 1, err
    assert "Traceback" not in err and "Exception ignored" not in err
    assert one_line_error(err) == (
        "appraisal: error: cannot write to standard output: No space left on device."
    )


def test_broken_pipe_exits_quietly(case_copy: Path) -> None:
    # an output larger than any pipe buffer, so the reader leaves before the writer is done
    option = case_copy / "options" / "outsource.yaml"
    text = option.read_text(encoding="utf-8")
    long = re.sub(r"summary: >-\n  [^\n]*\n", f"summary: {'x' * 400_000}\n", text)
    assert long != text
    option.write_text(long, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "appraisal", "export", str(case_copy)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=120) == 141
    assert [line for line in err.splitlines() if "warning:" not in line] == []


# --- the output is never one of the case's own files ----------------------------------------


@pytest.mark.parametrize(
    ("command", "extra"),
    [
        ("rank", []),
        ("weights", []),
        ("compare", []),
        ("export", []),
        ("sensitivity", []),
        ("sensitivity", ["-m", "smaa", "-n", "20"]),
    ],
)
@pytest.mark.parametrize("own", ["criteria/criteria.yaml", "options/outsource.yaml"])
def test_output_over_the_cases_own_file_is_refused_even_with_force(
    case_copy: Path, monkeypatch: pytest.MonkeyPatch, command: str, extra: list[str], own: str
) -> None:
    # `export --force -o criteria/criteria.yaml` replaced the criteria with JSON
    monkeypatch.chdir(case_copy)
    before = (case_copy / own).read_bytes()
    code, out, err = run(command, *extra, "-o", own, "--force")
    assert code == 1 and out == ""
    assert one_line_error(err) == (
        f"appraisal: error: --output {own} is one of the case's own files; "
        "write the output elsewhere."
    )
    assert (case_copy / own).read_bytes() == before
    # another spelling of the same file, run from elsewhere, and a link to it
    monkeypatch.chdir(case_copy.parent)
    spelled = f"case/criteria/../{own}"
    code, _, err = run(command, "case", *extra, "-o", spelled, "--force")
    assert code == 1 and "is one of the case's own files" in err
    link = case_copy.parent / "link.yaml"
    link.symlink_to(case_copy / own)
    code, _, err = run(command, "case", *extra, "-o", str(link), "--force")
    assert code == 1 and "is one of the case's own files" in err
    assert (case_copy / own).read_bytes() == before


def test_report_and_xlsx_over_the_cases_own_file_are_refused(case_copy: Path) -> None:
    pytest.importorskip("openpyxl")
    own = case_copy / "criteria" / "criteria.yaml"
    before = own.read_bytes()
    report = case_copy.parent / "r.html"
    report.symlink_to(own)
    code, _, err = run("report", str(case_copy), "-n", "0", "-o", str(report), "--force")
    assert code == 1 and "is one of the case's own files" in one_line_error(err)
    code, _, err = run("export", str(case_copy), "--format", "xlsx", "-o", str(own), "--force")
    assert code == 1 and "is one of the case's own files" in one_line_error(err)
    assert own.read_bytes() == before
