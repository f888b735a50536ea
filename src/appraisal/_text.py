"""Characters refused or warned about in text: one place for the rules and their wording.

Three kinds of text, each with one compiled pattern that pydantic checks in Rust (so a clean
value costs no Python call while 60,000 cells load):

===========  ==========================================  ==========================================
kind         fields                                      refused
===========  ==========================================  ==========================================
free text    rationale, summary, description, source,    control characters: C0 except tab and
             not_scored, view, evidence                  newline, DEL, C1 (ESC, NUL, BEL, CR ...)
label        title, names, scale labels and aliases,     all control characters (tab and newline
             rating, unit, score keys                    too: a label is one line), bidirectional
                                                         controls and zero-width characters
id           ids, scale and weight-set names             anything but ASCII letters, digits, ``-``,
                                                         ``_``, ``.`` (so ids are always NFC and
                                                         look-alike letters cannot hide in them)
===========  ==========================================  ==========================================

Bidirectional controls and zero-width characters in free text are kept but warned about
(:func:`invisible_warning`), as are the scaffold's placeholder sentences (:data:`PLACEHOLDERS`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from appraisal._placeholders import PLACEHOLDER_RATIONALE, PLACEHOLDER_SOURCE, PLACEHOLDER_SUMMARY

__all__ = [
    "COMMENT_CUT_KEYS",
    "FREE_TEXT_PATTERN",
    "LABEL_PATTERN",
    "MAX_ID_LENGTH",
    "NON_EMPTY_FREE_TEXT_PATTERN",
    "NON_EMPTY_LABEL_PATTERN",
    "PLACEHOLDERS",
    "bad_character",
    "describe",
    "id_problem",
    "invisible_warning",
    "mixed_script_warning",
    "non_ascii_note",
    "suspect",
    "visible",
]

COMMENT_CUT_KEYS = frozenset(
    {"title", "name", "summary", "description", "source", "rationale", "not_scored", "view"}
    | {"evidence"}  # the items of an evidence list
)
"""Text keys whose plain value is warned about when a ``#`` comment follows it on its line."""

MAX_ID_LENGTH = 100
"""Longest id: ids name files (``options/<id>.yaml``) and columns, so they stay short."""

# Character classes written with \xHH and \uHHHH escapes only: the patterns are read by Rust's
# regex crate (pydantic), by Python's re and, in the JSON Schemas, by ECMAScript engines.
_CONTROL_FREE = r"\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 but tab and newline, DEL, C1
_CONTROL_ALL = r"\x00-\x1f\x7f-\x9f"
_INVISIBLE = r"\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
_LABEL_BAD = _CONTROL_ALL + _INVISIBLE + r"\u2028\u2029"  # and line/paragraph separators

FREE_TEXT_PATTERN = rf"^[^{_CONTROL_FREE}]*$"
NON_EMPTY_FREE_TEXT_PATTERN = rf"^[^{_CONTROL_FREE}]*[^{_CONTROL_FREE}\s][^{_CONTROL_FREE}]*$"
LABEL_PATTERN = rf"^[^{_LABEL_BAD}]*$"
NON_EMPTY_LABEL_PATTERN = rf"^[^{_LABEL_BAD}]*[^{_LABEL_BAD}\s][^{_LABEL_BAD}]*$"

_FREE_BAD_RE = re.compile(f"[{_CONTROL_FREE}]")
_LABEL_BAD_RE = re.compile(f"[{_LABEL_BAD}]")
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
_VISIBLE_RE = re.compile(f"[{_CONTROL_ALL}{_INVISIBLE}]")

#: The sentences ``appraisal new case`` writes for the user to replace, each with the field it
#: stands in for (the sentences themselves live once, in :mod:`appraisal._placeholders`).
PLACEHOLDERS: dict[str, str] = {
    PLACEHOLDER_RATIONALE: "rationale",
    PLACEHOLDER_SUMMARY: "summary",
    PLACEHOLDER_SOURCE: "source",
}

