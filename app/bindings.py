"""Key bindings whose descriptions are catalogue keys, shown in the UI language, and a Footer
that fits the screen.

Binding descriptions are written as catalogue keys (``"board.deal"``); screens mix in
`TranslatedBindings` so the Footer, the key panel and the help screen read them translated at
the moment they are drawn, which also lets the language change while the app runs.

A screen may name its keys in `FOOTER_ORDER`, most important first: keys join the Footer in
that order while they fit the terminal's width, in the UI language; the others still work and
the key panel (`?`) lists them all. A screen whose most needed keys change with its state
gives the order of the moment in `footer_order`. So every key shown is whole at 80x24 and at 200x60.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from rich.cells import cell_len
from textual.binding import ActiveBinding, Binding
from textual.worker import Worker

from cards.i18n import t

if TYPE_CHECKING:
    from textual import events
    from textual.screen import Screen

# keys that Textual shows as they are written: one letter or digit, a function key, tab
_AS_WRITTEN = re.compile(r"[A-Za-z0-9]|f[0-9]{1,2}|tab")
# and the named key of every screen's key panel, as the character Textual shows for it
_NAMED = {"question_mark": "?"}

PALETTE_FROM = 100  # the Footer shows the palette key from this width on
COMPACT_BELOW = 120  # and is compact below this one
PALETTE_CELLS = 14


def key_as_written(binding: Binding) -> str | None:
    """How the Footer shows `binding`'s key when that is simply the key as written ("d",
    "f5"), "^q", or "?" for the key panel's key, else None (Textual works it out: "esc").

    Textual looks every key up in the Unicode name database first ("d" and "f5" are no
    character's name), and each lookup that fails reads pages all over that database: some
    0.7 MiB of memory for the Footer's keys alone, measured in bench/. The answer is the key
    itself either way (`tests/test_bindings.py` holds this to Textual's own)."""
    if binding.key_display:
        return None
    modifiers, key = binding.parse_key()
    if not modifiers and key in _NAMED:
        return _NAMED[key]
    if not _AS_WRITTEN.fullmatch(key):
        return None
    if "ctrl" in modifiers:  # as Textual writes it: ^q
        modifiers.remove("ctrl")
        key = f"^{key}"
    return "+".join([*modifiers, key])


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
    # one action with several keys (? and F1) is one item in the Footer, shown with the
    # first of its keys: the keys of an action are kept or left out together
    actions: dict[str, list[str]] = {}
    for key, active in bindings.items():
        if active.binding.show and active.binding.description:
            actions.setdefault(active.binding.action, []).append(key)
    ranked = sorted(
        actions.values(), key=lambda keys: rank.get(bindings[keys[0]].binding.id or "", len(rank))
    )
    hidden: set[str] = set()
    used = 0
    for keys in ranked:
        shown_as = keys[0]
        cost = cell_len(key_display.get(shown_as, shown_as))
        cost += cell_len(bindings[shown_as].binding.description) + (2 if compact else 4)
        if hidden or used + cost > room:
            hidden.update(keys)  # strictly by priority: once one does not fit, nor do the rest
        else:
            used += cost
    return {
        key: active._replace(binding=replace(active.binding, show=False))
        if key in hidden
        else active
        for key, active in bindings.items()
    }


def typed_and_unbound(screen: Screen[Any], event: events.Key) -> bool:
    """Whether `event` is a key a person types (a letter, space, enter) that none of the
    screen's keys takes now: on a mirror, such a key was meant for the window that runs the
    session."""
    active = screen.active_bindings.get(event.key)
    if active is not None and active.enabled:
        return False
    return event.is_printable or event.key in ("enter", "space", "backspace", "delete")


def in_typed_order(*bindings: Binding) -> list[Binding | tuple[str, str] | tuple[str, str, str]]:
    """Keys as priority bindings, for a screen with a capture line and the widgets on it.

    Textual runs an ordinary binding only after its key has gone to the screen and come back
    to the app, but a priority binding as soon as the app reads the key. `enter` must be a
    priority binding, so the line has the focus before the keys typed after it are routed;
    then the screen's other keys must be too, or in a burst of typing read at once
    (`d n enter a b`) `enter` would overtake the `d` and `n` typed before it. While the line
    is open, the screen's `check_action` turns them off (`app.widgets.capture.CaptureKeys`),
    so the keys reach the line."""
    return [replace(binding, priority=True) for binding in bindings]


class TranslatedBindings:
    """Mix into a Screen (before `Screen`) to translate its active bindings and fit the
    Footer to the terminal. It also hands the screen's worker changes to the app, which
    reports a failed worker in one place (worker messages do not bubble)."""

    FOOTER_ORDER: ClassVar[tuple[str, ...]] = ()
    redrawing = False  # True while the screen is composed anew: timers leave it alone

    _holding = False  # see `bindings_held`
    _held: dict[str, ActiveBinding] | None = None

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        if self._held is not None:
            return self._held
        bindings = self.described(translated(super().active_bindings))  # type: ignore[misc]
        app = self.app  # type: ignore[attr-defined]
        displays = {key: app.get_key_display(active.binding) for key, active in bindings.items()}
        width = app.size.width
        for footer in self.query("ResponsiveFooter"):  # type: ignore[attr-defined]
            # the Footer may be narrower than the terminal (the key panel beside it)
            width = footer.size.width or width
        active = fitted(bindings, width, self.footer_order(), displays)
        if self._holding:
            self._held = active
        return active

    def described(self, bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
        """The translated bindings as this screen shows them, before they are fitted to the
        Footer (a screen may word or order them by its state)."""
        return bindings

    @contextmanager
    def bindings_held(self) -> Iterator[None]:
        """Inside, the active bindings are worked out once and read as often as asked (a
        Footer composed the first time reads them twice, 1 ms each on a board): for code in
        which nothing changes them."""
        self._holding = True
        try:
            yield
        finally:
            self._holding, self._held = False, None

    def footer_order(self) -> tuple[str, ...]:
        """The Footer's keys by priority now (`FOOTER_ORDER` unless the screen says otherwise)."""
        return self.FOOTER_ORDER

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.app.on_worker_state_changed(event)  # type: ignore[attr-defined]

    async def recompose(self) -> None:
        """Composed anew in the other language: what was typed or chosen stays, and the
        screen sets up again what its compose alone does not (`drawn_anew`)."""
        kept = _kept_input(self)
        writing = _open_captures(self)
        focused = getattr(self.focused, "id", None)  # type: ignore[attr-defined]
        self.redrawing = True
        try:
            await super().recompose()  # type: ignore[misc]
            _restore_input(self, kept)
            self.drawn_anew()
            _reopen_captures(self, writing)
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


def _open_captures(screen: object) -> dict[str, tuple[str, str, int | None]]:
    """The note lines open on the screen, by id: for whom, what is in them, and which note
    they edit."""
    from app.widgets.capture import Capture

    return {
        capture.id: (capture.speaker, capture.text, capture.editing)
        for capture in screen.query(Capture)  # type: ignore[attr-defined]
        if capture.display and capture.id
    }


def _reopen_captures(screen: object, writing: dict[str, tuple[str, str, int | None]]) -> None:
    """Open the note lines again, with the text they had."""
    from app.widgets.capture import Capture

    for capture_id, (speaker, text, editing) in writing.items():
        if found := screen.query(f"#{capture_id}"):  # type: ignore[attr-defined]
            found.first(Capture).open(speaker, text, editing)


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
