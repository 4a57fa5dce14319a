"""The Footer and the key panel show each key as Textual would, without Textual's lookups in
the Unicode name database for keys that are simply written ("d", "f5")."""

from __future__ import annotations

import string
import unicodedata

import pytest
from textual.app import App
from textual.binding import Binding
from textual.keys import format_key

from app.main import DialoogApp
from cards.loader import DeckLibrary

KEYS = [
    *string.ascii_letters,
    *string.digits,
    *(f"f{n}" for n in range(1, 25)),
    "tab",
    "ctrl+q",
    "ctrl+p",
    "shift+tab",
    "ctrl+shift+z",
    "escape",
    "delete",
    "enter",
    "space",
    "question_mark",
    "plus",
    "minus",
    "left_square_bracket",
    "up",
    "pageup",
]


@pytest.mark.parametrize("key", KEYS)
def test_every_key_is_shown_as_textual_shows_it(key: str, library: DeckLibrary) -> None:
    app = DialoogApp(library)
    binding = Binding(key, "x", "x")
    assert app.get_key_display(binding) == App.get_key_display(app, binding)


def test_a_key_given_its_own_display_keeps_it(library: DeckLibrary) -> None:
    app = DialoogApp(library)
    assert app.get_key_display(Binding("d", "x", "x", key_display="D!")) == "D!"


def test_written_keys_are_not_looked_up(
    monkeypatch: pytest.MonkeyPatch, library: DeckLibrary
) -> None:
    """Each failed lookup reads pages all over the name database (measured in bench/)."""
    asked: list[str] = []
    lookup = unicodedata.lookup

    def counted(name: str) -> str:
        asked.append(name)
        return lookup(name)

    format_key.cache_clear()  # Textual keeps what it looked up
    monkeypatch.setattr("textual.keys.unicodedata.lookup", counted)
    app = DialoogApp(library)
    keys = ("d", "J", "7", "f5", "tab", "ctrl+q", "question_mark")
    shown = [app.get_key_display(Binding(key, "x", "x")) for key in keys]
    assert shown == ["d", "J", "7", "f5", "tab", "^q", "?"]
    assert asked == []
    assert app.get_key_display(Binding("exclamation_mark", "x", "x")) == "!"  # Textual's own
    assert asked == ["EXCLAMATION MARK"]
