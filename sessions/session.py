"""A running session: commands validate, emit one event, and fold it into the state.

Nothing else changes a session. The UI calls the commands; each event is handed to `sink`
(the store's writer) after it is applied, so the screen never waits for the disk. The session
also runs the turn and round clocks on an injectable monotonic clock; events that move them
carry their readings, so a resumed session comes back with the time it had, paused.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from cards.dealer import Dealer, DealerError
from cards.model import Deck
from sessions.clock import EXTEND_SECONDS, Monotonic, RoundClock
from sessions.coaching import (
    BEHAVIOUR_IDS,
    CONVERSATION,
    Roles,
    default_lengths,
    next_roles,
    segments_for,
)
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
    utc_now,
)
from sessions.formats import may_speak, next_in_order, turn_length
from sessions.meta import SessionSetup, new_session_id
from sessions.notes import KINDS, MAX_NOTE_CHARS, Draft, clean_text
from sessions.state import (
    ClockReading,
    MissingDeck,
    SessionState,
    apply,
    counted,
    dealer_for,
    fold,
    last_undoable,
)

Sink = Callable[[Event], None]

# what `next_speaker` answers when everyone in a round has been heard
ALL_HEARD = ("round.all_heard", "round.all_heard_leader")


class CommandRefused(Exception):
    """A command that does not fit the session's state; `key` names the message."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class Session:
    """One session in memory: its events, the state they fold to, and the running clocks."""

    def __init__(
        self,
        events: Sequence[Event],
        decks: Mapping[str, Deck],
        *,
        sink: Sink | None = None,
        clock: Callable[[], str] = utc_now,
        now: Monotonic = time.monotonic,
        read_only: bool = False,
    ) -> None:
        self.decks = decks
        self.events: list[Event] = list(events)
        self.state: SessionState = fold(self.events, decks)
        self.sink = sink
        self.clock = clock
        self.now = now
        self.read_only = read_only
        self.turn_clock = RoundClock(0, now=now)
        self.round_clock = RoundClock(0, now=now)
        self._opened_after = len(self.events)  # the events from before this opening
        # a resumed session comes back paused, at the time it had at its last event
        self._set_clocks(self.state.clock.paused_at(self.state.last_at))

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
        now: Monotonic = time.monotonic,
    ) -> Session:
        names = setup.names
        leader = next((n for n in names if n.casefold() == setup.leader.casefold()), "")
        session = cls([], decks, sink=sink, clock=clock, now=now)
        session._emit(
            SessionStarted,
            id=session_id or new_session_id(),
            title=" ".join(setup.title.split()),
            team=setup.team.strip(),
            facilitator=setup.facilitator.strip(),
            date=setup.iso_date,
            participants=names,
            anonymous=bool(setup.anonymous),
            leader=leader,
            format=setup.format,
            decks=setup.decks,
            turn_seconds=setup.turn_seconds,
            total_minutes=setup.total_minutes,
            round_minutes=setup.round_minutes,
            fair_share=setup.fair_share,
            seed=random.randrange(1_000_000) if seed is None else seed,
        )
        session._set_clocks(session.state.clock)
        return session

    # -- the one way in --------------------------------------------------------------------

    def _emit(self, event_type: type[Event], /, **fields: Any) -> Event:
        if self.read_only:
            raise CommandRefused("session.read_only")
        if self.state.ended:
            raise CommandRefused("session.already_ended")  # the record is closed
        event = event_type(seq=len(self.events) + 1, at=self.clock(), **fields)
        state = apply(self.state, event, self.decks)  # raises before anything is recorded
        self.events.append(event)
        self.state = state
        if self.sink is not None:
            self.sink(event)
        return event

    # -- clocks ----------------------------------------------------------------------------

    def _set_clocks(self, reading: ClockReading) -> None:
        self.turn_clock.reset(reading.turn_length, keep_running=False)
        self.turn_clock.set_remaining(reading.turn_left)
        self.round_clock.reset(max(reading.round_left, 0.0), keep_running=False)
        self.round_clock.set_remaining(reading.round_left)
        self._timed_turn = reading.timed_turn
        if reading.running:
            self.turn_clock.start()
            self.round_clock.start()

    def _reading(self) -> tuple[float, ...]:
        return (
            round(self.turn_clock.remaining(), 3),
            round(self.round_clock.remaining(), 3),
            float(self.running),
            float(self._timed_turn),
        )

    @property
    def running(self) -> bool:
        return self.round_clock.running

    @property
    def timed_turn(self) -> bool:
        """True when the clock in big digits is the speaker's turn (else the round's time)."""
        return self._timed_turn

    @property
    def shown_clock(self) -> RoundClock:
        return self.turn_clock if self._timed_turn else self.round_clock

    def _turn_seconds(self) -> float:
        """How long the speaker who holds the floor has spoken (pauses excluded)."""
        return round(max(self.turn_clock.elapsed(), 0.0), 3) if self.state.speaker else 0.0

    def counted_now(self) -> SessionState:
        """The state with the turn of whoever holds the floor counted up to now, as an export
        in the middle of a turn shows it (the record gets that turn's time when it ends)."""
        return counted(self.state, self._turn_seconds())

    def _start_turn(self, speaker: str) -> None:
        """Set the turn clock for `speaker` (fixed, fair share, or none for an open floor)."""
        state = self.state
        assert state.started is not None
        waiting = [n for n in state.waiting if n != speaker]
        leader_to_come = (
            state.format.leader_last
            and state.leader
            and speaker != state.leader
            and not (state.round and state.round.leader_spoke)
        )
        length = turn_length(
            state.format,
            fixed=float(state.started.turn_seconds),
            round_left=max(self.round_clock.remaining(), 0.0),
            to_come=len(waiting) + 1 + (1 if leader_to_come else 0),
            fair_share=state.started.fair_share,
        )
        if not speaker:
            length = None
        self._timed_turn = length is not None
        self.turn_clock.reset(length or 0.0, keep_running=False)
        if self.running:
            self.turn_clock.start()

    def _new_round_clocks(self) -> None:
        self.round_clock.reset(self.state.round_length(), keep_running=False)
        self.turn_clock.reset(0.0, keep_running=False)
        self._timed_turn = False

    def toggle_clock(self) -> Event:
        """Start or pause the clock (both the turn's and the round's)."""
        if self.running:
            self.turn_clock.pause()
            self.round_clock.pause()
            action = "pause"
        else:
            self.turn_clock.start()
            self.round_clock.start()
            action = "start"
        return self._emit(ClockChanged, action=action, clock=self._reading())

    def stop_for_closing(self) -> Event | None:
        """The session is closed with the clock running: stop it, and record where it stood
        (a resume comes back at the last step's time, so the time since that step would be
        lost). None when there is nothing to record."""
        if not self.running or self.read_only or self.state.ended:
            return None
        self.turn_clock.pause()
        self.round_clock.pause()
        return self._emit(ClockChanged, action="closed", clock=self._reading())

    def extend(self) -> Event:
        """EXTEND_SECONDS more for the speaker (or, on an open floor, for the round). Always
        the same amount: the state counts a coaching segment's extensions from the events."""
        if self._timed_turn:
            self.turn_clock.extend(EXTEND_SECONDS)
        self.round_clock.extend(EXTEND_SECONDS)
        return self._emit(ClockChanged, action="extend", clock=self._reading())

    def reset_turn(self) -> Event:
        """The turn's clock back to its full length (the round's on an open floor)."""
        if self._timed_turn:
            self._start_turn(self.state.speaker)
        else:
            self.round_clock.reset(self.state.round_length())
        return self._emit(ClockChanged, action="reset", clock=self._reading())

    # -- cards -----------------------------------------------------------------------------

    def dealer_now(self) -> Dealer:
        """The dealer of the deck on the board (a fresh one before the first deal)."""
        return self.dealer_of(self.state.deck_id)

    def dealer_of(self, deck_id: str) -> Dealer:
        """The dealer of one of the session's decks, as the session left it."""
        try:
            return dealer_for(self.state, self.decks, deck_id)
        except MissingDeck:
            raise CommandRefused("session.no_deck") from None

    def _move(self, move: str, dealer: Dealer, seed: int = 0) -> Event:
        card = dealer.current
        round_ = self.state.round
        seconds = self._turn_seconds()
        new_round = card is not None and (round_ is None or round_.card_id != card.id)
        if new_round:
            self._new_round_clocks()
        return self._emit(
            CardMoved,
            deck_id=self.state.deck_id,
            move=move,
            card_id=card.id if card else "",
            seed=seed,
            seconds=seconds if new_round else 0.0,
            clock=self._reading(),
        )

    def _dealing(self, move: str, *args: Any) -> Event:
        try:
            dealer = getattr(self.dealer_now(), move)(*args)
        except DealerError as error:
            raise CommandRefused(f"dealer.{type(error).__name__}") from None
        except KeyError:
            raise CommandRefused("dealer.unknown_card", card=args[0] if args else "") from None
        return self._move(move, dealer)

    def deal(self) -> Event:
        return self._dealing("deal")

    def back(self) -> Event:
        return self._dealing("back")

    def skip(self) -> Event:
        return self._dealing("skip")

    def park(self) -> Event:
        return self._dealing("park")

    def pick(self, card_id: str) -> Event:
        return self._dealing("pick", card_id)

    def reshuffle(self, seed: int | None = None) -> Event:
        seed = random.randrange(1_000_000) if seed is None else seed
        return self._move("reshuffle", self.dealer_now().reshuffle(seed), seed)

    def choose_deck(self, deck_id: str) -> Event:
        if deck_id not in self.decks:
            raise CommandRefused("session.no_deck")
        if deck_id == self.state.deck_id:
            raise CommandRefused("session.same_deck")
        card = self.dealer_of(deck_id).current  # where that deck was left
        round_ = self.state.round
        seconds = self._turn_seconds()
        new_round = card is not None and (round_ is None or round_.card_id != card.id)
        if new_round:  # its card comes back on the table: a new round, as a deal starts one
            self._new_round_clocks()
        return self._emit(
            DeckChosen,
            deck_id=deck_id,
            seconds=seconds if new_round else 0.0,
            clock=self._reading(),
        )

    # -- the floor -------------------------------------------------------------------------

    def _floor_to(self, speaker: str, *, passed: bool = False) -> Event:
        seconds = self._turn_seconds()
        self._start_turn(speaker)
        return self._emit(
            FloorGiven, speaker=speaker, seconds=seconds, passed=passed, clock=self._reading()
        )

    def _check(self, name: str) -> None:
        state = self.state
        if name not in state.participants:
            raise CommandRefused("session.not_participant", name=name)
        if name == state.speaker:
            raise CommandRefused("session.already_speaking", name=name)
        round_ = state.round
        if round_ is None:
            raise CommandRefused("round.no_card")
        refusal = may_speak(
            state.format,
            name,
            order=state.order,
            leader=state.leader,
            done=round_.done,
            leader_spoke=round_.leader_spoke,
            closed=round_.closed,
        )
        if refusal is not None:
            raise CommandRefused(refusal.key, **dict(refusal.params))

    def give_floor(self, speaker: str) -> Event:
        """`speaker` takes the floor (a click on their name), where the format allows it."""
        self._check(speaker)
        return self._floor_to(speaker)

    def choose(self, name: str) -> Event:
        """A click on a name: the floor to them, or (discussion, while someone else speaks)
        a place in the queue."""
        state = self.state
        if state.format.queue and state.speaker and name != state.speaker:
            if name not in state.participants:
                raise CommandRefused("session.not_participant", name=name)
            if name in state.queue:
                raise CommandRefused("round.already_queued", name=name)
            return self._emit(SpeakerQueued, speaker=name)
        return self.give_floor(name)

    def _next_name(self) -> str:
        state = self.state
        if not state.participants:
            raise CommandRefused("session.no_participants")
        round_ = state.round
        if round_ is None:
            raise CommandRefused("round.no_card")
        if round_.closed:
            raise CommandRefused("round.closed")
        name = next_in_order(
            state.format,
            order=state.order,
            leader=state.leader,
            current=state.speaker,
            done=round_.done,
            queue=state.queue,
        )
        if name is None:
            if state.format.leader_last and state.leader and not round_.leader_spoke:
                raise CommandRefused("round.all_heard_leader", leader=state.leader)
            raise CommandRefused("round.all_heard")
        return name

    def why_nobody_next(self) -> CommandRefused | None:
        """Why `next_speaker` would give nobody the floor now (its refusal), or None."""
        try:
            self._next_name()
        except CommandRefused as refused:
            return refused
        return None

    def next_speaker(self) -> Event:
        """The floor to the next in the circle (who has not yet spoken, where that counts).
        When everyone has been heard, the turn of whoever holds the floor ends: nobody holds
        it then, and the floor line says what comes next (the leader, or the closing)."""
        try:
            name = self._next_name()
        except CommandRefused as refused:
            if refused.key not in ALL_HEARD or not self.state.speaker:
                raise
            return self._floor_to("")
        if name == self.state.speaker:
            raise CommandRefused("session.already_speaking", name=name)
        return self._floor_to(name)

    def pass_turn(self) -> Event:
        """The speaker holding the floor passes; the floor goes on to the next (if any)."""
        state = self.state
        if not state.speaker:
            raise CommandRefused("round.nobody_to_pass")
        if not state.format.allow_pass:
            raise CommandRefused("round.no_pass")
        if state.speaker == state.leader and state.format.leader_last:
            raise CommandRefused("round.leader_cannot_pass")
        try:
            following = self._next_name()
        except CommandRefused:
            following = ""
        return self._floor_to(following, passed=True)

    def leader_turn(self) -> Event:
        """The leader's closing turn: refused while the kgotla rule still locks it."""
        state = self.state
        if not state.leader:
            raise CommandRefused("round.no_leader")
        self._check(state.leader)
        return self._floor_to(state.leader)

    def close_round(self, closing: str = "") -> Event:
        state = self.state
        round_ = state.round
        if round_ is None:
            raise CommandRefused("round.no_card")
        if round_.closed:
            raise CommandRefused("round.closed")
        closings = state.format.closings
        if closings and closing not in closings:
            raise CommandRefused("round.closing_needed")
        seconds = self._turn_seconds()
        self.turn_clock.pause()
        self.round_clock.pause()
        self._timed_turn = False
        return self._emit(RoundClosed, closing=closing, seconds=seconds, clock=self._reading())

    def new_round(self) -> Event:
        """Another round on the same card (after a closing)."""
        if self.state.round is None:
            raise CommandRefused("round.no_card")
        self._new_round_clocks()
        return self._emit(RoundStarted, clock=self._reading())

    def set_order(self, order: Sequence[str]) -> Event:
        order = tuple(order)
        if sorted(order) != sorted(self.state.participants):
            raise CommandRefused("round.bad_order")
        return self._emit(OrderSet, order=order)

    def shuffle_order(self, seed: int | None = None) -> Event:
        order = list(self.state.participants)
        random.Random(seed).shuffle(order)
        return self.set_order(order)

    # -- notes -----------------------------------------------------------------------------

    def _checked(self, draft: Draft) -> Draft:
        text = clean_text(draft.text)
        if not text.strip():
            raise CommandRefused("note.empty")
        if len(text) > MAX_NOTE_CHARS:
            raise CommandRefused("note.too_long", length=len(text), most=MAX_NOTE_CHARS)
        if draft.kind not in KINDS:
            raise CommandRefused("note.bad_kind", kind=draft.kind)
        return Draft(
            draft.kind,
            text,
            clean_text(draft.speaker),
            clean_text(draft.who),
            clean_text(draft.due),
            draft.due_date,
        )

    def record(self, draft: Draft, *, question: str = "") -> Event:
        """A note about the card on the table (or the session, before the first card)."""
        draft = self._checked(draft)
        card = self.state.card
        round_ = self.state.round or self.state.coaching_round
        return self._emit(
            NoteRecorded,
            kind=draft.kind,
            text=draft.text,
            speaker=draft.speaker,
            deck_id=self.state.deck_id if card else "",
            card_id=card.id if card else "",
            round=round_.number if round_ else 0,
            who=draft.who,
            due=draft.due,
            due_date=draft.due_date,
            question=question,
        )

    def edit_note(self, seq: int, draft: Draft) -> Event:
        if self.state.note(seq) is None:
            raise CommandRefused("note.gone")
        draft = self._checked(draft)
        return self._emit(
            NoteEdited,
            target=seq,
            kind=draft.kind,
            text=draft.text,
            speaker=draft.speaker,
            who=draft.who,
            due=draft.due,
            due_date=draft.due_date,
        )

    def delete_note(self, seq: int) -> Event:
        if self.state.note(seq) is None:
            raise CommandRefused("note.gone")
        return self._emit(NoteDeleted, target=seq)

    def carry_over(self, items: Sequence[tuple[str, dict[str, str]]]) -> list[Event]:
        """Bring open items of the team's previous session into this one."""
        return [self._emit(ItemCarried, source=source, **fields) for source, fields in items]

    def settle(self, seq: int, outcome: str) -> Event:
        if outcome not in ("done", "kept", "dropped"):
            raise CommandRefused("carry.bad_outcome")
        if not any(item.seq == seq for item in self.state.carried):
            raise CommandRefused("note.gone")
        return self._emit(ItemSettled, target=seq, outcome=outcome)

    def undo_settle(self) -> ItemSettled:
        """Undo the last settle of a carried item, when that is what an undo would reverse
        now (the list of carried items undoes there, and nothing else); the settle undone."""
        target = last_undoable(self.events)
        if not isinstance(target, ItemSettled):
            raise CommandRefused("carry.nothing_to_undo")
        self.undo()
        return target

    # -- coaching practice -----------------------------------------------------------------

    def start_coaching_round(
        self,
        case: str,
        conversation_type: str,
        lengths: Sequence[float] | None = None,
        roles: Roles | None = None,
    ) -> Event:
        """The next practice round, with the roles chosen (each person one), by default
        turned on from the last round's (`next_roles`)."""
        people = self.state.participants
        if len(people) not in (2, 3):
            raise CommandRefused("coaching.people")
        last = self.state.coaching_round
        roles = roles or next_roles(people, last.roles if last else None)
        if not roles.fits(people):
            raise CommandRefused("coaching.bad_roles")
        segments = segments_for(len(people))
        lengths = tuple(lengths) if lengths is not None else default_lengths(len(people))
        if len(lengths) != len(segments) or any(not 0 < n <= 3600 for n in lengths):
            raise CommandRefused("coaching.bad_lengths")
        number = len(self.state.coaching) + 1
        self.turn_clock.pause()
        self.round_clock.pause()
        self.turn_clock.reset(lengths[0], keep_running=False)
        self.round_clock.reset(sum(lengths), keep_running=False)
        self._timed_turn = True
        return self._emit(
            CoachingRoundStarted,
            number=number,
            coach=roles.coach,
            coachee=roles.coachee,
            observer=roles.observer,
            case=clean_text(case).strip(),
            conversation_type=clean_text(conversation_type).strip(),
            segments=segments,
            lengths=lengths,
            clock=self._reading(),
        )

    def next_segment(self) -> Event:
        current = self.state.coaching_round
        if current is None:
            raise CommandRefused("coaching.no_round")
        if current.finished:
            raise CommandRefused("coaching.last_segment")
        index = current.segment_index + 1
        self.turn_clock.reset(current.lengths[index])
        return self._emit(SegmentStarted, index=index, clock=self._reading())

    def tally(self, behaviour: str) -> Event:
        current = self.state.coaching_round
        if current is None:
            raise CommandRefused("coaching.no_round")
        if behaviour not in BEHAVIOUR_IDS:
            raise CommandRefused("coaching.bad_behaviour", behaviour=behaviour)
        if current.segment != CONVERSATION:
            # the observer tallies the conversation; its times count from its start
            before = current.segment_index < current.segments.index(CONVERSATION)
            raise CommandRefused("coaching.tally_not_yet" if before else "coaching.tally_over")
        # the segment's full time minus what its clock shows (the clock's own length is what
        # was left when it was last restored, on a resume or an undo, not the segment's)
        seconds = current.segment_length - self.turn_clock.remaining()
        return self._emit(
            TallyMarked,
            behaviour=behaviour,
            segment=current.segment,
            seconds=round(max(seconds, 0.0), 3),
        )

    # -- undo and end ----------------------------------------------------------------------

    def _runs_after_undoing(self, target: Event, before: ClockReading) -> bool:
        """Whether the clock runs once `target` is undone. As it runs now, if the clock was
        started or paused since (or the session reopened, which comes back paused); else as
        it ran before `target`: a round closed or a card dealt by mistake stopped it, and the
        undo sets it going again."""
        if target.seq <= self._opened_after or any(
            isinstance(event, ClockChanged) and event.action in ("start", "pause", "closed")
            for event in self.events[target.seq :]
        ):
            return self.running
        return before.running

    def _less_change(self, change: ClockChanged, before: ClockReading) -> Reading:
        """The clocks as they stand now, less what `+` or `r` (`change`) gave them: the time
        gone by since counts, as it would have without the change."""
        given = ClockReading.of(change.clock, change.at)
        if given is None:
            return self._reading()
        if change.action == "extend":
            turn, total = (EXTEND_SECONDS if given.timed_turn else 0.0), EXTEND_SECONDS
        else:  # reset, of the turn's clock (the round's on an open floor), from where it stood
            was = before.paused_at(change.at)
            turn = given.turn_left - was.turn_left if given.timed_turn else 0.0
            total = 0.0 if given.timed_turn else given.round_left - was.round_left
        turn_left, round_left, *rest = self._reading()
        return (turn_left - turn, round_left - total, *rest)

    def undo(self) -> Event:
        if self.read_only:
            raise CommandRefused("session.read_only")
        if self.state.ended:
            raise CommandRefused("session.already_ended")  # the record is closed
        target = last_undoable(self.events)
        if target is None:
            raise CommandRefused("session.nothing_to_undo")
        seq, at = len(self.events) + 1, self.clock()
        event = Undone(seq=seq, at=at, target=target.seq)
        reading = fold([*self.events, event], self.decks).clock
        moved = reading != self.state.clock
        if moved:
            # the undone event moved the clocks: back to what they showed just before it,
            # running on if they ran (a note, a tally or a deletion undone leaves them as
            # they are). The event says so, so that a mirror and a resume see the same.
            if isinstance(target, ClockChanged):
                back = self._less_change(target, reading)
            else:
                back = replace(
                    reading.paused_at(target.at), running=self._runs_after_undoing(target, reading)
                ).as_reading()
            clock = tuple(round(value, 3) for value in back)
            if clock != reading.as_reading():
                event = Undone(seq=seq, at=at, target=target.seq, clock=clock)
        self.events.append(event)
        self.state = fold(self.events, self.decks)
        if moved:
            self._set_clocks(self.state.clock)
        if self.sink is not None:
            self.sink(event)
        return event

    def end(self) -> Event:
        """Close the record; the clocks stop with it (a bell at zero would ring for nothing)."""
        if self.state.ended:
            raise CommandRefused("session.already_ended")
        event = self._emit(SessionEnded, seconds=self._turn_seconds())
        self.turn_clock.pause()
        self.round_clock.pause()
        return event
