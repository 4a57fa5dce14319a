"""Dealing one deck: a seeded shuffle, no repeats, back and forward, skip, park, pick, search."""

from __future__ import annotations

import pytest

from cards.dealer import (
    Dealer,
    DeckFinished,
    NoCard,
    NothingBefore,
    search,
    shuffled_ids,
)
from cards.loader import load_library
from cards.model import Card, Deck


def make_deck(size: int = 22) -> Deck:
    cards = tuple(Card(id=f"c{n:02d}", text=f"Vraag {n}?") for n in range(1, size + 1))
    return Deck(id="test", title="Test", cards=cards)


def deal_all(dealer: Dealer) -> tuple[Dealer, list[str]]:
    """Deal until the deck is finished; the dealer then and the ids in the order they came."""
    dealt: list[str] = []
    while True:
        try:
            dealer = dealer.deal()
        except DeckFinished:
            return dealer, dealt
        assert dealer.current is not None
        dealt.append(dealer.current.id)


def current_id(dealer: Dealer) -> str | None:
    return dealer.current.id if dealer.current else None


@pytest.fixture(scope="module")
def deck() -> Deck:
    return make_deck()


@pytest.fixture(scope="module")
def dialoogkaarten() -> Deck:
    return load_library().get("dialoogkaarten")


# -- shuffling --------------------------------------------------------------------------------


def test_same_seed_gives_same_order(deck: Deck) -> None:
    first = Dealer.start(deck, 1234)
    second = Dealer.start(deck, 1234)
    assert first.seed == second.seed == 1234
    assert first.order == second.order
    assert deal_all(first)[1] == deal_all(second)[1]


def test_different_seeds_give_different_orders(deck: Deck) -> None:
    orders = {Dealer.start(deck, seed).order for seed in (0, 1, 2, 3, 42, 999_999)}
    assert len(orders) == 6


def test_order_is_a_shuffle_of_the_deck(deck: Deck) -> None:
    order = Dealer.start(deck, 7).order
    ids = tuple(card.id for card in deck.cards)
    assert sorted(order) == sorted(ids)
    assert order != ids, "a 22-card deck dealt in file order is not shuffled"
    assert order == shuffled_ids(deck, 7)


def test_start_without_seed_records_a_seed_that_replays(deck: Deck) -> None:
    dealer = Dealer.start(deck)
    assert isinstance(dealer.seed, int)
    assert 0 <= dealer.seed < 1_000_000
    assert Dealer.start(deck, dealer.seed).order == dealer.order


def test_fresh_dealer_shows_nothing(deck: Deck) -> None:
    dealer = Dealer.start(deck, 5)
    assert dealer.current is None
    assert dealer.position == 0
    assert dealer.shown == ()
    assert dealer.remaining == dealer.order
    assert not dealer.finished


# -- dealing ----------------------------------------------------------------------------------


def test_dealing_every_card_shows_each_exactly_once_then_finishes(deck: Deck) -> None:
    dealer, dealt = deal_all(Dealer.start(deck, 99))
    assert len(dealt) == 22
    assert sorted(dealt) == sorted(card.id for card in deck.cards)
    assert dealt == list(dealer.order)
    assert dealer.finished
    assert dealer.remaining == ()
    with pytest.raises(DeckFinished):
        dealer.deal()


def test_finished_only_after_the_last_card(deck: Deck) -> None:
    dealer = Dealer.start(deck, 3)
    for _ in range(21):
        dealer = dealer.deal()
        assert not dealer.finished
    dealer = dealer.deal()
    assert dealer.finished
    assert not dealer.back().finished, "going back from the last card is not finished"


def test_moves_return_a_new_dealer_and_leave_the_old_one(deck: Deck) -> None:
    start = Dealer.start(deck, 8)
    one = start.deal()
    two = one.deal()
    assert start.current is None and start.shown == ()
    assert current_id(one) == start.order[0]
    assert current_id(two) == start.order[1]
    assert one.shown == (start.order[0],)


def test_remaining_keeps_dealing_order(deck: Deck) -> None:
    dealer = Dealer.start(deck, 21)
    order = dealer.order
    dealer = dealer.deal()
    assert dealer.remaining == order[1:]
    dealer = dealer.pick(order[5])
    assert dealer.remaining == order[1:5] + order[6:]
    dealer = dealer.park()
    assert dealer.remaining == order[2:5] + order[6:]
    assert current_id(dealer) == order[1]


# -- back and forward -------------------------------------------------------------------------


def test_back_returns_the_earlier_card(deck: Deck) -> None:
    dealer = Dealer.start(deck, 11).deal().deal().deal()
    order = dealer.order
    dealer = dealer.back()
    assert current_id(dealer) == order[1]
    assert dealer.position == 2
    dealer = dealer.back()
    assert current_id(dealer) == order[0]
    assert dealer.shown == order[:3], "going back does not put cards back in the deck"


