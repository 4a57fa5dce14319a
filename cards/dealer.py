"""Dealing cards from one deck: shuffled with a recorded seed, no repeats.

`Dealer` is an immutable value: every move returns a new dealer, so a session can rebuild the
table by replaying its moves and undo one by replaying all but the last.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import replace

from cards.frozen import frozen
from cards.model import Card, Deck


def new_seed() -> int:
    """A fresh shuffle seed, small enough to read out and type back in."""
    return random.SystemRandom().randrange(1_000_000)  # os.urandom, as secrets uses


def shuffled_ids(deck: Deck, seed: int) -> tuple[str, ...]:
    """The deck's card ids in the order that `seed` gives: the same seed, the same order."""
    ids = [card.id for card in deck.cards]
    random.Random(seed).shuffle(ids)
    return tuple(ids)


_SAME = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def _fold(text: str) -> str:
    """Text reduced for searching: no case, no accents, one kind of quote and dash."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SAME))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@frozen
class Dealer:
    """Where the deal of one deck stands.

    `shown` are the cards put on the table, in order; `cursor` points at the one on screen
    (back and forward move it). Skipped cards are set aside for good, parked ones until the
    facilitator takes them up again. Everything else in `order` is still to come.
    """

    deck: Deck
    seed: int
    order: tuple[str, ...]
    shown: tuple[str, ...] = ()
    cursor: int = -1
    skipped: tuple[str, ...] = ()
    parked: tuple[str, ...] = ()

    @classmethod
    def start(cls, deck: Deck, seed: int | None = None) -> Dealer:
        seed = new_seed() if seed is None else seed
        return cls(deck=deck, seed=seed, order=shuffled_ids(deck, seed))

    # -- what the table looks like ---------------------------------------------------------

    @property
    def current(self) -> Card | None:
        """The card on screen, or None before the first deal."""
        return self.deck.card(self.shown[self.cursor]) if self.cursor >= 0 else None

    @property
    def remaining(self) -> tuple[str, ...]:
        """Ids still in the deck, in dealing order (parked and skipped ones excluded)."""
        used = set(self.shown) | set(self.skipped) | set(self.parked)
        return tuple(card_id for card_id in self.order if card_id not in used)

    @property
    def position(self) -> int:
        """1-based place of the card on screen among the cards put on the table (0: none)."""
        return self.cursor + 1

    @property
    def at_latest(self) -> bool:
        return self.cursor == len(self.shown) - 1

    @property
    def finished(self) -> bool:
        """Nothing left to deal and the latest card is on screen."""
        return not self.remaining and self.at_latest

    @property
    def can_go_back(self) -> bool:
        return self.cursor > 0

    # -- moves -----------------------------------------------------------------------------

    def deal(self) -> Dealer:
        """Forward to the next card already shown, else the next card from the deck.

        Raises `DeckFinished` when there is nothing further to show.
        """
        if not self.at_latest:
            return replace(self, cursor=self.cursor + 1)
        remaining = self.remaining
        if not remaining:
            raise DeckFinished(self.deck.id)
        return self._put(remaining[0])

    def back(self) -> Dealer:
        """The card shown before this one; raises `NothingBefore` at the first."""
        if not self.can_go_back:
            raise NothingBefore(self.deck.id)
        return replace(self, cursor=self.cursor - 1)

    def skip(self) -> Dealer:
        """Set the card on screen aside for good and show the next one (if any)."""
        return self._set_aside(skipped=True)

    def park(self) -> Dealer:
        """Keep the card on screen for later and show the next one (if any)."""
        return self._set_aside(skipped=False)

    def pick(self, card_id: str) -> Dealer:
        """Put a chosen card face-up: from the deck, from the parked or skipped cards.

        A card already on the table is shown again rather than dealt twice.
        """
        self.deck.card(card_id)  # KeyError for a card that is not in this deck
        if card_id in self.shown:
            return replace(self, cursor=self.shown.index(card_id))
        return replace(
            self,
            skipped=tuple(c for c in self.skipped if c != card_id),
            parked=tuple(c for c in self.parked if c != card_id),
        )._put(card_id)

    def reshuffle(self, seed: int | None = None) -> Dealer:
        """Start the deck again from the top with a new (or given) seed."""
        return Dealer.start(self.deck, seed)

    # -- helpers ---------------------------------------------------------------------------

    def _put(self, card_id: str) -> Dealer:
        shown = (*self.shown, card_id)
        return replace(self, shown=shown, cursor=len(shown) - 1)

    def _set_aside(self, *, skipped: bool) -> Dealer:
        card = self.current
        if card is None:
            raise NoCard(self.deck.id)
        shown = tuple(c for c in self.shown if c != card.id)
        moved = replace(
            self,
            shown=shown,
            cursor=min(self.cursor, len(shown) - 1),
            skipped=(*self.skipped, card.id) if skipped else self.skipped,
            parked=self.parked if skipped else (*self.parked, card.id),
        )
        if self.cursor == len(self.shown) - 1 and moved.remaining:
            return moved._put(moved.remaining[0])
        if self.cursor < len(self.shown) - 1:
            # an earlier card was set aside: the one after it slides into view
            return replace(moved, cursor=self.cursor)
        return moved


def search(deck: Deck, query: str) -> list[Card]:
    """Cards whose number, text, follow-up, theme or tags match `query`.

    Case and accents are ignored; a bare number matches the card with that face-up number.
    """
    query = query.strip()
    if not query:
        return list(deck.cards)
    if query.isascii() and query.isdigit():
        number = int(query)
        return [deck.cards[number - 1]] if 1 <= number <= len(deck.cards) else []
    words = _fold(query).split()
    found = []
    for card in deck.cards:
        haystack = _fold(" ".join((card.text, card.follow_up, card.theme, *card.tags)))
        if all(word in haystack for word in words):
            found.append(card)
    return found


class DealerError(Exception):
    """A move that cannot be made in the dealer's present state."""

    def __init__(self, deck_id: str) -> None:
        super().__init__(deck_id)
        self.deck_id = deck_id


class DeckFinished(DealerError):
    """Every card has been dealt."""


class NothingBefore(DealerError):
    """Back was asked at the first card."""


class NoCard(DealerError):
    """A move needs a card on screen and there is none yet."""
