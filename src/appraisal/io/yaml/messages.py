"""Characters, positions and syntax errors of YAML text, worded the same whichever parser ran.

Split from :mod:`appraisal.io.yaml.reader` (which builds the data): here are the functions that
turn a parser's complaint, a forbidden character or a bad byte into a plain-words
:class:`~appraisal.errors.Issue` at a 1-based line and column counted in characters.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import yaml

from appraisal.errors import Issue

Position = tuple[int, int]

# --- characters and positions -----------------------------------------------------------
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks, as the parsers count
# Characters YAML does not allow anywhere (PyYAML's and libyaml's readers agree on this set).
_COMMENT_AFTER_VALUE = re.compile(r"(?<=[^\s#])[ \t]+#")
_YAML_ONLY_BREAK = re.compile("[\x85\u2028\u2029]")
_FORBIDDEN = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _position(text: str, index: int) -> Position:
    """1-based line and column of ``text[index]``, counting line breaks as YAML does."""
    line, start = 1, 0
    for m in _BREAK.finditer(text, 0, index):
        line, start = line + 1, m.end()
    return line, index - start + 1


def _check_characters(text: str, file: str) -> Issue | None:
    m = _FORBIDDEN.search(text)
    if m is None:
        return None
    char = m.group()
    code = f"U+{ord(char):04X}"
    if char == "\x00":
        msg = (
            "the file contains a NUL character (U+0000), so it is probably saved as UTF-16 or "
            "is not a text file; save it as UTF-8."
        )
    else:
        kind = "control character" if unicodedata.category(char) == "Cc" else "character"
        msg = (
            f"the {kind} {code} is not allowed in a YAML file; delete it (such characters "
            "often come with text pasted from another program)."
        )
    return Issue(file, *_position(text, m.start()), "", msg, code)


def decode_bytes(raw: bytes, file: str) -> tuple[str | None, list[Issue]]:
    for boms, enc in (
        ((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE), "UTF-32"),
        ((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE), "UTF-16"),
    ):
        if raw.startswith(boms):
            msg = f"the file is encoded as {enc}; save it as UTF-8."
            return None, [Issue(file, 1, 1, "", msg, enc)]
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8")  # valid up to the first bad byte
        bad = f"0x{raw[exc.start]:02x}"
        msg = (
            f"byte {bad} is not valid UTF-8; save the file as UTF-8 "
            "(most editors offer this under 'Save as' or 'Encoding')."
        )
        return None, [Issue(file, *_position(before, len(before)), "", msg, bad)]
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        # YAML reads these as line breaks: inside a text they would silently become a space
        m = _YAML_ONLY_BREAK.search(text)
        if m is not None:
            char = m.group()
            code = f"U+{ord(char):04X}"
            name = unicodedata.name(char, "NEXT LINE")
            msg = (
                f"the character {code} ({name}) counts as a line break in YAML, so inside a "
                "text it would silently become a space; delete it, or press Enter for a real "
                "line break (in a '|' block). It often comes from text pasted from a word "
                "processor or from a file saved as Windows-1252."
            )
            return None, [Issue(file, *_position(text, m.start()), "", msg, code)]
    return text, []


# --- syntax errors, worded the same whichever parser ran --------------------------------
_OPENERS = {"]": "[", "}": "{"}


_BLOCK_HINT = (
    "text over several lines goes in a '|' block (write 'rationale: |', then the text on the "
    "lines below, indented)"
)


def _block_scalar_message(text: str, start: int) -> str:
    """A value starting with '|' or '>' followed by text on the same line."""
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    ends = [i for i in (text.find("\n", start), text.find("\r", start)) if i >= 0]
    rest = text[start : min(ends, default=len(text))].strip()
    key = text[line_start:start].strip()
    indicator = rest[:1]
    if not rest[1:].strip(" -+0123456789"):
        return (
            f"after '{indicator}' only '-', '+' or an indentation digit may follow on the same "
            "line; start the text on the next line."
        )
    quoted = '"' + rest.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return (
        f"a value starting with '{indicator}' begins a YAML block, whose text must start on "
        f"the next line. If {rest[:40]!r} is the text itself, put it in quotes: "
        f"{key} {quoted[:60]}{'...' if len(quoted) > 60 else ''}; for text over several "
        f"lines write '{key} |' and the lines below it, indented."
    )


def _syntax_message(exc: yaml.MarkedYAMLError, text: str, at: int) -> tuple[str, int]:
    """What went wrong in plain words, and the index it is best shown at."""
    problem, context = exc.problem or "", exc.context or ""
    ctx = exc.context_mark.index if exc.context_mark is not None else None
    char = text[at] if at < len(text) else ""
    where = "line {}, column {}".format(*_position(text, ctx)) if ctx is not None else ""
    if char == "\t":
        line_start = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1
        if text[line_start:at].strip(" \t") == "":
            return "a tab character is used for indentation; YAML allows only spaces here.", at
        return "a tab character is not allowed here; use spaces.", at
    if "quoted scalar" in context and "end of stream" in problem and ctx is not None:
        return "this quoted text is never closed; add the closing quote.", ctx
    escape = any(w in problem for w in ("escape", "hexdecimal", "hexadecimal"))
    if "quoted scalar" in context and escape and ctx is not None:
        slash = text.rfind("\\", ctx, at + 1)
        at = slash if slash >= 0 else at
        return (
            f"'{text[at : at + 2]}' is not a valid escape in double-quoted text; use single "
            "quotes for text with backslashes (such as a Windows path), or write '\\\\' for "
            "each backslash.",
            at,
        )
    if "mapping values are not allowed" in problem:
        return (
            "a ': ' is not allowed here; put text that contains ': ' in quotes, or indent "
            f"this line like the one above it; {_BLOCK_HINT}.",
            at,
        )
    if "could not find expected ':'" in problem and ctx is not None:
        return (
            "this line has no ':' after its key; write 'key: value'. If it is text going on "
            f"from the line above: {_BLOCK_HINT}.",
            ctx,
        )
    for close, open_ in _OPENERS.items():
        if f"',' or '{close}'" in problem and ctx is not None:
            hidden = _COMMENT_AFTER_VALUE.search(text, ctx, at)
            why = ""
            if hidden is not None:
                line = _position(text, hidden.end() - 1)[0]
                why = (
                    f" The ' #' on line {line} starts a comment, which hides the rest of that "
                    "line: put text with '#' in quotes."
                )
            return (
                f"the '{open_}' at {where} is not closed; a ',' or '{close}' is missing "
                f"before this point.{why}",
                at,
            )
    if "cannot start any token" in problem:
        return f"a value cannot start with {char!r}; put the value in quotes.", at
    if context.startswith("while parsing a block") and ctx is not None:
        if char in _OPENERS:
            return f"this {char!r} has no matching {_OPENERS[char]!r}; delete it.", at
        if char == ":":
            return "this ':' has no key before it; write 'key: value'.", at
        if char == "-" and "mapping" in context:
            return (
                "a '- ' list item cannot stand among 'key: value' lines; indent it under its "
                f"key. If the list is part of a text: {_BLOCK_HINT}.",
                at,
            )
        return (
            f"this line does not line up with the block that starts at {where}; indent it "
            f"like the keys (or '- ' items) it belongs with. If it is part of a text: "
            f"{_BLOCK_HINT}.",
            at,
        )
    if "block scalar" in context:
        return _block_scalar_message(text, ctx if ctx is not None else at), at
    if "directive" in context:
        return (
            "a line starting with '%' is a YAML directive; put text that starts with '%' "
            "in quotes.",
            ctx if ctx is not None else at,
        )
    if "node content" in problem:
        return "a value is missing here; check the commas and brackets.", at
    if "sequence entries are not allowed" in problem:
        return (
            "a '- ' list item is not allowed here; check the indentation, or put text that "
            "starts with '-' in quotes.",
            at,
        )
    if "mapping keys are not allowed" in problem:
        return "a '?' here would start a key; put text that contains '?' in quotes.", at
    if "incompatible YAML document" in problem:
        return "only YAML 1.x files are read; remove this %YAML line.", at
    if "duplicate" in problem and "YAML directive" in problem:
        return "the %YAML line appears twice; keep one.", at
    if "document start" in problem:
        return (
            "there is more after the end of the document ('...'); remove it, or check the "
            "indentation of this line.",
            at,
        )
    if context in ("while scanning an anchor", "while scanning an alias"):
        return "an anchor '&' or alias '*' needs a name (letters, digits, '-' or '_').", at
    if "tag" in context:
        return "this tag is not written correctly; remove it (these files use no tags).", at
    detail = f"{problem} ({context} at {where})" if where else problem
    return f"{detail or 'the file is not valid YAML'}; check the punctuation here.", at


def _syntax_issue(file: str, exc: yaml.YAMLError, text: str) -> Issue:
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        msg, at = _syntax_message(exc, text, min(exc.problem_mark.index, len(text)))
        return Issue(file, *_position(text, at), "", f"YAML syntax error: {msg}")
    return Issue(file, 1, 1, "", f"YAML syntax error: {exc}.")  # pragma: no cover - no mark
