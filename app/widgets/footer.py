"""A Footer that tightens itself on narrow terminals so every key stays visible at 80x24."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

COMPACT_BELOW = 120
PALETTE_FROM = 100


class ResponsiveFooter(Footer):
    """Compact below 120 columns; the palette key (still ctrl+p) hidden below 100."""

    def on_mount(self) -> None:
        self._fit(self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(self.app.size.width)

    def _fit(self, width: int) -> None:
        narrow = width < COMPACT_BELOW
        changed = narrow != self.compact
        self.compact = narrow
        self.show_command_palette = width >= PALETTE_FROM
        if changed:
            self.screen.refresh_bindings()  # some keys leave or join the Footer
