"""A session in memory: set-up, commands and their events, refusals, undo, and the fold.

Everything here is pure (no Textual, no disk) except the property test's round trip through a
real session file, which uses temporary folders of its own.
"""

from __future__ import annotations

import dataclasses
import json
import re
import tempfile
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cards.dealer import shuffled_ids
from cards.i18n import set_language, t
from cards.loader import DeckLibrary
from cards.model import Deck
from sessions.events import (
    CardMoved,
    ClockChanged,
    DeckChosen,
    Event,
    FloorGiven,
    SessionEnded,
    SessionStarted,
    Undone,
    from_record,
    to_record,
)
from sessions.meta import SessionSetup, validate
from sessions.notes import Draft
from sessions.session import CommandRefused, Session
from sessions.state import SessionState, effective, fold
from sessions.store import SessionStore, load_events
from sessions.writer import Writer

ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
PEOPLE = ("Ann", "Bram", "Carla")


class FakeClock:
    """A clock that ticks one second per call, from a fixed moment (ISO UTC, milliseconds)."""

    def __init__(self, start: datetime = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)) -> None:
        self.now = start
        self.calls = 0

    def __call__(self) -> str:
        value = self.now.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        self.now += timedelta(seconds=1)
        self.calls += 1
        return value


class FakeMonotonic:
    """A monotonic clock that only moves when a test moves it."""

    def __init__(self) -> None:
        self.value = 1000.0

    def __call__(self) -> float:
        return self.value


@pytest.fixture(scope="module")
def decks(library: DeckLibrary) -> dict[str, Deck]:
    return {deck.id: deck for deck in library}


def setup(**changes: Any) -> SessionSetup:
    base = SessionSetup(
        title="Teamoverleg visie",
        team="OBS De Linde",
        facilitator="Fenna",
        date="2026-11-21",
        participants=PEOPLE,
        decks=("reflectie", "coaching"),
    )
    return dataclasses.replace(base, **changes)


def start(
    decks: Mapping[str, Deck], *, seed: int = 42, clock: Callable[[], str] | None = None, **kw: Any
) -> Session:
    return Session.start(
        setup(**kw),
        decks,
        session_id="20261121-090000-abcd",
        seed=seed,
        clock=clock or FakeClock(),
        now=FakeMonotonic(),
    )


def refused(command: Callable[[], object]) -> CommandRefused:
    with pytest.raises(CommandRefused) as caught:
        command()
    return caught.value


# -- starting a session ---------------------------------------------------------------------


def test_start_records_the_setup_as_the_first_event(decks: dict[str, Deck]) -> None:
    session = Session.start(
        setup(title="  Teamoverleg   visie ", team=" OBS ", leader="bRAM"),
        decks,
        session_id="s-1",
        seed=7,
        clock=FakeClock(),
    )
    [event] = session.events
    assert isinstance(event, SessionStarted)
    assert event.seq == 1
    assert event.id == "s-1" == session.state.id
    assert event.title == "Teamoverleg visie"
    assert event.team == "OBS"
    assert event.participants == PEOPLE == session.state.participants
    assert event.leader == "Bram"  # matched case-insensitively, stored as the participant wrote
    assert event.decks == ("reflectie", "coaching")
    assert event.seed == 7
    assert session.state.deck_id == "reflectie"
    assert session.state.card is None
    assert session.state.speaker == ""
    assert session.state.dealt == ()


def test_anonymous_participants_are_numbered(decks: dict[str, Deck]) -> None:
    session = start(decks, participants=(), anonymous=4, leader="deelnemer 3")
    session.deal()
    started = session.events[0]
    assert isinstance(started, SessionStarted)
    assert started.participants == ("Deelnemer 1", "Deelnemer 2", "Deelnemer 3", "Deelnemer 4")
    assert started.anonymous is True
    assert started.leader == "Deelnemer 3"
    session.next_speaker()
    assert session.state.speaker == "Deelnemer 1"


def test_without_a_seed_or_id_the_session_still_gets_both(decks: dict[str, Deck]) -> None:
    session = Session.start(setup(), decks)
    started = session.events[0]
    assert isinstance(started, SessionStarted)
    assert re.fullmatch(r"\d{8}-\d{6}-[0-9a-f]{4}", started.id)
    assert 0 <= started.seed < 1_000_000


