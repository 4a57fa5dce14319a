"""What a deck is: plain frozen data, no behaviour beyond lookups."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field
from pathlib import Path

from cards.frozen import frozen


@frozen
class Card:
    """One card: a question or statement, with an optional follow-up question."""

    id: str
    text: str
    theme: str = ""
    follow_up: str = ""
    tags: tuple[str, ...] = ()


@frozen
class Deck:
    """A named, ordered set of cards loaded from one TOML file."""

    id: str
    title: str
    cards: tuple[Card, ...]
    language: str = "nl"
    description: str = ""
    source: str = ""
    path: Path | None = field(default=None, compare=False)
    builtin: bool = False
    # the id of the deck this one puts into its `language`: the same cards (same ids), shown
    # in that deck's place (see `in_language`), never listed or dealt on its own
    translation_of: str = ""

    def __len__(self) -> int:
        return len(self.cards)

    def card(self, card_id: str) -> Card:
        """The card with this id; KeyError when the deck has none."""
        for card in self.cards:
            if card.id == card_id:
                return card
        raise KeyError(card_id)

    def number_of(self, card_id: str) -> int:
        """The card's 1-based position in the deck as printed (face-up number)."""
        for index, card in enumerate(self.cards, start=1):
            if card.id == card_id:
                return index
        raise KeyError(card_id)


def in_language(decks: Iterable[Deck], deck_id: str, language: str) -> Deck | None:
    """Deck `deck_id` as it reads in `language`: its translation into that language when one
    is loaded, else the deck itself (None when neither is)."""
    found = None
    for deck in decks:
        if deck.translation_of == deck_id and deck.language == language:
            return deck
        if deck.id == deck_id:
            found = deck
    return found
