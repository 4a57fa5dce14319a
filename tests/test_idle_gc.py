"""The full garbage collection waits for a pause in the typing, and never for too long."""

from __future__ import annotations

import gc
import weakref

import pytest

from app import live
from app.idle_gc import FULL_AT_LATEST, FULL_EVERY, IDLE_SECONDS, NEVER, IdleCollector
from app.main import DialoogApp
from cards.loader import DeckLibrary
from sessions.meta import SessionSetup
from tests.fakes import FakeClock


@pytest.fixture
def collections(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    ran: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: ran.append(generation) or 0)
    return ran


def test_no_full_collection_starts_by_itself_while_the_app_runs() -> None:
    before = gc.get_threshold()
    collector = IdleCollector()
    collector.start()
    try:
        assert gc.get_threshold() == (before[0], before[1], NEVER)
    finally:
        collector.stop()
    assert gc.get_threshold() == before


def test_it_waits_for_a_pause(collections: list[int]) -> None:
    clock = FakeClock()
    collector = IdleCollector(now=clock)
    while clock.now < 1000 + FULL_EVERY + 10:  # a key every half second: no pause
        clock.advance(0.5)
        collector.activity()
        assert not collector.check()
    clock.advance(IDLE_SECONDS)  # the pause
    assert collector.check()
    assert collections == [2]
    clock.advance(IDLE_SECONDS)
    assert not collector.check()  # and not again until FULL_EVERY has passed


def test_a_long_run_of_keys_still_gets_collected(collections: list[int]) -> None:
    clock = FakeClock()
    collector = IdleCollector(now=clock)
    ran_at = []
    for _ in range(int(FULL_AT_LATEST * 2.5 / 0.5)):
        clock.advance(0.5)
        collector.activity()
        if collector.check():
            ran_at.append(clock.now - 1000)
    assert ran_at == [FULL_AT_LATEST, 2 * FULL_AT_LATEST]


async def test_the_app_hands_the_collector_back_when_it_closes(library: DeckLibrary) -> None:
    before = gc.get_threshold()
    app = DialoogApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.get_threshold()[2] == NEVER
    assert gc.get_threshold() == before


async def test_collection_held_off_at_start_up_comes_back_with_the_first_frame(
    library: DeckLibrary,
) -> None:
    gc.disable()  # as `dialoog` does while it starts
    try:
        app = DialoogApp(library)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
    finally:
        gc.enable()


def test_the_command_line_turns_collection_back_on(capsys: pytest.CaptureFixture[str]) -> None:
    from app import cli

    assert cli.main(["decks"]) == 0
    assert gc.isenabled()
    assert cli.main(["decks", "check", "no-such-file.toml"]) != 0
    assert gc.isenabled()


def test_a_command_without_the_app_collects_while_it_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """`dialoog serve` runs for a whole workshop: collection is on while it serves."""
    from app import cli

    seen: list[bool] = []

    class FakeServer:
        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def serve(self) -> None:
            seen.append(gc.isenabled())

    monkeypatch.setattr("textual_serve.server.Server", FakeServer)
    assert cli.main(["serve"]) == 0
    assert seen == [True]


def test_opening_a_session_frees_what_starting_and_reading_left_behind(
    library: DeckLibrary,
) -> None:
    """`dialoog resume` starts with the cycle collector held off; what it and the reading of
    the file leave behind goes back before the board is built on top of it."""
    started = live.create(
        SessionSetup(title="x", participants=("Ann", "Bram")), {d.id: d for d in library}, seed=1
    )
    started.close()

    class Left:
        me: object = None

    freed: list[bool] = []
    gc.disable()  # as while `dialoog` starts
    try:
        left = Left()
        left.me = left  # only the cycle collector frees it
        weakref.finalize(left, freed.append, True)
        del left
        opened = live.open_session(started.path, {d.id: d for d in library})
        assert freed == [True]
        opened.close()
    finally:
        gc.enable()


async def test_what_the_start_up_threw_away_goes_once_the_first_frame_is_shown(
    library: DeckLibrary,
) -> None:
    """Starting leaves long-lived cycles behind (strips drawn and divided, parsed text); they
    go as soon as the first frame is shown, not at the first pause half a minute later."""

    class Left:
        me: object = None

    freed: list[bool] = []
    left = Left()
    left.me = left  # only the cycle collector frees it
    weakref.finalize(left, freed.append, True)
    gc.collect()  # it outlives a full pass: long-lived now, where only a full pass looks
    del left
    gc.disable()  # as `dialoog` starts
    try:
        app = DialoogApp(library)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert freed == [True]
    finally:
        gc.enable()