def test_real_clock_stamps_iso_utc_now(decks: dict[str, Deck]) -> None:
    before = datetime.now(UTC)
    session = Session.start(setup(), decks, seed=1)
    session.deal()
    after = datetime.now(UTC)
    for event in session.events:
        assert ISO_UTC.match(event.at), event.at
        moment = datetime.fromisoformat(event.at.replace("Z", "+00:00"))
        assert moment.utcoffset() == timedelta(0)
        assert before - timedelta(seconds=1) <= moment <= after + timedelta(seconds=1)


# -- commands, events and the state ---------------------------------------------------------


def test_commands_emit_numbered_stamped_events_and_move_the_state(
    decks: dict[str, Deck],
) -> None:
    clock = FakeClock()
    sunk: list[Event] = []
    session = Session.start(
        setup(), decks, session_id="s", seed=42, clock=clock, now=FakeMonotonic(), sink=sunk.append
    )
    reflectie = decks["reflectie"]
    order = shuffled_ids(reflectie, 42)  # the session's first deck deals with its own seed

    first = session.deal()
    assert isinstance(first, CardMoved)
    assert (first.move, first.deck_id, first.card_id) == ("deal", "reflectie", order[0])
    assert session.state.card is not None and session.state.card.id == order[0]

    session.deal()
    assert session.state.card is not None and session.state.card.id == order[1]
    session.back()
    assert session.state.card is not None and session.state.card.id == order[0]
    session.deal()  # forward again: no new card on the table
    assert [d.card_id for d in session.state.dealt] == [order[0], order[1]]

    session.skip()  # order[1] is set aside for good, order[2] comes up
    assert session.state.card is not None and session.state.card.id == order[2]
    session.park()  # order[2] kept for later, order[3] comes up
    assert session.state.card is not None and session.state.card.id == order[3]
    assert session.state.dealer is not None
    assert session.state.dealer.parked == (order[2],)
    assert session.state.dealer.skipped == (order[1],)

    session.pick(order[2])  # take the parked card up again
    assert session.state.card is not None and session.state.card.id == order[2]
    assert session.state.dealer.parked == ()

    shuffle = session.reshuffle(seed=5)
    assert isinstance(shuffle, CardMoved) and shuffle.seed == 5 and shuffle.card_id == ""
    assert session.state.card is None
    session.deal()
    assert session.state.card is not None
    assert session.state.card.id == shuffled_ids(reflectie, 5)[0]

    chosen = session.choose_deck("coaching")
    assert isinstance(chosen, DeckChosen) and session.state.deck_id == "coaching"
    session.deal()  # the second deck has a seed of its own: session seed + its place
    assert session.state.card is not None
    assert session.state.card.id == shuffled_ids(decks["coaching"], 43)[0]
    assert session.state.dealt[-1].deck_id == "coaching"
    assert session.state.dealt[-1].text == session.state.card.text

    floor = session.give_floor("Carla")
    assert isinstance(floor, FloorGiven) and session.state.speaker == "Carla"
    session.next_speaker()  # circle order wraps round
    assert session.state.speaker == "Ann"
    session.next_speaker()
    assert session.state.speaker == "Bram"
    assert [turn.speaker for turn in session.state.turns] == ["Carla", "Ann", "Bram"]

    undone = session.undo()
    assert isinstance(undone, Undone) and undone.target == session.events[-2].seq
    assert session.state.speaker == "Ann"

    ended = session.end()
    assert isinstance(ended, SessionEnded) and session.state.ended

    assert [e.seq for e in session.events] == list(range(1, len(session.events) + 1))
    assert [e.at for e in session.events] == [
        (datetime(2026, 11, 21, 9, 0, tzinfo=UTC) + timedelta(seconds=n))
        .isoformat(timespec="milliseconds")
        .replace("+00:00", "Z")
        for n in range(len(session.events))
    ]
    assert all(ISO_UTC.match(e.at) for e in session.events)
    assert sunk == session.events  # every event reached the sink, in order
    assert session.state.last_seq == session.events[-1].seq
    assert session.state.last_at == session.events[-1].at
    assert fold(session.events, decks) == session.state


