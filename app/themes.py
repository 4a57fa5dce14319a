"""Beamer-ready themes, registered with Textual's theme system.

Colours live here and only here: stylesheets use the theme variables ($primary, $surface, ...).
"""

from __future__ import annotations

from textual.theme import Theme

DEFAULT_THEME = "dialoog-dark"

THEMES: tuple[Theme, ...] = (
    Theme(
        name="dialoog-dark",
        primary="#5AA9FF",
        secondary="#8FD3B6",
        accent="#FFB347",
        foreground="#F4F4F2",
        background="#12161C",
        surface="#1B222B",
        panel="#26303C",
        success="#58C27D",
        warning="#F2C14E",
        error="#FF6B6B",
        dark=True,
    ),
    Theme(
        name="dialoog-light",
        primary="#0B5CAD",
        secondary="#1F7A5A",
        accent="#B34700",
        foreground="#111418",
        background="#FAFAF6",
        surface="#FFFFFF",
        panel="#E4E8EE",
        success="#1E7B34",
        warning="#8A5A00",
        error="#B00020",
        dark=False,
    ),
    Theme(
        name="dialoog-contrast",
        primary="#FFFF00",
        secondary="#00FFFF",
        accent="#FFFF00",
        foreground="#FFFFFF",
        background="#000000",
        surface="#000000",
        panel="#000000",
        success="#00FF66",
        warning="#FFFF00",
        error="#FF5555",
        dark=True,
        variables={"footer-key-foreground": "#FFFF00", "border-blurred": "#FFFFFF"},
    ),
)

THEME_NAMES: tuple[str, ...] = tuple(theme.name for theme in THEMES)
