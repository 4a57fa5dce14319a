"""Pilot tests: a facilitator deals, goes back, skips, parks, picks and finishes a deck."""

from __future__ import annotations

import pytest

from app.live import practice
from app.main import DialoogApp
from app.screens.board import BoardScreen
from app.screens.pick import PickScreen
from app.widgets.card_view import CardView
from cards import i18n as cards_i18n
from cards.loader import DeckLibrary
from tests.screens import screen_text

SEED = 4


def card_text(app: DialoogApp) -> str:
    return app.screen.query_one(CardView).shown_text


def status_text(app: DialoogApp) -> str:
    return str(app.screen.query_one("#card-status").content)  # type: ignore[attr-defined]


def toasts(app: DialoogApp) -> str:
    """The text of the notifications on screen now."""
    return "\n".join(str(toast.render()) for toast in app.screen.query("Toast"))


async def open_board(pilot, deck_id: str) -> BoardScreen:  # type: ignore[no-untyped-def]
    app = pilot.app
    board = BoardScreen(practice(app.library.get(deck_id), seed=SEED))
    await app.push_screen(board)
    await pilot.pause()
    return board


async def test_home_to_board_by_keys(library: DeckLibrary) -> None:
    app = DialoogApp(library, seed=SEED)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("d")  # home: decks
        await pilot.pause()
        await pilot.press("enter")  # first deck: Dialoogkaarten
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.session.state.deck_id == "dialoogkaarten"
        assert "Druk op d" in card_text(app)
        await pilot.press("d")
        board = app.screen
        assert card_text(app) == board.session.state.dealer.current.text
        assert "Kaart 1 · nr." in status_text(app) and " van 22" in status_text(app)


async def test_deal_back_forward(library: DeckLibrary) -> None:
    app = DialoogApp(library, seed=SEED)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        board = await open_board(pilot, "dialoogkaarten")
        await pilot.press("d", "d", "d")
        third = board.session.state.dealer.current
        await pilot.press("b")
        second = board.session.state.dealer.current
        assert second != third
        assert card_text(app) == second.text
        assert "Kaart 2 · nr." in status_text(app)
        await pilot.press("d")  # forward again: the same third card, not a new one
        assert board.session.state.dealer.current == third
        assert len(board.session.state.dealer.shown) == 3


async def test_the_board_numbers_the_cards_as_the_notes_do(library: DeckLibrary) -> None:
    """After a card was parked, the next said "Kaart 1 van 22" again, and after a skip once
    more, while the notes listed them as the second and third card: "Kaart 3" on the
    projector was another card in the minutes. Now both count every card put on the table
    (parked and skipped ones too), each once; "nr." stays its number in the deck."""
    from sessions.export.markdown import to_markdown

    app = DialoogApp(library, seed=SEED)
    async with app.run_test(size=(120, 36)) as pilot:
        board = await open_board(pilot, "dialoogkaarten")
        deck = library.get("dialoogkaarten")
        seen = []
        for key in ("d", "k", "s", "d"):
            await pilot.press(key)
            await pilot.pause()
            card = board.session.state.card
            seen.append((status_text(app).split(" · nog", 1)[0], deck.number_of(card.id)))
        assert [shown for shown, _ in seen] == [
            f"Kaart {n} · nr. {number} van 22" for n, (_, number) in enumerate(seen, 1)
        ]
        headings = [
            line
            for line in to_markdown(board.session.state, decks={deck.id: deck}).splitlines()
            if line.startswith("### Kaart")
        ]
        assert [h.split(":")[0] for h in headings] == [
            f"### Kaart {n} (nr. {number})" for n, (_, number) in enumerate(seen, 1)
        ]


async def test_w_in_a_session_of_one_deck_says_why_it_does_nothing(
    library: DeckLibrary,
) -> None:
    app = DialoogApp(library, seed=SEED)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_board(pilot, "dialoogkaarten")
        await pilot.press("d", "w")
        await pilot.pause()
        assert "één kaartenset" in toasts(app)


