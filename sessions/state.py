"""A session's state: the fold of its events. Pure and immutable, so undo is a refold."""

from __future__ import annotations

import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import field, replace
from datetime import datetime

from cards.dealer import Dealer
from cards.frozen import frozen
from cards.model import Card, Deck
from sessions.clock import EXTEND_SECONDS
from sessions.coaching import Roles, Tally
from sessions.events import (
    CardMoved,
    ClockChanged,
    CoachingRoundStarted,
    DeckChosen,
    Event,
    FloorGiven,
    ItemCarried,
    ItemSettled,
    NoteDeleted,
    NoteEdited,
    NoteRecorded,
    OrderSet,
    Reading,
    RoundClosed,
    RoundStarted,
    SegmentStarted,
    SessionEnded,
    SessionStarted,
    SpeakerQueued,
    TallyMarked,
    Undone,
)
from sessions.formats import Format, get_format, speakers


class MissingDeck(LookupError):
    """A session names a deck that is not loaded now."""

    def __init__(self, deck_id: str) -> None:
        super().__init__(deck_id)
        self.deck_id = deck_id


@frozen
class DealtCard:
    """A card as it was put on the table, kept with its text for the record."""

    seq: int
    at: str
    deck_id: str
    card_id: str
    text: str
    follow_up: str = ""
    theme: str = ""


@frozen
class Turn:
    """One speaker holding the floor; `seconds` and `passed` are known once the turn ends."""

    seq: int
    at: str
    speaker: str
    round: int
    seconds: float = 0.0
    passed: bool = False


@frozen
class Round:
    """One round on one card: who had the floor (`heard`, in order; `SessionState.heard_in`
    tells who has been heard), who passed, how it closed."""

    number: int
    deck_id: str
    card_id: str
    order: tuple[str, ...]
    heard: tuple[str, ...] = ()
    passed: tuple[str, ...] = ()
    leader_spoke: bool = False
    closing: str | None = None  # None while open; "" when closed without a closing kind
    used: bool = False  # a note was written in it (`_left_empty`)

    @property
    def done(self) -> frozenset[str]:
        return frozenset(self.heard) | frozenset(self.passed)

    @property
    def closed(self) -> bool:
        return self.closing is not None


@frozen
class ClockReading:
    """The clocks as the last clock-moving event left them. `turn_length` is the turn clock's
    full length: what the clock restored on a resume or an undo counts the turn's time from
    (the time spoken is the length minus what is left)."""

    turn_left: float = 0.0
    round_left: float = 0.0
    running: bool = False
    timed_turn: bool = False
    at: str = ""
    turn_length: float = 0.0

    @classmethod
    def of(cls, reading: Reading, at: str) -> ClockReading | None:
        if len(reading) != 4:
            return None
        turn, total, running, timed = reading
        return cls(float(turn), float(total), bool(running), bool(timed), at)

    def as_reading(self) -> Reading:
        return (self.turn_left, self.round_left, float(self.running), float(self.timed_turn))

    def paused_at(self, at: str) -> ClockReading:
        """The clock stopped at wall time `at` (a resumed session comes back paused)."""
        if not self.running or not self.at or not at:
            return replace(self, running=False)
        ran = max((_seconds(at) - _seconds(self.at)), 0.0)
        return replace(
            self, turn_left=self.turn_left - ran, round_left=self.round_left - ran, running=False
        )


def _seconds(stamp: str) -> float:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


@frozen
class Note:
    """A note as it stands now (after edits). `seq` is the event that recorded it."""

    seq: int
    at: str
    kind: str
    text: str
    speaker: str = ""
    deck_id: str = ""
    card_id: str = ""
    round: int = 0
    who: str = ""
    due: str = ""
    due_date: str = ""
    question: str = ""
    edited: bool = False


def due_label(item: Note | CarriedItem, *, in_brackets: bool = False) -> str:
    """By when, as typed, with the date it was read as when that says more ("morgen" alone
    would be wrong by the time anyone reads it again): "morgen (2026-11-24)", or inside
    brackets of its own "morgen, 2026-11-24" (not "(Ann, morgen (2026-11-24))")."""
    if item.due_date and item.due_date != item.due:
        if not item.due:
            return item.due_date
        return f"{item.due}, {item.due_date}" if in_brackets else f"{item.due} ({item.due_date})"
    return item.due


