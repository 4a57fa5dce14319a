"""The decks shipped with dialoog: they load, and they say what the source material says."""

from __future__ import annotations

import re
from itertools import groupby
from pathlib import Path

import pytest

from cards.loader import BUILTIN_ORDER, DeckLibrary, load_library
from cards.model import Deck

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_DECKS = ("dialoogkaarten", "leiderschapspraktijken", "persoonlijke-kwaliteiten")


@pytest.fixture(scope="module")
def builtin() -> DeckLibrary:
    return load_library()


def themes(deck: Deck) -> list[tuple[str, int]]:
    """Each run of cards with one theme, in deck order, with its length."""
    return [(theme, len(list(run))) for theme, run in groupby(deck.cards, lambda c: c.theme)]


def normalise(text: str) -> str:
    """One space between words; a line break after a slash in the PDF text is no space."""
    return " ".join(text.split()).replace("/ ", "/")


def test_builtin_decks_load_without_errors(builtin: DeckLibrary) -> None:
    assert builtin.errors == ()
    assert tuple(deck.id for deck in builtin.listed()) == BUILTIN_ORDER
    for deck in builtin:
        assert deck.builtin
        assert deck.title
        assert deck.language == ("en" if deck.translation_of else "nl")
        assert deck.description
        assert deck.source


def test_dialoogkaarten_has_22_cards(builtin: DeckLibrary) -> None:
    deck = builtin.get("dialoogkaarten")
    assert len(deck) == 22
    assert [card.id for card in deck.cards] == [f"dk-{n:02d}" for n in range(1, 23)]


def test_leiderschapspraktijken_has_54_statements_in_five_practices(
    builtin: DeckLibrary,
) -> None:
    deck = builtin.get("leiderschapspraktijken")
    assert len(deck) == 54
    runs = themes(deck)
    assert [count for _, count in runs] == [7, 14, 12, 9, 12]
    keywords = [
        "visiegestuurd werken",
        "ontwikkeling van medewerkers",
        "schoolontwikkeling",
        "onderwijskwaliteit",
        "verbinding met de",
    ]
    for (theme, _), keyword in zip(runs, keywords, strict=True):
        assert keyword in theme.lower(), (theme, keyword)
    assert "omgeving" in runs[-1][0].lower()


def test_persoonlijke_kwaliteiten_has_26_statements_in_four_qualities(
    builtin: DeckLibrary,
) -> None:
    deck = builtin.get("persoonlijke-kwaliteiten")
    assert len(deck) == 26
    runs = themes(deck)
    assert [count for _, count in runs] == [6, 7, 6, 7]
    for (theme, _), keyword in zip(
        runs, ["cognitie", "sociale", "psycholog", "zingev"], strict=True
    ):
        assert keyword in theme.lower(), (theme, keyword)


def test_practice_and_quality_statements_start_with_ik(builtin: DeckLibrary) -> None:
    # one statement in the source is worded otherwise ("Vanuit de verbinding met mijn morele
    # kompas kan ik ..."); the deck keeps the source's words, so that one is the only exception
    others = {
        card.id: card.text
        for deck_id in ("leiderschapspraktijken", "persoonlijke-kwaliteiten")
        for card in builtin.get(deck_id).cards
        if not card.text.startswith("Ik ")
    }
    assert list(others) == ["pk-21"]
    assert others["pk-21"].startswith("Vanuit de verbinding met mijn morele kompas kan ik ")


def test_reflectie_starts_with_the_three_ten_minute_questions(builtin: DeckLibrary) -> None:
    deck = builtin.get("reflectie")
    first, rest = deck.cards[:3], deck.cards[3:]
    assert all("10-minuten" in card.tags for card in first)
    assert all("10 minuten" in card.theme for card in first)
    assert not any("10-minuten" in card.tags for card in rest)
    went_well, adjust, next_step = (card.text for card in first)
    assert "ging vandaag goed" in went_well
    assert "bijstellen" in adjust
    assert "eerstvolgende concrete stap" in next_step


def test_coaching_deck_follows_oskar(builtin: DeckLibrary) -> None:
    deck = builtin.get("coaching")
    letters = [theme.strip()[0] for theme, _ in themes(deck)]
    assert letters == ["O", "S", "K", "A", "R"]
    tags = {tag for card in deck.cards for tag in card.tags}
    assert {"schaalvraag", "wondervraag", "uitzondering"} <= tags
    miracle = [card for card in deck.cards if "wondervraag" in card.tags]
    assert miracle and all("wonder" in card.text for card in miracle)
    scale = [card for card in deck.cards if "schaalvraag" in card.tags]
    assert any(re.search(r"\b0 tot 10\b", card.text) for card in scale)


def test_card_texts_come_word_for_word_from_seed_004(builtin: DeckLibrary) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed folder {SEEDS} is absent (CI keeps shared/ beside the clone)")
    (seed_file,) = SEEDS.glob("004_*.txt")
    seed = normalise(" ".join(seed_file.read_text(encoding="utf-8").splitlines()))
    missing = [
        f"{card.id}: {text}"
        for deck_id in SEED_DECKS
        for card in builtin.get(deck_id).cards
        for text in (card.text, card.follow_up)
        if text and normalise(text) not in seed
    ]
    assert missing == []
