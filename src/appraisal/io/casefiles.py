"""Which files of a case folder are read, and reading each of them once.

The rules, in one place (``docs/format.md`` describes them for users):

=====================  ===========================================================================
``criteria/``          ``criteria.yaml`` and the optional ``weights.yaml``; ``.yml`` is read the
                       same as ``.yaml`` and names are matched ignoring case (``Criteria.YML``).
                       Two spellings of one file (``weights.yaml`` and ``weights.yml``) are an
                       error naming both.
``options/``           every file whose name ends in ``.yaml`` or ``.yml`` in any case
                       (``Outsource.YAML``), in file-name order (by code point, whatever order the
                       file system lists them in).
skipped silently       hidden names (``.DS_Store``, ``.~lock.x.yaml#``, ``.x.yaml.swp``), editor
                       backups ending in ``~``, Office lock files ``~$*``, ``Thumbs.db`` and
                       ``desktop.ini``.
warned about           every other entry in ``criteria/`` and ``options/`` (``outsource.txt``,
                       ``outsource.yaml.txt``, ``weight.yaml``, a sub-folder), by name: it is not
                       read.
errors                 a folder, broken link, link loop, device or pipe where a YAML file is
                       expected; a file whose real location is outside the case folder (a link to
                       ``/etc/passwd`` is never opened); a name that is not valid UTF-8; a folder
                       or file that cannot be read.
=====================  ===========================================================================

Each file is read once, as bytes: the SHA-256 recorded for provenance is of exactly the bytes
that were parsed. File names in messages are escaped (``outsource\\xff.yaml``) so that no name
can break a terminal line or an encoder.
"""

from __future__ import annotations

import difflib
import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from appraisal.errors import Issue
from appraisal.io.yaml.reader import Limits, YamlDocument, decode_bytes, parse_yaml

__all__ = ["CaseFile", "Listing", "list_case", "read_case_file", "same_option_file", "shown_name"]

YAML_SUFFIXES = (".yaml", ".yml")
CRITERIA_DIR = "criteria"
OPTIONS_DIR = "options"
CRITERIA_STEM = "criteria"
WEIGHTS_STEM = "weights"
_SKIPPED_NAMES = frozenset({"thumbs.db", "desktop.ini"})
# Extensions an editor may add to ``x.yaml`` while the system hides them (``x.yaml.txt``).
_ADDED_EXTENSIONS = frozenset({".txt", ".text", ".rtf", ".doc", ".docx", ".odt"})


@dataclass(frozen=True)
class CaseFile:
    """A file to be read: where it is, how issues name it, and its path in the case folder."""

    path: Path
    shown: str
    relative: str


@dataclass
class Listing:
    """What a case folder holds, and what was said about it."""

    criteria: list[CaseFile]
    weights: list[CaseFile]
    options: list[CaseFile]
    issues: list[Issue]
    warnings: list[Issue]
    shown_root: str = "."
    criteria_dir_ok: bool = True
    options_dir_ok: bool = True

    def shown(self, relative: str) -> str:
        """How issues name ``relative`` (a path in the case folder)."""
        return _join(self.shown_root, relative)


def _join(shown_root: str, relative: str) -> str:
    return shown_name(relative if shown_root in ("", ".") else f"{shown_root}/{relative}")


def shown_name(text: str) -> str:
    """A path as printed in a message: undecodable bytes and unprintable characters escaped.

    Examples
    --------
    >>> shown_name("options/outsource\\udcff.yaml")
    'options/outsource\\\\xff.yaml'
    >>> shown_name("options/a\\nb.yaml")
    'options/a\\\\nb.yaml'
    """
    decoded = os.fsencode(text).decode("utf-8", "backslashreplace")
    if decoded.isprintable():
        return decoded
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in decoded)


def _skipped(name: str) -> bool:
    return name.startswith((".", "~$")) or name.endswith("~") or name.casefold() in _SKIPPED_NAMES


def _is_yaml(name: str) -> bool:
    return name.lower().endswith(YAML_SUFFIXES) and name.lower() not in YAML_SUFFIXES


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0].lower()


def same_option_file(name: str, option_id: str) -> bool:
    """Whether a file ``name`` in ``options/`` would be read as the file of ``option_id``."""
    return _is_yaml(name) and _stem(name) == option_id.lower()


