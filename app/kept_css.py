"""Parsed stylesheets kept between starts, as `cards.parsed_cache` keeps parsed TOML.

Textual parses the app's stylesheets and every widget's default CSS each time the app starts:
about 15 ms of the board's first frame. `KeptStylesheet` keeps the rules each text parsed to
in a cache file (pickled, one entry a text), keyed by where the text came from, the text
itself (its length and CRC-32) and the theme's colours (the parser fills them in), and reads
them back at the next start. The file holds Textual's own objects, so it names the Textual
and Python it was written by; a file of another version, or an entry that cannot be
read back, is parsed again. Text with errors is never kept: it is parsed, and reported, anew.

The file is in the user's own cache folder (`locations.cache_dir`); whoever can write there
can change the app itself just as well, so reading pickled data from it opens nothing new.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib

import textual
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation

from cards.parsed_cache import KeptParses

FILE = "parsed-css.pickle"


def _textual_installed() -> tuple[str, int, int]:
    """Which Textual this is: where it is installed, and when (pip writes every file of a
    package it installs; reading the version from its metadata costs some 10 ms)."""
    found = os.stat(textual.__file__)
    return textual.__file__, found.st_mtime_ns, found.st_size


FORMAT = ("dialoog-parsed-css", 1, *_textual_installed(), sys.version_info[:2])
KEEP = 256  # texts kept at most: the app's, its widgets', with a few themes each

CSS = KeptParses(FORMAT, KEEP)


def _crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


class KeptStylesheet(Stylesheet):
    """A Stylesheet that reads the rules of a text parsed at an earlier start back from
    `CSS` rather than parse it again.

    It overrides `_parse_rules`, the one method through which Textual (pinned, 8.2.8) parses
    a text; `tests/test_kept_css.py` holds it to that: a second start parses nothing and
    looks the same."""

    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self._colours = _colours_of(variables or {})
        self._read: dict[tuple[object, ...], list[RuleSet]] = {}  # read back, this theme

    def set_variables(self, variables: dict[str, str]) -> None:
        super().set_variables(variables)
        self._colours = _colours_of(variables)
        self._read.clear()

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        parsed = (css, read_from, is_default_rules, tie_breaker, scope)
        if parsed in self._read:
            return self._read[parsed]
        if CSS.file is None:
            return super()._parse_rules(*parsed)
        path, name = read_from
        text = (len(css), _crc(css))
        key = (path, name, is_default_rules, tie_breaker, scope, *text, *self._colours)
        rules = _read_back(CSS.get(key))
        if rules is None:
            rules = super()._parse_rules(*parsed)
            if any(rule.errors for rule in rules):
                return rules  # reported by `parse`, and parsed (and reported) again next time
            CSS.put(key, pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL))
        self._read[parsed] = rules
        return rules


def _colours_of(variables: dict[str, str]) -> tuple[int, int]:
    """The theme's colours, as the key of the rules parsed with them."""
    text = "\n".join(f"{name}: {value}" for name, value in sorted(variables.items()))
    return len(text), _crc(text)


def _read_back(kept: bytes | None) -> list[RuleSet] | None:
    if kept is None:
        return None
    try:
        rules = pickle.loads(kept)
    except Exception:  # damaged or foreign data fails in many ways
        return None  # parsed again, and kept anew
    if isinstance(rules, list) and all(isinstance(rule, RuleSet) for rule in rules):
        return rules
    return None
