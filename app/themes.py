"""Beamer-ready themes, registered with Textual's theme system.

Colours live here and only here: stylesheets use the theme variables ($primary, $surface, ...).
"""

from __future__ import annotations

from textual.theme import Theme

from app.theme_names import DEFAULT_THEME, THEME_NAMES

__all__ = ["DEFAULT_THEME", "THEMES", "THEME_NAMES"]

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
    Theme(
        name="dialoog-contrast-light",
        primary="#0000C0",
        secondary="#004D00",
        accent="#000000",
        foreground="#000000",
        background="#FFFFFF",
        surface="#FFFFFF",
        panel="#FFFFFF",
        success="#005A00",
        warning="#7A3D00",
        error="#B00000",
        dark=False,
        variables={"footer-key-foreground": "#0000C0", "border-blurred": "#000000"},
    ),
)
assert tuple(theme.name for theme in THEMES) == THEME_NAMES