async def test_w_with_the_other_chosen_deck_not_loaded_says_that(library: DeckLibrary) -> None:
    """It said the session had one deck, and to choose more for a new session."""
    from app import live
    from sessions.meta import SessionSetup

    setup = SessionSetup(title="Twee sets", decks=("dialoogkaarten", "reflectie"))
    started = live.create(setup, {d.id: d for d in library}, seed=SEED)
    started.session.deal()
    path = started.path
    assert path is not None
    started.close()
    only_one = {"dialoogkaarten": library.get("dialoogkaarten")}
    reopened = live.open_session(path, only_one)  # the other deck's file is gone
    app = DialoogApp(library, start=reopened)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        shown = toasts(app)
        assert "reflectie" in shown and "niet geladen" in shown
        assert "één kaartenset" not in shown
    reopened.close()


async def test_back_at_first_card_says_so(library: DeckLibrary) -> None:
    app = DialoogApp(library, seed=SEED)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        board = await open_board(pilot, "dialoogkaarten")
        await pilot.press("d", "b")
        await pilot.pause()
        assert board.session.state.dealer.position == 1
        assert "eerste kaart" in toasts(app)


async def test_skip_and_park_then_pick_parked(library: DeckLibrary) -> None:
    app = DialoogApp(library, seed=SEED)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        board = await open_board(pilot, "dialoogkaarten")
        await pilot.press("d")
        skipped = board.session.state.dealer.current
        await pilot.press("s")
        parked = board.session.state.dealer.current
        assert parked != skipped
        await pilot.press("k")
        assert board.session.state.dealer.current not in (skipped, parked)
        assert "1 geparkeerd" in status_text(app)
        assert "1 overgeslagen" in status_text(app)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        await pilot.press("enter")  # parked cards are listed first
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert board.session.state.dealer.current == parked
        assert card_text(app) == parked.text
        assert board.session.state.dealer.parked == ()


