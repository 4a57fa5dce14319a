"""Every screen renders at terminal sizes from 40x12 to 250x70 without an exception."""

from __future__ import annotations

import pytest

from app import live
from app.main import DialoogApp
from cards.loader import DeckLibrary
from sessions.meta import SessionSetup
from sessions.notes import Draft

SIZES = [(40, 12), (80, 24), (120, 36), (250, 70)]


def screens(app: DialoogApp, started: live.LiveSession) -> list[object]:
    from app.screens.archive import ArchiveScreen
    from app.screens.board import BoardScreen
    from app.screens.carry import CarryOverScreen
    from app.screens.choose_deck import DeckChoiceScreen
    from app.screens.closing import ClosingScreen
    from app.screens.decks import DecksScreen
    from app.screens.export import ExportScreen
    from app.screens.new_session import NewSessionScreen
    from app.screens.qr import QrScreen
    from app.screens.reflection import ReflectionScreen
    from app.screens.settings import SettingsScreen

    state = started.session.state
    return [
        DecksScreen(),
        NewSessionScreen(),
        ArchiveScreen(),
        SettingsScreen(),
        BoardScreen(started),
        ClosingScreen(("consensus", "disagree", "deferred")),
        ReflectionScreen(started),
        CarryOverScreen(started),
        DeckChoiceScreen(started.session),
        ExportScreen(state, dict(started.session.decks)),
        QrScreen(state),
    ]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_every_screen_renders(library: DeckLibrary, size: tuple[int, int]) -> None:
    setup = SessionSetup(
        title="Maten",
        participants=("Ann", "Bram", "Carla"),
        leader="Ann",
        decks=("dialoogkaarten", "reflectie", "coaching"),
    )
    started = live.create(setup, {d.id: d for d in library}, seed=1)
    started.session.deal()
    started.session.next_speaker()
    started.session.record(Draft("agreement", "Ouders mailen " * 20, "Ann", "Ann", "vr 5 dec"))
    app = DialoogApp(library, seed=1)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for screen in screens(app, started):
            await app.push_screen(screen)
            await pilot.pause()
            await pilot.resize_terminal(max(40, size[0] // 2), max(12, size[1] // 2))
            await pilot.pause()
            assert app.screen is screen
            await pilot.resize_terminal(*size)
            await app.pop_screen()
            await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_coaching_and_mirror_render(library: DeckLibrary, size: tuple[int, int]) -> None:
    setup = SessionSetup(title="Triade", participants=("Ann", "Bram", "Carla"), format="coaching")
    started = live.create(setup, {d.id: d for d in library}, seed=1)
    started.session.start_coaching_round("Casus", "Feedbackgesprek")
    app = DialoogApp(library, start=started)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("o", "g", "p")
        await pilot.pause()
        assert app.is_running
    path = started.path
    started.close()
    mirror = DialoogApp(library, mirror=path)
    async with mirror.run_test(size=size) as pilot:
        await pilot.pause(0.3)
        assert mirror.is_running
