"""What the command line prints, made safe: control characters escaped, write failures caught.

Text read from a case's files (names, ids, rationales, error messages quoting them) can hold
control characters. Printed raw, ``ESC`` sequences retitle the window, clear the screen, or hide
text; a carriage return overwrites a line; bidirectional overrides reorder what is shown. Every
character the CLI writes to standard output or standard error passes through
:func:`terminal_safe`, which keeps line feeds and tabs and writes every other C0 control, DEL,
every C1 control and the bidirectional embedding, override and isolate characters as a visible
``\\xNN`` or ``\\uNNNN`` escape. JSON output escapes the same characters as JSON ``\\uNNNN``
escapes instead (see :func:`json_safe`), so the data it carries is unchanged.
"""

from __future__ import annotations

import io
import re
import signal
from types import FrameType
from typing import TextIO

__all__ = [
    "OutputError",
    "SafeStream",
    "Terminated",
    "install_sigterm_handler",
    "json_safe",
    "terminal_safe",
]

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# JSON text from json.dumps already escapes C0; these are the ones it leaves raw
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """``text`` with every control character but line feed and tab written as an escape.

    Examples
    --------
    >>> terminal_safe("a\\x1b]0;x\\x07\\x1b[2Jb\\n")
    'a\\\\x1b]0;x\\\\x07\\\\x1b[2Jb\\n'
    >>> terminal_safe("right\\u202eleft")
    'right\\\\u202eleft'
    """
    return _UNSAFE.sub(_escape, text)


def json_safe(text: str) -> str:
    """JSON text with DEL, C1 controls, line separators and bidi controls as ``\\uNNNN``.

    Only valid on the output of :func:`json.dumps`, where these characters can only occur inside
    strings; the decoded data is unchanged.

    Examples
    --------
    >>> json_safe('{"name": "a\\x9bb"}')
    '{"name": "a\\\\u009bb"}'
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class OutputError(Exception):
    """Writing to standard output or standard error failed (a full disk, a closed pipe)."""

    def __init__(self, stream: str, error: OSError) -> None:
        self.stream = stream
        self.error = error
        super().__init__(f"cannot write to standard {stream}: {error.strerror or error}.")

    @property
    def broken_pipe(self) -> bool:
        """True when the reader went away (``appraisal rank | head -1``)."""
        return isinstance(self.error, BrokenPipeError)


_PIECE = 8192


class SafeStream(io.TextIOBase):
    """A text stream that escapes control characters and reports failed writes as one error."""

    def __init__(self, raw: TextIO, name: str) -> None:
        super().__init__()
        self.raw = raw
        self.stream_name = name

    def write(self, text: str) -> int:
        safe = terminal_safe(text)
        try:
            # in pieces: one large write to a pipe whose reader leaves can come back short
            # without an error (the rest silently dropped); the next piece then fails loudly
            for start in range(0, len(safe), _PIECE):
                self.raw.write(safe[start : start + _PIECE])
        except OSError as exc:
            raise OutputError(self.stream_name, exc) from exc
        return len(text)

    def flush(self) -> None:
        try:
            self.raw.flush()
        except OSError as exc:
            raise OutputError(self.stream_name, exc) from exc
        except ValueError:  # already closed
            pass

    def isatty(self) -> bool:
        return bool(getattr(self.raw, "isatty", lambda: False)())


class Terminated(KeyboardInterrupt):
    """Raised in the main thread when the process receives SIGTERM.

    A subclass of KeyboardInterrupt so that every ``except BaseException`` clean-up (temporary
    files) runs exactly as it does for Ctrl-C.
    """


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise Terminated


def install_sigterm_handler() -> None:
    """Turn SIGTERM into :class:`Terminated` (call once, from the main thread)."""
    signal.signal(signal.SIGTERM, _on_sigterm)
