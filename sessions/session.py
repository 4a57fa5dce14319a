"""A running session: commands validate, emit one event, and fold it into the state.

Nothing else changes a session. The UI calls the commands; each event is handed to `sink`
(the store's writer) after it is applied, so the screen never waits for the disk.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from cards.dealer import Dealer, DealerError
from cards.model import Deck
from sessions.events import (
    CardMoved,
    DeckChosen,
    Event,
    FloorGiven,
    SessionEnded,
    SessionStarted,
    Undone,
    utc_now,
)
from sessions.meta import SessionSetup, new_session_id
from sessions.state import SessionState, apply, fold, last_undoable

Sink = Callable[[Event], None]


class CommandRefused(Exception):
    """A command that does not fit the session's state; `key` names the message."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class Session:
    """One session in memory: its events, and the state they fold to."""

    def __init__(
        self,
        events: Sequence[Event],
        decks: Mapping[str, Deck],
        *,
        sink: Sink | None = None,
        clock: Callable[[], str] = utc_now,
        read_only: bool = False,
    ) -> None:
        self.decks = decks
        self.events: list[Event] = list(events)
        self.state: SessionState = fold(self.events, decks)
        self.sink = sink
        self.clock = clock
        self.read_only = read_only

    @classmethod
    def start(
        cls,
        setup: SessionSetup,
        decks: Mapping[str, Deck],
        *,
        sink: Sink | None = None,
        session_id: str | None = None,
        seed: int | None = None,
        clock: Callable[[], str] = utc_now,
    ) -> Session:
        names = setup.names
        leader = next((n for n in names if n.casefold() == setup.leader.casefold()), "")
        session = cls([], decks, sink=sink, clock=clock)
        session._emit(
            SessionStarted,
            id=session_id or new_session_id(),
            title=" ".join(setup.title.split()),
            team=setup.team.strip(),
            facilitator=setup.facilitator.strip(),
            date=setup.date,
            participants=names,
            anonymous=bool(setup.anonymous),
            leader=leader,
            format=setup.format,
            decks=setup.decks,
            turn_seconds=setup.turn_seconds,
            total_minutes=setup.total_minutes,
            seed=random.randrange(1_000_000) if seed is None else seed,
        )
        return session

    # -- the one way in --------------------------------------------------------------------

    def _emit(self, kind: type[Event], **fields: Any) -> Event:
        if self.read_only:
            raise CommandRefused("session.read_only")
        event = kind(seq=len(self.events) + 1, at=self.clock(), **fields)
        state = apply(self.state, event, self.decks)  # raises before anything is recorded
        self.events.append(event)
        self.state = state
        if self.sink is not None:
            self.sink(event)
        return event

    # -- cards -----------------------------------------------------------------------------

    def dealer_now(self) -> Dealer:
        """The dealer of the deck on the board (a fresh one before the first deal)."""
        dealer = self.state.dealer
        if dealer is None:
            deck = self.decks.get(self.state.deck_id)
            if deck is None:
                raise CommandRefused("session.no_deck")
            assert self.state.started is not None
            index = self.state.started.decks.index(deck.id)
            dealer = Dealer.start(deck, self.state.started.seed + index)
        return dealer

    def _move(self, move: str, dealer: Dealer, seed: int = 0) -> Event:
        card = dealer.current
        return self._emit(
            CardMoved,
            deck_id=self.state.deck_id,
            move=move,
            card_id=card.id if card else "",
            seed=seed,
        )

    def deal(self) -> Event:
        try:
            return self._move("deal", self.dealer_now().deal())
        except DealerError as error:
            raise CommandRefused(f"dealer.{type(error).__name__}") from None

    def back(self) -> Event:
        try:
            return self._move("back", self.dealer_now().back())
        except DealerError as error:
            raise CommandRefused(f"dealer.{type(error).__name__}") from None

    def skip(self) -> Event:
        try:
            return self._move("skip", self.dealer_now().skip())
        except DealerError as error:
            raise CommandRefused(f"dealer.{type(error).__name__}") from None

    def park(self) -> Event:
        try:
            return self._move("park", self.dealer_now().park())
        except DealerError as error:
            raise CommandRefused(f"dealer.{type(error).__name__}") from None

    def pick(self, card_id: str) -> Event:
        try:
            return self._move("pick", self.dealer_now().pick(card_id))
        except KeyError:
            raise CommandRefused("dealer.unknown_card", card=card_id) from None

    def reshuffle(self, seed: int | None = None) -> Event:
        seed = random.randrange(1_000_000) if seed is None else seed
        return self._move("reshuffle", self.dealer_now().reshuffle(seed), seed)

    def choose_deck(self, deck_id: str) -> Event:
        if deck_id not in self.decks:
            raise CommandRefused("session.no_deck")
        if deck_id == self.state.deck_id:
            raise CommandRefused("session.same_deck")
        return self._emit(DeckChosen, deck_id=deck_id)

    # -- the floor -------------------------------------------------------------------------

    def give_floor(self, speaker: str) -> Event:
        if speaker not in self.state.participants:
            raise CommandRefused("session.not_participant", name=speaker)
        if speaker == self.state.speaker:
            raise CommandRefused("session.already_speaking", name=speaker)
        return self._emit(FloorGiven, speaker=speaker)

    def next_speaker(self) -> Event:
        """The floor to the next participant in circle order (the first when nobody has it)."""
        names = self.state.participants
        if not names:
            raise CommandRefused("session.no_participants")
        current = self.state.speaker
        index = (names.index(current) + 1) % len(names) if current in names else 0
        return self.give_floor(names[index])

    # -- undo and end ----------------------------------------------------------------------

    def undo(self) -> Event:
        target = last_undoable(self.events)
        if target is None:
            raise CommandRefused("session.nothing_to_undo")
        event = Undone(seq=len(self.events) + 1, at=self.clock(), target=target.seq)
        if self.read_only:
            raise CommandRefused("session.read_only")
        self.events.append(event)
        self.state = fold(self.events, self.decks)
        if self.sink is not None:
            self.sink(event)
        return event

    def end(self) -> Event:
        if self.state.ended:
            raise CommandRefused("session.already_ended")
        return self._emit(SessionEnded)

    def with_sink(self, sink: Sink | None) -> Session:
        """The same session handing its events to another sink."""
        self.sink = sink
        return self
