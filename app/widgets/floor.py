"""Under the card: the clock in big digits, who holds the floor, the round's progress; and the
facilitator's airtime panel."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.geometry import Size
from textual.message import Message
from textual.widgets import Digits, Static

from app.widgets.card_view import changed
from app.widgets.plain import PlainColumn, PlainRow
from cards.i18n import t
from sessions.clock import clock_time
from sessions.session import ALL_HEARD, Session
from sessions.state import SessionState


def floor_text(session: Session) -> Text:
    state = session.state
    floor = Text()
    if state.ended and state.speaker and (last := _heard_last(state)):
        # an ended session keeps who spoke last; it no longer says they are speaking
        floor.append(t("board.spoke_last", name=""))
        floor.append(last, style="bold")
    elif state.speaker and not state.ended:
        floor.append(t("board.speaking", name=""))
        floor.append(state.speaker, style="bold")
    elif state.round and state.round.closing:
        closing = t(f"closing.{state.round.closing}")
        floor.append(t("round.closed_as", closing=closing), style="bold")
    elif state.round and state.round.closed:  # an open floor closes without a kind
        floor.append(t("round.closed_plain"), style="bold")
    elif state.ended:
        floor.append(t("board.nobody_spoke_last"), style="italic")
    elif (refused := session.why_nobody_next()) is not None and refused.key in ALL_HEARD:
        # what `n` would say, said beforehand; a read-only view (the mirror) gives no key:
        # its keys would do nothing
        watching = "_watching" if session.read_only else ""
        floor.append(t(refused.key + watching, **refused.params), style="italic")
    elif heard_count(state) or passed_count(state):
        next_key = "board.nobody_spoke_last" if session.read_only else "board.nobody_speaking_next"
        floor.append(t(next_key), style="italic")
    else:
        first_key = "board.nobody_yet" if session.read_only else "board.nobody_speaking"
        floor.append(t(first_key), style="italic")
    return floor


def _heard_last(state: SessionState) -> str:
    """Who spoke last in the round on the table: whoever held the floor as the session
    ended, if heard (the exports list them), else the last one heard before (one given the
    floor for the first time whose clock then never ran was not heard); "" for nobody."""
    heard = state.heard_in(state.round) if state.round is not None else ()
    if state.speaker and state.speaker in heard:
        return state.speaker
    return heard[-1] if heard else ""


def heard_count(state: SessionState) -> int:
    """Turn takers heard in this round (`SessionState.heard_in`: not one who is still speaking
    for the first time in it, nor those who passed, `passed_count`)."""
    round_ = state.round
    if round_ is None:
        return 0
    heard = state.heard_in(round_)
    return sum(1 for name in state.turn_takers if name in heard)


def passed_count(state: SessionState) -> int:
    round_ = state.round
    return len({n for n in state.turn_takers if n in round_.passed}) if round_ else 0


def round_info(session: Session) -> str:
    state = session.state
    info = []
    if state.round is not None:
        info.append(t("round.number", number=state.round.number))
        total = len(state.turn_takers)
        info.append(t("round.heard_count", heard=heard_count(state), total=total))
        if passed := passed_count(state):
            info.append(t("round.passed_count", count=passed))
    if session.timed_turn:
        info.append(t("round.left", time=session.round_clock.display()))
    if not session.running and not state.ended:  # an ended session's clock is not paused
        info.append(t("board.paused"))
    return " · ".join(info)


class ClockRow(PlainRow):
    """The digits and the floor. `tick` redraws from the session's monotonic clock and posts
    `TimeUp` once when the shown clock reaches zero while it runs."""

    class TimeUp(Message):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._phase = "normal"
        self._info = ""

    def compose(self) -> ComposeResult:
        yield Digits("0:00", id="clock")
        with PlainColumn(id="floor-box"):
            yield Static(id="floor")
            yield Static(id="round-info")

    def on_resize(self, event: events.Resize) -> None:
        self._fit_floor(event.size.width)

    def _fit_floor(self, width: int) -> None:
        """Beside the clock, the floor's lines wrap in the room it leaves rather than run off
        the screen (the row is centred, so its parts take only the width they need)."""
        clock = self.query_one("#clock", Digits)
        taken = clock.get_content_width(Size(width, 1), Size(width, 1)) + clock.styles.margin.right
        room = width - taken
        self.query_one("#floor-box").styles.max_width = room if room > 0 else None

    def show(self, session: Session) -> None:
        changed(self.query_one("#floor", Static), floor_text(session))
        self.tick(session)

    def tick(self, session: Session) -> None:
        info = round_info(session)
        if info != self._info:
            self._info = info
            changed(self.query_one("#round-info", Static), info)
        clock = session.shown_clock
        digits = self.query_one("#clock", Digits)
        shown = clock.display()
        if shown != digits.value:
            wider = len(shown) != len(digits.value)
            digits.update(shown)
            if wider:  # 9:59 to 10:00 and back: the room beside it changes
                self._fit_floor(self.size.width)
        phase = clock.phase()
        if phase != self._phase:
            digits.set_class(phase == "warning", "-warning")
            digits.set_class(phase == "over", "-over")
            if phase == "over" and self._phase != "over" and session.running:
                self.post_message(self.TimeUp())
            self._phase = phase


class AirtimePanel(Static):
    """Minutes, turns and passes per person: for the facilitator, hidden by default."""

    def show(self, state: SessionState) -> None:
        table = Table(
            title=t("board.airtime_title"),
            box=None,
            pad_edge=False,
            expand=True,
            title_style="bold",
        )
        # a long name wraps (a word longer than the column folds): cut off, "Mohammed El
        # Amrani" and "Mohammed El Idrissi" were both "Mohammed E…", "Participant 1" to "4"
        # all "Participan…"
        table.add_column(t("airtime.name"), overflow="fold", ratio=1)
        for heading in ("time", "turns", "passes"):
            table.add_column(t(f"airtime.{heading}"), justify="right", no_wrap=True)
        for row in state.airtime():
            table.add_row(
                Text(row.speaker), clock_time(row.seconds), str(row.turns), str(row.passes)
            )
        self.update(table)