@frozen
class CarriedItem:
    """An item open from an earlier session, and what the facilitator decided about it."""

    seq: int
    source: str
    session_title: str
    session_date: str
    kind: str
    text: str
    speaker: str = ""
    who: str = ""
    due: str = ""
    due_date: str = ""
    outcome: str = ""  # "", "done", "kept" or "dropped"


@frozen
class CoachingRound:
    """One practice round: roles, case, segments and the observer's tally."""

    number: int
    roles: Roles
    case: str
    conversation_type: str
    segments: tuple[str, ...]
    lengths: tuple[float, ...]
    at: str
    segment_index: int = 0
    tallies: tuple[Tally, ...] = ()
    extended: float = 0.0  # seconds `+` added to the segment under way

    @property
    def segment(self) -> str:
        return self.segments[self.segment_index] if self.segments else ""

    @property
    def segment_length(self) -> float:
        """The segment under way's full time: its length and what `+` added."""
        return self.lengths[self.segment_index] + self.extended if self.lengths else 0.0

    @property
    def finished(self) -> bool:
        return self.segment_index >= len(self.segments) - 1


@frozen
class Airtime:
    speaker: str
    seconds: float = 0.0
    turns: int = 0
    passes: int = 0


@frozen
class SessionState:
    """Everything a screen or an export needs to know about a session."""

    started: SessionStarted | None = None
    deck_id: str = ""
    dealers: Mapping[str, Dealer] = field(default_factory=dict)
    dealt: tuple[DealtCard, ...] = ()
    order: tuple[str, ...] = ()
    round: Round | None = None
    rounds: tuple[Round, ...] = ()  # finished or left rounds, in order
    speaker: str = ""
    queue: tuple[str, ...] = ()
    turns: tuple[Turn, ...] = ()
    notes: tuple[Note, ...] = ()
    carried: tuple[CarriedItem, ...] = ()
    coaching: tuple[CoachingRound, ...] = ()
    clock: ClockReading = ClockReading()
    ended: bool = False
    last_seq: int = 0
    last_at: str = ""

    @property
    def id(self) -> str:
        return self.started.id if self.started else ""

    @property
    def format(self) -> Format:
        return get_format(self.started.format if self.started else "dialogue")

    @property
    def leader(self) -> str:
        return self.started.leader if self.started else ""

    @property
    def dealer(self) -> Dealer | None:
        return self.dealers.get(self.deck_id)

    @property
    def card(self) -> Card | None:
        dealer = self.dealer
        return dealer.current if dealer else None

    @property
    def participants(self) -> tuple[str, ...]:
        return self.started.participants if self.started else ()

    @property
    def turn_takers(self) -> tuple[str, ...]:
        return speakers(self.order, self.leader, self.format)

    @property
    def waiting(self) -> tuple[str, ...]:
        """Turn takers not yet given the floor (nor passed) in this round."""
        done = self.round.done if self.round else frozenset()
        return tuple(n for n in self.turn_takers if n not in done)

    def heard_in(self, round_: Round) -> tuple[str, ...]:
        """Who has been heard in `round_`, in the order they spoke, the leader who summed up
        (kgotla) last: everyone whose turn in it is over (the floor went on, the round closed,
        the next card came), not who passed. Whoever holds the floor for the first time in the
        round has not been heard yet. When the session ends in that turn, they were heard if
        it ran (the leader summing up, someone ending the meeting): not if the floor was just
        given, the clock never ran. The board and every export ask this."""
        names = round_.heard
        if round_.leader_spoke and self.leader and self.leader not in names:
            names = (*names, self.leader)
        holder = self.speaker
        if holder in names and self.round is not None and self.round.number == round_.number:
            turns = [x for x in self.turns if x.round == round_.number and x.speaker == holder]
            spoke = self.ended and turns and turns[-1].seconds > 0
            if len(turns) == 1 and not spoke:
                names = tuple(n for n in names if n != holder)
        return names

    @property
    def coaching_round(self) -> CoachingRound | None:
        return self.coaching[-1] if self.coaching else None

    def note(self, seq: int) -> Note | None:
        return next((note for note in self.notes if note.seq == seq), None)

    @property
    def cards_dealt(self) -> tuple[DealtCard, ...]:
        """Every card put on the table, once, where it was first dealt (after a reshuffle some
        come again), parked and skipped ones too: the cards the notes list, in order."""
        seen: set[tuple[str, str]] = set()
        first = []
        for dealt in self.dealt:
            if (key := (dealt.deck_id, dealt.card_id)) not in seen:
                seen.add(key)
                first.append(dealt)
        return tuple(first)

    def dealt_number(self, deck_id: str, card_id: str) -> int:
        """The card's place in `cards_dealt` (1 for the first), as the board and the notes
        number it ("Kaart 3"); 0 when it was not dealt."""
        for number, dealt in enumerate(self.cards_dealt, 1):
            if (dealt.deck_id, dealt.card_id) == (deck_id, card_id):
                return number
        return 0

    def card_notes(self) -> tuple[Note, ...]:
        """Notes about the card on the table (newest last)."""
        card = self.card
        return _notes_about(self.notes, self.deck_id if card else "", card.id if card else "")

    def notes_of(self, kind: str) -> tuple[Note, ...]:
        return tuple(note for note in self.notes if note.kind == kind)

    def airtime(self) -> list[Airtime]:
        """Per participant: total seconds spoken, turns and passes (this session)."""
        table = {name: Airtime(name) for name in self.participants}
        for turn in self.turns:
            row = table.get(turn.speaker, Airtime(turn.speaker))
            if turn.passed:
                table[turn.speaker] = replace(row, passes=row.passes + 1)
            else:
                table[turn.speaker] = replace(
                    row, seconds=row.seconds + turn.seconds, turns=row.turns + 1
                )
        return list(table.values())

    def round_length(self) -> float:
        """Seconds a round on one card is given."""
        started = self.started
        if started is None:
            return 600.0
        fmt = self.format
        if fmt.turn == "open" or fmt.harvest:
            return started.round_minutes * 60.0
        takers = len(self.turn_takers) + (1 if fmt.leader_last and self.leader else 0)
        return float(started.turn_seconds * max(takers, 1))


