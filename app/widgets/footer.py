"""A Footer that tightens itself on narrow terminals so every key stays visible at 80x24."""

from __future__ import annotations

from contextlib import nullcontext

from textual import events
from textual.app import ComposeResult
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from app.bindings import COMPACT_BELOW, PALETTE_FROM, TranslatedBindings


class ResponsiveFooter(Footer):
    """Compact below 120 columns (roomy from there); the palette key (still ctrl+p) hidden
    below 100.

    Textual rebuilds a Footer whenever the screen's bindings may have changed (every focus
    change, for one); this one looks after the next frame (once, however often it was told)
    and rebuilds only when the keys it would show differ. That keeps both the work of
    working out the keys and a restyle of every key out of the frame that answers a key."""

    _shown: tuple[object, ...] | None = None
    _looking = False

    def __init__(self) -> None:
        # Textual's keys are born compact and restyle themselves one by one when the Footer
        # is not, on every rebuild; so the Footer stays compact and a class gives the keys
        # their wider spacing on wide terminals (`_fit`; the same cells as Textual's style)
        super().__init__(compact=True)
        # the keys are composed with the Footer, not in a rebuild after the first frame
        # (which laid the screen out and painted it a second time before it was whole)
        self.set_reactive(Footer._bindings_ready, True)
        # fitted to the terminal from the start, so it is styled once, as it is mounted, and
        # not twice more as `_fit` gives it its classes in `compose` (1 ms of every screen)
        width = self.app.size.width
        self.set_class(width >= COMPACT_BELOW, "-roomy", update=False)
        self.set_reactive(Footer.show_command_palette, width >= PALETTE_FROM)

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not (screen.app.app_focus and self.is_attached and screen is self.screen):
            super().bindings_changed(screen)
        elif not self._looking:
            self._looking = True
            self.call_after_refresh(self._rebuild_if_changed, screen)

    def _rebuild_if_changed(self, screen: Screen[object]) -> None:
        self._looking = False
        if not self.is_attached:
            return
        shown = self._keys_shown(screen)
        if shown != self._shown:
            self._shown = shown
            super().bindings_changed(screen)

    def _keys_shown(self, screen: Screen[object]) -> tuple[object, ...]:
        # the width counts through `active_bindings`, which fits the keys to it
        keys = tuple(
            (key, b.action, b.description, b.tooltip, b.show, enabled, tooltip)
            for key, (_, b, enabled, tooltip) in screen.active_bindings.items()
        )
        return (self.compact, self.show_command_palette, keys)

    def compose(self) -> ComposeResult:
        screen = self.screen
        # the keys noted below are the ones Textual's compose shows: worked out once (it reads
        # them before its first key; between its keys only they are collected)
        held = screen.bindings_held() if isinstance(screen, TranslatedBindings) else nullcontext()
        with held:
            if self._shown is None:
                # the first time: fit to the terminal, and note the keys (a rebuild noted them
                # already, in `_rebuild_if_changed`)
                self._fit(self.app.size.width)
                try:
                    self._shown = self._keys_shown(screen)
                except NoMatches:
                    # a screen whose keys depend on widgets composed after the Footer: the
                    # keys come with the first check after the first frame
                    return
            # the keys are compact (see `__init__`); given the class before they are mounted,
            # they do not each restyle themselves once mounted (0.5 ms a key, every rebuild)
            for widget in super().compose():
                if isinstance(widget, FooterKey) and self.compact:
                    widget.set_class(True, "-compact", update=False)
                yield widget

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width or self.app.size.width)

    def _fit(self, width: int) -> None:
        self.set_class(width >= COMPACT_BELOW, "-roomy")
        self.show_command_palette = width >= PALETTE_FROM
        self.screen.refresh_bindings()  # keys leave or join the Footer as the width changes
