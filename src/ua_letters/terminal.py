"""Text made safe to print: no escape sequence from a file ever reaches a terminal."""

from __future__ import annotations

import re

# C0 and C1 controls but tab and newline, DEL, bidi embeddings/overrides/isolates, and
# line/paragraph separators: each can move the cursor, retitle the window, hide text.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                     "\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with every unsafe character shown as an escape: ESC becomes '\\x1b'."""
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