# the board asks for the notes of the card on the table after every key; the answer is kept
# for the last few (notes, card) pairs, by the identity of the immutable notes tuple
_NOTES_ABOUT: dict[tuple[int, str, str], tuple[tuple[Note, ...], tuple[Note, ...]]] = {}


def _notes_about(notes: tuple[Note, ...], deck_id: str, card_id: str) -> tuple[Note, ...]:
    key = (id(notes), deck_id, card_id)
    cached = _NOTES_ABOUT.get(key)
    if cached is not None and cached[0] is notes:
        return cached[1]
    # the closing reflection is about the session, whatever card was on the table (as the
    # exports have it): it is shown with its questions, not among a card's notes
    if card_id:
        found = tuple(
            n
            for n in notes
            if n.card_id == card_id and n.deck_id == deck_id and n.kind != "reflection"
        )
    else:
        found = tuple(n for n in notes if not n.card_id and n.kind != "reflection")
    if len(_NOTES_ABOUT) > 8:
        _NOTES_ABOUT.clear()
    _NOTES_ABOUT[key] = (notes, found)
    return found


def deck_seed(started: SessionStarted, deck_id: str) -> int:
    """Every deck of a session gets its own stable seed, derived from the session's; a deck
    taken up later (not in the set-up) gets one derived from its id."""
    if deck_id in started.decks:
        return started.seed + started.decks.index(deck_id)
    return started.seed + zlib.crc32(deck_id.encode("utf-8")) % 1_000_000


def dealer_for(state: SessionState, decks: Mapping[str, Deck], deck_id: str) -> Dealer:
    """The dealer of `deck_id` as the session left it, or a fresh one before its first deal."""
    if deck_id in state.dealers:
        return state.dealers[deck_id]
    if deck_id not in decks:
        raise MissingDeck(deck_id)
    assert state.started is not None
    return Dealer.start(decks[deck_id], deck_seed(state.started, deck_id))


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