def test_dealt_cards_keep_when_they_came_up(decks: dict[str, Deck]) -> None:
    session = start(decks)
    deal = session.deal()
    [card] = session.state.dealt
    assert (card.seq, card.at, card.deck_id, card.card_id) == (
        deal.seq,
        deal.at,
        "reflectie",
        session.state.card.id if session.state.card else None,
    )


def test_undo_walks_back_one_event_at_a_time(decks: dict[str, Deck]) -> None:
    session = start(decks)
    session.deal()
    first_card = session.state.card
    session.deal()
    session.give_floor("Bram")
    session.undo()
    assert session.state.speaker == ""
    session.undo()
    assert session.state.card == first_card
    assert len(session.state.dealt) == 1
    session.undo()
    assert session.state.card is None and session.state.dealt == ()
    assert refused(session.undo).key == "session.nothing_to_undo"
    # the undos are in the record, not erased from it
    assert [type(e).__name__ for e in session.events[-3:]] == ["Undone"] * 3


def test_end_is_not_undone_and_cannot_happen_twice(decks: dict[str, Deck]) -> None:
    session = start(decks)
    session.deal()
    session.end()
    assert refused(session.end).key == "session.already_ended"
    assert refused(session.undo).key == "session.already_ended"  # the record is closed
    assert session.state.ended
    # and nothing new joins the closed record
    assert refused(session.deal).key == "session.already_ended"
    assert refused(lambda: session.record(Draft("perspective", "Nog iets", ""))).key == (
        "session.already_ended"
    )


# -- refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prepare", "command", "key"),
    [
        pytest.param([], lambda s: s.back(), "dealer.NothingBefore", id="back"),
        pytest.param(["deal"], lambda s: s.back(), "dealer.NothingBefore", id="back-after-1"),
        pytest.param([], lambda s: s.skip(), "dealer.NoCard", id="skip"),
        pytest.param([], lambda s: s.park(), "dealer.NoCard", id="park"),
        pytest.param(["deal"] * 8, lambda s: s.deal(), "dealer.DeckFinished", id="deal-after-8"),
        pytest.param(
            [], lambda s: s.pick("no-such-card"), "dealer.unknown_card", id="pick-no-such-card"
        ),
        pytest.param(
            [],
            lambda s: s.choose_deck("no-such-deck"),
            "session.no_deck",
            id="choose_deck-no-such-deck",
        ),
        pytest.param(
            [],
            lambda s: s.choose_deck("reflectie"),
            "session.same_deck",
            id="choose_deck-reflectie",
        ),
        pytest.param(
            [], lambda s: s.give_floor("Zed"), "session.not_participant", id="give_floor-Zed"
        ),
        pytest.param(
            [], lambda s: s.give_floor("ann"), "session.not_participant", id="give_floor-ann"
        ),
        pytest.param([], lambda s: s.give_floor("Ann"), "round.no_card", id="give_floor-Ann"),
        pytest.param([], lambda s: s.next_speaker(), "round.no_card", id="next_speaker"),
        pytest.param(
            ["deal", "next_speaker"],
            lambda s: s.give_floor("Ann"),
            "session.already_speaking",
            id="give_floor-Ann-after-2",
        ),
        pytest.param([], lambda s: s.undo(), "session.nothing_to_undo", id="undo"),
    ],
)
def test_refused_commands_say_why_and_change_nothing(
    decks: dict[str, Deck],
    prepare: list[str],
    command: Callable[[Session], object],
    key: str,
) -> None:
    sunk: list[Event] = []
    session = start(decks)
    for name in prepare:
        getattr(session, name)()
    session.sink = sunk.append
    events, state = list(session.events), session.state
    error = refused(lambda: command(session))
    assert error.key == key
    assert t(error.key, **error.params) != error.key  # the UI has words for it
    assert session.events == events
    assert session.state == state
    assert sunk == []


