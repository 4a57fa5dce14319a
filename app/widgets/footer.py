"""A Footer that tightens itself on narrow terminals so every key stays visible at 80x24, and
draws its keys as one line.

Textual's Footer makes a widget of each key. Each one is styled, mounted, laid out and
painted on its own, and made anew whenever the keys change: on a board with eleven keys that
was about a fifth of the time to its first frame, and 0.5 MiB of the peak memory with a note
written (measured in bench/). This Footer keeps Textual's: it is told of changed bindings the
same way, reads the same active bindings, shows the command palette's key with Textual's own
`FooterKey`, and styles the keys with the same theme variables. The other keys are one
`KeyLine`, which draws them as Textual's keys look, runs a key when it is clicked, highlights
the key under the mouse and shows its tooltip.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import nullcontext
from typing import NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.geometry import Region
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from app.bindings import COMPACT_BELOW, PALETTE_FROM, TranslatedBindings


class ShownKey(NamedTuple):
    """One key as the Footer shows it."""

    key: str  # the key it simulates when clicked ("d", "question_mark")
    action: str
    display: str  # how the key is written ("d", "?", "esc")
    description: str
    enabled: bool
    tooltip: str


class KeyLine(Widget):
    """The Footer's keys (all but the palette's), drawn as one line of text."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer-key--key", "footer-key--description", "key-line--hover"}
    # the colours of Textual's FooterKey, and its look under the mouse
    DEFAULT_CSS = """
    KeyLine {
        width: 1fr;
        height: 1;
        text-wrap: nowrap;
        background: $footer-item-background;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-line--hover {
            background: $block-hover-background;
        }
    }
    """

    hovered: reactive[int | None] = reactive(None)

    def __init__(self, keys: list[ShownKey], *, roomy: bool) -> None:
        super().__init__()
        self.keys = keys
        self.roomy = roomy

    def show(self, keys: list[ShownKey], *, roomy: bool) -> None:
        if (keys, roomy) != (self.keys, self.roomy):
            self.keys, self.roomy = keys, roomy
            self.hovered = None
            self.refresh()

    def spans(self) -> list[tuple[int, int]]:
        """Where each key is on the line: its first cell and the cell after it."""
        spans: list[tuple[int, int]] = []
        start = 0
        for part in self._parts():
            end = start + sum(cell_len(text) for text in part)
            spans.append((start, end))
            start = end + (0 if self.roomy else 1)  # see `render`
        return spans

    def regions(self) -> list[Region]:
        """Each key's place on the screen."""
        x, y = self.region.offset
        return [Region(x + start, y, end - start, 1) for start, end in self.spans()]

    def _parts(self) -> list[tuple[str, str]]:
        # the spacing of Textual's keys: compact "d Deel", roomy " d Deel "
        if self.roomy:
            return [(f" {key.display} ", f"{key.description} ") for key in self.keys]
        return [(key.display, f" {key.description}") for key in self.keys]

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer-key--key")
        description_style = self.get_component_rich_style("footer-key--description")
        hover_style = self.get_component_rich_style("key-line--hover")
        line = Text(no_wrap=True, end="")
        for index, ((key_text, description), shown) in enumerate(
            zip(self._parts(), self.keys, strict=True)
        ):
            item = Text.assemble((key_text, key_style), (description, description_style))
            if index == self.hovered:  # the key and its words keep their colours
                item.stylize(Style(bgcolor=hover_style.bgcolor))
            if not shown.enabled:
                item.stylize(Style(dim=True))
            if index and not self.roomy:
                line.append(" ")  # a compact key keeps a cell before the next
            line.append_text(item)
        line.stylize_before(self.rich_style)
        return line

    def key_at(self, x: int) -> int | None:
        return next(
            (index for index, (start, end) in enumerate(self.spans()) if start <= x < end), None
        )

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hovered = self.key_at(event.x)
        tooltip = self.keys[self.hovered].tooltip if self.hovered is not None else ""
        self.tooltip = tooltip or None

    def on_leave(self) -> None:
        self.hovered = None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        index = self.key_at(event.x)
        if index is None:
            return
        if self.keys[index].enabled:
            self.app.simulate_key(self.keys[index].key)
        else:
            self.app.bell()


