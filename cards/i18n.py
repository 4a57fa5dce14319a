"""The catalogue of every user-facing string, in Dutch (default) and English.

It lives in the lowest layer so that `cards`, `sessions` and `app` all speak through the same
catalogue. Strings are looked up by dotted key (``t("board.deal")``) and formatted with
``str.format`` keyword arguments. A text that depends on a number is a table of two forms,
``{ one = "...", other = "..." }``, chosen by the ``count`` argument. The catalogues are TOML
files in ``cards/locale/``, loaded on first use, never at import time.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from cards import parsed_cache

LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
_LOCALE_DIR = Path(__file__).parent / "locale"

_state = {"language": DEFAULT_LANGUAGE}


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, dotted + "."))
        else:
            flat[dotted] = str(value)
    return flat


@cache
def catalogue(language: str) -> dict[str, str]:
    """All strings of one language, by dotted key: ``{language}.toml`` and the parts beside it
    (``{language}.export.toml``, ...), so each area of the app keeps its own file."""
    strings: dict[str, str] = {}
    for path in [_LOCALE_DIR / f"{language}.toml", *sorted(_LOCALE_DIR.glob(f"{language}.*.toml"))]:
        strings.update(_flatten(parsed_cache.loads(path.read_text(encoding="utf-8"), path)))
    return strings


def set_language(language: str) -> None:
    """Choose the UI language; unknown codes raise ValueError."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose from {', '.join(LANGUAGES)}")
    _state["language"] = language


def language() -> str:
    """The UI language now in use."""
    return _state["language"]


def t(key: str, /, **params: object) -> str:
    """The text for `key` in the current language, formatted with `params`.

    With a `count`, a text of two forms gives its "one" form for 1 and its "other" form for
    every other number. A key missing from the current language falls back to Dutch, then to
    the key itself, so a gap shows up as a visible key rather than a crash (a test keeps both
    catalogues complete).
    """
    strings = catalogue(language())
    if "count" in params and f"{key}.one" in strings:
        key += ".one" if params["count"] == 1 else ".other"
    text = strings.get(key)
    if text is None:
        text = catalogue(DEFAULT_LANGUAGE).get(key, key)
    return text.format(**params) if params else text