def _undecodable(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class _Lister:
    def __init__(self, root: Path, shown_root: str) -> None:
        self.root = root
        self.shown_root = shown_root
        self.real_root = os.path.realpath(root)
        self._real_dirs: dict[str, str] = {}
        self.issues: list[Issue] = []
        self.warnings: list[Issue] = []

    def shown(self, relative: str) -> str:
        return _join(self.shown_root, relative)

    def error(self, relative: str, message: str, value: object = None) -> None:
        self.issues.append(Issue(self.shown(relative), 0, 0, "", message, value))

    def warn(self, relative: str, message: str) -> None:
        self.warnings.append(Issue(self.shown(relative), 0, 0, "", message, None, "warning"))

    def folder(self, sub: str) -> list[str] | None:
        """Names in ``root/sub`` in code-point order, or None (with an issue) if unreadable."""
        path = self.root / sub
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            if os.path.islink(path):
                self.error(sub, "this is a link to a folder that does not exist; fix the link.")
                return None
            return []  # the missing files are reported by the loader
        except OSError as exc:
            self.error(sub, f"the folder cannot be read: {exc.strerror}.")
            return None
        if not stat.S_ISDIR(mode):
            self.error(
                sub,
                "this is not a folder; a case holds the folders criteria/ and options/.",
            )
            return None
        try:
            return sorted(os.listdir(path))
        except OSError as exc:
            self.error(sub, f"the folder cannot be read: {exc.strerror}.")
            return None

    def kind(self, relative: str) -> str:
        """``file``, ``folder``, ``missing-link``, ``loop``, ``special`` or ``unreadable: ...``."""
        path = self.root / relative
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            return "missing-link" if os.path.islink(path) else "gone"
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return "loop"
            return f"unreadable: {exc.strerror}"
        if stat.S_ISREG(mode):
            return "file"
        return "folder" if stat.S_ISDIR(mode) else "special"

    def inside(self, relative: str) -> bool:
        """Whether the file's real location (links followed) is inside the case folder."""
        path = os.path.join(self.root, relative)
        folder, name = os.path.split(path)
        if os.path.islink(path):
            real = os.path.realpath(path)
        else:  # a plain entry lies where its folder really is (one realpath per folder)
            if folder not in self._real_dirs:
                self._real_dirs[folder] = os.path.realpath(folder)
            real = os.path.join(self._real_dirs[folder], name)
        try:
            return os.path.commonpath([real, self.real_root]) == self.real_root
        except ValueError:  # another drive (Windows)
            return False

    def readable(self, relative: str, what: str) -> bool:
        """Whether a file expected to be YAML can be read; if not, say why (an error)."""
        kind = self.kind(relative)
        if _undecodable(relative):
            self.error(
                relative,
                "the file name is not valid UTF-8 (its bad bytes are shown as \\x escapes); "
                "rename the file.",
            )
            return False
        if kind == "file":
            if not self.inside(relative):
                self.error(
                    relative,
                    "this is a link to a file outside the case folder, so it is not read; "
                    "copy the file into the case folder instead.",
                )
                return False
            return True
        sub = relative.split("/", 1)[0]
        why = {
            "folder": f"this is a folder, not a file; {what} must be a YAML file (rename the "
            f"folder, or move it out of {sub}/).",
            "missing-link": "this is a link to a file that does not exist; fix the link or "
            "delete it.",
            "loop": "this is a link that leads back to itself; fix the link or delete it.",
            "special": f"this is not a regular file (a device, pipe or socket); {what} must be "
            "a YAML file.",
            "gone": "this file disappeared while the folder was being read; run again.",
        }.get(kind, f"the file cannot be read: {kind.partition(': ')[2]}.")
        self.error(relative, why)
        return False

    def case_file(self, relative: str) -> CaseFile:
        return CaseFile(self.root / relative, self.shown(relative), shown_name(relative))

    def other(self, sub: str, name: str, hint: str) -> None:
        """Say that ``sub/name`` is not read (skipped names are passed over silently)."""
        relative = f"{sub}/{name}"
        if self.kind(relative) == "folder":
            self.warn(relative, f"a folder; nothing in it is read ({hint}).")
            return
        lower = name.lower()
        for suffix in YAML_SUFFIXES:
            at = lower.find(suffix + ".")
            if at > 0 and lower[at + len(suffix) :] in _ADDED_EXTENSIONS:
                meant = shown_name(name[: at + len(suffix)])
                hint = (
                    f"the name looks like {meant} with a second extension, which some systems "
                    f"hide; rename it to {meant}"
                )
                break
        self.warn(relative, f"not read: {hint}.")


def list_case(root: Path, shown_root: str, *, options: bool = True) -> Listing:
    """Sort a case folder's entries into files to read, errors and warnings.

    Parameters
    ----------
    root : pathlib.Path
        The case folder (already known to be a folder).
    shown_root : str
        How the case folder is named in issues (``"."`` or ``""`` for none).
    options : bool, default True
        With False, ``options/`` is not looked at.
    """
    lister = _Lister(root, shown_root)
    found: dict[str, list[CaseFile]] = {CRITERIA_STEM: [], WEIGHTS_STEM: []}
    names = lister.folder(CRITERIA_DIR)
    criteria_ok = names is not None
    for name in names or []:
        if _skipped(name):
            continue
        relative = f"{CRITERIA_DIR}/{name}"
        stem = _stem(name)
        if _is_yaml(name) and stem in found:
            what = "the criteria file" if stem == CRITERIA_STEM else "the weights file"
            if lister.readable(relative, what):
                found[stem].append(lister.case_file(relative))
            continue
        close = difflib.get_close_matches(stem, (CRITERIA_STEM, WEIGHTS_STEM), n=1)
        hint = "criteria/ holds only criteria.yaml and weights.yaml"
        if close:
            holds = "the criteria" if close[0] == CRITERIA_STEM else "the weight sets"
            hint += f"; rename it to {close[0]}.yaml if it holds {holds}"
        lister.other(CRITERIA_DIR, name, hint)
    for files in found.values():
        if len(files) > 1:
            both = " and ".join(f.shown for f in files)
            lister.error(
                files[1].relative,
                f"{both} are two copies of one file; keep one (only {files[0].shown} was read).",
            )
            del files[1:]
    found_options: list[CaseFile] = []
    names = lister.folder(OPTIONS_DIR) if options else []
    options_ok = names is not None
    for name in names or []:
        if _skipped(name):
            continue
        relative = f"{OPTIONS_DIR}/{name}"
        if _is_yaml(name):
            if lister.readable(relative, "an option"):
                found_options.append(lister.case_file(relative))
            continue
        lister.other(
            OPTIONS_DIR,
            name,
            "only files ending in .yaml or .yml directly in options/ are options; rename it "
            "if it is one",
        )
    return Listing(
        criteria=found[CRITERIA_STEM],
        weights=found[WEIGHTS_STEM],
        options=found_options,
        issues=lister.issues,
        warnings=lister.warnings,
        shown_root=shown_root,
        criteria_dir_ok=criteria_ok,
        options_dir_ok=options_ok,
    )


def _open_nonblocking(path: str, flags: int) -> int:
    """Open without blocking, so a file swapped for a pipe after the listing cannot hang."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


@dataclass(frozen=True)
class ReadResult:
    """One file's document (None if it could not be built), its issues and the SHA-256 of
    the bytes that were parsed (None if nothing was read)."""

    doc: YamlDocument | None
    issues: list[Issue]
    sha256: str | None


def read_case_file(file: CaseFile, limits: Limits) -> ReadResult:
    """Read a file once, hash those bytes, and parse them; never raises on bad input."""
    shown = file.shown
    try:
        with open(file.path, "rb", opener=_open_nonblocking) as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                msg = "this is not a regular file; it must be a YAML file."
                return ReadResult(None, [Issue(shown, 0, 0, "", msg)], None)
            if info.st_size > limits.max_file_bytes:
                msg = (
                    f"the file is {info.st_size:,} bytes, over the limit of "
                    f"{limits.max_file_bytes:,}; split it, or raise Limits.max_file_bytes."
                )
                return ReadResult(None, [Issue(shown, 1, 1, "", msg, info.st_size)], None)
            raw = handle.read(limits.max_file_bytes + 1)
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        msg = f"the file cannot be read: {why}."
        return ReadResult(None, [Issue(shown, 0, 0, "", msg)], None)
    if len(raw) > limits.max_file_bytes:  # grew while we looked
        msg = f"the file is over the limit of {limits.max_file_bytes:,} bytes."
        return ReadResult(None, [Issue(shown, 1, 1, "", msg, len(raw))], None)
    digest = hashlib.sha256(raw).hexdigest()
    text, issues = decode_bytes(raw, shown)
    if text is None:
        return ReadResult(None, issues, digest)
    doc, issues = parse_yaml(text, shown, limits, keep_positions=False)
    return ReadResult(doc, issues, digest)
