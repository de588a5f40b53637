"""A path in an input line: shown with the bytes no UTF-8 reads spelled as bash quotes them, and read back.

A Latin-1 data file 'nof\\xe9.csv' reaches Python as 'nof\\udce9.csv'. The export dialog offered
'nof\\udce9.corrected.csv' in its input, which a UTF-8 terminal drew 'nof.corrected.csv' (the byte
dropped: another file's name, fix40c). :func:`path_shown` spells the byte ``$'\\xe9'`` (as the title,
the notes, the toasts and the exit line do) and :func:`path_typed` reads such a spelling back as the
byte, so enter writes the file named with it; a path typed with none is read as typed.
"""

from __future__ import annotations

import os
import re

#: A run of bytes no UTF-8 reads (surrogate escapes U+DC80-U+DCFF, as Python decodes a file name).
_BYTES = re.compile("[\udc80-\udcff]+")
#: Bytes spelled as bash's ANSI-C quoting spells them: ``$'\xe9'``, ``$'\xe9\xe8'``.
_SPELLED = re.compile(r"\$'((?:\\x[0-9a-fA-F]{2})+)'")


def path_shown(path: str) -> str:
    """``path`` with each run of undecodable bytes written ``$'\\xe9'``; :func:`path_typed` gives
    ``path`` back exactly. A name that holds such a spelling as letters has its ``$`` written
    ``$'\\x24'``, so it is read back as letters, not as a byte."""
    if path.isascii() and "$'" not in path:
        return path
    path = _SPELLED.sub(lambda letters: "$'\\x24'" + letters.group()[1:], path)
    return _BYTES.sub(lambda run: "$'" + "".join(f"\\x{ord(c) - 0xDC00:02x}" for c in run.group()) + "'", path)


def path_typed(value: str) -> str:
    """The path ``value`` names: each ``$'\\xNN...'`` read as those bytes (as bash reads it), a file
    name's bytes as Python reads them (``os.fsdecode``: a byte no UTF-8 reads is a surrogate escape)."""
    if "$'" not in value:
        return value
    return _SPELLED.sub(lambda spelled: os.fsdecode(bytes.fromhex(spelled.group(1).replace("\\x", ""))), value)


#: Characters a shell reads outside quotes as the end of a word or command (a pipe, a redirection, ';').
_META = set(";&|<>()")
#: bash's ANSI-C escapes ($'...') of one letter.
_C_ESCAPES = {"a": 7, "b": 8, "e": 27, "E": 27, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92, "'": 39,
              '"': 34, "?": 63}


class ShellText(ValueError):
    """The text, read as a shell reads it, is no one path: the one line the dialog says."""


def _ansi_c(text: str, i: int, out: bytearray) -> int:
    """``$'...'`` from ``text[i]`` (after the ``$'``) into ``out`` as bash writes its bytes; the index past it."""
    while i < len(text):
        c = text[i]
        if c == "'":
            return i + 1
        if c != "\\" or i + 1 == len(text):
            out += os.fsencode(c)
            i += 1
            continue
        e = text[i + 1]
        i += 2
        if e in _C_ESCAPES:
            out.append(_C_ESCAPES[e])
        elif e == "x" and (digits := re.match(r"[0-9a-fA-F]{1,2}", text[i:])):
            out.append(int(digits.group(), 16))
            i += len(digits.group())
        elif e in "01234567":
            digits = re.match(r"[0-7]{0,2}", text[i:]).group()
            out.append(int(e + digits, 8) & 0xFF)
            i += len(digits)
        elif e in "uU" and (digits := re.match(r"[0-9a-fA-F]{1,%d}" % (4 if e == "u" else 8), text[i:])):
            out += os.fsencode(chr(min(int(digits.group(), 16), 0x10FFFF)))
            i += len(digits.group())
        else:  # bash keeps an unknown escape as written
            out += os.fsencode("\\" + e)
    raise ShellText("a quote ($') is not closed")


