"""A hardened, position-keeping YAML reader for hand-edited and untrusted files.

PyYAML's ``safe_load`` is safe from code execution, but it silently keeps the last of two
duplicate keys, expands aliases without bound, resolves ``yes``/``no`` and ``12:30`` (YAML 1.1)
and forgets where each value came from. This module builds Python data from PyYAML's *event*
stream instead (libyaml's C parser when installed), without recursion, and:

- records the 1-based line and column of every node (and of every mapping key);
- reports duplicate mapping keys, merge keys (``<<``), non-scalar keys, tags other than the
  YAML core ones (``!!python/...`` is reported, never constructed) and multi-document files;
- resolves plain scalars by the YAML 1.2 *core* schema: only ``true``/``false`` are booleans,
  ``yes``/``no``/``on``/``off`` and timestamps stay text, ``0o17`` and ``0x1F`` are integers,
  ``.inf`` and ``.nan`` are floats (the model rejects them where a number belongs);
- bounds file size (checked before reading), nesting depth and the number of values after
  alias expansion (a "billion laughs" file stops after a few thousand events), all set by
  :class:`Limits`;
- decodes strictly as UTF-8 (a UTF-8 byte-order mark is dropped; UTF-16/32, invalid bytes,
  NUL and control characters are reported with their position); ``\\r\\n`` line endings are read
  like ``\\n``;
- words syntax errors the same way whichever parser (C or pure Python) ran.

Every problem becomes an :class:`~appraisal.errors.Issue`; nothing here raises on bad input.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from appraisal._text import COMMENT_CUT_KEYS, visible
from appraisal.errors import InputError, Issue, format_path
from appraisal.io.yaml.messages import (
    _check_characters,
    _position,
    _syntax_issue,
    decode_bytes,
)

__all__ = ["LOADER_NAME", "Limits", "YamlDocument", "decode_bytes", "parse_yaml", "read_yaml"]

try:  # libyaml is ~10x faster; positions are kept either way.
    _Parser: type[Any] = yaml.CSafeLoader
    LOADER_NAME = "libyaml (CSafeLoader)"
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = yaml.SafeLoader
    LOADER_NAME = "pure Python (SafeLoader)"

Key = str | int
KeyPath = tuple[Key, ...]
Position = tuple[int, int]


@dataclass(frozen=True)
class Limits:
    """Bounds applied while reading input files; every one can be raised by the caller.

    Attributes
    ----------
    max_file_bytes : int
        Largest file read, in bytes (default 5 MB). Checked before the file is read.
    max_depth : int
        Deepest nesting of mappings and sequences (default 64).
    max_nodes : int
        Most values one file may hold, counting each alias as the size of what it repeats
        (default 200,000): bounds "billion laughs" alias bombs.
    max_options, max_criteria, max_levels : int
        Most option files, criteria and levels per scale in one appraisal.

    Raises
    ------
    InputError
        If a limit is not a positive integer.

    Examples
    --------
    >>> Limits(max_file_bytes=20_000_000).max_file_bytes
    20000000
    """

    max_file_bytes: int = 5_000_000
    max_depth: int = 64
    max_nodes: int = 200_000
    max_options: int = 10_000
    max_criteria: int = 1_000
    max_levels: int = 1_000

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise InputError(f"Limits.{f.name} must be a positive integer, got {value!r}.")


@dataclass(frozen=True)
class YamlDocument:
    """The data of one YAML file with the position of each node.

    ``positions`` maps a key path to the (line, column) of the value at that path and
    ``key_positions`` to the position of the mapping key itself. Both are 1-based.
    """

    file: str
    data: Any
    _positions: dict[KeyPath, Position] = field(default_factory=dict, repr=False)
    _key_positions: dict[KeyPath, Position] = field(default_factory=dict, repr=False)
    #: The text, kept when positions were not recorded on the first reading (a clean file's
    #: positions are only needed if a later cross-file check finds a problem in it).
    source: str | None = field(default=None, repr=False, compare=False)
    limits: Limits | None = field(default=None, repr=False, compare=False)
    #: Warnings found while reading (a comment that cuts a text short); not errors.
    warnings: tuple[Issue, ...] = field(default=(), repr=False, compare=False)

    def _ensure_positions(self) -> None:
        if self.source is None:
            return
        source = self.source
        object.__setattr__(self, "source", None)  # positions are complete after this
        full, _ = parse_yaml(source, self.file, self.limits)
        if full is not None:
            self._positions.update(full.positions)
            self._key_positions.update(full.key_positions)
        self._positions.setdefault((), (1, 1))

    @property
    def positions(self) -> Mapping[KeyPath, Position]:
        """Key path -> (line, column) of the value there (1-based)."""
        self._ensure_positions()
        return self._positions

    @property
    def key_positions(self) -> Mapping[KeyPath, Position]:
        """Key path -> (line, column) of the mapping key itself (1-based)."""
        self._ensure_positions()
        return self._key_positions

    def locate(self, path: KeyPath, *, key: bool = False) -> Position:
        """Position of ``path``, or of its closest existing ancestor.

        With ``key=True`` the position of the mapping key is preferred (used for unknown keys).
        """
        self._ensure_positions()
        p = tuple(path)
        if key and p in self.key_positions:
            return self.key_positions[p]
        while p:
            if p in self.positions:
                return self.positions[p]
            p = p[:-1]
        return self.positions.get((), (1, 1))


# --- scalars: the YAML 1.2 core schema, https://yaml.org/spec/1.2.2/#1032-tag-resolution ----
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
_NONZERO = re.compile(r"[1-9]")
_MAX_DIGITS = 400  # longer integers are almost certainly a mistake, and slow to convert

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {"!", *(_CORE + t for t in ("str", "int", "float", "bool", "null"))}
_COLLECTION_TAGS = {None, "!", _CORE + "map", _CORE + "seq"}


class _Bad(Exception):
    """A scalar that cannot be resolved; carries the message."""


_NOT_SPECIAL = frozenset("abcdeghijklmopqrsuvwxyzABCDEGHIJKLMOPQRSUVWXYZ")
"""First letters no null, boolean or number can start with (n, t, f in either case can)."""


def _resolve_plain(text: str) -> Any:
    # Fast paths for the two commonest cases (ids and small integers); the full YAML 1.2 core
    # rules below give the same answers for them.
    if text[:1] in _NOT_SPECIAL:
        return text
    if text.isdigit() and text.isascii() and len(text) <= _MAX_DIGITS:
        return int(text)
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    for pattern, skip, base in ((_INT10, 0, 10), (_INT8, 2, 8), (_INT16, 2, 16)):
        if pattern.match(text):
            if len(text) > _MAX_DIGITS:
                raise _Bad(
                    f"an integer with {len(text)} digits is too long (at most {_MAX_DIGITS})."
                )
            return int(text[skip:], base)
    if _FLOAT.match(text):
        value = float(text)
        if math.isinf(value):
            raise _Bad(
                f"the number {text[:40]} is too large to be read (the largest is about "
                "1.8e308); check the exponent."
            )
        if value == 0.0 and _NONZERO.search(text.partition("e")[0].partition("E")[0]):
            raise _Bad(
                f"the number {text[:40]} is too small to be read: it would become 0 (the "
                "smallest is about 5e-324); write 0, or check the exponent."
            )
        return value
    if _INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.match(text):
        return math.nan
    return text


def _resolve_tagged(tag: str, text: str) -> Any:
    if tag in ("!", _CORE + "str"):
        return text
    value = _resolve_plain(text)
    kind = tag[len(_CORE) :]
    ok = {
        "int": isinstance(value, int) and not isinstance(value, bool),
        "float": isinstance(value, int | float) and not isinstance(value, bool),
        "bool": isinstance(value, bool),
        "null": value is None,
    }[kind]
    if not ok:
        raise _Bad(f"{text!r} is not a valid !!{kind}.")
    return float(value) if kind == "float" else value


def _short_tag(tag: str) -> str:
    if tag.startswith(_CORE):
        return "!!" + tag[len(_CORE) :]
    return tag if tag.startswith("!") else f"!<{tag}>"


def _tag_message(tag: str) -> str:
    return (
        f"the tag {_short_tag(tag)} is not allowed; only plain values (text, numbers, "
        "true/false, lists and mappings) are read, and nothing in a file is ever executed."
    )


def _dotted(path: KeyPath) -> str:
    """The key path as in every issue, shortened when very deep."""
    if len(path) > 8:
        return format_path(path[:4]) + "..." + format_path(path[-2:])
    return format_path(path)


# --- building data from events ----------------------------------------------------------
class _Stop(Exception):
    """Reading stops here; the reason is already in the issues."""


class _Frame:
    __slots__ = ("anchor", "container", "key", "key_pos", "path", "pos", "size", "skip")

    def __init__(self, container: dict[Any, Any] | list[Any], path: KeyPath, pos: Position):
        self.container = container
        self.path = path
        self.pos = pos
        self.anchor: str | None = None
        self.key: Any = None
        self.key_pos: Position | None = None
        self.size = 1
        self.skip = False


class _Builder:
    def __init__(self, file: str, limits: Limits) -> None:
        self.file = file
        self.limits = limits
        self.issues: list[Issue] = []
        self.warnings: list[Issue] = []
        self.positions: dict[KeyPath, Position] = {}
        self.key_positions: dict[KeyPath, Position] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.stack: list[_Frame] = []
        self.root: list[Any] = []
        self.total = 0

    def issue(self, pos: Position, path: KeyPath, msg: str, value: Any = None) -> None:
        self.issues.append(Issue(self.file, *pos, _dotted(path), msg, value))

    def child_path(self) -> tuple[KeyPath, bool]:
        """Path of the next node, and whether that node is a mapping key."""
        if not self.stack:
            return (), False
        top = self.stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container)), False
        if top.key_pos is None:
            return top.path, True
        return (*top.path, top.key), False

    def count(self, size: int, pos: Position, path: KeyPath, alias: str | None) -> None:
        self.total += size
        if self.total <= self.limits.max_nodes:
            return
        n = f"{self.limits.max_nodes:,}"
        if alias is None:
            msg = f"the file holds more than {n} values; split it, or raise Limits.max_nodes."
        else:
            msg = (
                f"the alias *{alias} makes the file expand to more than {n} values ('*' "
                f"repeats all that '&{alias}' names); this looks like an alias bomb. Write "
                "the values out, or raise Limits.max_nodes."
            )
        self.issue(pos, path, msg, f"*{alias}" if alias else None)
        raise _Stop

    def add(self, value: Any, pos: Position) -> None:
        """Put a finished node into its parent (as a key or a value)."""
        if not self.stack:
            self.root.append(value)
            return
        top = self.stack[-1]
        if isinstance(top.container, list):
            top.container.append(value)
            return
        if top.key_pos is None:  # this node is a key
            self.add_key(top, value, pos)
            return
        if not top.skip:
            top.container[top.key] = value
        top.key, top.key_pos, top.skip = None, None, False

    def add_key(self, top: _Frame, key: Any, pos: Position) -> None:
        top.key, top.key_pos, top.skip = None, pos, True
        if isinstance(key, dict | list) or key is None or isinstance(key, float):
            what = "empty" if key is None else type(key).__name__
            shown = None if isinstance(key, dict | list) else key
            msg = f"a mapping key must be a word or a number, not {what}."
            self.issue(pos, top.path, msg, shown)
            return
        top.key = key
        if isinstance(key, bool):
            key = top.key = str(key).lower()
        if key == "<<":
            msg = "merge keys ('<<') are not supported; write the keys out in full."
            self.issue(pos, top.path, msg, key)
        elif key in top.container:
            key_path = (*top.path, key)
            first = self.key_positions.get(key_path, (0, 0))[0]
            msg = (
                f"the key {key!r} appears twice in this mapping (first at line {first}); keep one."
            )
            self.issue(pos, key_path, msg, key)
        else:
            top.skip = False
            key_path = (*top.path, key)
            self.key_positions[key_path] = pos

    def cut_comment(self, event: yaml.ScalarEvent, text: str) -> None:
        """Warn when a comment after a plain text value on its line cut the text short."""
        path, is_key = self.child_path()
        if is_key or not path:
            return
        key = path[-1] if isinstance(path[-1], str) else path[-2] if len(path) > 1 else None
        if key not in COMMENT_CUT_KEYS or (key == "evidence" and not isinstance(path[-1], int)):
            return
        try:
            if not isinstance(_resolve_plain(event.value), str):
                return
        except _Bad:
            return
        if event.end_mark is None:  # pragma: no cover - both parsers give marks
            return
        hash_at = text.index("#", event.end_mark.index)
        line_end = min(
            [i for i in (text.find("\n", hash_at), text.find("\r", hash_at)) if i >= 0],
            default=len(text),
        )
        lost = visible(text[hash_at:line_end].rstrip())
        shown = lost if len(lost) <= 40 else lost[:37] + "..."
        field_name = "evidence item" if key == "evidence" else key
        fix = "put the whole text in quotes"
        if key not in ("evidence", "name", "title"):  # these are one line
            fix += (
                f", or in a '|' block (write '{key}: |', then the text on the lines below, "
                "indented)"
            )
        msg = (
            f"the text stops before ' #', which YAML reads as the start of a comment, so "
            f"{shown!r} is not part of the {field_name}; {fix}."
        )
        where = _position(text, hash_at)
        self.warnings.append(Issue(self.file, *where, _dotted(path), msg, lost, "warning"))

    def scalar(self, event: yaml.ScalarEvent, pos: Position) -> None:
        path, is_key = self.child_path()
        tag, value = event.tag, None
        try:
            if tag is None or (tag == "!" and event.implicit[0]):
                value = _resolve_plain(event.value) if event.implicit[0] else event.value
            elif tag in _SCALAR_TAGS:
                value = _resolve_tagged(tag, event.value)
            else:
                self.issue(pos, path, _tag_message(tag), _short_tag(tag))
        except _Bad as bad:
            self.issue(pos, path, str(bad), event.value[:40])
        self.total += 1
        if self.total > self.limits.max_nodes:
            self.count(0, pos, path, None)  # reports and stops
        if self.stack:
            self.stack[-1].size += 1
        if not is_key:
            self.positions[path] = pos
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self.add(value, pos)

    def start(self, event: yaml.CollectionStartEvent, pos: Position) -> None:
        path, is_key = self.child_path()
        if event.tag not in _COLLECTION_TAGS:
            self.issue(pos, path, _tag_message(event.tag or ""), _short_tag(event.tag or ""))
        if len(self.stack) >= self.limits.max_depth:
            msg = (
                f"the file is nested more than {self.limits.max_depth} levels deep; "
                "flatten it (or raise Limits.max_depth)."
            )
            self.issue(pos, path, msg)
            raise _Stop
        self.count(1, pos, path, None)
        if not is_key:
            self.positions[path] = pos
        container: dict[Any, Any] | list[Any] = (
            {} if isinstance(event, yaml.MappingStartEvent) else []
        )
        frame = _Frame(container, path, pos)
        if event.anchor:
            frame.anchor = event.anchor
            self.open_anchors.add(event.anchor)
        self.stack.append(frame)

    def end(self) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            self.open_anchors.discard(frame.anchor)
            self.anchors[frame.anchor] = (frame.container, frame.size)
        if self.stack:
            self.stack[-1].size += frame.size
        self.add(frame.container, frame.pos)

    def alias(self, event: yaml.AliasEvent, pos: Position) -> None:
        path, is_key = self.child_path()
        name = event.anchor or ""
        if name in self.open_anchors or name not in self.anchors:
            what = "itself" if name in self.open_anchors else "an anchor not defined above"
            msg = f"the alias *{name} refers to {what}; write the value out in full."
            self.issue(pos, path, msg, f"*{name}")
            raise _Stop
        value, size = self.anchors[name]
        self.count(size, pos, path, name)
        if self.stack:
            self.stack[-1].size += size
        if not is_key:
            self.positions[path] = pos
        self.add(value, pos)


def _comment_starts(text: str) -> set[int]:
    """Indices where the blanks before a ``#`` comment begin, on lines with a value before it.

    The same places as ``_COMMENT_AFTER_VALUE`` finds, found with ``str.find`` (a file's
    header comment at the start of a line costs nothing).

    Examples
    --------
    >>> sorted(_comment_starts("# header\\na: b  # c\\nd: 'e #f'\\n"))
    [13, 24]
    """
    hits: set[int] = set()
    for sep in (" #", "\t#"):
        i = text.find(sep)
        while i >= 0:
            j = i
            while j > 0 and text[j - 1] in " \t":
                j -= 1
            if j > 0 and not text[j - 1].isspace() and text[j - 1] != "#":
                hits.add(j)
            i = text.find(sep, i + 1)
    return hits


def parse_yaml(
    text: str, file: str, limits: Limits | None = None, *, keep_positions: bool = True
) -> tuple[YamlDocument | None, list[Issue]]:
    """Parse one YAML document from text, keeping node positions.

    Parameters
    ----------
    text : str
        The document.
    file : str
        Name used in issues.
    limits : Limits, optional
        Bounds on depth and node count; defaults to :class:`Limits()`.
    keep_positions : bool, default True
        With False, node positions are not recorded on this reading (about a third faster);
        the document keeps its text and records them on the first ``locate``. A file with
        any problem is always read again with positions, so its issues are located.

    Returns
    -------
    (YamlDocument or None, list of Issue)
        The document is ``None`` when it could not be built at all; issues are errors.

    Examples
    --------
    >>> doc, issues = parse_yaml("a: 1\\nb: [x, yes]\\n", "f.yaml")
    >>> doc.data, doc.locate(("b", 1)), issues
    ({'a': 1, 'b': ['x', 'yes']}, (2, 8), [])
    >>> _, issues = parse_yaml("a: 1\\na: 2\\n", "f.yaml")
    >>> print(issues[0])
    f.yaml:2:1: a: the key 'a' appears twice in this mapping (first at line 1); keep one.
    """
    limits = limits or Limits()
    text = text.removeprefix("\ufeff")  # a byte-order mark (the parsers count it differently)
    if len(text) > limits.max_file_bytes:  # each character is at least one byte
        msg = (
            f"the text is over the limit of {limits.max_file_bytes:,} bytes; split it, "
            "or raise Limits.max_file_bytes."
        )
        return None, [Issue(file, 1, 1, "", msg, len(text))]
    return _parse(text, file, limits, keep_positions, _Parser)


def _parse(
    text: str, file: str, limits: Limits, keep_positions: bool, parser: type[Any]
) -> tuple[YamlDocument | None, list[Issue]]:
    b = _Builder(file, limits)
    documents = 0
    # Where a comment follows a value on its line (usually nowhere): a plain scalar ending
    # there lost the rest of its line to the comment.
    hits = _comment_starts(text)
    # Dispatch on the exact event class (faster than a chain of isinstance checks); events are
    # pulled from the loader directly rather than through yaml.parse's generator.
    kinds = {
        yaml.ScalarEvent: 1,
        yaml.MappingStartEvent: 2,
        yaml.SequenceStartEvent: 2,
        yaml.MappingEndEvent: 3,
        yaml.SequenceEndEvent: 3,
        yaml.AliasEvent: 4,
        yaml.DocumentStartEvent: 5,
    }
    stack = b.stack
    positions = b.positions
    key_positions = b.key_positions
    max_nodes = limits.max_nodes
    try:
        loader = parser(text)  # the readers check characters here already
        while (event := loader.get_event()) is not None:
            kind = kinds.get(type(event), 0)
            if kind == 3:
                b.end()
                continue
            if kind == 0:
                continue
            mark = event.start_mark
            pos: Position = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            if kind == 1:
                if hits and not event.style and event.end_mark.index in hits:
                    b.cut_comment(event, text)
                # Fast path for the commonest node, an untagged, unanchored scalar inside a
                # collection whose value needs no resolution beyond the fast cases of
                # _resolve_plain; everything else goes through _Builder.scalar, which does the
                # same bookkeeping in full.
                text_value = event.value
                if event.tag is None and not event.anchor and stack and b.total < max_nodes:
                    if not event.implicit[0]:
                        value: Any = text_value
                    elif text_value[:1] in _NOT_SPECIAL:
                        value = text_value
                    elif (
                        text_value.isdigit()
                        and text_value.isascii()
                        and len(text_value) <= _MAX_DIGITS
                    ):
                        value = int(text_value)
                    else:
                        b.scalar(event, pos)
                        continue
                    b.total += 1
                    top = stack[-1]
                    top.size += 1
                    container = top.container
                    if type(container) is list:
                        if keep_positions:
                            path = (*top.path, len(container))
                            positions[path] = pos
                        container.append(value)
                    elif top.key_pos is None:  # a key
                        if type(value) is str and value != "<<" and value not in container:
                            top.key, top.key_pos, top.skip = value, pos, False
                            if keep_positions:
                                key_path = (*top.path, value)
                                key_positions[key_path] = pos
                        else:
                            b.add_key(top, value, pos)
                    else:
                        if keep_positions:
                            value_path = (*top.path, top.key)
                            positions[value_path] = pos
                        if not top.skip:
                            container[top.key] = value
                        top.key, top.key_pos, top.skip = None, None, False
                    continue
                b.scalar(event, pos)
            elif kind == 2:
                b.start(event, pos)
            elif kind == 4:
                b.alias(event, pos)
            else:
                documents += 1
                if documents > 1:
                    msg = (
                        "the file holds more than one YAML document ('---'); "
                        "put each in its own file."
                    )
                    b.issues.append(Issue(file, *pos, "", msg))
                    break
    except _Stop:
        return None, b.issues
    except (yaml.reader.ReaderError, UnicodeEncodeError):
        # A character YAML forbids (or a lone surrogate libyaml cannot encode). libyaml gives
        # a byte offset, so the character is found here, in characters, for both parsers.
        bad = _check_characters(text, file)
        fallback = Issue(file, 1, 1, "", "the file holds a character YAML does not allow.")
        return None, [*b.issues, bad or fallback]
    except yaml.YAMLError as exc:
        if parser is not yaml.SafeLoader:
            # Read again with the pure-Python parser, which has no limits of its own: libyaml
            # 0.2.5 as bundled since PyYAML 6.0.2 stops at 1,000 levels of nesting (and looks
            # that far ahead inside '[' before giving any event), so our own Limits.max_depth
            # would not speak first, and the wording of a syntax error would depend on the
            # PyYAML build. A file with a syntax error is read the same way by every build.
            return _parse(text, file, limits, keep_positions, yaml.SafeLoader)
        return None, [*b.issues, _syntax_issue(file, exc, text)]
    data = b.root[0] if b.root else None
    if not keep_positions:
        if b.issues:  # locate every issue: read again, recording positions
            return parse_yaml(text, file, limits)
        doc = YamlDocument(file, data, {}, {}, source=text, limits=limits)
        object.__setattr__(doc, "warnings", tuple(b.warnings))
        return doc, []
    b.positions.setdefault((), (1, 1))
    doc = YamlDocument(file, data, b.positions, b.key_positions)
    object.__setattr__(doc, "warnings", tuple(b.warnings))
    return doc, b.issues


def read_yaml(
    path: Path, file: str, limits: Limits | None = None
) -> tuple[YamlDocument | None, list[Issue]]:
    """Read and parse a YAML file, checking its size and encoding first.

    Parameters
    ----------
    path : pathlib.Path
        The file to read.
    file : str
        Name used in issues (usually the path relative to the case directory).
    limits : Limits, optional
        Bounds; defaults to :class:`Limits()`.

    Returns
    -------
    (YamlDocument or None, list of Issue)
    """
    limits = limits or Limits()
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            msg = (
                f"the file is {size:,} bytes, over the limit of {limits.max_file_bytes:,}; "
                "split it, or raise Limits.max_file_bytes."
            )
            return None, [Issue(file, 1, 1, "", msg, size)]
        with path.open("rb") as handle:
            raw = handle.read(limits.max_file_bytes + 1)
    except OSError as exc:
        return None, [Issue(file, 0, 0, "", f"the file cannot be read: {exc.strerror}.")]
    if len(raw) > limits.max_file_bytes:  # grew while we looked
        msg = f"the file is over the limit of {limits.max_file_bytes:,} bytes."
        return None, [Issue(file, 1, 1, "", msg, len(raw))]
    text, issues = decode_bytes(raw, file)
    if text is None:
        return None, issues
    return parse_yaml(text, file, limits, keep_positions=False)
