"""A hardened, position-keeping YAML reader for hand-edited and untrusted files.

PyYAML's ``safe_load`` is safe from code execution, but it silently keeps the last of two
duplicate keys, expands aliases without bound, recurses on deep nesting, resolves ``yes``/``no``
and ``12:30`` (YAML 1.1) and forgets where each value came from. This module builds Python data
from PyYAML's *event* stream instead (libyaml's C parser when installed), without recursion, and:

- records the 1-based line and column of every node (and of every mapping key);
- reports duplicate mapping keys, merge keys (``<<``), non-scalar keys, tags other than the
  YAML core ones (``!!python/...`` is reported, never constructed) and multi-document files;
- resolves plain scalars by the YAML 1.2 *core* schema: only ``true``/``false`` are booleans,
  ``yes``/``no``/``on``/``off`` and timestamps stay text;
- bounds file size, nesting depth and the number of nodes after alias expansion
  (a "billion laughs" file is rejected after a few thousand events), all set by :class:`Limits`;
- decodes strictly as UTF-8 (a byte-order mark is dropped; UTF-16/32 and invalid bytes are
  reported with their position).

Every problem becomes an :class:`~appraisal.errors.Issue`; nothing here raises on bad input.
"""

from __future__ import annotations

import codecs
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Issue

__all__ = ["LOADER_NAME", "Limits", "YamlDocument", "parse_yaml", "read_yaml"]

try:  # libyaml is ~10x faster; positions are kept either way.
    _Parser: type[Any] = yaml.CSafeLoader
    LOADER_NAME = "libyaml (CSafeLoader)"
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = yaml.SafeLoader
    LOADER_NAME = "pure Python (SafeLoader)"

Key = str | int
KeyPath = tuple[Key, ...]


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
        Most nodes one file may expand to, counting each alias as the size of what it
        repeats (default 200,000): bounds "billion laughs" alias bombs.
    max_options, max_criteria, max_levels : int
        Most option files, criteria and levels per scale in one appraisal.

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


@dataclass(frozen=True)
class YamlDocument:
    """The data of one YAML file with the position of each node.

    ``positions`` maps a key path to the (line, column) of the value at that path and
    ``key_positions`` to the position of the mapping key itself. Both are 1-based.
    """

    file: str
    data: Any
    positions: Mapping[KeyPath, tuple[int, int]] = field(default_factory=dict)
    key_positions: Mapping[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: KeyPath, *, key: bool = False) -> tuple[int, int]:
        """Position of ``path``, or of its closest existing ancestor.

        With ``key=True`` the position of the mapping key is preferred (used for unknown keys).
        """
        p = tuple(path)
        if key and p in self.key_positions:
            return self.key_positions[p]
        while p:
            if p in self.positions:
                return self.positions[p]
            p = p[:-1]
        return self.positions.get((), (1, 1))


# YAML 1.2 core schema, https://yaml.org/spec/1.2.2/#1032-tag-resolution
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_BOOL_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
_MAX_DIGITS = 400  # longer integers are almost certainly a mistake, and slow to convert

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {"!", _CORE + "str", _CORE + "int", _CORE + "float", _CORE + "bool", _CORE + "null"}
_ALLOWED_COLLECTION_TAGS = {None, "!", _CORE + "map", _CORE + "seq"}


class _Bad(Exception):
    """A scalar that cannot be resolved; carries the message."""


def _resolve_plain(text: str) -> Any:
    if _NULL.match(text):
        return None
    if _BOOL_TRUE.match(text):
        return True
    if _BOOL_FALSE.match(text):
        return False
    if _INT10.match(text):
        if len(text) > _MAX_DIGITS:
            raise _Bad(f"an integer with {len(text)} digits is too long (at most {_MAX_DIGITS}).")
        return int(text)
    if _INT8.match(text):
        return int(text[2:], 8)
    if _INT16.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
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
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


class _Frame:
    __slots__ = ("anchor", "container", "key", "key_pos", "path", "size", "skip_value")

    def __init__(self, container: dict[Any, Any] | list[Any], path: KeyPath, anchor: str | None):
        self.container = container
        self.path = path
        self.anchor = anchor
        self.key: Any = None
        self.key_pos: tuple[int, int] | None = None
        self.size = 1
        self.skip_value = False