def shell_words(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into words as bash reads them: '...', "...", $'...' (its bytes), a backslash's next character,
    unquoted blanks between words. Each word with whether it starts with an unquoted ``~`` (bash expands that).
    :class:`ShellText` where a quote is not closed, or where a shell would expand or run something the dialog
    does not ($HOME, `...`, a pipe or ';')."""
    words: list[tuple[str, bool]] = []
    out: bytearray | None = None
    tilde = False
    i = 0
    while i < len(text):
        c = text[i]
        if text.startswith("\\\n", i):  # a line continued: nothing kept, no word started
            i += 2
            continue
        if c in " \t\n":
            if out is not None:
                words.append((os.fsdecode(bytes(out)), tilde))
                out = None
            i += 1
            continue
        if out is None:
            out, tilde = bytearray(), c == "~"
        if c == "\\":  # the next character as it is; a last one: itself
            out += os.fsencode(text[i + 1] if i + 1 < len(text) else "\\")
            i += 2
        elif c == "'":
            end = text.find("'", i + 1)
            if end < 0:
                raise ShellText("a quote (') is not closed")
            out += os.fsencode(text[i + 1:end])
            i = end + 1
        elif text.startswith("$'", i):
            i = _ansi_c(text, i + 2, out)
        elif c == '"' or text.startswith('$"', i):
            i += 1 if c == '"' else 2
            while i < len(text) and text[i] != '"':
                if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in '\\"$`\n':
                    out += b"" if text[i + 1] == "\n" else os.fsencode(text[i + 1])
                    i += 2
                    continue
                _no_expansion(text, i)
                out += os.fsencode(text[i])
                i += 1
            if i == len(text):
                raise ShellText('a quote (") is not closed')
            i += 1
        elif c in _META:
            raise ShellText(f"{c} outside quotes ends a shell word: quote the whole path once")
        else:
            _no_expansion(text, i)
            out += os.fsencode(c)
            i += 1
    if out is not None:
        words.append((os.fsdecode(bytes(out)), tilde))
    return words


def _no_expansion(text: str, i: int) -> None:
    """:class:`ShellText` where ``text[i]`` starts what a shell replaces ($NAME, ${...}, $(...), `...`)."""
    if text[i] == "`" or re.match(r"\$[\w{(@*#?$!-]", text[i:]):
        shown = re.match(r"\$\{[^}]*\}?|\$\(|\$\w+|\$.|`", text[i:]).group()
        raise ShellText(f"{shown} is for a shell to replace, which the dialog does not: type the path in full")


def path_read(text: str) -> tuple[str, bool]:
    """The path the dialog's input ``text`` names, and whether it is ``text`` as typed (else its quotes were read
    or a ~ expanded, and the dialog says what it writes). Text with a quote or a backslash that reads as shell
    words is read as a shell reads it, and must be one word ('my file.csv', "x.jsonl", a path an exit line
    printed, 'a b'\\''c.csv'); other text is taken as typed, spaces and all ('bob's data.csv', whose quote is not
    closed), ``$'\\xe9'`` read as its byte (:func:`path_typed`). A leading ~ (unquoted) is the home folder, as in
    a shell. :class:`ShellText` where it is several words, or an unknown user's ~."""
    tilde = True
    if any(c in text for c in "'\"\\"):
        try:
            words = shell_words(text)
        except ShellText as error:
            if "is not closed" not in str(error):
                raise
            words = None
        if words is not None:
            if len(words) != 1:
                from engine.paths import shell_word

                shown = ", ".join(shell_word(word) for word, _ in words[:3]) + (", …" if len(words) > 3 else "")
                raise ShellText(f"{len(words)} words to a shell ({shown}): quote the whole path once"  # one line
                                if words else "enter an output path")
            (path, tilde), = words
        else:
            path = path_typed(text)
    else:
        path = text
    head = path.split("/", 1)[0]
    if tilde and head.startswith("~"):
        if os.path.expanduser(head) == head:  # '~x' typed: Path.expanduser raised (a traceback), as the command
            raise ShellText(f"no user {head[1:]!r} to expand {head} for: give the path in full "  # line says it
                            "(or ~/ for your own home)")  # (tui/cli_values.refuse_unknown_home)
        path = os.path.expanduser(head) + path[len(head):]
    return path, path == path_typed(text)


def path_offered(path: str) -> str:
    """``path`` as the dialog's input shows it, read back exactly by :func:`path_read`: as :func:`path_shown`
    spells it (spaces as they are, a byte ``$'\\xe9'``) where that reads back, else as a shell word
    (engine/paths.shell_word: a name with quotes that would read as shell words, a leading ~)."""
    shown = path_shown(path)
    try:
        if path_read(shown)[0] == path:
            return shown
    except ShellText:
        pass
    from engine.paths import shell_word

    return shell_word(path)
