"""The board: the projector view of the card, the clock, the floor and the circle.

Every key is a session command; the screen re-renders from the session's state afterwards.
The clock's digits are redrawn a few times a second from the session's monotonic clock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import Reactive, reactive
from textual.widget import Widget
from textual.widgets import Header, Static

from app.bindings import in_typed_order
from app.live import LiveSession, session_decks
from app.screens.board_floor import CardsAndFloor
from app.screens.board_notes import NoteActions
from app.screens.session_screen import SessionScreen
from app.widgets.capture import Capture
from app.widgets.card_view import CardView, changed, status_line
from app.widgets.circle import Circle, legend
from app.widgets.floor import AirtimePanel, ClockRow
from app.widgets.footer import ResponsiveFooter
from app.widgets.notes_panel import NotesPanel
from app.widgets.plain import PlainColumn, PlainRow
from cards.i18n import t
from sessions.session import CommandRefused

W = TypeVar("W", bound=Widget)

if TYPE_CHECKING:
    from sessions.clock import RoundClock
    from sessions.session import Session

# actions that change the session: hidden on a read-only board
WRITING = frozenset({
    "end_session", "capture", "delete_note", "reflection", "deal", "back", "skip", "park",
    "pick", "switch_deck", "undo", "reshuffle", "next_speaker", "pass_turn", "toggle_clock",
    "extend", "reset_turn", "leader_turn", "close_round", "floor_to",
})  # fmt: skip
# actions about the floor and the clock: only on a session with participants
ROUNDS = {
    "next_speaker", "pass_turn", "toggle_clock", "extend", "reset_turn", "leader_turn",
    "close_round", "toggle_airtime",
}  # fmt: skip


CARD_AT_LEAST = 36  # columns the card keeps; the notes panel gives way below that


class BoardArea(PlainColumn):
    """The board beside the key panel: when its size changes (the terminal, or the key panel
    opened or closed), the screen fits the notes panel and an open note line again."""

    def on_resize(self) -> None:
        screen = self.screen
        if isinstance(screen, BoardScreen) and screen.is_mounted:
            screen.fit_notes()
            screen.fit_line()


class BoardScreen(CardsAndFloor, NoteActions, SessionScreen):
    # nothing takes the keys until the facilitator asks: the board's keys work at once
    AUTO_FOCUS = ""
    WRITING = WRITING
    SAYS_WHY_OFF = {"switch_deck": "board.one_deck"}  # (`SessionScreen.on_key`)
    BINDINGS = in_typed_order(
        Binding("d", "deal", "board.deal", id="board.deal"),
        Binding("b", "back", "board.back", id="board.back"),
        Binding("s", "skip", "board.skip", id="board.skip"),
        Binding("k", "park", "board.park", id="board.park"),
        Binding("f", "follow_up", "board.follow_up", id="board.follow_up"),
        Binding("slash", "pick", "board.pick", key_display="/", id="board.pick"),
        Binding("w", "switch_deck", "board.switch_deck", id="board.switch_deck"),
        Binding("space", "toggle_clock", "board.clock", key_display="␣", id="board.clock"),
        Binding("n", "next_speaker", "board.next_speaker", id="board.next_speaker"),
        Binding("p", "pass_turn", "board.pass", id="board.pass"),
        Binding("plus", "extend", "board.extend", key_display="+", id="board.extend"),
        Binding("r", "reset_turn", "board.reset", id="board.reset"),
        Binding("l", "leader_turn", "board.leader", id="board.leader"),
        Binding("c", "close_round", "board.close", id="board.close"),
        # the check below hands enter to the open line or the notes list
        Binding("enter", "capture", "board.note", key_display="⏎", id="board.note"),
        Binding("o", "focus_notes", "board.notes", id="board.notes"),
        Binding("delete", "delete_note", "board.delete_note", id="board.delete_note"),
        Binding("m", "toggle_names", "board.names", id="board.names"),
        Binding("t", "reflection", "board.reflection", id="board.reflection"),
        Binding("v", "carried", "board.carried", id="board.carried"),
        Binding("a", "toggle_airtime", "board.airtime", id="board.airtime"),
        Binding("f5", "presentation", "board.presentation", id="board.presentation"),
        Binding("x", "export", "board.export", id="board.export"),
        Binding("q", "qr", "qr.open", id="board.qr"),
        Binding("e", "end_session", "board.end", id="board.end"),
        Binding("u", "undo", "board.undo", id="board.undo"),
        Binding("h", "reshuffle", "board.reshuffle", id="board.reshuffle"),
        Binding("question_mark,f1", "toggle_keys", "board.keys", id="keys"),
        Binding("escape", "leave", "common.menu", id="board.leave"),
    )
    # commands this screen adds to the palette: (catalogue name, action method)
    PALETTE = (
        ("deal", "action_deal"),
        ("switch_deck", "action_switch_deck"),
        ("presentation", "action_presentation"),
        ("airtime", "action_toggle_airtime"),
        ("reflection", "action_reflection"),
        ("export", "action_export"),
        ("qr", "action_qr"),
        ("end", "action_end_session"),
    )
    # the Footer's keys, most important first (the rest: `?` lists them); delete-note only
    # shows while the notes list has the focus, and then it comes early
    FOOTER_ORDER = (
        "board.leave", "keys", "board.deal", "board.clock", "board.next_speaker", "board.pass",
        "board.leader", "board.close", "board.note", "board.delete_note", "board.undo",
        "board.back", "board.pick", "board.switch_deck", "board.skip", "board.park",
        "board.follow_up", "board.reshuffle", "board.export", "board.qr", "board.end",
        "board.extend", "board.reset", "board.airtime", "board.presentation", "board.notes",
        "board.names", "board.reflection", "board.carried",
    )  # fmt: skip

    at_end: reactive[bool] = reactive(False, bindings=True, init=False)
    follow_up_shown: reactive[bool] = reactive(False, bindings=True, init=False)
    airtime_shown: reactive[bool] = reactive(False, bindings=True, init=False)
    names_hidden: reactive[bool] = reactive(False, bindings=True, init=False)
    presenting: reactive[bool] = reactive(False, bindings=True, init=False)
    # Textual repaints the whole screen when the focus moves; the widgets that gain or lose it
    # restyle and repaint themselves, so the board skips that (it is most of the cost of
    # opening and closing the capture line)
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(self, live: LiveSession) -> None:
        super().__init__()
        self.live = live
        self._keys_depend_on: tuple[object, ...] = ()
        self._parts: dict[tuple[object, object], Widget] = {}

    @property
    def session(self) -> Session:
        return self.live.session

    @property
    def other_decks(self) -> bool:
        """The session has more than one deck (loaded now) to deal from."""
        return len(session_decks(self.session)) > 1

    def why_off(self, action: str) -> str | None:
        started = self.session.state.started
        missing = [d for d in (started.decks if started else ()) if d not in self.session.decks]
        if action == "switch_deck" and missing:  # chosen, but not loaded now
            return t("board.decks_missing", decks=", ".join(missing))
        return super().why_off(action)

    @property
    def has_rounds(self) -> bool:
        return bool(self.session.state.participants)

    def part(self, selector: str | type[W], kind: type[W] | None = None) -> W:
        """One of the board's own widgets, looked up once per composition of the board
        (the board redraws after every key; a query each time adds up)."""
        key = (selector, kind)
        found = self._parts.get(key)
        if found is None:
            found = self._parts[key] = self.query_one(selector, kind)  # type: ignore[arg-type]
        return found  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        self._parts = {}  # composed anew (the language changed): look the widgets up again
        yield Header()
        with BoardArea(id="board"):
            yield Static(id="card-meta")
            with PlainRow(id="board-middle"):
                yield CardView(id="card")
                yield NotesPanel(choose=self.edit_note, id="notes")
                yield AirtimePanel(id="airtime")
            yield ClockRow(id="clock-row")
            yield Circle(id="circle")
            yield Capture(
                self.submit_note,
                speakers=self.speakers,
                hint=self.note_hint,
                draft=self.live.draft("board"),
                id="capture",
            )
            yield Static(id="card-status")
        yield ResponsiveFooter()

    def on_mount(self) -> None:
        state = self.session.state
        self.drawn_anew()
        self.follow_if_read_only()
        if self.has_rounds:
            self.tick_soon()
        # items from last time still to settle: offered at once, unless nothing can be
        # settled here (read-only, or the session has ended: its keys would be refused)
        settling = not (self.live.read_only or state.ended)
        if settling and any(not item.outcome for item in state.carried):
            self.call_after_refresh(self.action_carried, by_itself=True)

    def show_followed(self) -> None:
        self.refresh_board()

    # -- showing ---------------------------------------------------------------------------

    def drawn_anew(self) -> None:
        self._keys_depend_on = ()
        state = self.session.state
        if self.live.saved or self.live.read_only:
            self.title = state.started.title if state.started else ""
        for part in ("#clock-row", "#circle"):
            self.query_one(part).display = self.has_rounds
        self.query_one("#airtime").display = self.airtime_shown
        self.refresh_board()

    def refresh_board(self) -> None:
        """Draw the board from the session's state."""
        session = self.session
        state = session.state
        deck = session.decks[state.deck_id]
        dealer = session.dealer_now()
        card = dealer.current
        card_view = self.part(CardView)
        # the deck's name over the board: it changes with `w` (and its undo)
        sub_title = t("board.read_only") if self.live.read_only else deck.title
        if self.sub_title != sub_title:
            self.sub_title = sub_title
        if self.at_end:
            finished = t("board.finished", parked=len(dealer.parked))
            if self.other_decks and not self.live.read_only:
                finished += " · " + t("board.finished_switch")
            card_view.message = finished
        elif card is None:
            # no card dealt: the key to deal one only where a card can still be dealt
            watching = "_watching" if self.live.read_only or state.ended else ""
            card_view.message = t(f"board.ready{watching}", deck=deck.title, count=len(deck))
        else:
            card_view.message = ""
        card_view.card = card
        card_view.follow_up_shown = self.follow_up_shown
        theme = card.theme if card and not self.at_end else ""
        changed(
            self.part("#card-meta", Static),
            Text(f"{deck.title} · {theme}" if theme else deck.title),
        )
        if self.has_rounds:
            self._show_floor()
            if self.is_mounted:
                self.tick_soon()  # the clock may have started, stopped or been reset
        notes = state.card_notes()
        panel = self.part(NotesPanel)
        panel.display = self._notes_fit(notes)
        panel.show(notes, hide_names=self.names_hidden, card=state.card)
        writer = self.live.writer
        unsaved = writer.pending if writer is not None and writer.failed is not None else 0
        status = status_line(
            dealer,
            notes=len(state.notes),
            hint_follow_up=not self.follow_up_shown,
            at_end=self.at_end,
            unsaved=unsaved,
            presenting=self.presenting,
            ended=state.ended,
            width=(status_width := self._status_width()),
            dealt_number=state.dealt_number(state.deck_id, card.id) if card else 0,
        )
        self._status_fitted_to = status_width
        changed(self.part("#card-status", Static), status)
        # the Footer is rebuilt on refresh_bindings: only when what its keys depend on changed
        keys_depend_on = (
            self.at_end,
            self.follow_up_shown,
            self.presenting,
            card is not None,
            state.ended,
            bool(state.carried),
            self.part(Capture).display,
            self.focused is panel,
            state.format.id,
            self._kgotla_stage(),
        )
        if keys_depend_on != self._keys_depend_on:
            self._keys_depend_on = keys_depend_on
            self.refresh_bindings()

    def _show_floor(self) -> None:
        state = self.session.state
        self.part(ClockRow).show(self.session)
        self.part(Circle).show(state, self._status_width())
        self.part(Circle).tooltip = legend()
        if self.airtime_shown:
            self._show_airtime()

    def _show_airtime(self) -> None:
        """Who spoke how long, with the time of who is speaking now."""
        self.part(AirtimePanel).show(self.session.counted_now())

    def ticking_clock(self) -> RoundClock | None:
        return self.session.shown_clock if self.has_rounds else None

    def tick(self) -> None:
        """Redraw the digits from the monotonic clock (when the second turns, see ClockTicks)."""
        if self.is_mounted and self.has_rounds and not self.redrawing:
            self.part(ClockRow).tick(self.session)
            if self.airtime_shown and self.session.state.speaker:
                self._show_airtime()  # the speaker's time goes on

    @on(ClockRow.TimeUp)
    def time_up(self) -> None:
        """Zero: the bell rings and the board flashes once (many terminals mute the bell)."""
        self.app.bell()
        self.add_class("-flash")
        self.set_timer(0.6, lambda: self.remove_class("-flash"))

    def watch_at_end(self) -> None:
        if self.is_mounted:
            self.refresh_board()

    def watch_follow_up_shown(self) -> None:
        if self.is_mounted:
            self.refresh_board()

    def watch_airtime_shown(self, shown: bool) -> None:
        self.query_one("#airtime").display = shown
        if shown:
            self._show_airtime()
        if self.is_mounted:
            self.fit_notes()  # the notes make room for it on a narrow terminal

    def _notes_fit(self, notes: tuple[object, ...]) -> bool:
        """Whether the notes panel is shown: there are notes (or one is being written), and
        they leave the card room."""
        return (bool(notes) or self.part(Capture).display) and not self._crowded()

    def fit_notes(self) -> None:
        """The board's width changed: show or hide the notes panel if that changes it, and
        fit the status line to the new width."""
        panel = self.part(NotesPanel)
        shown = self._notes_fit(self.session.state.card_notes())
        if panel.display != shown:
            panel.display = shown
        if self._status_width() != self._status_fitted_to:
            self.refresh_board()

    _status_fitted_to = 0  # the width the status line was last fitted to

    def _status_width(self) -> int:
        """The width the status line under the board has (the terminal's until it is laid out)."""
        return self.part("#card-status", Static).size.width or self.app.size.width - 2

    def _crowded(self) -> bool:
        """The notes beside the card would leave it fewer than `CARD_AT_LEAST` columns (on a
        narrow terminal, with the airtime panel or the key panel open): they give way."""
        width: int = self.part("#board", BoardArea).size.width or self.app.size.width
        notes = min(max(int(width * 0.4), 28), 70)  # as board.tcss sizes #notes
        airtime = 36 if self.airtime_shown else 0  # #airtime
        return width - notes - airtime < CARD_AT_LEAST

    # -- commands --------------------------------------------------------------------------

    def _run(
        self, command: str, *args: object, at_end: bool | None = None, redraw: bool = True
    ) -> bool:
        """Run one session command; show its refusal as a short message. True when done.
        The follow-up question goes when the card on the table changes (not at the undo of a
        note: the group was still reading it)."""
        before = self._on_table()
        try:
            getattr(self.session, command)(*args)
        except CommandRefused as refused:
            self.notify(t(refused.key, **refused.params), severity="warning", timeout=4)
            return False
        # a refusal or hint on screen is stale after a step, and would stay over the circle
        # for its seconds
        self.app.clear_hints(if_refused=True)  # type: ignore[attr-defined]
        if self._on_table() != before:
            self.follow_up_shown = False
        if at_end is not None:
            self.at_end = at_end
        if redraw:
            self.refresh_board()
        return True

    def _on_table(self) -> tuple[str, str]:
        state = self.session.state
        return state.deck_id, state.card.id if state.card else ""

    # -- notes -----------------------------------------------------------------------------

    def action_qr(self) -> None:
        from app.screens.qr import QrScreen

        self.app.push_screen(QrScreen(self.live), lambda _: self.refresh_board())

    def after_end(self) -> None:
        """The session is ended (`e`, see `WrapUp`): the takeaways' QR code for the room."""
        self.action_qr()

    _before_presenting = (False, False)  # names hidden, airtime shown: as F5 found them

    def action_presentation(self) -> None:
        """One key for the projector: hide what is for the facilitator only (airtime, names
        in the notes, the shuffle code), and back to how it was: names hidden with `m` before
        stay hidden."""
        self.presenting = not self.presenting
        self.set_class(self.presenting, "-presenting")
        if self.presenting:
            self._before_presenting = (self.names_hidden, self.airtime_shown)
            self.names_hidden, self.airtime_shown = True, False
        else:
            self.names_hidden, self.airtime_shown = self._before_presenting
        self.refresh_board()
        self.notify(t("board.presenting" if self.presenting else "board.not_presenting"), timeout=3)

    def action_toggle_airtime(self) -> None:
        self.airtime_shown = not self.airtime_shown

    def action_leave(self) -> None:
        if self.focused is self.part(NotesPanel):
            self.set_focus(None)
            return
        self.app.leave_board()  # type: ignore[attr-defined]

    def on_unmount(self) -> None:
        self.live.close()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.off_while_typing(action):
            return False  # the keys are the note's
        if action in self.WRITING and (self.live.read_only or self.session.state.ended):
            return False  # an ended session is a closed record: it is read, not written
        if action in ROUNDS and not self.has_rounds:
            return False
        if action == "toggle_airtime" and self.presenting:
            return False
        state = self.session.state
        if action == "reshuffle":
            return self.at_end
        if action == "switch_deck":
            return self.other_decks
        if action == "delete_note":
            return isinstance(self.focused, NotesPanel)
        if action == "carried":
            return bool(state.carried)
        if action == "capture" and isinstance(self.focused, NotesPanel):
            return False  # enter edits the highlighted note
        if (wrap_up := self.wrap_up_allowed(action)) is not None:
            return wrap_up
        if action == "qr":
            return self.live.saved or self.live.read_only
        if action in ("capture", "reflection", "focus_notes", "toggle_names"):
            # a practice board saves nothing: notes there would be lost
            return self.live.saved and (
                action in ("focus_notes", "toggle_names") or not self.live.read_only
            )
        if action == "leader_turn":
            return bool(state.leader) and state.format.leader_last
        if action == "pass_turn":
            return state.format.allow_pass
        if action == "follow_up":
            # shown for every card, so the Footer does not shift on each deal; on a card
            # without a follow-up question the key says so
            return state.card is not None and not self.at_end
        return True