def test_deal_after_back_goes_forward_before_dealing_new_cards(deck: Deck) -> None:
    dealer = Dealer.start(deck, 12).deal().deal().deal().back().back()
    order = dealer.order
    dealer = dealer.deal()
    assert current_id(dealer) == order[1]
    dealer = dealer.deal()
    assert current_id(dealer) == order[2]
    assert dealer.shown == order[:3]
    dealer = dealer.deal()
    assert current_id(dealer) == order[3]
    assert dealer.shown == order[:4]


def test_back_at_first_card_raises_nothing_before(deck: Deck) -> None:
    dealer = Dealer.start(deck, 13).deal()
    with pytest.raises(NothingBefore) as info:
        dealer.back()
    assert info.value.deck_id == "test"
    with pytest.raises(NothingBefore):
        Dealer.start(deck, 13).back()


# -- skip and park ----------------------------------------------------------------------------


def test_skip_sets_card_aside_for_good_and_shows_next(deck: Deck) -> None:
    dealer = Dealer.start(deck, 14).deal()
    order = dealer.order
    dealer = dealer.skip()
    assert dealer.skipped == (order[0],)
    assert current_id(dealer) == order[1]
    assert dealer.shown == (order[1],)
    dealer, dealt = deal_all(dealer)
    assert order[0] not in dealt
    assert len(dealt) + 1 == 21
    assert order[0] not in dealer.shown


def test_skip_of_an_earlier_card_slides_the_next_shown_card_into_view(deck: Deck) -> None:
    dealer = Dealer.start(deck, 15).deal().deal().deal().back()
    order = dealer.order
    dealer = dealer.skip()
    assert current_id(dealer) == order[2]
    assert dealer.shown == (order[0], order[2])
    assert dealer.skipped == (order[1],)
    dealer = dealer.deal()
    assert current_id(dealer) == order[3]


def test_park_keeps_card_out_of_the_deal_until_picked(deck: Deck) -> None:
    dealer = Dealer.start(deck, 16).deal().deal()
    order = dealer.order
    dealer = dealer.park()
    assert dealer.parked == (order[1],)
    assert current_id(dealer) == order[2]
    dealer, dealt = deal_all(dealer)
    assert order[1] not in dealt
    dealer = dealer.pick(order[1])
    assert current_id(dealer) == order[1]
    assert dealer.parked == ()
    assert dealer.shown.count(order[1]) == 1
    assert dealer.shown[-1] == order[1]


def test_pick_a_skipped_card_brings_it_back(deck: Deck) -> None:
    dealer = Dealer.start(deck, 17).deal()
    first = dealer.order[0]
    dealer = dealer.skip().pick(first)
    assert current_id(dealer) == first
    assert dealer.skipped == ()


def test_pick_a_card_from_the_deck_takes_it_out_of_the_deal(deck: Deck) -> None:
    dealer = Dealer.start(deck, 18)
    chosen = dealer.order[10]
    dealer = dealer.pick(chosen)
    assert current_id(dealer) == chosen
    dealer, dealt = deal_all(dealer)
    assert chosen not in dealt
    assert len(dealt) == 21


def test_pick_a_shown_card_moves_there_instead_of_adding_it_again(deck: Deck) -> None:
    dealer = Dealer.start(deck, 19).deal().deal().deal()
    order = dealer.order
    dealer = dealer.pick(order[0])
    assert current_id(dealer) == order[0]
    assert dealer.position == 1
    assert dealer.shown == order[:3]
    dealer = dealer.deal()
    assert current_id(dealer) == order[1]


def test_pick_unknown_id_raises_key_error(deck: Deck) -> None:
    dealer = Dealer.start(deck, 20).deal()
    with pytest.raises(KeyError):
        dealer.pick("bestaat-niet")


@pytest.mark.parametrize("move", ["skip", "park"])
def test_skip_and_park_without_a_card_raise_no_card(deck: Deck, move: str) -> None:
    dealer = Dealer.start(deck, 21)
    with pytest.raises(NoCard) as info:
        getattr(dealer, move)()
    assert info.value.deck_id == "test"


def test_parking_the_last_card_leaves_the_previous_one_on_screen() -> None:
    deck = make_deck(3)
    dealer, dealt = deal_all(Dealer.start(deck, 22))
    dealer = dealer.park()
    assert current_id(dealer) == dealt[1]
    assert dealer.parked == (dealt[2],)
    assert dealer.shown == tuple(dealt[:2])
    assert dealer.finished
    with pytest.raises(DeckFinished):
        dealer.deal()


def test_parking_the_only_card_leaves_nothing_on_screen() -> None:
    dealer = Dealer.start(make_deck(1), 23).deal().park()
    assert dealer.current is None
    assert dealer.position == 0
    assert dealer.parked == ("c01",)
    with pytest.raises(NoCard):
        dealer.park()
    with pytest.raises(DeckFinished):
        dealer.deal()
    assert current_id(dealer.pick("c01")) == "c01"


