"""Titles people type are shown as typed wherever they are listed: square brackets are not
Textual's or Rich's markup. A session titled "[/bold] Overleg" crashed the menu at every start
(until the session was ended from the command line), a deck titled so crashed the deck
browser and froze the new-session form, and "[concept]" vanished from the lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, SelectionList, Static

from app import live, locations
from app.cli import main
from app.main import DialoogApp
from app.screens.decks import DecksScreen
from app.screens.home import HomeScreen
from cards.i18n import t
from cards.loader import DeckLibrary, load_library
from sessions.meta import SessionSetup
from tests.screens import first_coaching_round, new_session_form, screen_text

SESSION_TITLE = "[/bold] Overleg [concept]"
DECK_TITLE = "Crash [/bold] deck [concept]"


def prompts(widget: OptionList) -> list[str]:
    return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]


def with_user_deck(isolated: Path) -> DeckLibrary:
    folder = isolated / "config" / "decks"
    folder.mkdir(parents=True)
    (folder / "eigen.toml").write_text(
        f'title = "{DECK_TITLE}"\n[[cards]]\nid = "e1"\ntext = "Wat neem je mee?"\n',
        encoding="utf-8",
    )
    library = load_library(folder)
    assert not library.errors and library.get("eigen").title == DECK_TITLE
    return library


async def test_the_menu_offers_to_resume_a_session_by_its_title_as_typed(
    library: DeckLibrary,
) -> None:
    setup = SessionSetup(title=SESSION_TITLE, participants=("Ann", "Bram"))
    live.create(setup, {d.id: d for d in library}, seed=1).close()
    app = DialoogApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)  # the menu looks for the last session in a worker
        assert isinstance(app.screen, HomeScreen)
        (resume,) = [p for p in prompts(app.screen.query_one(OptionList)) if "Overleg" in p]
        assert SESSION_TITLE in resume


async def test_a_deck_title_is_listed_as_typed(isolated: Path) -> None:
    library = with_user_deck(isolated)
    app = DialoogApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(DecksScreen())
        await pilot.pause()
        listed = prompts(app.screen.query_one("#deck-list", OptionList))
        assert f"{DECK_TITLE} (1)" in listed
        await pilot.press("escape")
        await pilot.pause()
        form = await new_session_form(pilot)
        decks = form.query_one("#field-decks", SelectionList)
        assert DECK_TITLE in prompts(decks)


def test_the_command_line_lists_titles_as_typed(
    isolated: Path, capsys: pytest.CaptureFixture[str], library: DeckLibrary
) -> None:
    with_user_deck(isolated)
    assert main(["decks"]) == 0
    assert "[/bold] deck" in capsys.readouterr().out
    setup = SessionSetup(title=SESSION_TITLE, participants=("Ann", "Bram"))
    live.create(setup, {d.id: d for d in library}, seed=1).close()
    assert locations.data_dir().exists()
    assert main(["sessions"]) == 0
    assert "[/bold] Overleg" in capsys.readouterr().out


NAMES = ("[/b]Ann", "Bram [x]", "Carla")


async def test_a_message_names_people_as_typed(library: DeckLibrary) -> None:
    """A message from a screen (which asks Textual for markup) that names someone."""
    setup = SessionSetup(title="Rondes", participants=NAMES)
    started = live.create(setup, {d.id: d for d in library}, seed=1)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        app.screen.notify(t("round.queued", name="[bold]Dirk[/bold]"))
        await pilot.pause(0.3)
        assert "[bold]Dirk[/bold] staat in de rij" in screen_text(app)
    started.close()


async def test_a_practice_shows_names_as_typed(library: DeckLibrary) -> None:
    """The round's set-up names the roles, and the part's line who speaks."""
    setup = SessionSetup(title="Triade", participants=NAMES, format="coaching")
    started = live.create(setup, {d.id: d for d in library}, seed=1)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert "[/b]Ann" in screen_text(app)  # the set-up's roles line
        await first_coaching_round(pilot)
        await pilot.pause()
        segment = str(app.screen.query_one("#coach-segment", Static).render())
        assert "[/b]Ann" in segment or "Bram [x]" in segment
    started.close()


async def test_picking_a_card_names_the_deck_as_typed(isolated: Path) -> None:
    library = with_user_deck(isolated)
    setup = SessionSetup(title="Eigen", participants=("Ann",), decks=("eigen",))
    started = live.create(setup, {d.id: d for d in library}, seed=1)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        assert DECK_TITLE in str(app.screen.query_one("#pick-title", Static).render())
    started.close()