def test_choosing_a_loaded_deck_outside_the_session_never_crashes_the_deal(
    decks: dict[str, Deck],
) -> None:
    """The board may refuse a deck that is not one of the session's, or deal from it; a
    crash (ValueError from the dealer set-up) is neither."""
    session = start(decks)  # the session's decks: reflectie, coaching
    assert "dialoogkaarten" in decks
    try:
        session.choose_deck("dialoogkaarten")
    except CommandRefused as error:
        assert error.key == "session.no_deck"
        return
    session.deal()
    assert session.state.card is not None
    assert session.state.card.id in {card.id for card in decks["dialoogkaarten"].cards}
    assert fold(session.events, decks) == session.state


@pytest.mark.parametrize(
    "command",
    [
        lambda s: s.deal(),
        lambda s: s.back(),
        lambda s: s.skip(),
        lambda s: s.park(),
        lambda s: s.pick(s.decks["reflectie"].cards[0].id),
        lambda s: s.reshuffle(3),
        lambda s: s.choose_deck("coaching"),
        lambda s: s.give_floor("Carla"),
        lambda s: s.next_speaker(),
        lambda s: s.undo(),
        lambda s: s.end(),
    ],
)
def test_a_read_only_session_refuses_every_command(
    decks: dict[str, Deck], command: Callable[[Session], object]
) -> None:
    writer = start(decks)
    writer.deal()
    writer.deal()
    writer.give_floor("Ann")
    sunk: list[Event] = []
    viewer = Session(writer.events, decks, read_only=True, sink=sunk.append, now=FakeMonotonic())
    state = viewer.state
    error = refused(lambda: command(viewer))
    assert error.key == "session.read_only"
    assert viewer.events == writer.events
    assert viewer.state == state
    assert sunk == []


# -- the property: events, files and undo all add up to the same state -----------------------

COMMANDS = st.one_of(
    st.just(("deal",)),
    st.just(("deal",)),
    st.just(("back",)),
    st.just(("skip",)),
    st.just(("park",)),
    st.tuples(st.just("pick"), st.integers(0, 59)),
    st.tuples(st.just("reshuffle"), st.integers(0, 999_999)),
    st.just(("next_speaker",)),
    st.tuples(st.just("give_floor"), st.integers(0, len(PEOPLE))),  # the last: not invited
    st.tuples(st.just("choose_deck"), st.integers(0, 1)),
    st.just(("undo",)),
    st.just(("toggle_clock",)),
    st.just(("extend",)),
    st.just(("reset_turn",)),
    st.tuples(st.just("wait"), st.integers(1, 90)),
)


def run(session: Session, command: tuple[Any, ...]) -> Event | None:
    """Apply one generated command; None when the session refuses it."""
    name, *args = command
    try:
        if name == "pick":
            deck = session.decks[session.state.deck_id]
            return session.pick(deck.cards[args[0] % len(deck)].id)
        if name == "reshuffle":
            return session.reshuffle(args[0])
        if name == "give_floor":
            return session.give_floor((*PEOPLE, "Zed")[args[0]])
        if name == "choose_deck":
            return session.choose_deck(("reflectie", "coaching")[args[0]])
        if name == "wait":  # time goes by (the clocks run on, if they run)
            assert isinstance(session.now, FakeMonotonic)
            session.now.value += args[0]
            return None
        result: Event = getattr(session, name)()
        return result
    except CommandRefused:
        return None


def replay(event: Event, session: Session) -> Event:
    """Re-issue, as a command, what one recorded event did."""
    if isinstance(event, DeckChosen):
        return session.choose_deck(event.deck_id)
    if isinstance(event, FloorGiven):
        return session.give_floor(event.speaker)
    assert isinstance(event, CardMoved), event
    if event.move == "pick":
        return session.pick(event.card_id)
    if event.move == "reshuffle":
        return session.reshuffle(event.seed)
    result: Event = getattr(session, event.move)()
    return result


def view(state: SessionState) -> tuple[object, ...]:
    """What the board shows and what the record keeps, leaving out sequence numbers and times."""
    return (
        state.deck_id,
        state.card.id if state.card else None,
        state.speaker,
        [(d.deck_id, d.card_id, d.text) for d in state.dealt],
        [turn.speaker for turn in state.turns],
        {
            deck_id: (d.seed, d.order, d.shown, d.cursor, d.skipped, d.parked)
            for deck_id, d in state.dealers.items()
        },
        state.ended,
    )


