"""The names of dialoog's own themes, without importing Textual (the CLI checks --theme)."""

DEFAULT_THEME = "dialoog-dark"
THEME_NAMES: tuple[str, ...] = (
    "dialoog-dark",
    "dialoog-light",
    "dialoog-contrast",
    "dialoog-contrast-light",
)
