"""What the facilitator does with the cards and the floor on the board: deal, back, skip,
park, pick, switch decks, the clock and the speaking turns, undo; and the order of those keys
in the Footer as a kgotla's round goes on. Mixed into `BoardScreen`."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from app.undone import undone_text
from cards.i18n import t

if TYPE_CHECKING:
    from textual.screen import Screen

    from sessions.session import Session

    _Screen = Screen[None]
else:
    _Screen = object


class CardsAndFloor(_Screen):
    """The board's card and floor keys; expects `session`, `_run`, `at_end`,
    `follow_up_shown`, `other_decks` and `FOOTER_ORDER`."""

    if TYPE_CHECKING:
        at_end: bool
        follow_up_shown: bool
        FOOTER_ORDER: ClassVar[tuple[str, ...]]

        @property
        def session(self) -> Session: ...

        @property
        def other_decks(self) -> bool: ...

        def _run(
            self, command: str, *args: object, at_end: bool | None = None, redraw: bool = True
        ) -> bool: ...

    # a kgotla's Footer follows the round, as at 80 columns not all its keys fit: the keys
    # that wait for their moment come after undo and the note. While people are still to
    # speak, the leader and the closing wait; while the last of them holds the floor (and may
    # still pass), the next speaker (it only ends that turn then: the leader's key gives the
    # floor on) and the closing; once the leader's turn has come, the next speaker and pass
    _WAITING_FOR_THEIR_MOMENT = (
        ("board.leader", "board.close"),
        ("board.next_speaker", "board.close"),
        ("board.next_speaker", "board.pass"),
    )

    def footer_order(self) -> tuple[str, ...]:
        state = self.session.state
        if not (state.format.leader_last and state.leader):
            return self.FOOTER_ORDER
        later = self._WAITING_FOR_THEIR_MOMENT[self._kgotla_stage()]
        order = [key for key in self.FOOTER_ORDER if key not in later]
        after = order.index("board.undo") + 1
        return (*order[:after], *later, *order[after:])

    def _kgotla_stage(self) -> int:
        """0: people still to speak; 1: the last of them holds the floor; 2: the leader's turn
        has come (or the round is over)."""
        state = self.session.state
        if state.round is None or state.waiting:
            return 0
        last_turn = state.speaker and state.speaker != state.leader and not state.round.closed
        return 1 if last_turn else 2

    def action_deal(self) -> None:
        if self.at_end:
            hint = t("board.finished_hint")
            if self.other_decks:
                hint += " " + t("board.finished_hint_switch")
            self.notify(hint, severity="warning")
            return
        dealer = self.session.state.dealer
        if dealer is not None and dealer.finished and dealer.current is not None:
            self.at_end = True
            return
        self._run("deal", at_end=False)

    def action_back(self) -> None:
        if self.at_end:
            self.at_end = False
            return
        self._run("back")

    def action_skip(self) -> None:
        self._set_aside("skip", "board.skipped_one")

    def action_park(self) -> None:
        self._set_aside("park", "board.parked_one")

    def _set_aside(self, move: str, message: str) -> None:
        card = self.session.state.card
        if self.at_end or card is None:
            self.notify(t("dealer.NoCard"), severity="warning")
            return
        deck = self.session.decks[self.session.state.deck_id]
        if self._run(move):
            dealer = self.session.state.dealer
            if dealer is not None and dealer.current is None and not dealer.remaining:
                self.at_end = True
            self.notify(t(message, number=deck.number_of(card.id)), timeout=3)

    def action_follow_up(self) -> None:
        card = self.session.state.card
        if card is None or self.at_end or not card.follow_up:
            self.notify(t("board.no_follow_up"), severity="warning")
            return
        self.follow_up_shown = not self.follow_up_shown

    def action_pick(self) -> None:
        from app.screens.pick import PickScreen

        def picked(card_id: str | None) -> None:
            if card_id is not None:
                self._run("pick", card_id, at_end=False)

        self.app.push_screen(PickScreen(self.session.dealer_now()), picked)

    def action_switch_deck(self) -> None:
        """`w`: go on with another of the session's decks, where it was left."""
        from app.screens.choose_deck import DeckChoiceScreen

        def chosen(deck_id: str | None) -> None:
            if deck_id is None or not self._run("choose_deck", deck_id, at_end=False):
                return
            dealer = self.session.dealer_now()
            self.notify(
                t("board.deck_switched", deck=dealer.deck.title, count=len(dealer.remaining)),
                timeout=3,
            )

        self.app.push_screen(DeckChoiceScreen(self.session), chosen)

    def action_toggle_clock(self) -> None:
        self._run("toggle_clock")

    def action_next_speaker(self) -> None:
        round_ = self.session.state.round
        if round_ is not None and round_.closed:
            if self._run("new_round"):
                self.notify(t("round.new"), timeout=3)
            return
        self._run("next_speaker")

    def action_pass_turn(self) -> None:
        self._run("pass_turn")

    def action_extend(self) -> None:
        self._run("extend")

    def action_reset_turn(self) -> None:
        self._run("reset_turn")

    def action_leader_turn(self) -> None:
        self._run("leader_turn")

    def action_floor_to(self, index: int) -> None:
        """A click on a participant's name in the circle."""
        order = self.session.state.order
        if not 0 <= index < len(order):
            return
        name = order[index]
        if self._run("choose", name) and self.session.state.speaker != name:
            self.notify(t("round.queued", name=name), timeout=3)

    def action_close_round(self) -> None:
        state = self.session.state
        closings = state.format.closings
        if not closings or state.round is None or state.round.closed:
            self._run("close_round", "")
            return
        from app.screens.closing import ClosingScreen

        def chosen(closing: str | None) -> None:
            if closing:
                self._run("close_round", closing)

        self.app.push_screen(ClosingScreen(closings), chosen)

    def action_undo(self) -> None:
        if self._run("undo", at_end=False):
            self.notify(undone_text(self.session), timeout=3, markup=False)

    def action_reshuffle(self) -> None:
        if self._run("reshuffle", at_end=False):
            dealer = self.session.state.dealer
            self.notify(t("board.reshuffled", seed=dealer.seed if dealer else 0), timeout=4)