class ResponsiveFooter(Footer):
    """Compact below 120 columns (roomy from there); the palette key (still ctrl+p) hidden
    below 100.

    Textual rebuilds a Footer whenever the screen's bindings may have changed (every focus
    change, for one); this one looks after the next frame (once, however often it was told)
    and redraws its keys only when the keys it would show differ. That keeps both the work
    of working out the keys and a restyle out of the frame that answers a key."""

    _shown: tuple[object, ...] | None = None
    _looking = False

    def __init__(self) -> None:
        # Textual's palette key is born compact and restyles itself when the Footer is not;
        # so the Footer stays compact and a class gives the key its wider spacing on wide
        # terminals (`_fit`; the same cells as Textual's style)
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
        if shown == self._shown:
            return
        palette_before = self._shown is not None and self._shown[1]
        self._shown = shown
        lines = self.query(KeyLine)
        if lines and palette_before == shown[1]:
            lines.first().show(self._keys(screen), roomy=self.has_class("-roomy"))
        else:  # the palette key comes or goes (or the keys were not there yet)
            super().bindings_changed(screen)

    def _keys_shown(self, screen: Screen[object]) -> tuple[object, ...]:
        # the width counts through `active_bindings`, which fits the keys to it
        keys = tuple(
            (key, b.action, b.description, b.tooltip, b.show, enabled, tooltip)
            for key, (_, b, enabled, tooltip) in screen.active_bindings.items()
        )
        return (self.has_class("-roomy"), self._palette_binding(screen) is not None, keys)

    def _keys(self, screen: Screen[object]) -> list[ShownKey]:
        """The keys shown, as Textual's Footer shows them: one for each action (its first
        key), the palette's key left out (it has a place of its own)."""
        by_action: defaultdict[str, list[tuple[Binding, bool, str]]] = defaultdict(list)
        for _, binding, enabled, tooltip in screen.active_bindings.values():
            if binding.show:
                by_action[binding.action].append((binding, enabled, tooltip))
        return [
            ShownKey(
                binding.key,
                binding.action,
                self.app.get_key_display(binding),
                binding.description,
                enabled,
                tooltip,
            )
            for (binding, enabled, tooltip), *_ in by_action.values()
        ]

    def _palette_binding(self, screen: Screen[object]) -> tuple[Binding, bool] | None:
        if not (self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE):
            return None
        found = screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        return None if found is None else (found.binding, found.enabled)

    def compose(self) -> ComposeResult:
        screen = self.screen
        # the keys are worked out once (Textual's compose read them for each thing it asked)
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
            yield KeyLine(self._keys(screen), roomy=self.has_class("-roomy"))
            palette = self._palette_binding(screen)
            if palette is not None:
                binding, enabled = palette
                yield FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    disabled=not enabled,
                    tooltip=binding.tooltip or binding.description,
                    # compact from the start, not restyled once mounted (see `__init__`)
                    classes="-command-palette -compact",
                )

    def shown(self) -> list[tuple[ShownKey, Region]]:
        """Every key the Footer shows, the palette's last, each with its place on screen."""
        shown: list[tuple[ShownKey, Region]] = []
        for line in self.query(KeyLine):
            shown += zip(line.keys, line.regions(), strict=True)
        for key in self.query(FooterKey):
            text = (key.key, key.action, key.key_display, key.description, not key._disabled, "")
            shown.append((ShownKey(*text), key.region))
        return shown

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width or self.app.size.width)

    def _fit(self, width: int) -> None:
        self.set_class(width >= COMPACT_BELOW, "-roomy")
        self.show_command_palette = width >= PALETTE_FROM
        self.screen.refresh_bindings()  # keys leave or join the Footer as the width changes
