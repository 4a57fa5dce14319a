"""A Footer that tightens itself on narrow terminals so every key stays visible at 80x24."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

from app.bindings import COMPACT_BELOW, PALETTE_FROM


class ResponsiveFooter(Footer):
    """Compact below 120 columns; the palette key (still ctrl+p) hidden below 100."""

    def on_mount(self) -> None:
        self._fit(self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width or self.app.size.width)

    def _fit(self, width: int) -> None:
        self.compact = width < COMPACT_BELOW
        self.show_command_palette = width >= PALETTE_FROM
        self.screen.refresh_bindings()  # keys leave or join the Footer as the width changes
