"""Key bindings whose descriptions are catalogue keys, shown in the UI language, and a Footer
that fits the screen.

Binding descriptions are written as catalogue keys (``"board.deal"``); screens mix in
`TranslatedBindings` so the Footer, the key panel and the help screen read them translated at
the moment they are drawn, which also lets the language change while the app runs.

A screen may name its keys in `FOOTER_ORDER`, most important first: keys join the Footer in
that order while they fit the terminal's width, in the UI language; the others still work and
the key panel (`?`) lists them all. So every key shown is whole at 80x24 and at 200x60.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.cells import cell_len
from textual.binding import ActiveBinding
from textual.worker import Worker

from cards.i18n import t

PALETTE_FROM = 100  # the Footer shows the palette key from this width on
COMPACT_BELOW = 120  # and is compact below this one
PALETTE_CELLS = 14


def translated(bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """The same bindings with descriptions and tooltips looked up in the catalogue."""
    return {
        key: active._replace(
            binding=replace(
                active.binding,
                description=t(active.binding.description) if active.binding.description else "",
                tooltip=t(active.binding.tooltip) if active.binding.tooltip else "",
            )
        )
        for key, active in bindings.items()
    }


def fitted(
    bindings: dict[str, ActiveBinding],
    width: int,
    order: tuple[str, ...],
    key_display: dict[str, str],
) -> dict[str, ActiveBinding]:
    """Keep in the Footer, in priority order, the shown bindings that fit in `width` cells."""
    compact = width < COMPACT_BELOW
    room = width - (PALETTE_CELLS if width >= PALETTE_FROM else 0) - 1
    rank = {binding_id: index for index, binding_id in enumerate(order)}
    shown = [
        (key, active)
        for key, active in bindings.items()
        if active.binding.show and active.binding.description
    ]
    shown.sort(key=lambda item: rank.get(item[1].binding.id or "", len(rank)))
    hidden: set[str] = set()
    counted: set[str] = set()
    used = 0
    for key, active in shown:
        if active.binding.action in counted:
            continue  # one action with several keys (? and F1) is one item in the Footer
        counted.add(active.binding.action)
        cost = cell_len(key_display.get(key, key)) + cell_len(active.binding.description)
        cost += 2 if compact else 4
        if hidden or used + cost > room:
            hidden.add(key)  # strictly by priority: once one does not fit, neither do the rest
        else:
            used += cost
    return {
        key: active._replace(binding=replace(active.binding, show=False))
        if key in hidden
        else active
        for key, active in bindings.items()
    }


class TranslatedBindings:
    """Mix into a Screen (before `Screen`) to translate its active bindings and fit the
    Footer to the terminal. It also hands the screen's worker changes to the app, which
    reports a failed worker in one place (worker messages do not bubble)."""

    FOOTER_ORDER: ClassVar[tuple[str, ...]] = ()
    redrawing = False  # True while the screen is composed anew: timers leave it alone

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        bindings = translated(super().active_bindings)  # type: ignore[misc]
        app = self.app  # type: ignore[attr-defined]
        displays = {key: app.get_key_display(active.binding) for key, active in bindings.items()}
        width = app.size.width
        for footer in self.query("ResponsiveFooter"):  # type: ignore[attr-defined]
            # the Footer may be narrower than the terminal (the key panel beside it)
            width = footer.size.width or width
        return fitted(bindings, width, self.FOOTER_ORDER, displays)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.app.on_worker_state_changed(event)  # type: ignore[attr-defined]

    async def recompose(self) -> None:
        """Composed anew in the other language: what was typed or chosen stays, and the
        screen sets up again what its compose alone does not (`drawn_anew`)."""
        kept = _kept_input(self)
        focused = getattr(self.focused, "id", None)  # type: ignore[attr-defined]
        self.redrawing = True
        try:
            await super().recompose()  # type: ignore[misc]
            _restore_input(self, kept)
            self.drawn_anew()
        finally:
            self.redrawing = False
        if focused and (again := self.query(f"#{focused}")):  # type: ignore[attr-defined]
            again.first().focus()

    def drawn_anew(self) -> None:
        """Set up what `compose` does not; on_mount calls it, and so does a recompose."""


def _kept_input(screen: object) -> dict[str, object]:
    """What the facilitator typed or chose in the screen's fields, by widget id."""
    from textual.widgets import Input, OptionList, Select, SelectionList, TextArea

    kept: dict[str, object] = {}
    for widget in screen.query("Input, Select, TextArea, SelectionList, OptionList"):  # type: ignore[attr-defined]
        if not widget.id:
            continue
        if isinstance(widget, Input | Select):
            kept[widget.id] = widget.value
        elif isinstance(widget, TextArea):
            kept[widget.id] = widget.text
        elif isinstance(widget, SelectionList):
            kept[widget.id] = list(widget.selected)
        elif isinstance(widget, OptionList):
            kept[widget.id] = widget.highlighted
    return kept


def _restore_input(screen: object, kept: dict[str, object]) -> None:
    from textual.widgets import Input, OptionList, Select, SelectionList, TextArea

    for widget_id, value in kept.items():
        found = screen.query(f"#{widget_id}")  # type: ignore[attr-defined]
        if not found:
            continue
        widget = found.first()
        if isinstance(widget, Input | Select):
            with widget.prevent(Input.Changed, Select.Changed):
                widget.value = value
        elif isinstance(widget, TextArea):
            widget.text = str(value)
        elif isinstance(widget, SelectionList):
            widget.deselect_all()
            for selected in value:  # type: ignore[attr-defined]
                widget.select(selected)
        elif isinstance(widget, OptionList) and value is not None:
            widget.highlighted = value  # type: ignore[assignment]