_NAMES = {
    "\x00": "NUL",
    "\x07": "BEL, the terminal bell",
    "\x08": "BACKSPACE",
    "\t": "TAB",
    "\n": "a newline",
    "\r": "CARRIAGE RETURN",
    "\x1b": "ESC, which starts terminal escape sequences",
    "\x7f": "DELETE",
}


def suspect(text: str) -> bool:
    """Whether :func:`invisible_warning` or a placeholder check could find anything in ``text``.

    Examples
    --------
    >>> suspect("An ordinary rationale."), suspect("Replace with why this score was given.")
    (False, True)
    """
    # Substring tests and a one-class search (only for non-ASCII text): together far faster
    # than one regular expression with alternatives.
    if any(placeholder in text for placeholder in PLACEHOLDERS):
        return True
    return not text.isascii() and _INVISIBLE_RE.search(text) is not None


def describe(char: str) -> str:
    """``U+001B (ESC, ...)``: the code point and a name a reader can search for.

    Examples
    --------
    >>> describe("\\u202e")
    'U+202E (RIGHT-TO-LEFT OVERRIDE)'
    """
    name = _NAMES.get(char) or unicodedata.name(char, "")
    if not name and unicodedata.category(char) == "Cc":
        name = "a C1 control character" if ord(char) >= 0x80 else "a control character"
    return f"U+{ord(char):04X} ({name})" if name else f"U+{ord(char):04X}"


