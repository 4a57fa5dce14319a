"""Helpers for Pilot tests: what the screen shows, and getting a coaching round going."""

from __future__ import annotations

from typing import Any

from app.main import DialoogApp
from app.screens.coaching import CoachingScreen
from app.screens.coaching_setup import CoachingSetupScreen
from app.screens.new_session import NewSessionScreen
from app.screens.reflection import ReflectionScreen


def screen_text(app: DialoogApp) -> str:
    """What the screen shows, as text, its lines joined by spaces."""
    strips = app.screen._compositor.render_strips()
    return " ".join(" ".join("".join(s.text for s in strip).split()) for strip in strips)


async def first_coaching_round(pilot: Any, case: str = "Leraar aanspreken") -> CoachingScreen:
    """An app started on a coaching session: fill in the first round's set-up, start it."""
    app = pilot.app
    await pilot.pause()
    await pilot.pause()
    assert isinstance(app.screen, CoachingSetupScreen)
    app.screen.query_one("#case").value = case
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, CoachingScreen)
    return app.screen


async def open_reflection(pilot: Any) -> ReflectionScreen:
    """From the board, `t`: the closing reflection."""
    await pilot.pause()
    await pilot.press("t")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReflectionScreen)
    return pilot.app.screen


async def new_session_form(pilot: Any) -> NewSessionScreen:
    """From the menu, `n`: the form for a new session."""
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, NewSessionScreen)
    return pilot.app.screen


async def say_yes(pilot: Any) -> None:
    """`j` to the question on screen once it has been read: to a question whose yes cannot be
    undone, a `j` sooner is taken for typing on (`app.screens.dialogs.ANSWER_AFTER`)."""
    from app.screens.dialogs import ANSWER_AFTER

    await pilot.pause(ANSWER_AFTER)
    await pilot.press("j")


async def save_form(pilot: Any) -> None:
    """`ctrl+s` on a form, and what it set off done: the worker that makes the session."""
    await pilot.press("ctrl+s")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