def test_reshuffle_starts_over(deck: Deck) -> None:
    dealer = Dealer.start(deck, 24).deal().deal().park().deal().skip()
    fresh = dealer.reshuffle(777)
    assert fresh.seed == 777
    assert fresh.order == Dealer.start(deck, 777).order
    assert fresh.current is None
    assert (fresh.shown, fresh.parked, fresh.skipped) == ((), (), ())
    assert fresh.remaining == fresh.order
    _, dealt = deal_all(fresh)
    assert len(dealt) == 22


# -- search -----------------------------------------------------------------------------------

SEARCH_DECK = Deck(
    id="zoek",
    title="Zoek",
    cards=(
        Card(id="z-9", text="Wat is jouw Visie op leren?", theme="Visie", tags=("koers",)),
        Card(id="a-1", text="Wat is één ding dat je morgen doet?", follow_up="En daarna?"),
        Card(id="m-5", text="Welke ideeën heb je over de school?", theme="Ontwikkeling"),
        Card(id="b-2", text="Hoe draag je de visie uit in de school?", tags=("rol", "Ecole")),
    ),
)


@pytest.mark.parametrize(
    ("query", "card_id"), [("1", "z-9"), ("2", "a-1"), (" 4 ", "b-2"), ("03", "m-5")]
)
def test_search_by_face_up_number(query: str, card_id: str) -> None:
    found = search(SEARCH_DECK, query)
    assert [card.id for card in found] == [card_id]
    assert SEARCH_DECK.number_of(card_id) == int(query)


@pytest.mark.parametrize("query", ["0", "5", "999"])
def test_search_number_out_of_range_finds_nothing(query: str) -> None:
    assert search(SEARCH_DECK, query) == []


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("visie", ["z-9", "b-2"]),
        ("VISIE", ["z-9", "b-2"]),
        ("eEn", ["a-1", "m-5"]),
        ("één", ["a-1", "m-5"]),
        ("EEN DING", ["a-1"]),
        ("ideeen", ["m-5"]),
        ("ÉCOLE", ["b-2"]),
        ("daarna", ["a-1"]),
        ("koers", ["z-9"]),
        ("ontwikkeling", ["m-5"]),
    ],
)
def test_search_by_words_ignores_case_and_accents(query: str, ids: list[str]) -> None:
    assert [card.id for card in search(SEARCH_DECK, query)] == ids


def test_search_needs_every_word() -> None:
    assert [card.id for card in search(SEARCH_DECK, "visie school")] == ["b-2"]
    assert [card.id for card in search(SEARCH_DECK, "welke school")] == ["m-5"]
    assert search(SEARCH_DECK, "visie morgen") == []


def test_search_without_query_lists_every_card() -> None:
    assert search(SEARCH_DECK, "") == list(SEARCH_DECK.cards)
    assert search(SEARCH_DECK, "   ") == list(SEARCH_DECK.cards)


@pytest.mark.parametrize(
    "query", ["²", "①", "3²"], ids=["superscript-two", "circled-one", "three-squared"]
)
def test_search_with_digit_like_characters_does_not_crash(query: str) -> None:
    # str.isdigit() is true for superscripts and circled digits, but int() rejects them;
    # whether they count as a number or as a word, typing one must not crash the pick box
    found = search(SEARCH_DECK, query)
    assert isinstance(found, list)
    assert all(card in SEARCH_DECK.cards for card in found)


# -- the real Dialoogkaarten deck -------------------------------------------------------------


def test_dealing_dialoogkaarten_shows_all_22_once(dialoogkaarten: Deck) -> None:
    dealer = Dealer.start(dialoogkaarten, 2024)
    dealer, dealt = deal_all(dealer)
    assert len(dealt) == 22
    assert set(dealt) == {card.id for card in dialoogkaarten.cards}
    assert Dealer.start(dialoogkaarten, 2024).order == tuple(dealt)
    with pytest.raises(DeckFinished):
        dealer.deal()


def test_search_dialoogkaarten(dialoogkaarten: Deck) -> None:
    assert [card.id for card in search(dialoogkaarten, "8")] == ["dk-08"]
    assert [card.id for card in search(dialoogkaarten, "22")] == ["dk-22"]
    assert search(dialoogkaarten, "23") == []
    assert [card.id for card in search(dialoogkaarten, "SCHOOLPLAN")] == ["dk-08"]
    assert [card.id for card in search(dialoogkaarten, "meerwaarde team")] == ["dk-21"]
    assert [card.id for card in search(dialoogkaarten, "DILEMMA")] == ["dk-16"]
    assert [card.id for card in search(dialoogkaarten, "tweeentwintig")] == []
    assert [card.id for card in search(dialoogkaarten, "veranderd")] == ["dk-15"]
    visie = [card.id for card in search(dialoogkaarten, "visie")]
    assert {"dk-02", "dk-08", "dk-09"} <= set(visie)
