"""Switching language while screens are open: every screen in the stack is drawn anew in the
other language, keeps what was typed or chosen, and shows its content again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app import live
from app.main import DialoogApp
from app.screens.pick import PickScreen
from cards import i18n
from cards.dealer import Dealer
from cards.loader import DeckLibrary
from sessions.meta import SessionSetup
from tests.screens import first_coaching_round, new_session_form, open_reflection, screen_text


@pytest.fixture(autouse=True)
def dutch_again() -> Iterator[None]:
    yield
    i18n.set_language("nl")


def triad(library: DeckLibrary) -> live.LiveSession:
    """A coaching session of three."""
    setup = SessionSetup(title="Triade", participants=("Ann", "Bram", "Carla"), format="coaching")
    return live.create(setup, {d.id: d for d in library}, seed=1)


async def test_a_half_filled_form_keeps_what_was_typed(library: DeckLibrary) -> None:
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await new_session_form(pilot)
        app.screen.query_one("#field-title").value = "Visie op leren"
        app.screen.query_one("#field-participants").value = "Ann, Bram"
        app.switch_language()
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#field-title").value == "Visie op leren"
        assert app.screen.query_one("#field-participants").value == "Ann, Bram"
        assert "Participants" in screen_text(app)  # the labels in English now


async def test_the_card_picker_keeps_its_search(library: DeckLibrary) -> None:
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(PickScreen(Dealer.start(library.get("dialoogkaarten"), seed=1)))
        await pilot.pause()
        await pilot.press(*"schoolleider")
        await pilot.pause()
        before = app.screen.query_one("#pick-list").option_count
        assert 0 < before < 22
        app.switch_language()
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#pick-query").value == "schoolleider"
        assert app.screen.query_one("#pick-list").option_count == before


async def test_the_coaching_screen_shows_its_round_again(library: DeckLibrary) -> None:
    started = triad(library)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(100, 30)) as pilot:
        await first_coaching_round(pilot)
        app.switch_language()
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        assert "Leraar aanspreken" in text and "Ann" in text and "Coach" in text
        assert not app.screen.query_one("#capture").display
        await pilot.press("n", "o")  # in the conversation the tally still counts
        round_ = started.session.state.coaching_round
        assert round_ is not None and [t.behaviour for t in round_.tallies] == ["open"]
        started.writer.flush() if started.writer else None


async def test_the_reflection_questions_and_coaching_prompts_follow_the_language(
    library: DeckLibrary,
) -> None:
    """The closing reflection's questions and the coaching prompts are shown in English in
    an English UI (from the decks' English translations)."""
    started = live.create(
        SessionSetup(title="Team", participants=("Ann", "Bram")),
        {d.id: d for d in library},
        seed=1,
    )
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_reflection(pilot)
        assert "Wat ging vandaag goed en waarom werkte dat?" in screen_text(app)
        app.switch_language()
        await pilot.pause()
        await pilot.pause()
        shown = screen_text(app)
        assert "What went well today, and why did it work?" in shown
        assert "Wat ging vandaag goed" not in shown
        await pilot.press("enter", *"Fijn", "enter")  # an answer is kept with its question
        await pilot.pause()
        [answer] = started.session.state.notes_of("reflection")
        assert answer.question == "rf-01"
    started.close()

    i18n.set_language("nl")
    coaching = triad(library)
    app = DialoogApp(library, start=coaching)
    async with app.run_test(size=(100, 30)) as pilot:
        await first_coaching_round(pilot)
        await pilot.press("p")
        await pilot.pause()
        prompt = app.screen.query_one("#coach-prompts")
        assert "Wat wil je dat dit gesprek oplevert?" in str(prompt.content)  # type: ignore[attr-defined]
        app.switch_language()
        await pilot.pause()
        await pilot.pause()
        prompt = app.screen.query_one("#coach-prompts")
        assert "What do you want this conversation to give you?" in str(prompt.content)  # type: ignore[attr-defined]
        assert "O – Outcome" in str(prompt.content)  # type: ignore[attr-defined]
    coaching.close()


async def test_the_english_decks_are_offered_beside_the_dutch_ones(library: DeckLibrary) -> None:
    """In English the form offers the built-in English translations to deal too (it offered
    the Dutch decks only, so an English board dealt the reflection's questions in Dutch); in
    Dutch it offers the decks themselves."""
    i18n.set_language("en")
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(120, 36)) as pilot:
        await new_session_form(pilot)
        shown = screen_text(app)
        assert "Dialoogkaarten" in shown and "Oplossingsgericht coachen" in shown
        assert "Solution-focused coaching" in shown and "Reflection" in shown
    i18n.set_language("nl")
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=(120, 36)) as pilot:
        await new_session_form(pilot)
        shown = screen_text(app)
        assert "Reflectie" in shown and "Reflection" not in shown