def _with_clock(
    state: SessionState,
    reading: Reading,
    at: str,
    *,
    restarted: bool = False,
    extended: bool = False,
) -> SessionState:
    """The clocks as `reading` has them. An event that set the turn clock going from its full
    length (`restarted`) tells that length by its reading; `extended` gave a timed turn
    EXTEND_SECONDS more. No event records the length itself: a timed turn's is followed here
    from its start; an untimed turn's clock counts on from zero."""
    clock = ClockReading.of(reading, at)
    if clock is None:
        return state
    if not clock.timed_turn or restarted:
        length = max(clock.turn_left, 0.0)
    else:
        length = state.clock.turn_length + (EXTEND_SECONDS if extended else 0.0)
    return replace(state, clock=replace(clock, turn_length=length))


def end_turn(state: SessionState, seconds: float, passed: bool) -> SessionState:
    """Close the turn of whoever holds the floor, with its length or as a pass (the speaker
    keeps the floor: the event that closes the turn says who has it next)."""
    if not state.speaker or not state.turns or state.turns[-1].speaker != state.speaker:
        return state
    last = replace(state.turns[-1], seconds=seconds, passed=passed)
    round_ = state.round
    if passed and round_ is not None:
        round_ = replace(
            round_,
            heard=tuple(n for n in round_.heard if n != state.speaker),
            passed=(*round_.passed, state.speaker),
        )
    return replace(state, turns=(*state.turns[:-1], last), round=round_)


def counted(state: SessionState, seconds: float | None = None) -> SessionState:
    """The state with the turn of whoever still holds the floor closed at `seconds` (by
    default what the clocks had run of it at the last event), not recorded: what an export
    of a session that has not ended shows. The record gets that turn's time when it ends."""
    if not state.speaker or state.ended:
        return state
    if seconds is None:
        clock = state.clock.paused_at(state.last_at)
        seconds = max(clock.turn_length - clock.turn_left, 0.0)
    return end_turn(state, seconds, False)


def _new_round(state: SessionState, deck_id: str, card_id: str) -> SessionState:
    """A round on the card now on the table. The round before is kept, unless it was left
    as it began (`_left_empty`): then the new one takes its place and its number, so that a
    card skipped or parked does not count as a round ("Ronde 5" on the third card)."""
    left = state.round
    if left is not None and _left_empty(state, left):
        rounds, number = state.rounds, left.number
    else:
        rounds = (*state.rounds, left) if left else state.rounds
        number = (left.number if left else 0) + 1
    return replace(
        state,
        round=Round(number, deck_id, card_id, state.order),
        rounds=rounds,
        speaker="",
        queue=(),
    )


def _left_empty(state: SessionState, round_: Round) -> bool:
    """Nothing happened in `round_`: nobody had the floor or passed, it was not closed, no
    note was written in it. (Turns come in the order they were given, rounds in the order
    they began: any of this round's is the last one.)"""
    if round_.done or round_.closed or round_.leader_spoke or round_.used:
        return False
    return not (state.turns and state.turns[-1].round == round_.number)