def write_to_file(session: Session, folder: Path, use_writer: bool) -> Path:
    store = SessionStore.create(folder, session.events[:1], session.state.id)
    if use_writer:
        writer = Writer(store)
        for event in session.events[1:]:
            writer(event)
        assert writer.flush(timeout=10)
        assert writer.pending == 0 and writer.failed is None
        writer.close()
    else:
        for event in session.events[1:]:
            store.append(event)
        store.close()
    return store.path


def test_events_files_and_undo_agree(request: pytest.FixtureRequest, library: DeckLibrary) -> None:
    decks = {deck.id: deck for deck in library}
    examples = 600 if request.config.getoption("--slow") else 60

    @settings(max_examples=examples, deadline=None)
    @given(
        seed=st.integers(0, 999_999),
        commands=st.lists(COMMANDS, max_size=40),
        use_writer=st.booleans(),
        data=st.data(),
    )
    def check(
        seed: int, commands: list[tuple[Any, ...]], use_writer: bool, data: st.DataObject
    ) -> None:
        session = start(decks, seed=seed)
        for command in commands:
            run(session, command)
        events = list(session.events)
        assert [e.seq for e in events] == list(range(1, len(events) + 1))

        # (a) through JSON and back, the events fold to the state the session holds
        records = json.loads(json.dumps([to_record(e) for e in events]))
        again = [from_record(r) for r in records]
        assert again == events
        assert fold(again, decks) == session.state

        # (b) through a real session file and back
        with tempfile.TemporaryDirectory() as temp:
            path = write_to_file(session, Path(temp), use_writer)
            loaded = load_events(path)
        assert loaded == events
        assert fold(loaded, decks) == session.state

        # (c) undo any number of the last steps
        kept = effective(events)
        undoable = [e for e in kept if e.undoable]
        k = data.draw(st.integers(0, len(undoable)), label="undos")
        for expected_target in reversed(undoable[len(undoable) - k :]):
            undo = session.undo()
            assert isinstance(undo, Undone) and undo.target == expected_target.seq
            if undo.clock:  # it set the clocks: the board's are the record's
                reading = session.state.clock
                assert session.running == reading.running
                assert session.turn_clock.remaining() == pytest.approx(reading.turn_left)
                assert session.round_clock.remaining() == pytest.approx(reading.round_left)
        if k == len(undoable):
            assert refused(session.undo).key == "session.nothing_to_undo"
        remaining = [e for e in kept if e not in undoable[len(undoable) - k :]]
        expected = dataclasses.replace(
            fold(remaining, decks),
            last_seq=session.events[-1].seq,
            last_at=session.events[-1].at,
        )
        if any(isinstance(e, ClockChanged | Undone) for e in session.events):
            # an undo puts the clocks where they stood at what it undid (the pause or start
            # made after it goes with it), running on if they ran: not what the remaining
            # events alone say; checked above against the board's clocks instead
            expected = dataclasses.replace(expected, clock=session.state.clock)
        assert session.state == expected

        # ... and independently: a fresh session given only the steps that still count
        fresh = start(decks, seed=seed)
        for event in remaining[1:]:
            if isinstance(event, ClockChanged | Undone):
                continue  # the clocks, which `view` leaves out
            redone = replay(event, fresh)
            # the same, but for what the clocks said (time went by in `session` only)
            timed = {
                name: getattr(event, name) for name in ("clock", "seconds") if hasattr(event, name)
            }
            assert dataclasses.replace(redone, seq=event.seq, at=event.at, **timed) == event
        assert view(fresh.state) == view(session.state)

    check()


# -- validating a set-up --------------------------------------------------------------------

KNOWN = ("dialoogkaarten", "reflectie", "coaching")


def test_a_good_setup_has_no_problems() -> None:
    assert validate(setup(decks=("dialoogkaarten",)), KNOWN) == {}
    assert validate(setup(format="kgotla", leader="carla"), KNOWN) == {}
    assert validate(setup(participants=(), anonymous=40), KNOWN) == {}
    assert validate(setup(turn_seconds=10, total_minutes=1), KNOWN) == {}
    assert validate(setup(turn_seconds=1800, total_minutes=480), KNOWN) == {}


