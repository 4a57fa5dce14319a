"""The settings screen, as a facilitator uses it: opened from the menu with `i`, keys only."""

from __future__ import annotations

from pathlib import Path

from app.main import DialoogApp
from app.screens.settings import SettingsScreen
from app.settings import load_settings
from app.theme_names import THEME_NAMES
from cards.loader import DeckLibrary


async def test_the_settings_open_on_their_first_field_and_save_what_is_typed(
    isolated: Path, library: DeckLibrary
) -> None:
    """The screen opened with the focus on its scrolling frame, not on a field: what was
    typed went nowhere, and ctrl+s said "saved" with nothing changed. Now the first field
    has the focus; tab goes from field to field."""
    app = DialoogApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert app.focused is not None and app.focused.id == "language"
        await pilot.press("tab", "tab")
        assert app.focused is not None and app.focused.id == "turn"
        await pilot.press("end", "backspace", "backspace", "backspace", "9", "0", "ctrl+s")
        await pilot.pause()
        for _ in range(20):  # saved by a worker
            if load_settings(THEME_NAMES)[0].turn_seconds == 90:
                break
            await pilot.pause(0.05)
        assert load_settings(THEME_NAMES)[0].turn_seconds == 90
