"""Settings: language, theme, default turn length and the data folder, saved to a TOML file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, Select, Static

from app import locations
from app.bindings import TranslatedBindings
from app.settings import Settings, save_settings
from app.themes import THEME_NAMES
from app.widgets.footer import ResponsiveFooter
from cards import i18n
from cards.i18n import LANGUAGES, t
from sessions.meta import TURN_SECONDS


def ours_first(names: Iterable[str]) -> list[str]:
    """Theme names with dialoog's own first, in their order (dark, light, high contrast),
    then the rest alphabetically."""
    ours = [name for name in THEME_NAMES if name in names]
    return [*ours, *sorted(name for name in names if name not in ours)]


class SettingsScreen(TranslatedBindings, Screen[None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "settings.save", id="settings.save"),
        Binding("escape", "app.pop_screen", "common.back", id="settings.back"),
    ]

    def compose(self) -> ComposeResult:
        current: Settings = self.app.settings  # type: ignore[attr-defined]
        yield Header()
        # not a stop of tab of its own (on opening, the focus went there, not to a field):
        # each field scrolls into view as it gets the focus
        with VerticalScroll(id="setup-form", can_focus=False):
            with Horizontal(classes="setup-row"):
                yield Label(t("settings.language"), classes="setup-label")
                yield Select(
                    [("Nederlands", "nl"), ("English", "en")],
                    value=i18n.language() if i18n.language() in LANGUAGES else "nl",
                    allow_blank=False,
                    id="language",
                    compact=True,
                )
            with Horizontal(classes="setup-row"):
                yield Label(t("settings.theme"), classes="setup-label")
                yield Select(
                    # dialoog's own themes (made for a projector) first, then Textual's
                    [(name, name) for name in ours_first(self.app.available_themes)],
                    value=self.app.theme,
                    allow_blank=False,
                    id="theme",
                    compact=True,
                )
            with Horizontal(classes="setup-row"):
                yield Label(t("settings.turn_seconds"), classes="setup-label")
                yield Input(str(current.turn_seconds), type="integer", id="turn", compact=True)
            with Horizontal(classes="setup-row"):
                yield Label(t("settings.data_dir"), classes="setup-label")
                # the folder used while it is left empty, shown in it (an empty field was
                # not to be seen at all)
                yield Input(
                    current.data_dir,
                    placeholder=str(locations.standard_data_dir()),
                    id="data-dir",
                    compact=True,
                )
            yield Static(id="settings-error", classes="setup-error")
            with Horizontal(id="setup-buttons"):
                yield Button(t("settings.save"), variant="primary", id="save")
        yield ResponsiveFooter()

    def on_mount(self) -> None:
        self.drawn_anew()

    def drawn_anew(self) -> None:
        self.sub_title = t("settings.title")

    @on(Select.Changed, "#theme")
    def theme_chosen(self, event: Select.Changed) -> None:
        self.app.theme = str(event.value)  # see it at once

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        low, high = TURN_SECONDS
        value = self.query_one("#turn", Input).value.strip()
        error = self.query_one("#settings-error", Static)
        if not value.isdigit() or not low <= int(value) <= high:
            error.update(t("setup.error.turn", low=low, high=high))
            error.set_class(True, "-shown")
            return
        error.set_class(False, "-shown")
        current: Settings = self.app.settings  # type: ignore[attr-defined]
        new = replace(
            current,
            language=str(self.query_one("#language", Select).value),
            theme=self.app.theme,
            turn_seconds=int(value),
            data_dir=self.query_one("#data-dir", Input).value.strip(),
        )
        self.store(new, new.data_dir != current.data_dir)

    @work(thread=True, exclusive=True, group="settings", exit_on_error=False)
    def store(self, new: Settings, folder_changed: bool) -> None:
        try:
            path = save_settings(new)
        except OSError as error:
            self.app.call_from_thread(
                self.notify, str(error), title=t("settings.save_failed"), severity="error"
            )
            return
        self.app.call_from_thread(self._stored, new, path, folder_changed)

    def _stored(self, new: Settings, path: Path, folder_changed: bool) -> None:
        language_changed = new.language != i18n.language()
        self.app.settings = new  # type: ignore[attr-defined]
        if language_changed:
            self.app.switch_language()  # type: ignore[attr-defined]
        self.notify(t("settings.saved", path=path), timeout=5, markup=False)
        if folder_changed:
            self.notify(t("settings.restart"), timeout=8)
