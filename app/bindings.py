"""Key bindings whose descriptions are catalogue keys, shown in the UI language.

Binding descriptions are written as catalogue keys (``"board.deal"``); screens mix in
`TranslatedBindings` so the Footer, the key panel and the help screen read them translated at
the moment they are drawn, which also lets the language change while the app runs.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual.binding import ActiveBinding

from cards.i18n import t

NARROW_BELOW = 120


def translated(
    bindings: dict[str, ActiveBinding], hide: frozenset[str] = frozenset()
) -> dict[str, ActiveBinding]:
    """The same bindings with descriptions and tooltips from the catalogue; those whose id is
    in `hide` leave the Footer (they still work and the key panel still lists them)."""
    return {
        key: active._replace(
            binding=replace(
                active.binding,
                description=t(active.binding.description) if active.binding.description else "",
                tooltip=t(active.binding.tooltip) if active.binding.tooltip else "",
                show=active.binding.show and active.binding.id not in hide,
            )
        )
        for key, active in bindings.items()
    }


class TranslatedBindings:
    """Mix into a Screen (before `Screen`) to translate its active bindings.

    `NARROW_HIDDEN` names binding ids that stay out of the Footer below 120 columns, so the
    keys that matter most fit at 80x24; `?` lists them all.
    """

    NARROW_HIDDEN: ClassVar[frozenset[str]] = frozenset()

    def footer_hidden(self) -> frozenset[str]:
        """Binding ids to keep out of the Footer now (screens may refine this)."""
        narrow = self.app.size.width < NARROW_BELOW  # type: ignore[attr-defined]
        return self.NARROW_HIDDEN if narrow else frozenset()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translated(super().active_bindings, self.footer_hidden())  # type: ignore[misc]
