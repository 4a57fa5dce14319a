"""The toast after `u` names what was undone, for every kind of step an undo can take back."""

from __future__ import annotations

import dataclasses

import pytest

from app.undone import _what, quoted
from cards.i18n import set_language
from sessions import events
from sessions.events import Event

UNDOABLE = sorted(
    (
        cls
        for cls in vars(events).values()
        if isinstance(cls, type) and issubclass(cls, Event) and cls is not Event and cls.UNDOABLE
    ),
    key=lambda cls: cls.__name__,
)
SAMPLE = {"str": "x", "int": 1, "float": 0.0, "bool": False}


def example(cls: type[Event]) -> Event:
    """An event of `cls` with plain values in its fields."""
    values = {}
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        kind = str(field.type)
        values[field.name] = SAMPLE.get(kind, ())
    if cls is events.CardMoved:
        values["move"] = "deal"
    if cls is events.TallyMarked:
        values["behaviour"] = "open"
    return cls(**values)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("cls", UNDOABLE, ids=lambda cls: cls.__name__)
def test_every_step_an_undo_takes_back_has_words(cls: type[Event], language: str) -> None:
    set_language(language)
    text = _what(example(cls))
    assert text  # not the plain "last step undone"
    assert "undo." not in text and "behaviour." not in text  # words, not a catalogue key


def test_every_card_move_has_words() -> None:
    for move in ("deal", "back", "skip", "park", "pick", "reshuffle"):
        assert not _what(events.CardMoved(deck_id="d", move=move)).startswith("undo.")


def test_a_long_or_multi_line_note_is_quoted_on_one_short_line() -> None:
    assert quoted("Eerste\\nregel") == "Eerste\\nregel"  # the escape itself is text
    assert quoted("Eerste\nregel  en\tmeer") == "Eerste regel en meer"
    long = quoted("woord " * 30)
    assert len(long) == 40 and long.endswith("…")


def test_undoing_a_pass_names_who_passed_not_who_spoke_next() -> None:
    """Ann has the floor and passes, so Bram speaks; `u` says Ann's pass was undone (it said
    Bram's: the event names who got the floor next). A floor given and taken back before
    does not count."""
    from app.undone import undone_text
    from cards.loader import load_library
    from sessions.meta import SessionSetup
    from sessions.session import Session

    set_language("nl")
    decks = {d.id: d for d in load_library()}
    people = ("Ann", "Bram", "Carla")
    setup = SessionSetup(title="K", participants=people, format="kgotla", leader="Carla")
    session = Session.start(setup, decks, seed=1)
    session.deal()
    session.next_speaker()  # Ann
    session.pass_turn()  # Ann passes; Bram has the floor
    session.undo()
    assert undone_text(session) == "Ongedaan gemaakt: de pas van Ann."
    session.next_speaker()  # Bram, given and taken back
    session.undo()
    session.pass_turn()  # Ann passes after all
    session.undo()
    assert "de pas van Ann" in undone_text(session)


def test_undoing_the_end_of_the_last_turn_names_who_spoke() -> None:
    """Bram is the last before the leader; `n` ends his turn (everyone is heard) and `u`
    says so, naming Bram (it said "de beurt van de groep": nobody got the floor)."""
    from app.undone import undone_text
    from cards.loader import load_library
    from sessions.meta import SessionSetup
    from sessions.session import Session

    set_language("nl")
    decks = {d.id: d for d in load_library()}
    setup = SessionSetup(
        title="K", participants=("Ann", "Bram", "Carla"), format="kgotla", leader="Carla"
    )
    session = Session.start(setup, decks, seed=1)
    session.deal()
    session.next_speaker()  # Ann
    session.next_speaker()  # Bram
    session.next_speaker()  # Bram's turn ends
    assert session.state.speaker == ""
    session.undo()
    assert session.state.speaker == "Bram"
    assert undone_text(session) == "Ongedaan gemaakt: het einde van de beurt van Bram."


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_clock_steps_an_undo_takes_back_have_words(language: str) -> None:
    set_language(language)
    for action in ("extend", "reset"):
        change = events.ClockChanged(action=action)
        assert change.undoable
        assert _what(change) and "undo." not in _what(change)
    assert not events.ClockChanged(action="pause").undoable  # `space` does that