@pytest.mark.parametrize(
    "typed", ["2026-11-22", "22-11-2026", "22/11/2026", "22.11.2026", " 2026/11/22 ", "22-11-2026."]
)
def test_a_date_typed_the_dutch_way_is_kept_as_an_iso_date(
    decks: dict[str, Deck], typed: str
) -> None:
    assert validate(setup(date=typed), KNOWN) == {}
    assert start(decks, date=typed).state.started.date == "2026-11-22"  # type: ignore[union-attr]


def test_a_date_message_names_the_forms_it_takes() -> None:
    message = validate(setup(date="31-02-2026"), KNOWN)["date"]
    assert "DD-MM-JJJJ" in message and "JJJJ-MM-DD" in message


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", t("setup.error.title")),
        ({"title": "   "}, "title", t("setup.error.title")),
        ({"title": "x" * 121}, "title", t("setup.error.title_long")),
        ({"date": "31-02-2026"}, "date", t("setup.error.date")),  # no such day
        ({"date": "21-11-26"}, "date", t("setup.error.date")),  # which century?
        ({"date": "21-11"}, "date", t("setup.error.date")),
        ({"date": "21-11/2026"}, "date", t("setup.error.date")),
        ({"date": "morgen"}, "date", t("setup.error.date")),
        ({"date": "2026-02-30"}, "date", t("setup.error.date")),
        ({"date": ""}, "date", t("setup.error.date")),
        ({"participants": ()}, "participants", t("setup.error.no_participants")),
        (
            {"participants": ("Ann", "Bram", "ann")},
            "participants",
            t("setup.error.duplicate", name="ann"),
        ),
        (
            {"participants": ("Ann", "x" * 41)},
            "participants",
            t("setup.error.name_long", name="x" * 20, most=40),
        ),
        (
            {"participants": tuple(f"P{n}" for n in range(41))},
            "participants",
            t("setup.error.too_many", most=40),
        ),
        ({"participants": (), "anonymous": 41}, "anonymous", t("setup.error.anonymous", most=40)),
        ({"leader": "Zed"}, "leader", t("setup.error.leader", leader="Zed")),
        ({"format": "kgotla"}, "leader", t("setup.error.leader_needed")),
        (  # the leader speaks after the others: there must be others
            {"format": "kgotla", "participants": ("Ann",), "leader": "Ann"},
            "participants",
            t("setup.error.leader_alone", leader="Ann"),
        ),
        (  # anonymous: the number typed is the field at fault, not the names left empty
            {"format": "kgotla", "participants": (), "anonymous": 1, "leader": "Deelnemer 1"},
            "anonymous",
            t("setup.error.leader_alone", leader="Deelnemer 1"),
        ),
        (
            {"format": "coaching", "participants": (), "anonymous": 4},
            "anonymous",
            t("setup.error.coaching"),
        ),
        ({"format": "debate"}, "format", None),
        ({"turn_seconds": 9}, "turn_seconds", t("setup.error.turn", low=10, high=1800)),
        ({"turn_seconds": 1801}, "turn_seconds", t("setup.error.turn", low=10, high=1800)),
        ({"total_minutes": 0}, "total_minutes", t("setup.error.total", low=1, high=480)),
        ({"total_minutes": 481}, "total_minutes", t("setup.error.total", low=1, high=480)),
        ({"decks": ()}, "decks", t("setup.error.no_decks")),
        (
            {"decks": ("reflectie", "verzonnen")},
            "decks",
            t("setup.error.unknown_deck", decks="verzonnen"),
        ),
    ],
)
def test_each_problem_is_reported_on_its_own_field(
    changes: dict[str, Any], field: str, message: str | None
) -> None:
    problems = validate(setup(**changes), KNOWN)
    assert list(problems) == [field]
    if message is not None:
        assert problems[field] == message
    assert problems[field] and "{" not in problems[field]  # filled in, in words


def test_messages_follow_the_ui_language() -> None:
    dutch = validate(setup(title=""), KNOWN)["title"]
    set_language("en")
    english = validate(setup(title=""), KNOWN)["title"]
    assert english != dutch and english
