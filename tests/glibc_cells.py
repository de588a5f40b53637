"""The cells glibc's wcwidth gives a character (what tmux 3.3a draws with), for tests that compare drawn lines."""

from __future__ import annotations

import ctypes
import ctypes.util
import locale
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest


@contextmanager
def glibc_cells(probe: str, why: str) -> Iterator[Callable[[str], int]]:
    """A character's cells by glibc's wcwidth in a UTF-8 locale (-1, unknown, as 0: tmux 3.3a drew U+1FAE8 so);
    skips without glibc, without C.UTF-8, or where ``probe`` is not one cell (``why`` says what that means)."""
    name = ctypes.util.find_library("c")
    if not name or "libc.so" not in name:
        pytest.skip("no glibc to measure with")
    libc = ctypes.CDLL(name)
    libc.wcwidth.argtypes = [ctypes.c_wchar]
    saved = locale.setlocale(locale.LC_CTYPE)
    try:
        locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
    except locale.Error:
        pytest.skip("no C.UTF-8 locale")
    try:
        if libc.wcwidth(probe) != 1:
            pytest.skip(why)
        yield lambda char: max(libc.wcwidth(char), 0)
    finally:
        locale.setlocale(locale.LC_CTYPE, saved)


def cells_of(text: str, width: Callable[[str], int]) -> int:
    """The cells ``text`` takes by ``width`` (a character's cells), summed."""
    return sum(width(char) for char in text)


def glibc_width_fixture(probe: str, why: str):
    """A module fixture ``glibc_width``: glibc_cells(probe, why)'s width, one locale switch for the module."""

    @pytest.fixture(scope="module")
    def glibc_width() -> Iterator[Callable[[str], int]]:
        with glibc_cells(probe, why) as width:
            yield width

    return glibc_width
