"""Every UI string exists in Dutch and English, and formats with the same placeholders."""

from __future__ import annotations

import string

from cards.i18n import LANGUAGES, catalogue


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
