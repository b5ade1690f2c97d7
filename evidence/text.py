"""Text that comes from outside: numbers in URLs and control characters in what editors paste.

Django-free and in the lowest app, so every app parses a number from a URL and drops control
characters the same way (one job, one place):

- `str.isdigit` and `int` accept Unicode digits ("²", "①", "٣"), not all of them the same
  ones: "²".isdigit() is true but int("²") raises, and int("٣") is 3. A number in a URL is ASCII
  digits or nothing.
- C0 and C1 control characters (U+0000-U+001F, U+007F-U+009F) other than tab, line feed and
  carriage return are invisible, break XML 1.0 (feeds, sitemaps, XLSX), and PostgreSQL cannot
  store U+0000. Word's line break pastes U+000B, some PDFs U+0085.
"""

import re

#: C0 and C1 control characters, DEL included, except tab, line feed and carriage return.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: The same in UTF-8 bytes: a C1 character is \xc2 followed by \x80-\x9f, and \xc2 is never a
#: continuation byte, so the pattern cannot match inside another character.
CONTROL_BYTES = re.compile(b"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]")
C0_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
C1_CONTROL_BYTES = re.compile(b"\xc2[\x80-\x9f]")
#: Most digits a number read from a URL may have: more is never a page, year or id of ours,
#: and a database integer column overflows at 19 digits.
MAX_DIGITS = 9


def without_control_characters(text: str) -> str:
    """The text less control characters (tab, line feed and carriage return stay)."""
    return CONTROL_CHARACTERS.sub("", text)


def has_control_bytes(content: bytes) -> bool:
    """Whether UTF-8 `content` holds a control character (`CONTROL_BYTES`), answered for a whole
    page a dozen times faster than that pattern's search: deleting the C0 bytes changes the
    length only if there are some, and a C1 character starts with \xc2, which the search skips
    to."""
    return (
        len(content.translate(None, C0_CONTROL_BYTES)) != len(content)
        or C1_CONTROL_BYTES.search(content) is not None
    )


def without_control_characters_in(value):
    """JSON-like data (strings, lists, dicts; keys too) with its strings cleaned, for formats
    that escape control characters rather than refuse them: JSON keeps "\\u000b" valid, but the
    reader of a title would still get the character."""
    if isinstance(value, str):
        return without_control_characters(value)
    if isinstance(value, list | tuple):
        return [without_control_characters_in(item) for item in value]
    if isinstance(value, dict):
        return {
            without_control_characters_in(key): without_control_characters_in(item)
            for key, item in value.items()
        }
    return value


def is_number(value: str, max_digits: int = MAX_DIGITS) -> bool:
    """ASCII digits only, at most `max_digits` of them."""
    return value.isascii() and value.isdigit() and len(value) <= max_digits


def ascii_int(value, max_digits: int = MAX_DIGITS) -> int | None:
    """The number `value` spells in ASCII digits, else None (for anything a URL may carry)."""
    return int(value) if isinstance(value, str) and is_number(value, max_digits) else None