def apply(state: SessionState, event: Event, decks: Mapping[str, Deck]) -> SessionState:
    """The state after one (effective) event."""
    state = replace(state, last_seq=event.seq, last_at=event.at)
    if isinstance(event, SessionStarted):
        first = event.decks[0] if event.decks else ""
        state = replace(state, started=event, deck_id=first, order=event.participants)
        return replace(state, clock=ClockReading(0.0, state.round_length(), False, False, event.at))
    if isinstance(event, DeckChosen):
        state = replace(state, deck_id=event.deck_id)
        left = state.dealers[event.deck_id].current if event.deck_id in state.dealers else None
        if left and (state.round is None or state.round.card_id != left.id):
            state = _new_round(end_turn(state, event.seconds, False), event.deck_id, left.id)
            return _with_clock(state, event.clock, event.at, restarted=True)
        return _with_clock(state, event.clock, event.at)
    if isinstance(event, CardMoved):
        before = dealer_for(state, decks, event.deck_id)
        after = _moved(before, event)
        state = replace(
            state, dealers={**state.dealers, event.deck_id: after}, deck_id=event.deck_id
        )
        card = after.current
        if card is not None and card.id not in before.shown:
            dealt = DealtCard(
                event.seq, event.at, event.deck_id, card.id, card.text, card.follow_up, card.theme
            )
            state = replace(state, dealt=(*state.dealt, dealt))
        on_table = card.id if card else ""
        if on_table and (state.round is None or state.round.card_id != on_table):
            state = _new_round(end_turn(state, event.seconds, False), event.deck_id, on_table)
            return _with_clock(state, event.clock, event.at, restarted=True)
        return _with_clock(state, event.clock, event.at)
    if isinstance(event, FloorGiven):
        state = end_turn(state, event.seconds, event.passed)
        if event.speaker:
            turn = Turn(
                event.seq, event.at, event.speaker, state.round.number if state.round else 0
            )
            round_ = state.round
            if round_ is not None:
                if event.speaker == state.leader and state.format.leader_last:
                    round_ = replace(round_, leader_spoke=True)
                elif event.speaker not in round_.done:
                    round_ = replace(round_, heard=(*round_.heard, event.speaker))
            state = replace(state, turns=(*state.turns, turn), round=round_)
        queue = tuple(n for n in state.queue if n != event.speaker)
        return _with_clock(
            replace(state, speaker=event.speaker, queue=queue),
            event.clock,
            event.at,
            restarted=True,
        )
    if isinstance(event, RoundClosed):
        state = end_turn(state, event.seconds, False)
        if state.round is not None:
            state = replace(state, round=replace(state.round, closing=event.closing))
        return _with_clock(replace(state, speaker=""), event.clock, event.at)
    if isinstance(event, RoundStarted):
        round_ = state.round
        if round_ is not None:
            state = _new_round(state, round_.deck_id, round_.card_id)
        return _with_clock(state, event.clock, event.at, restarted=True)
    if isinstance(event, Undone):
        # the clocks as the undo put them; the turn keeps the length it had before the
        # undone event (the state here is the one without it)
        clock = ClockReading.of(event.clock, event.at)
        if clock is None:
            return state
        return replace(state, clock=replace(clock, turn_length=state.clock.turn_length))
    if isinstance(event, ClockChanged):
        current = state.coaching_round
        if event.action == "extend" and current is not None:
            extended = replace(current, extended=current.extended + EXTEND_SECONDS)
            state = replace(state, coaching=(*state.coaching[:-1], extended))
        return _with_clock(
            state,
            event.clock,
            event.at,
            restarted=event.action == "reset",
            extended=event.action == "extend",
        )
    if isinstance(event, OrderSet):
        return replace(state, order=event.order)
    if isinstance(event, SpeakerQueued):
        return replace(state, queue=(*state.queue, event.speaker))
    if isinstance(event, NoteRecorded):
        # the round as this fold numbers it: a record made before empty rounds gave way to
        # the next (11-23) holds the number of its day, which may be higher
        number = event.round
        if state.round is not None:
            number = state.round.number
            if not state.round.used:
                state = replace(state, round=replace(state.round, used=True))
        note = Note(
            event.seq,
            event.at,
            event.kind,
            event.text,
            event.speaker,
            event.deck_id,
            event.card_id,
            number,
            event.who,
            event.due,
            event.due_date,
            event.question,
        )
        return replace(state, notes=(*state.notes, note))
    if isinstance(event, NoteEdited):
        notes = tuple(
            replace(
                n,
                kind=event.kind,
                text=event.text,
                speaker=event.speaker,
                who=event.who,
                due=event.due,
                due_date=event.due_date,
                edited=True,
            )
            if n.seq == event.target
            else n
            for n in state.notes
        )
        return replace(state, notes=notes)
    if isinstance(event, NoteDeleted):
        return replace(state, notes=tuple(n for n in state.notes if n.seq != event.target))
    if isinstance(event, ItemCarried):
        item = CarriedItem(
            event.seq,
            event.source,
            event.session_title,
            event.session_date,
            event.kind,
            event.text,
            event.speaker,
            event.who,
            event.due,
            event.due_date,
        )
        return replace(state, carried=(*state.carried, item))
    if isinstance(event, ItemSettled):
        carried = tuple(
            replace(c, outcome=event.outcome) if c.seq == event.target else c for c in state.carried
        )
        return replace(state, carried=carried)
    if isinstance(event, CoachingRoundStarted | SegmentStarted | TallyMarked):
        return _with_clock(
            _coached(state, event),
            getattr(event, "clock", ()),
            event.at,
            restarted=not isinstance(event, TallyMarked),
        )
    if isinstance(event, SessionEnded):
        return replace(end_turn(state, event.seconds, False), ended=True)
    return state