def visible(text: str) -> str:
    """The text with every control or invisible character written as ``\\x1b`` or ``\\u202e``.

    Safe to print to a terminal or put in a message.

    Examples
    --------
    >>> visible("a\\x1b[2Jb\\u200b")
    'a\\\\x1b[2Jb\\\\u200b'
    """

    def esc(m: re.Match[str]) -> str:
        code = ord(m.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _VISIBLE_RE.sub(esc, text)


def bad_character(text: str, *, label: bool) -> str | None:
    """The message for the first refused character of ``text``, or None when there is none.

    ``label`` selects the stricter rules for one-line labels (names, titles, scale labels).

    Examples
    --------
    >>> bad_character("a\\x1b]0;x", label=False)[:52]
    'the control character U+001B (ESC, which starts term'
    >>> bad_character("two\\nlines", label=False) is None
    True
    >>> bad_character("two\\nlines", label=True)[:33]
    'U+000A (a newline) at character 4'
    """
    pattern = _LABEL_BAD_RE if label else _FREE_BAD_RE
    m = pattern.search(text)
    if m is None:
        return None
    message = _first_bad(m.group(), m.start() + 1, label=label)
    others = list(pattern.finditer(text, m.end()))
    if others:
        shown = ", ".join(f"{describe(o.group())} at character {o.start() + 1}" for o in others[:3])
        more = f" and {len(others) - 3} more" if len(others) > 3 else ""
        message = f"{message[:-1]}. Also not allowed here: {shown}{more}."
    return message


def _first_bad(char: str, at: int, *, label: bool) -> str:
    if label and char in "\t\n\u2028\u2029":
        return (
            f"{describe(char)} at character {at} is not allowed here: a name or label is one "
            "line; write it on one line and put longer text in a 'description' (which may "
            "run over several lines in a '|' block)."
        )
    if char == "\r":
        return (
            f"the control character {describe(char)} at character {at} is not allowed in "
            "text; write each line on its own line of the file, in a '|' block (the key, then "
            "'|', then the lines indented below it)."
        )
    if _INVISIBLE_RE.match(char):
        return (
            f"the invisible character {describe(char)} at character {at} is not allowed in a "
            "name or label: it makes the text look different from what it holds; delete it."
        )
    return (
        f"the control character {describe(char)} at character {at} is not allowed in text; "
        "delete it (such characters come with text pasted from a terminal or another program, "
        "or from an escape such as '\\e' in double quotes)."
    )


def invisible_warning(text: str) -> str | None:
    """A warning for a bidirectional control or zero-width character in free text, if any.

    Examples
    --------
    >>> invisible_warning("plain") is None
    True
    """
    m = _INVISIBLE_RE.search(text)
    if m is None:
        return None
    return (
        f"the invisible character {describe(m.group())} at character {m.start() + 1} can make "
        "the text display differently from what it holds (and reorder what follows it); "
        "delete it unless it is meant to be there."
    )


_LATIN = re.compile(r"[A-Za-z]")


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    for script in ("CYRILLIC", "GREEK", "ARMENIAN"):
        if name.startswith(script):
            return script.capitalize()
    return ""


_MIXED = re.compile(
    r"[^\W\d_]*(?:[A-Za-z][^\W\d_]*[\u0370-\u03ff\u0400-\u04ff]"
    r"|[\u0370-\u03ff\u0400-\u04ff][^\W\d_]*[A-Za-z])[^\W\d_]*"
)


def mixed_script_warning(text: str) -> str | None:
    """A warning when one word of a label mixes Latin with Cyrillic or Greek letters.

    Such a word is usually a look-alike (Cyrillic 'о' typed or pasted for Latin 'o'), and it
    will not match the same word typed elsewhere.

    Examples
    --------
    >>> mixed_script_warning("L\u043ew")[:46]
    "the word 'Lоw' mixes Latin letters with U+043E"
    >>> mixed_script_warning("\u0391\u03b8\u03ae\u03bd\u03b1 and Paris") is None
    True
    """
    m = _MIXED.search(text)
    if m is None:
        return None
    word = m.group()
    char = next(c for c in word if _script(c))
    return (
        f"the word {word!r} mixes Latin letters with {describe(char)}, a {_script(char)} "
        "letter that looks like a Latin one; retype the word so it matches where it is used "
        "elsewhere."
    )


def non_ascii_note(text: str) -> str:
    """``" ('в' at character 1 is U+0432 (...), not a Latin letter)"`` for a key, else ``""``.

    Examples
    --------
    >>> non_ascii_note("vision")
    ''
    >>> non_ascii_note("\u0432ision")[:30]
    ' (character 1 is U+0432 (CYRIL'
    """
    if text.isascii():
        return ""
    i, char = next((i, c) for i, c in enumerate(text, 1) if not c.isascii())
    return f" (character {i} is {describe(char)}, not an ASCII letter)"


def id_problem(value: str) -> str:
    """Why ``value`` is not a valid id, naming the first character at fault.

    Examples
    --------
    >>> id_problem("\\u043eutcomes")[:44]
    "'оutcomes' is not a valid id: character 1 is"
    >>> id_problem("staff & pay")[-31:]
    "digit. For example 'staff-pay'."
    """
    rule = "ids use only ASCII letters, digits, '-', '_' or '.', starting with a letter or digit."
    shown = repr(visible(value))
    if not value:
        return f"an id must not be empty; {rule}"
    for i, char in enumerate(value, 1):
        ok = char.isascii() and (char.isalnum() or (i > 1 and char in "-_."))
        if ok:
            continue
        if char == " ":
            what = "a space"
        elif i == 1 and char in "-_.":
            what = f"{char!r}, and an id must start with a letter or digit"
        elif _script(char) and _LATIN.search(value):
            what = f"{describe(char)}, a {_script(char)} letter that looks like a Latin one"
        else:
            what = describe(char) if not char.isprintable() or not char.isascii() else repr(char)
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", value).strip("-_.")
        example = f" For example {slug!r}." if value.isascii() and slug else ""
        return f"{shown} is not a valid id: character {i} is {what}; {rule}{example}"
    return f"{shown} is not a valid id; {rule}"  # pragma: no cover - the pattern agrees


def suggest(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` when a close match exists, else ``""``.

    Examples
    --------
    >>> suggest("outcome", ["outcomes", "vision"])
    "; did you mean 'outcomes'?"
    """
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _plain(x: Any) -> str:
    """A choice as written: ``3.0`` as ``3``."""
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def allowed_list(choices: Sequence[Any], limit: int = 12) -> str:
    """``"a, b, c"``, shortened when long."""
    shown = [_plain(c) for c in choices[:limit]]
    if len(choices) > limit:
        shown.append(f"... ({len(choices)} in all)")
    return ", ".join(shown)