async def test_a_long_question_in_the_pick_list_wraps_under_its_own_words(
    library: DeckLibrary,
) -> None:
    """At 80x24 a question longer than the list wrapped back to the list's edge, under its
    number ("invloed op ..." below "3."); now it goes on under its own first word."""
    app = DialoogApp(library, seed=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(pilot, "dialoogkaarten")
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        rows = ["".join(s.text for s in strip) for strip in app.screen._compositor.render_strips()]
        [three] = [row for row in rows if "3. Welke actuele" in row]
        following = rows[rows.index(three) + 1]
        assert "invloed op het vak" in following
        assert following.index("invloed") == three.index("Welke")


async def test_pick_by_number(library: DeckLibrary) -> None:
    app = DialoogApp(library, seed=SEED)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        board = await open_board(pilot, "dialoogkaarten")
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press("1", "3", "enter")
        await pilot.pause()
        deck = library.get("dialoogkaarten")
        assert board.session.state.dealer.current == deck.cards[12]
        assert "nr. 13" in status_text(app)


async def test_pick_by_number_typed_in_one_burst(library: DeckLibrary) -> None:
    """`1 3 enter` read at once: card 13 (a priority enter chose before the list was
    filtered); the Footer still offers enter to choose."""
    from tests.test_notes_ui import send

    app = DialoogApp(library, seed=SEED)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        board = await open_board(pilot, "dialoogkaarten")
        await pilot.press("slash")
        await pilot.pause()
        footer = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "Kies" in footer
        send(app, "1", "3", "enter")
        await pilot.pause()
        await pilot.pause()
        deck = library.get("dialoogkaarten")
        assert board.session.state.dealer.current == deck.cards[12]


async def test_pick_cancel_changes_nothing(library: DeckLibrary) -> None:
    app = DialoogApp(library, seed=SEED)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        board = await open_board(pilot, "dialoogkaarten")
        await pilot.press("d")
        before = board.session.state.dealer
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press("x", "escape")
        await pilot.pause()
        assert board.session.state.dealer is before


async def test_follow_up_revealed_on_key(library: DeckLibrary) -> None:
    app = DialoogApp(library, seed=SEED)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        board = await open_board(pilot, "dialoogkaarten")
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press("3", "enter")  # card 3 has a follow-up question
        await pilot.pause()
        view = app.screen.query_one(CardView)
        follow_up = board.session.state.dealer.current.follow_up
        assert view.shown_follow_up == "" and follow_up not in screen_text(app)
        await pilot.press("f")
        await pilot.pause()
        assert view.shown_follow_up == follow_up
        assert " ".join(follow_up.split()[:4]) in screen_text(app)
        await pilot.press("f")
        await pilot.pause()
        assert view.shown_follow_up == "" and follow_up not in screen_text(app)


async def test_the_footer_keeps_its_keys_from_card_to_card(library: DeckLibrary) -> None:
    """f stays in the Footer on every card (the keys do not shift as cards are dealt); on a
    card without a follow-up question it says so."""
    app = DialoogApp(library, seed=SEED)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        board = await open_board(pilot, "dialoogkaarten")
        footers = set()
        plain = None
        for _ in range(8):
            await pilot.press("d")
            await pilot.pause()
            last_line = app.screen._compositor.render_strips()[-1]
            footers.add(" ".join("".join(s.text for s in last_line).split()))
            card = board.session.state.dealer.current
            if not card.follow_up and plain is None:
                plain = card
                await pilot.press("f")
                await pilot.pause()
                assert "geen vervolgvraag" in toasts(app)
                assert board.query_one(CardView).shown_follow_up == ""
        assert plain is not None
        assert len(footers) == 1 and "f Vervolg" in footers.pop()


async def test_finish_deck_then_reshuffle(library: DeckLibrary) -> None:
    app = DialoogApp(library, seed=SEED)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        board = await open_board(pilot, "reflectie")
        seen = []
        for _ in range(len(board.session.decks[board.session.state.deck_id])):
            await pilot.press("d")
            seen.append(board.session.state.dealer.current.id)
        assert sorted(seen) == sorted(
            card.id for card in board.session.decks[board.session.state.deck_id].cards
        )
        await pilot.press("d")
        assert board.at_end
        assert "Alle kaarten zijn gedeeld" in card_text(app)
        await pilot.press("b")  # back to the last card
        assert not board.at_end
        assert board.session.state.dealer.current.id == seen[-1]
        await pilot.press("d", "h")
        assert not board.at_end
        assert board.session.state.dealer.shown == ()
        assert len(board.session.state.dealer.remaining) == len(
            board.session.decks[board.session.state.deck_id]
        )


async def test_undo_restores_previous_table(library: DeckLibrary) -> None:
    app = DialoogApp(library, seed=SEED)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        board = await open_board(pilot, "dialoogkaarten")
        await pilot.press("d", "d")
        second = board.session.state.dealer.current
        await pilot.press("k")
        assert board.session.state.dealer.parked == (second.id,)
        await pilot.press("u")
        assert board.session.state.dealer.parked == ()
        assert board.session.state.dealer.current == second
        assert card_text(app) == second.text
        await pilot.pause()
        assert "Ongedaan gemaakt: het parkeren van een kaart." in toasts(app)


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_every_dialogue_card_fits(library: DeckLibrary, size: tuple[int, int]) -> None:
    """Each of the 22 cards (with follow-up shown) is wholly inside the card frame."""
    app = DialoogApp(library, seed=SEED)
    async with app.run_test(size=size) as pilot:
        board = await open_board(pilot, "dialoogkaarten")
        for _ in range(22):
            await pilot.press("d")
            if board.session.state.dealer.current.follow_up:
                await pilot.press("f")
            await pilot.pause()
            view = app.screen.query_one(CardView)
            frame = view.content_region
            needed = view.get_content_height(frame.size, app.size, frame.width)
            assert 1 <= needed <= frame.height, board.session.state.dealer.current.id


async def test_the_board_carries_on_after_the_language_changes(library: DeckLibrary) -> None:
    """Switching language draws the board anew; dealing goes on in the new language."""
    app = DialoogApp(library, seed=SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        board = await open_board(pilot, "dialoogkaarten")
        await pilot.press("d")
        try:
            app.switch_language()
            await pilot.pause()
            await pilot.press("d")
            await pilot.pause()
            assert card_text(app) == board.session.state.dealer.current.text
            assert "Card 2 · no." in status_text(app)
        finally:
            cards_i18n.set_language("nl")


async def test_a_session_of_several_decks_goes_on_with_the_next_one(
    library: DeckLibrary,
) -> None:
    """Every deck ticked on the form can be dealt: `w` lists them with what is left of each,
    the board goes on with the one chosen where it was left, and `u` takes the switch back."""
    from app import live
    from app.screens.choose_deck import DeckChoiceScreen
    from sessions.meta import SessionSetup

    setup = SessionSetup(title="Stapels", decks=("reflectie", "coaching"))
    started = live.create(setup, {d.id: d for d in library}, seed=SEED)
    app = DialoogApp(library, start=started)
    reflectie, coaching = library.get("reflectie"), library.get("coaching")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert "w Stapel" in screen_text(app)  # in the Footer: there is more than one deck
        for _ in range(len(reflectie)):
            await pilot.press("d")
        first_deck_last_card = board.session.state.dealer.current
        await pilot.press("d")
        assert "w: andere stapel" in card_text(app)  # the deck is through: say where to go on

        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, DeckChoiceScreen)
        shown = screen_text(app)
        assert f"{reflectie.title} nog 0 van {len(reflectie)} (ligt op tafel)" in shown
        assert f"{coaching.title} nog {len(coaching)} van {len(coaching)}" in shown
        await pilot.press("enter")  # the highlight starts on the next deck
        await pilot.pause()
        assert app.screen is board
        assert board.session.state.deck_id == "coaching"
        assert app.screen.sub_title == coaching.title
        assert f"{coaching.title}: {len(coaching)} kaarten, geschud" in card_text(app)
        assert "Verder met" in toasts(app)
        await pilot.press("d")
        dealt = board.session.state.dealer.current
        assert dealt is not None and dealt.id in {card.id for card in coaching.cards}
        assert card_text(app) == dealt.text

        await pilot.press("w")  # back to the first deck: where it was left
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert board.session.state.deck_id == "reflectie"
        assert board.session.state.dealer.current == first_deck_last_card
        await pilot.press("u")  # the switch is undone: coaching, with its card, again
        await pilot.pause()
        assert board.session.state.deck_id == "coaching"
        assert card_text(app) == dealt.text
        assert app.screen.sub_title == coaching.title

        await pilot.press("w")
        await pilot.pause()
        await pilot.press("down", "enter")  # the deck on the table: says so, stays open
        await pilot.pause()
        assert isinstance(app.screen, DeckChoiceScreen)
        assert "ligt al op tafel" in toasts(app)
        await pilot.press("escape")  # cancelled: nothing changes
        await pilot.pause()
        assert app.screen is board and board.session.state.deck_id == "coaching"
    started.close()


async def test_a_session_of_one_deck_offers_no_other(library: DeckLibrary) -> None:
    app = DialoogApp(library, seed=SEED)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        board = await open_board(pilot, "reflectie")
        await pilot.press("w")
        await pilot.pause()
        assert app.screen is board
        for _ in range(len(board.session.decks["reflectie"]) + 1):
            await pilot.press("d")
        assert board.at_end
        assert "andere stapel" not in card_text(app)


def test_the_status_line_breaks_between_its_parts() -> None:
    from app.widgets.card_view import joined_to_fit

    parts = ["Kaart 4 van 22", "nog 18 in de stapel", "1 notitie", "schudcode 39685"]
    assert joined_to_fit(parts, 80) == " · ".join(parts)
    two_lines = "Kaart 4 van 22 · nog 18 in de stapel · 1 notitie\nschudcode 39685"
    assert joined_to_fit(parts, 50) == two_lines
    assert joined_to_fit(parts, 10).splitlines() == parts  # a part wider than the line: alone


async def test_on_a_narrow_terminal_the_status_keeps_the_shuffle_code_whole(
    library: DeckLibrary,
) -> None:
    """At 60 columns the line under the board takes two lines; the shuffle code is not cut
    from its number (Textual wrapped it at any space), also after the terminal is resized."""
    app = DialoogApp(library, seed=SEED)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("enter")  # Direct: a practice board
        await pilot.pause()
        board = await open_board(pilot, "dialoogkaarten")
        await pilot.press("d")
        await pilot.pause()
        assert len(status_text(app).splitlines()) == 1
        await pilot.resize_terminal(56, 24)
        await pilot.pause()
        await pilot.pause()
        lines = status_text(app).splitlines()
        assert len(lines) == 2 and any(f"schudcode {SEED}" in line for line in lines), lines
        assert not any(line.strip().startswith("·") or line.strip().endswith("·") for line in lines)
        assert all(len(line) <= board.query_one("#card-status").size.width for line in lines)
