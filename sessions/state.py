"""A session's state: the fold of its events. Pure and immutable, so undo is a refold."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from cards.dealer import Dealer
from cards.model import Card, Deck
from sessions.events import (
    CardMoved,
    DeckChosen,
    Event,
    FloorGiven,
    SessionEnded,
    SessionStarted,
    Undone,
)


class MissingDeck(LookupError):
    """A session names a deck that is not loaded now."""

    def __init__(self, deck_id: str) -> None:
        super().__init__(deck_id)
        self.deck_id = deck_id


@dataclass(frozen=True, slots=True)
class DealtCard:
    """A card as it was put on the table, kept with its text for the record."""

    seq: int
    at: str
    deck_id: str
    card_id: str
    text: str
    follow_up: str = ""
    theme: str = ""


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker holding the floor, from `at` (the event's wall-clock time)."""

    seq: int
    at: str
    speaker: str


@dataclass(frozen=True, slots=True)
class SessionState:
    """Everything a screen or an export needs to know about a session."""

    started: SessionStarted | None = None
    deck_id: str = ""
    dealers: Mapping[str, Dealer] = field(default_factory=dict)
    dealt: tuple[DealtCard, ...] = ()
    turns: tuple[Turn, ...] = ()
    ended: bool = False
    last_seq: int = 0
    last_at: str = ""

    @property
    def id(self) -> str:
        return self.started.id if self.started else ""

    @property
    def dealer(self) -> Dealer | None:
        return self.dealers.get(self.deck_id)

    @property
    def card(self) -> Card | None:
        dealer = self.dealer
        return dealer.current if dealer else None

    @property
    def speaker(self) -> str:
        return self.turns[-1].speaker if self.turns else ""

    @property
    def participants(self) -> tuple[str, ...]:
        return self.started.participants if self.started else ()


def _dealer(state: SessionState, decks: Mapping[str, Deck], deck_id: str) -> Dealer:
    if deck_id in state.dealers:
        return state.dealers[deck_id]
    if deck_id not in decks:
        raise MissingDeck(deck_id)
    assert state.started is not None
    # every deck of a session gets its own stable seed, derived from the session's
    index = state.started.decks.index(deck_id) if deck_id in state.started.decks else 0
    return Dealer.start(decks[deck_id], state.started.seed + index)


def _moved(dealer: Dealer, event: CardMoved) -> Dealer:
    if event.move == "reshuffle":
        return dealer.reshuffle(event.seed)
    if event.move in ("deal", "pick"):
        return dealer.pick(event.card_id)
    if event.move == "back":
        return dealer.back()
    if event.move == "skip":
        return dealer.skip()
    if event.move == "park":
        return dealer.park()
    raise ValueError(f"unknown card move {event.move!r}")


def apply(state: SessionState, event: Event, decks: Mapping[str, Deck]) -> SessionState:
    """The state after one (effective) event."""
    state = replace(state, last_seq=event.seq, last_at=event.at)
    if isinstance(event, SessionStarted):
        first = event.decks[0] if event.decks else ""
        return replace(state, started=event, deck_id=first)
    if isinstance(event, DeckChosen):
        return replace(state, deck_id=event.deck_id)
    if isinstance(event, CardMoved):
        before = _dealer(state, decks, event.deck_id)
        after = _moved(before, event)
        dealers = {**state.dealers, event.deck_id: after}
        dealt = state.dealt
        card = after.current
        if card is not None and card.id not in before.shown:
            dealt = (
                *dealt,
                DealtCard(
                    event.seq,
                    event.at,
                    event.deck_id,
                    card.id,
                    card.text,
                    card.follow_up,
                    card.theme,
                ),
            )
        return replace(state, dealers=dealers, dealt=dealt, deck_id=event.deck_id)
    if isinstance(event, FloorGiven):
        return replace(state, turns=(*state.turns, Turn(event.seq, event.at, event.speaker)))
    if isinstance(event, SessionEnded):
        return replace(state, ended=True)
    return state


def effective(events: Iterable[Event]) -> list[Event]:
    """The events that still count: every `Undone` removes the event it targets."""
    undone = {event.target for event in events if isinstance(event, Undone)}
    return [e for e in events if not isinstance(e, Undone) and e.seq not in undone]


def fold(events: Iterable[Event], decks: Mapping[str, Deck]) -> SessionState:
    """The state that a list of events adds up to."""
    events = list(events)
    state = SessionState()
    for event in effective(events):
        state = apply(state, event, decks)
    if events:
        state = replace(state, last_seq=events[-1].seq, last_at=events[-1].at)
    return state


def last_undoable(events: Iterable[Event]) -> Event | None:
    """The event an undo would reverse now, or None."""
    candidates = [e for e in effective(events) if e.UNDOABLE]
    return candidates[-1] if candidates else None
