"""Every format's turn rules, run through Session on a fake clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.widgets.circle import circle_content
from app.widgets.floor import floor_text, heard_count, round_info
from cards.i18n import t
from cards.loader import DeckLibrary
from sessions.meta import SessionSetup
from sessions.session import CommandRefused, Session
from sessions.store import SessionStore, load_events
from tests.fakes import FakeClock

PEOPLE = ("Ann", "Bram", "Carla", "Dirk")


def start(library: DeckLibrary, fmt: str, **extra: object) -> tuple[Session, FakeClock]:
    fake = FakeClock()
    setup = SessionSetup(
        title="Test",
        participants=extra.pop("participants", PEOPLE),
        format=fmt,
        **extra,  # type: ignore[arg-type]
    )
    session = Session.start(setup, {d.id: d for d in library}, seed=2, now=fake, clock=fake.wall)
    session.deal()
    return session, fake


def refused(key: str, call, *args) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CommandRefused) as info:
        call(*args)
    assert info.value.key == key


def test_kgotla_circle_order_pass_and_leader_last(library: DeckLibrary) -> None:
    session, fake = start(library, "kgotla", leader="Dirk", turn_seconds=60)
    state = session.state
    assert state.turn_takers == ("Ann", "Bram", "Carla")
    refused("round.leader_locked", session.leader_turn)
    with pytest.raises(CommandRefused) as waiting:
        session.leader_turn()
    said = t(waiting.value.key, **waiting.value.params)
    assert said == "De leider spreekt als laatste; eerst nog aan de beurt: Ann, Bram, Carla."
    session.toggle_clock()
    session.next_speaker()
    assert session.state.speaker == "Ann"
    fake.advance(40)
    session.next_speaker()
    assert session.state.speaker == "Bram"
    refused("round.once_each", session.give_floor, "Ann")  # nobody twice before all
    session.pass_turn()  # Bram passes; the floor goes on to Carla
    assert session.state.speaker == "Carla"
    assert session.state.round.passed == ("Bram",)
    fake.advance(20)
    session.next_speaker()  # everyone is heard: Carla's turn ends, nobody holds the floor
    assert session.state.speaker == "" and heard_count(session.state) == 2
    assert t("round.all_heard_leader", leader="Dirk") in floor_text(session).plain
    fake.advance(15)  # the leader takes a moment: nobody's airtime
    refused("round.all_heard_leader", session.next_speaker)
    session.leader_turn()
    assert session.state.speaker == "Dirk" and session.state.round.leader_spoke
    refused("session.already_speaking", session.leader_turn)
    fake.advance(30)
    refused("round.closing_needed", session.close_round, "")
    session.close_round("consensus")
    state = session.state
    assert state.round.closing == "consensus" and state.speaker == ""
    airtime = {row.speaker: row for row in state.airtime()}
    assert airtime["Ann"].seconds == pytest.approx(40)
    assert airtime["Bram"].passes == 1 and airtime["Bram"].turns == 0
    assert airtime["Carla"].seconds == pytest.approx(20)
    assert airtime["Dirk"].seconds == pytest.approx(30)
    refused("round.closed", session.next_speaker)
    refused("round.closed", session.leader_turn)
    session.new_round()  # a new round on the same card
    assert session.state.round.number == 2 and session.state.round.card_id == state.round.card_id
    session.next_speaker()
    assert session.state.speaker == "Ann"


@pytest.mark.parametrize("closing", ["consensus", "disagree", "deferred"])
def test_kgotla_closings_are_recorded(library: DeckLibrary, closing: str) -> None:
    session, _ = start(library, "kgotla", leader="Ann")
    for _ in range(3):
        session.next_speaker()
    session.leader_turn()
    session.close_round(closing)
    assert session.state.round.closing == closing
    refused("round.closed", session.close_round, closing)


def test_kgotla_chosen_order_by_click(library: DeckLibrary) -> None:
    session, _ = start(library, "kgotla", leader="Ann")
    session.give_floor("Dirk")  # the facilitator picks someone out of circle order
    session.next_speaker()
    assert session.state.speaker == "Bram"  # the first still waiting in the circle
    session.shuffle_order(seed=1)
    assert sorted(session.state.order) == sorted(PEOPLE)


def test_fixed_turn_clock_and_overtime(library: DeckLibrary) -> None:
    session, fake = start(library, "circle", turn_seconds=45)
    session.toggle_clock()
    session.next_speaker()
    assert session.timed_turn
    fake.advance(50)
    assert session.turn_clock.display() == "+0:05"
    session.extend()
    assert session.turn_clock.remaining() == pytest.approx(25)
    session.reset_turn()
    assert session.turn_clock.remaining() == pytest.approx(45)


def test_circle_round_everyone_once_in_order(library: DeckLibrary) -> None:
    session, _ = start(library, "circle", turn_seconds=30)
    spoken = []
    for _ in PEOPLE:
        session.next_speaker()
        spoken.append(session.state.speaker)
    assert tuple(spoken) == PEOPLE
    session.next_speaker()  # Dirk's turn ends: everyone is heard
    assert session.state.speaker == "" and heard_count(session.state) == 4
    refused("round.all_heard", session.next_speaker)
    session.undo()
    assert session.state.speaker == "Dirk"


def test_fair_share_divides_time_left(library: DeckLibrary) -> None:
    session, fake = start(library, "circle", turn_seconds=60, fair_share=True)
    session.toggle_clock()
    assert session.round_clock.remaining() == pytest.approx(240)
    session.next_speaker()
    assert session.turn_clock.remaining() == pytest.approx(60)  # 240 s / 4 to come
    fake.advance(120)  # Ann takes twice her share
    session.next_speaker()
    assert session.turn_clock.remaining() == pytest.approx(40)  # 120 s / 3 to come


def test_dialogue_is_an_open_floor_with_round_time(library: DeckLibrary) -> None:
    session, fake = start(library, "dialogue", round_minutes=5)
    session.toggle_clock()
    session.give_floor("Carla")
    assert not session.timed_turn
    fake.advance(10)
    assert session.shown_clock.display() == "4:50"
    session.give_floor("Ann")
    session.give_floor("Carla")  # an open floor: anyone, any number of times


def test_discussion_queue(library: DeckLibrary) -> None:
    session, _ = start(library, "discussion")
    session.choose("Bram")  # nobody speaks: Bram gets the floor
    session.choose("Dirk")  # Bram speaks: Dirk joins the queue
    session.choose("Ann")
    assert session.state.queue == ("Dirk", "Ann")
    refused("round.already_queued", session.choose, "Dirk")
    session.next_speaker()
    assert session.state.speaker == "Dirk" and session.state.queue == ("Ann",)


def test_brainstorm_short_turns_then_open_harvest(library: DeckLibrary) -> None:
    session, _ = start(library, "brainstorm", turn_seconds=20, round_minutes=8)
    for _ in PEOPLE:
        session.next_speaker()
        assert session.timed_turn
    session.next_speaker()  # the last short turn ends
    assert session.state.speaker == "" and not session.timed_turn
    refused("round.all_heard", session.next_speaker)
    session.close_round("")
    assert session.state.round.closed


def test_undo_a_turn_change(library: DeckLibrary) -> None:
    session, _ = start(library, "kgotla", leader="Dirk")
    session.next_speaker()
    session.pass_turn()
    assert session.state.round.passed == ("Ann",)
    session.undo()
    assert session.state.speaker == "Ann" and session.state.round.passed == ()


def test_undo_leaves_the_clocks_alone_unless_it_undoes_a_clock_move(
    library: DeckLibrary,
) -> None:
    """Undoing a note gave the speaker time back (the clocks went back to the last clock
    event); undoing a turn change gives the floor back with the time it had at that moment."""
    from sessions.notes import Draft

    session, fake = start(library, "kgotla", leader="Dirk", turn_seconds=120)
    session.next_speaker()
    session.toggle_clock()
    fake.advance(30)
    session.record(Draft("perspective", "iets", "Ann"))
    fake.advance(10)
    session.undo()  # the note
    assert session.turn_clock.remaining() == pytest.approx(80)
    assert session.running
    fake.advance(5)  # Ann has 75 s left when the floor goes on by mistake
    session.next_speaker()
    assert session.state.speaker == "Bram" and session.turn_clock.remaining() == 120
    fake.advance(3)
    session.undo()
    assert session.state.speaker == "Ann"
    assert session.turn_clock.remaining() == pytest.approx(75)
    assert session.running


def test_undo_of_a_turn_change_takes_back_the_pause_made_after_it(library: DeckLibrary) -> None:
    """The floor went on by mistake, the facilitator paused, then undid: Ann's clock comes
    back as it was at the mistake (it stayed on Bram's 2:00 while Ann held the floor)."""
    session, fake = start(library, "kgotla", leader="Dirk", turn_seconds=120)
    session.next_speaker()
    session.toggle_clock()
    fake.advance(45)
    session.next_speaker()  # by mistake: Ann has 75 s left
    fake.advance(3)
    session.toggle_clock()
    session.undo()
    assert session.state.speaker == "Ann"
    assert session.turn_clock.remaining() == pytest.approx(75)
    assert not session.running  # paused, as it was when `u` was pressed


@pytest.mark.parametrize(
    ("before", "after", "running"),
    [
        (True, False, True),  # the clock ran on: it runs on, from the time Ann had
        (True, True, False),  # paused after the mistake: it stays paused
        (False, True, True),  # started only after the mistake: it runs on
    ],
)
def test_a_mirror_shows_the_clocks_an_undo_left_on_the_board(
    library: DeckLibrary, before: bool, after: bool, running: bool
) -> None:
    """The floor went on by mistake and was taken back: the mirror (another window, reading
    the record) shows the same clocks as the board, not the ones before the mistake."""
    from datetime import datetime

    from app.follow import following

    session, fake = start(library, "kgotla", leader="Dirk", turn_seconds=120)
    session.next_speaker()
    if before:
        session.toggle_clock()
    fake.advance(45)
    session.next_speaker()  # by mistake
    fake.advance(3)
    if after:
        session.toggle_clock()
    fake.advance(2)
    session.undo()
    assert session.state.speaker == "Ann" and session.running == running
    fake.advance(7)
    mirror = Session(list(session.events), session.decks, read_only=True, now=fake)
    following(mirror, now=datetime.fromisoformat(fake.wall().replace("Z", "+00:00")))
    assert mirror.running == running
    assert mirror.turn_clock.remaining() == pytest.approx(session.turn_clock.remaining())
    assert mirror.round_clock.remaining() == pytest.approx(session.round_clock.remaining())


@pytest.mark.parametrize("mistake", ["close_round", "deal"])
def test_a_round_closed_or_a_card_dealt_by_mistake_and_undone_runs_the_clock_on(
    library: DeckLibrary, mistake: str
) -> None:
    """`c` or `d` stops the clock; `u` right after gives the round back with its clock running
    again, from the time it had at the mistake (it came back paused)."""
    session, fake = start(library, "circle", turn_seconds=90)
    session.toggle_clock()
    session.next_speaker()  # Ann
    fake.advance(25)
    getattr(session, mistake)()
    assert not session.running
    fake.advance(4)
    session.undo()
    assert session.running and session.state.speaker == "Ann"
    assert session.turn_clock.remaining() == pytest.approx(65)
    fake.advance(5)
    assert session.turn_clock.remaining() == pytest.approx(60)
    resumed = Session(list(session.events), session.decks, read_only=True, now=fake)
    assert resumed.state.clock.running  # the record says so too (a mirror, a resume)


def test_a_close_undone_keeps_the_clock_as_the_facilitator_left_it_after(
    library: DeckLibrary,
) -> None:
    """Started again after the close, it runs on; in a session reopened since, the close
    undone leaves the clock paused, as a reopened session comes back."""
    session, fake = start(library, "circle", turn_seconds=90)
    session.next_speaker()
    fake.advance(10)
    session.close_round()
    session.toggle_clock()  # started after the close: it runs on
    session.undo()
    assert session.running
    session.toggle_clock()
    session.toggle_clock()
    session.close_round()
    reopened = Session(list(session.events), session.decks, now=fake, clock=fake.wall)
    reopened.undo()
    assert not reopened.running and reopened.state.round and not reopened.state.round.closed


def test_undo_takes_back_the_30_seconds_not_the_step_before(library: DeckLibrary) -> None:
    """`+` then `u` took back the change of speaker before it (`+` was no step of its own):
    now it takes back the 30 s, with the time gone by since still counted."""
    session, fake = start(library, "circle", turn_seconds=90)
    session.toggle_clock()
    session.next_speaker()  # Ann
    fake.advance(20)
    session.extend()
    assert session.turn_clock.remaining() == pytest.approx(100)
    fake.advance(4)
    session.undo()
    assert session.state.speaker == "Ann" and session.running
    assert session.turn_clock.remaining() == pytest.approx(66)
    assert session.state.clock.turn_length == 90  # Ann's turn is 90 s again
    fake.advance(6)
    mirror = Session(list(session.events), session.decks, read_only=True, now=fake)
    assert mirror.state.clock.turn_left == pytest.approx(66)


def test_undo_takes_back_a_reset_of_the_turns_clock(library: DeckLibrary) -> None:
    session, fake = start(library, "circle", turn_seconds=90)
    session.toggle_clock()
    session.next_speaker()
    fake.advance(50)
    session.reset_turn()  # by mistake: Ann had 40 s left
    assert session.turn_clock.remaining() == pytest.approx(90)
    fake.advance(5)
    session.undo()
    assert session.turn_clock.remaining() == pytest.approx(35, abs=0.01)
    assert session.state.speaker == "Ann" and session.running


def test_a_second_undo_takes_the_clocks_back_past_the_first(library: DeckLibrary) -> None:
    """Ann had the floor, Bram got it by mistake; `u` gives it back to Ann with her time, a
    second `u` takes Ann's turn back too: the round's clock as it stood when she got the
    floor, running on, no timed turn (the first undo's clocks do not stay)."""
    from datetime import datetime

    from app.follow import following

    session, fake = start(library, "kgotla", leader="Dirk", turn_seconds=120)
    session.toggle_clock()
    round_left = session.round_clock.remaining()
    fake.advance(10)
    session.next_speaker()  # Ann
    fake.advance(45)
    session.next_speaker()  # Bram, by mistake
    fake.advance(3)
    session.undo()
    assert session.state.speaker == "Ann" and session.turn_clock.remaining() == 75
    fake.advance(5)
    session.undo()
    assert session.state.speaker == "" and not session.timed_turn and session.running
    assert session.round_clock.remaining() == pytest.approx(round_left - 10)
    mirror = Session(list(session.events), session.decks, read_only=True, now=fake)
    following(mirror, now=datetime.fromisoformat(fake.wall().replace("Z", "+00:00")))
    assert not mirror.timed_turn and mirror.running
    assert mirror.round_clock.remaining() == pytest.approx(round_left - 10)


def _stored(library: DeckLibrary, folder: Path) -> tuple[Session, FakeClock, SessionStore]:
    """A circle of 90 s turns saved in `folder`, the clock running: Ann spoke 25 s, then
    Bram got the floor."""
    session, fake = start(library, "circle", turn_seconds=90)
    store = SessionStore.create(folder, session.events, session.state.id)
    session.sink = store.append
    session.toggle_clock()
    session.next_speaker()
    fake.advance(25)
    session.next_speaker()
    return session, fake, store


def test_resumed_session_comes_back_paused_at_its_time(library: DeckLibrary, tmp_path) -> None:  # type: ignore[no-untyped-def]
    session, fake, store = _stored(library, tmp_path)  # Bram starts with 90 s
    fake.advance(10)
    session.extend()  # the last event: 110 s left for Bram
    store.close()
    fake.advance(500)  # the laptop crashed and time went on
    resumed = Session(load_events(store.path), session.decks, now=fake, clock=fake.wall)
    assert not resumed.running
    assert resumed.state.speaker == "Bram"
    assert resumed.turn_clock.remaining() == pytest.approx(110, abs=0.01)
    fake.advance(60)
    assert resumed.turn_clock.remaining() == pytest.approx(110, abs=0.01)  # paused


def test_the_count_of_heard_leaves_out_who_is_still_speaking_a_first_time(
    library: DeckLibrary,
) -> None:
    session, _ = start(library, "circle", turn_seconds=30, participants=("Ann", "Bram", "Carla"))
    counts = []
    for _ in range(3):
        session.next_speaker()
        counts.append(heard_count(session.state))
    assert counts == [0, 1, 2]  # Carla is speaking: two of three have been heard
    assert "2 van 3 gehoord" in round_info(session)
    session.close_round("consensus")
    assert "3 van 3 gehoord" in round_info(session)
    dialogue, _ = start(library, "dialogue", participants=("Ann", "Bram", "Carla"))
    dialogue.give_floor("Carla")
    dialogue.give_floor("Ann")
    dialogue.give_floor("Carla")  # her second turn: she has been heard
    assert heard_count(dialogue.state) == 2


def _spoken(session: Session, name: str) -> float:
    return next(row.seconds for row in session.state.airtime() if row.speaker == name)


@pytest.mark.parametrize("overtime", [False, True])
def test_a_turn_across_a_resume_counts_all_its_time(
    library: DeckLibrary, tmp_path: Path, overtime: bool
) -> None:
    """Bram speaks 40 s (or 130 s, 10 over his 120), the laptop is closed, the session is
    resumed and he speaks 20 s more: his airtime is 60 s (150 s), not only what came after
    the resume."""
    session, fake, store = _stored(library, tmp_path)
    fake.advance(30)
    session.extend()  # 30 s more for Bram: his turn is 120 s long now
    fake.advance(100 if overtime else 10)
    session.toggle_clock()  # paused: the last event, 80 s left (or 10 s over)
    store.close()
    fake.advance(500)
    resumed = Session(load_events(store.path), session.decks, now=fake, clock=fake.wall)
    assert resumed.turn_clock.remaining() == pytest.approx(-10 if overtime else 80, abs=0.01)
    resumed.toggle_clock()
    fake.advance(20)
    resumed.next_speaker()
    assert _spoken(resumed, "Bram") == pytest.approx(150 if overtime else 60, abs=0.01)


def test_a_turn_given_back_by_undo_counts_all_its_time(library: DeckLibrary) -> None:
    """The floor went on by mistake and came back with `u`: Ann's 45 s before the mistake
    count in her airtime with what she says after it."""
    session, fake = start(library, "kgotla", leader="Dirk", turn_seconds=120)
    session.next_speaker()
    session.toggle_clock()
    fake.advance(45)
    session.next_speaker()  # by mistake
    fake.advance(3)
    session.undo()
    fake.advance(15)
    session.next_speaker()
    assert _spoken(session, "Ann") == pytest.approx(60, abs=0.01)


def test_ending_counts_the_turn_of_who_still_has_the_floor(library: DeckLibrary) -> None:
    """Bram was speaking when the facilitator ended the session: his 35 s count."""
    session, fake = start(library, "kgotla", leader="Dirk", turn_seconds=120)
    session.toggle_clock()
    session.next_speaker()
    fake.advance(10)
    session.next_speaker()
    fake.advance(35)
    session.end()
    assert _spoken(session, "Bram") == pytest.approx(35, abs=0.01)
    reread = Session(session.events, session.decks, read_only=True)
    assert _spoken(reread, "Bram") == pytest.approx(35, abs=0.01)


@pytest.mark.parametrize("fmt", ["kgotla", "dialogue"])
def test_an_export_in_the_middle_of_a_turn_counts_it_so_far(library: DeckLibrary, fmt: str) -> None:
    """Exported while Bram speaks, timed (kgotla) or on an open floor (dialogue): his 25 s so
    far count, from the live clock and from the file alike; the record itself is not changed."""
    from sessions.state import counted

    session, fake = start(library, fmt, leader="Dirk", turn_seconds=120)
    session.toggle_clock()
    session.give_floor("Ann")
    fake.advance(10)
    session.give_floor("Bram")
    fake.advance(25)
    assert _spoken(session, "Bram") == 0  # his turn is still going
    now = session.counted_now()
    assert next(r.seconds for r in now.airtime() if r.speaker == "Bram") == pytest.approx(25)
    assert now.speaker == "Bram" and _spoken(session, "Bram") == 0
    session.toggle_clock()  # the last event: the file knows the 25 s from its clock reading
    from_file = counted(Session(session.events, session.decks, read_only=True).state)
    assert next(r.seconds for r in from_file.airtime() if r.speaker == "Bram") == pytest.approx(
        25, abs=0.01
    )


def test_the_board_counts_passes_apart_marks_the_leader_heard_and_words_a_plain_closing(
    library: DeckLibrary,
) -> None:
    """Bram passed: "1 van 3 gehoord · 1 gepast", not "2 van 3 gehoord"; the leader who summed
    up is marked heard in the circle once the round is closed; an open floor closed without a
    kind says "Ronde gesloten." (not "Ronde gesloten: gesloten.")."""

    from app.widgets.floor import floor_text

    session, _ = start(library, "kgotla", leader="Dirk", turn_seconds=60)
    session.next_speaker()
    session.next_speaker()
    session.pass_turn()  # Bram passes; Carla speaks
    assert "1 van 3 gehoord · 1 gepast" in round_info(session)  # the leader apart
    session.leader_turn()
    session.close_round("consensus")
    circle = circle_content(session.state).plain
    assert "✓ Ann" in circle and "– Bram" in circle and "✓ Dirk★" in circle
    assert "2 van 3 gehoord · 1 gepast" in round_info(session)
    dialogue, _ = start(library, "dialogue", participants=("Ann", "Bram"))
    dialogue.give_floor("Ann")
    dialogue.close_round()
    assert floor_text(dialogue).plain == "Ronde gesloten."


def test_the_floor_line_says_what_comes_next_once_everyone_is_heard(
    library: DeckLibrary,
) -> None:
    """The last of the circle passed: the floor line said "n: eerste spreker", and `n` then
    only answered that everyone was heard. It now says the next step itself (the leader sums
    up, or the round can close), and an ended session offers no key at all."""
    people = ("Ann", "Bram", "Carla", "Dirk", "Leila")
    session, _ = start(library, "kgotla", participants=people, leader="Leila")
    assert floor_text(session).plain == "Nog niemand aan het woord (n: eerste spreker)"
    for _ in range(4):
        session.next_speaker()
    session.pass_turn()  # Dirk, the last before the leader, passes: nobody has the floor
    assert session.state.speaker == ""
    assert floor_text(session).plain == "Iedereen is gehoord. l: Leila vat samen."
    circle, _ = start(library, "kgotla", participants=("Ann", "Bram"))
    circle.next_speaker()
    circle.next_speaker()
    circle.pass_turn()
    assert floor_text(circle).plain == "Iedereen is gehoord. c: sluit de ronde."
    circle.end()
    assert floor_text(circle).plain == "Niemand aan het woord"


def test_a_read_only_floor_line_gives_no_keys(library: DeckLibrary) -> None:
    """The mirror on the projector (and a board opened read-only) said "n: eerste spreker",
    and `n` does nothing there: it says where the round stands and no key."""
    people = ("Ann", "Bram", "Leila")
    session, _ = start(library, "kgotla", participants=people, leader="Leila")

    def watched() -> str:
        return floor_text(Session(session.events, session.decks, read_only=True)).plain

    assert watched() == "Nog niemand aan het woord"
    session.next_speaker()
    assert watched() == "Aan het woord: Ann"
    session.pass_turn()  # Ann passes, to Bram
    session.pass_turn()  # and so does Bram: nobody has the floor
    assert watched() == "Iedereen is gehoord; Leila vat samen."
    assert floor_text(session).plain == "Iedereen is gehoord. l: Leila vat samen."


def _floor_then_end(library: DeckLibrary) -> Session:
    """The new-user test: a kgotla of four, round 1 closed, the next card dealt, the floor to
    Ann with the clock paused, and the session ended before she said a word."""
    session, _ = start(library, "kgotla", leader="Carla", turn_seconds=60)
    session.close_round("deferred")
    session.deal()
    session.next_speaker()
    assert session.state.speaker == "Ann" and not session.running
    return session


def test_who_holds_the_floor_when_the_session_ends_has_not_been_heard(
    library: DeckLibrary,
) -> None:
    """The board said "Ronde 2 · 0 van 3 gehoord" and "▶ Ann" when the session ended: the
    state says so too, then and after a reread of the record (not "Ann heard")."""
    session = _floor_then_end(library)
    assert "Ronde 2 · 0 van 3 gehoord" in round_info(session)
    assert session.state.heard_in(session.state.round) == ()
    assert floor_text(session).plain == "Aan het woord: Ann"
    assert "▶ Ann" in circle_content(session.state).plain
    session.end()
    # not speaking now, and not heard: the board does not name her as the last to speak
    assert floor_text(session).plain == "Niemand aan het woord"
    assert "· Ann" in circle_content(session.state).plain  # nor marked so in the circle
    for state in (session.state, Session(session.events, session.decks, read_only=True).state):
        assert state.ended and state.round is not None and state.round.number == 2
        assert state.heard_in(state.round) == () and heard_count(state) == 0
        assert [r.heard for r in state.rounds] == [()]  # round 1: nobody had the floor
        ann = next(row for row in state.airtime() if row.speaker == "Ann")
        assert (ann.turns, ann.seconds, ann.passes) == (1, 0.0, 0)  # given the floor once
        assert [(t.speaker, t.round) for t in state.turns] == [("Ann", 2)]


def test_heard_is_one_rule_for_the_board_and_the_record(library: DeckLibrary) -> None:
    """Heard means: had a turn in the round that is over (the floor went on, the round closed,
    the next card came), passes apart. Who holds the floor when the session ends was heard
    if the turn ran (the leader's summing-up, timed), not if it was only just given; a second
    turn of someone already heard keeps them heard."""
    session, _ = start(library, "kgotla", leader="Dirk", turn_seconds=60)
    session.next_speaker()  # Ann
    assert session.state.heard_in(session.state.round) == ()
    session.next_speaker()  # Bram: Ann's turn is over
    assert session.state.heard_in(session.state.round) == ("Ann",)
    session.pass_turn()  # Bram passes; the floor goes on to Carla
    assert session.state.speaker == "Carla"
    session.leader_turn()  # Dirk sums up
    assert session.state.heard_in(session.state.round) == ("Ann", "Carla")
    session.end()
    state = session.state
    assert state.heard_in(state.round) == ("Ann", "Carla")  # not Dirk: his clock never ran
    assert heard_count(state) == 2
    summed_up, fake = start(library, "kgotla", leader="Dirk", turn_seconds=60)
    for _ in range(3):
        summed_up.next_speaker()
    summed_up.leader_turn()
    summed_up.toggle_clock()
    fake.advance(120)  # Dirk sums up for two minutes, then the meeting ends
    summed_up.end()
    assert summed_up.state.heard_in(summed_up.state.round) == ("Ann", "Bram", "Carla", "Dirk")
    assert "✓ Dirk★" in circle_content(summed_up.state).plain  # heard, no longer speaking
    assert floor_text(summed_up).plain == "Laatst aan het woord: Dirk"
    cut_short, _ = start(library, "kgotla", leader="Dirk", turn_seconds=60)
    cut_short.next_speaker()  # Ann
    cut_short.next_speaker()  # Bram has the floor (Ann heard), and the meeting ends
    cut_short.end()
    assert floor_text(cut_short).plain == "Laatst aan het woord: Ann"
    closed, _ = start(library, "kgotla", leader="Dirk", turn_seconds=60)
    closed.next_speaker()
    closed.close_round("deferred")  # closing the round ends Ann's turn: she was heard
    assert closed.state.heard_in(closed.state.round) == ("Ann",)
    dialogue, _ = start(library, "dialogue", participants=("Ann", "Bram"))
    dialogue.give_floor("Ann")
    dialogue.give_floor("Bram")
    dialogue.give_floor("Ann")  # her second turn: she was heard in her first
    dialogue.end()
    assert dialogue.state.heard_in(dialogue.state.round) == ("Ann", "Bram")


def test_two_turns_for_two_floors_given_one_in_each_round(library: DeckLibrary) -> None:
    """The report's "Beurten 2": without a leader, Ann had the floor in round 1 (closed, so
    she was heard there) and again in round 2 when the session ended (not heard there)."""
    session, _ = start(library, "kgotla", turn_seconds=60)
    session.next_speaker()
    session.close_round("deferred")
    session.deal()
    session.next_speaker()
    assert "Ronde 2 · 0 van 4 gehoord" in round_info(session)
    session.end()
    state = session.state
    assert [state.heard_in(r) for r in (*state.rounds, state.round)] == [("Ann",), ()]
    ann = next(row for row in state.airtime() if row.speaker == "Ann")
    assert (ann.turns, ann.seconds) == (2, 0.0)
    assert [t.round for t in state.turns] == [1, 2]


def test_switching_decks_starts_a_round_on_the_card_that_comes_back(
    library: DeckLibrary,
) -> None:
    """`w` back to a deck whose card is still on the table: the board shows that card, so a
    new round runs on it, as after a deal; the turn going on ends, and notes and the floor
    belong to that card's round (they stayed with the other deck's round)."""
    setup = SessionSetup(title="T", participants=PEOPLE, decks=("dialoogkaarten", "reflectie"))
    fake = FakeClock()
    session = Session.start(setup, {d.id: d for d in library}, seed=2, now=fake, clock=fake.wall)
    session.deal()
    first_card = session.state.card
    session.choose_deck("reflectie")
    assert session.state.round.card_id == first_card.id  # no card dealt there yet: same round
    session.deal()
    second = session.state.round
    session.next_speaker()  # Ann speaks on the reflection card
    session.toggle_clock()
    fake.advance(30)
    session.choose_deck("dialoogkaarten")
    state = session.state
    assert state.card == first_card and state.round.card_id == first_card.id
    assert state.round.number == second.number + 1 and state.speaker == ""
    assert [(t.speaker, t.seconds) for t in state.turns] == [("Ann", 30.0)]
    reread = Session(session.events, session.decks, read_only=True).state
    assert (reread.round, reread.turns) == (state.round, state.turns)
    session.undo()  # back on the reflection card, Ann speaking, in its round
    assert session.state.round.card_id == second.card_id and session.state.speaker == "Ann"


def test_an_ended_session_is_not_called_paused(library: DeckLibrary) -> None:
    session, _ = start(library, "circle", turn_seconds=30, participants=("Ann", "Bram"))
    session.next_speaker()
    assert "gepauzeerd" in round_info(session)  # the clock was never started
    session.end()
    assert "gepauzeerd" not in round_info(session)
    assert "Ronde 1" in round_info(session)