def _coached(state: SessionState, event: Event) -> SessionState:
    if isinstance(event, CoachingRoundStarted):
        round_ = CoachingRound(
            event.number,
            Roles(event.coach, event.coachee, event.observer),
            event.case,
            event.conversation_type,
            event.segments,
            event.lengths,
            event.at,
        )
        return replace(state, coaching=(*state.coaching, round_), speaker="")
    current = state.coaching_round
    if current is None:
        return state
    if isinstance(event, SegmentStarted):
        current = replace(current, segment_index=event.index, extended=0.0)
    elif isinstance(event, TallyMarked):
        tally = Tally(event.seq, event.behaviour, event.segment, event.seconds)
        current = replace(current, tallies=(*current.tallies, tally))
    return replace(state, coaching=(*state.coaching[:-1], current))


def kept_agreements(state: SessionState) -> list[CarriedItem]:
    """Agreements of an earlier session the team kept in this one: they still stand."""
    return [c for c in state.carried if c.kind == "agreement" and c.outcome == "kept"]


def open_items(state: SessionState) -> list[tuple[str, dict[str, str]]]:
    """What this session leaves open for the team's next one: its parked items and
    agreements, and carried items still kept or not yet settled. (source, fields) pairs."""
    items: list[tuple[str, dict[str, str]]] = []
    for carried in state.carried:
        if carried.outcome in ("", "kept"):
            fields = {
                "kind": carried.kind,
                "text": carried.text,
                "speaker": carried.speaker,
                "who": carried.who,
                "due": carried.due,
                "due_date": carried.due_date,
                "session_title": carried.session_title,
                "session_date": carried.session_date,
            }
            items.append((carried.source, fields))
    started = state.started
    for note in state.notes:
        if note.kind in ("agreement", "parked"):
            fields = {
                "kind": note.kind,
                "text": note.text,
                "speaker": note.speaker,
                "who": note.who,
                "due": note.due,
                "due_date": note.due_date,
                "session_title": started.title if started else "",
                "session_date": started.date if started else "",
            }
            items.append((f"{state.id}:{note.seq}", fields))
    return items


def effective(events: Iterable[Event]) -> list[Event]:
    """The events that still count: every `Undone` removes the event it targets. An undone
    event that set the clocks (the next part, the floor, a deal) takes with it the clock
    changes made after it and before the undo (a pause, `+`): they were made to the clock it
    set, and the undo puts back the clock from before it (see `Session.undo`)."""
    events = list(events)
    undone = {event.target: event.seq for event in events if isinstance(event, Undone)}
    void = set(undone)
    spans = [
        (event.seq, undone[event.seq])
        for event in events
        if event.seq in undone and _sets_clocks(event)
    ]
    if spans:
        # an undo that set the clocks set them as a clock change does: the undo of an
        # earlier event takes it with it
        changes = [
            e.seq
            for e in events
            if isinstance(e, ClockChanged) or (isinstance(e, Undone) and e.clock)
        ]
        for start, end in spans:
            void.update(changes[bisect_right(changes, start) : bisect_left(changes, end)])
    # an undo that set the clocks stays, to set them (see `apply`)
    return [e for e in events if e.seq not in void and (not isinstance(e, Undone) or e.clock)]


def _sets_clocks(event: Event) -> bool:
    reading: Reading = getattr(event, "clock", ())
    return bool(reading)


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
    candidates = [e for e in effective(events) if e.undoable]
    return candidates[-1] if candidates else None