class _TooBig(Exception):
    pass


def _decode(raw: bytes, file: str) -> tuple[str | None, list[Issue]]:
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        enc = "UTF-32"
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        enc = "UTF-16"
    else:
        enc = ""
    if enc:
        msg = f"the file is encoded as {enc}; save it as UTF-8."
        return None, [Issue(file, 1, 1, "", msg, enc)]
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        bad = raw[exc.start : exc.start + 1]
        msg = (
            f"byte 0x{bad.hex()} is not valid UTF-8; save the file as UTF-8 "
            "(most editors offer this under 'Save as' or 'Encoding')."
        )
        return None, [Issue(file, line, column, "", msg, f"0x{bad.hex()}")]


def _syntax_issue(file: str, exc: yaml.YAMLError, text: str) -> Issue:
    line, column = 1, 1
    problem = "the file is not valid YAML"
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        if mark is not None:
            line, column = mark.line + 1, mark.column + 1
        problem = exc.problem or exc.context or problem
    elif isinstance(exc, yaml.reader.ReaderError):
        before = text[: exc.position]
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        problem = f"character {exc.character!r} is not allowed in YAML"
    lines = text.splitlines()
    here = lines[line - 1][column - 1 : column] if 0 < line <= len(lines) else ""
    if "tab" in problem.lower() or here == "\t":
        msg = "a tab character is used for indentation; YAML allows only spaces here."
    else:
        msg = f"YAML syntax error: {problem}; check the indentation and punctuation here."
    return Issue(file, line, column, "", msg)


