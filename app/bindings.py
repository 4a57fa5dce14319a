"""Key bindings whose descriptions are catalogue keys, shown in the UI language.

Binding descriptions are written as catalogue keys (``"board.deal"``); screens mix in
`TranslatedBindings` so the Footer, the key panel and the help screen read them translated at
the moment they are drawn, which also lets the language change while the app runs.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import ActiveBinding

from cards.i18n import t


def translated(bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """The same bindings with their descriptions and tooltips looked up in the catalogue."""
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


class TranslatedBindings:
    """Mix into a Screen (before `Screen`) to translate its active bindings."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translated(super().active_bindings)  # type: ignore[misc]
