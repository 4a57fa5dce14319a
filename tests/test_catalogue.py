"""Every UI string exists in Dutch and English, and formats with the same placeholders."""

from __future__ import annotations

import re
import string
from pathlib import Path

from cards.i18n import LANGUAGES, catalogue, set_language, t


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_in_every_language() -> None:
    keys = {language: set(catalogue(language)) for language in LANGUAGES}
    for language in LANGUAGES:
        for other in LANGUAGES:
            missing = sorted(keys[other] - keys[language])
            assert missing == [], f"{language} lacks {missing[:10]}"


def test_placeholders_match() -> None:
    nl, en = catalogue("nl"), catalogue("en")
    different = [key for key in nl if _fields(nl[key]) != _fields(en[key])]
    assert different == []


def test_texts_of_two_forms_follow_the_count() -> None:
    for language in LANGUAGES:
        keys = set(catalogue(language))
        ones = {key.removesuffix(".one") for key in keys if key.endswith(".one")}
        others = {key.removesuffix(".other") for key in keys if key.endswith(".other")}
        assert ones and ones <= others, language  # ("x.other" alone is a kind, not a form)
    assert t("export_screen.written", count=1, folder="D") == "1 bestand geschreven in D."
    assert t("export_screen.written", count=4, folder="D") == "4 bestanden geschreven in D."
    assert t("round.once_each", name="Ann", count=1) == "Ann heeft al gesproken; eerst nog 1 ander."
    assert t("setup.fix", count=2, fields="Titel, Datum") == "Nog 2 velden aanpassen: Titel, Datum."
    set_language("en")
    assert t("export_screen.written", count=1, folder="D") == "1 file written to D."
    assert t("decks.count", count=2) == "2 cards"


KEY = re.compile(r"""\bt\(\s*["']([a-z_]+(?:\.[a-z_0-9]+)+)["']""")


def test_every_key_the_code_asks_for_is_in_the_catalogue() -> None:
    """A literal key in the code is a text or a text of two forms; a typo would show as a key."""
    strings = catalogue("nl")
    root = Path(__file__).resolve().parents[1]
    asked = {
        (path.relative_to(root).as_posix(), key)
        for folder in ("app", "cards", "sessions")
        for path in (root / folder).rglob("*.py")
        for key in KEY.findall(path.read_text(encoding="utf-8"))
    }
    assert len(asked) > 300
    missing = sorted(
        (path, key) for path, key in asked if key not in strings and f"{key}.one" not in strings
    )
    assert missing == []