def parse_yaml(
    text: str, file: str, limits: Limits | None = None
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
    issues: list[Issue] = []
    positions: dict[KeyPath, tuple[int, int]] = {}
    key_positions: dict[KeyPath, tuple[int, int]] = {}
    anchors: dict[str, tuple[Any, int]] = {}
    open_anchors: set[str] = set()
    stack: list[_Frame] = []
    root: list[Any] = []
    total = 0
    documents = 0

    def dotted(path: KeyPath) -> str:
        parts = [str(p) for p in path]
        if len(parts) > 8:
            parts = [*parts[:4], "...", *parts[-2:]]
        return ".".join(parts)

    def child_path() -> tuple[KeyPath, bool]:
        """Path of the next node, and whether that node is a mapping key."""
        if not stack:
            return (), False
        top = stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container)), False
        if top.key_pos is None:
            return top.path, True
        return (*top.path, top.key), False

    def add(value: Any, size: int, pos: tuple[int, int]) -> None:
        nonlocal total
        total += size
        if total > limits.max_nodes:
            raise _TooBig(pos)
        if not stack:
            root.append(value)
            return
        top = stack[-1]
        top.size += size
        if isinstance(top.container, list):
            top.container.append(value)
            return
        if top.key_pos is None:  # this value is a key
            path = top.path
            if isinstance(value, dict | list) or value is None or isinstance(value, float):
                what = "empty" if value is None else type(value).__name__
                issues.append(
                    Issue(
                        file,
                        *pos,
                        dotted(path),
                        f"a mapping key must be a word or a number, not {what}.",
                        None if isinstance(value, dict | list) else value,
                    )
                )
                top.key, top.key_pos, top.skip_value = None, pos, True
                return
            key = value  # text or an integer
            if isinstance(key, bool):
                key = str(key).lower()
            if key == "<<":
                issues.append(
                    Issue(
                        file,
                        *pos,
                        dotted(path),
                        "merge keys ('<<') are not supported; write the keys out in full.",
                        "<<",
                    )
                )
                top.key, top.key_pos, top.skip_value = key, pos, True
                return
            if key in top.container:
                first = key_positions.get((*path, key), (0, 0))[0]
                issues.append(
                    Issue(
                        file,
                        *pos,
                        dotted((*path, key)),
                        f"the key {key!r} appears twice in this mapping (first at line {first}); "
                        "keep one.",
                        key,
                    )
                )
                top.key, top.key_pos, top.skip_value = key, pos, True
                return
            top.key, top.key_pos, top.skip_value = key, pos, False
            key_path = (*path, key)
            key_positions[key_path] = pos
            return
        if not top.skip_value:
            top.container[top.key] = value
        top.key, top.key_pos, top.skip_value = None, None, False

    try:
        events: Iterator[yaml.Event] = yaml.parse(text, Loader=_Parser)
        for event in events:
            mark = event.start_mark
            pos = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    issues.append(
                        Issue(
                            file,
                            *pos,
                            "",
                            "the file holds more than one YAML document ('---'); "
                            "put each in its own file.",
                        )
                    )
                    break
            elif isinstance(event, yaml.ScalarEvent):
                path, is_key = child_path()
                tag = event.tag
                try:
                    if tag is None or (tag == "!" and event.implicit[0]):
                        value = _resolve_plain(event.value) if event.implicit[0] else event.value
                    elif tag in _ALLOWED_TAGS:
                        value = _resolve_tagged(tag, event.value)
                    else:
                        issues.append(
                            Issue(
                                file,
                                *pos,
                                dotted(path),
                                f"the tag {_short_tag(tag)} is not allowed; only plain values "
                                "(text, numbers, true/false, lists and mappings) are read, and "
                                "nothing in a file is ever executed.",
                                _short_tag(tag),
                            )
                        )
                        value = None
                except _Bad as bad:
                    issues.append(Issue(file, *pos, dotted(path), str(bad), event.value[:40]))
                    value = None
                if not is_key:
                    positions[path] = pos
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
                add(value, 1, pos)
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                path, is_key = child_path()
                if event.tag not in _ALLOWED_COLLECTION_TAGS:
                    issues.append(
                        Issue(
                            file,
                            *pos,
                            dotted(path),
                            f"the tag {_short_tag(event.tag or '')} is not allowed; only plain "
                            "values are read, and nothing in a file is ever executed.",
                            _short_tag(event.tag or ""),
                        )
                    )
                if len(stack) >= limits.max_depth:
                    issues.append(
                        Issue(
                            file,
                            *pos,
                            dotted(path),
                            f"the file is nested more than {limits.max_depth} levels deep; "
                            "flatten it (or raise Limits.max_depth).",
                        )
                    )
                    return None, issues
                if not is_key:
                    positions[path] = pos
                container: dict[Any, Any] | list[Any] = (
                    {} if isinstance(event, yaml.MappingStartEvent) else []
                )
                if event.anchor:
                    open_anchors.add(event.anchor)
                stack.append(_Frame(container, path, event.anchor))
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                frame = stack.pop()
                if frame.anchor:
                    open_anchors.discard(frame.anchor)
                    anchors[frame.anchor] = (frame.container, frame.size)
                # The frame's nodes were counted as they arrived; pass its size up.
                add(frame.container, 0, pos)
                if stack:
                    stack[-1].size += frame.size
            elif isinstance(event, yaml.AliasEvent):
                path, is_key = child_path()
                name = event.anchor
                if name in open_anchors or name not in anchors:
                    issues.append(
                        Issue(
                            file,
                            *pos,
                            dotted(path),
                            f"the alias *{name} refers to "
                            + ("itself" if name in open_anchors else "an anchor not defined above")
                            + "; write the value out in full.",
                            f"*{name}",
                        )
                    )
                    return None, issues
                value, size = anchors[name]
                if not is_key:
                    positions[path] = pos
                add(value, size, pos)
    except _TooBig as big:
        line, column = big.args[0]
        issues.append(
            Issue(
                file,
                line,
                column,
                "",
                f"the file expands to more than {limits.max_nodes:,} values (aliases '*' "
                "repeat what an anchor '&' names); this looks like an alias bomb. Write the "
                "values out, or raise Limits.max_nodes.",
            )
        )
        return None, issues
    except yaml.YAMLError as exc:
        issues.append(_syntax_issue(file, exc, text))
        return None, issues
    except RecursionError:  # pragma: no cover - the event parser does not recurse
        issues.append(Issue(file, 1, 1, "", "the file is nested too deeply to read."))
        return None, issues
    data = root[0] if root else None
    positions.setdefault((), (1, 1))
    return YamlDocument(file, data, positions, key_positions), issues


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
        return None, [Issue(file, 1, 1, "", "the file is over the size limit.", len(raw))]
    text, issues = _decode(raw, file)
    if text is None:
        return None, issues
    return parse_yaml(text, file, limits)
