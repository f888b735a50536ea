"""Writing files safely: atomically, only over regular files, and never over one unless asked.

The data goes to a temporary file in the target's folder first (``.NAME.XXXX.tmp``), is flushed
to disk, and only then takes the target's name:

- a new file is created with ``os.link(tmp, target)``, which fails if ``target`` exists, so two
  writers racing for the same new name cannot both succeed (on a file system without hard links,
  ``O_CREAT | O_EXCL`` reserves the name and ``os.replace`` fills it);
- with ``force``, ``os.replace`` swaps it in, after checking that what is there is a regular
  file (a symbolic link to a regular file is followed, and the file it points to is replaced).

A directory, device, FIFO or socket is never replaced, whatever ``force`` says. The temporary
file is removed on any exception, ``KeyboardInterrupt`` and the CLI's SIGTERM included, so an
interrupted write leaves neither a partial target nor a stray temporary file. Every failure the
caller can fix (no such folder, permission denied, disk full) is an :class:`InputError` with one
line of explanation.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from appraisal.errors import InputError

__all__ = ["check_target", "make_folder", "write_atomic"]

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def _reason(exc: OSError) -> str:
    """A short, lower-case reason for an OS error."""
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    if exc.errno == errno.EDQUOT:
        return "disk quota exceeded"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    return (exc.strerror or type(exc).__name__).lower()


def _existing(target: Path) -> tuple[Path, bool]:
    """``(where to write, whether something is there)``; refuses anything but a regular file."""
    try:
        info = os.lstat(target)
    except (FileNotFoundError, NotADirectoryError):  # the folder check says which
        return target, False
    except OSError as exc:
        raise InputError(f"cannot write {target}: {_reason(exc)}.") from exc
    if stat.S_ISLNK(info.st_mode):
        try:
            followed = os.stat(target)
        except OSError:
            # a dangling link: the name is taken, and there is no file to replace through it
            raise InputError(
                f"cannot write {target}: it is a symbolic link to nothing; remove it first."
            ) from None
        if not stat.S_ISREG(followed.st_mode):
            raise InputError(
                f"cannot write {target}: it is a symbolic link to {_kind(followed.st_mode)}; "
                "only regular files are replaced."
            )
        return Path(os.path.realpath(target)), True
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            f"cannot write {target}: it is {_kind(info.st_mode)}; only regular files are replaced."
        )
    return target, True


def _write_all(fd: int, raw: bytes) -> None:
    view = memoryview(raw)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _create_exclusive(tmp: str, final: Path) -> None:
    """Give ``tmp`` the name ``final``; FileExistsError if ``final`` exists (even if just made)."""
    try:
        os.link(tmp, final)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # no hard links here: reserve the name exclusively, then fill it atomically
        os.close(os.open(final, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        os.replace(tmp, final)
        return
    os.unlink(tmp)


def _check_folder(target: Path, folder: Path) -> None:
    if not folder.exists():
        raise InputError(f"cannot write {target}: the folder {folder} does not exist.")
    if not folder.is_dir():
        raise InputError(f"cannot write {target}: {folder} is not a folder.")


def make_folder(path: str | os.PathLike[str]) -> Path:
    """Create the folder ``path``, or explain in one line why it cannot be.

    Only the folder itself is created: its parent must exist, as for a file written with
    :func:`write_atomic` (a mistyped parent is said, not made).

    Raises
    ------
    InputError
        If a file (or anything but a folder) has that name, its parent folder does not exist
        (or is not a folder), or the folder cannot be created.
    """
    folder = Path(path)
    if os.path.lexists(folder) and not folder.is_dir():
        raise InputError(f"cannot create the folder {folder}: a file of that name exists.")
    if folder.is_dir():
        return folder
    parent = folder.parent
    if not parent.exists():
        raise InputError(f"cannot create the folder {folder}: the folder {parent} does not exist.")
    if not parent.is_dir():
        raise InputError(f"cannot create the folder {folder}: {parent} is not a folder.")
    try:
        folder.mkdir(exist_ok=True)
    except FileNotFoundError:
        raise InputError(
            f"cannot create the folder {folder}: the folder {parent} does not exist."
        ) from None
    except OSError as exc:
        raise InputError(f"cannot create the folder {folder}: {_reason(exc)}.") from exc
    return folder


def check_target(path: str | os.PathLike[str], *, force: bool = False) -> None:
    """Raise the :class:`InputError` :func:`write_atomic` would raise before writing anything.

    For commands that compute for a while before writing: they check first, so an output that
    cannot be written is said at once. :func:`write_atomic` checks again when it writes.
    """
    target = Path(path)
    final, exists = _existing(target)
    if exists and not force:
        raise InputError(f"{target} already exists; use --force to replace it.")
    _check_folder(target, final.parent)


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same directory, then rename.

    A reader never sees a half-written file, and an interrupted write leaves no partial file
    and no temporary file.

    Parameters
    ----------
    path : str or path-like
        The file to write. Its folder must exist.
    data : str or bytes
        The content; text is written as UTF-8.
    force : bool
        Replace ``path`` if it is an existing regular file.

    Returns
    -------
    Path
        ``path`` as a :class:`~pathlib.Path`.

    Raises
    ------
    InputError
        If ``path`` exists and ``force`` is False (also when another process creates it while
        this one writes), if it is a folder, device, FIFO or socket, if its folder does not
        exist or is not a folder, or if writing fails (permission denied, disk full).
    """
    target = Path(path)
    final, exists = _existing(target)
    if exists and not force:
        raise InputError(f"{target} already exists; use --force to replace it.")
    folder = final.parent
    _check_folder(target, folder)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {_reason(exc)} in {folder}.") from exc
    try:
        try:
            _write_all(fd, raw)
            os.fsync(fd)
        finally:
            os.close(fd)
        # mkstemp creates the file private (0600); give it the mode a normal write would
        mode = 0o644
        if exists:
            with contextlib.suppress(OSError):
                mode = os.stat(final).st_mode & 0o7777
        os.chmod(tmp, mode)
        if not exists:
            try:
                _create_exclusive(tmp, final)
            except FileExistsError:
                if not force:  # another process created it since the check above
                    raise InputError(
                        f"{target} already exists; use --force to replace it."
                    ) from None
                exists = True
        if exists:
            final = _existing(target)[0]  # still a regular file (or a link to one)?
            os.replace(tmp, final)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise InputError(f"cannot write {target}: {_reason(exc)}.") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target
