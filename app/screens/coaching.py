"""The coaching screen: who plays which role, the segment and its clock, the observer's tally,
prompts from the coaching deck and the feedback sheet."""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Digits, Header, Static

from app.bindings import in_typed_order
from app.live import LiveSession
from app.screens.session_screen import SessionScreen
from app.undone import undone_text
from app.widgets.capture import Capture
from app.widgets.coaching_views import feedback_sheet, tally_table
from app.widgets.footer import ResponsiveFooter
from app.widgets.plain import PlainColumn, PlainRow
from cards.i18n import language, t
from cards.model import Card, in_language
from sessions.clock import RoundClock
from sessions.coaching import BEHAVIOURS, CONVERSATION, SEGMENT_OWNER, next_roles
from sessions.notes import ANONYMOUS, GROUP, Draft, answer_of, clean_text, speaker_label
from sessions.session import CommandRefused, Session
from sessions.state import Note

FEEDBACK_PREFIXES = {"+": "helped", "-": "better", ">": "next_time"}
# narrower than this, the prompts take the feedback sheet's place while shown (beside it they
# had some 20 columns at 80x24, and the miracle question did not fit)
PROMPTS_BESIDE_FROM = 120


class CoachingScreen(SessionScreen):
    AUTO_FOCUS = ""
    END_QUESTION = "coaching.end_question"
    WRITING = frozenset(
        {
            "new_round",
            "next_segment",
            "toggle_clock",
            "extend",
            "tally",
            "undo",
            "capture",
            "end_session",
        }
    )
    # the keys that work in a round only: without one they are off, and say so (`on_key`)
    IN_A_ROUND = frozenset({"tally", "next_segment", "extend", "capture", "sheet", "toggle_clock"})
    BINDINGS = in_typed_order(
        Binding("r", "new_round", "coaching.round", id="coaching.round"),
        Binding("n", "next_segment", "coaching.next", id="coaching.next"),
        Binding("space", "toggle_clock", "board.clock", key_display="␣", id="coaching.clock"),
        Binding("plus", "extend", "board.extend", key_display="+", id="coaching.extend"),
        Binding("enter", "capture", "board.note", key_display="⏎", id="coaching.note"),
        Binding("p", "toggle_prompts", "coaching.prompts", id="coaching.prompts"),
        Binding("left", "prompt(-1)", "coaching.prompt_back", show=False),
        Binding("right", "prompt(1)", "coaching.prompt_on", show=False),
        Binding("f", "sheet", "coaching.sheet", id="coaching.sheet"),
        Binding("u", "undo", "board.undo", id="coaching.undo"),
        Binding("x", "export", "board.export", id="coaching.export"),
        Binding("e", "end_session", "board.end", id="coaching.end"),
        Binding("question_mark,f1", "toggle_keys", "board.keys", id="keys"),
        Binding("escape", "leave", "common.menu", id="coaching.leave"),
        *(
            Binding(key, f"tally('{behaviour}')", f"behaviour.{behaviour}", show=False)
            for behaviour, key in BEHAVIOURS
        ),
    )
    # commands this screen adds to the palette: (catalogue name, action method)
    PALETTE = (("export", "action_export"), ("coaching_end", "action_end_session"))
    # the Footer's keys, most important first (at 80x24 the first seven; `?` lists them all)
    # in a round, undo before the next round: it puts a tally pressed wrongly right
    FOOTER_ORDER = (
        "coaching.leave", "keys", "coaching.clock", "coaching.next", "coaching.note",
        "coaching.export", "coaching.end", "coaching.undo", "coaching.round",
        "coaching.prompts", "coaching.sheet", "coaching.extend",
    )  # fmt: skip
    # in the round's last part (or before the first round) the next round comes before `n`,
    # and undo before `n` too (in the last part `n` only says that it is the last)
    BETWEEN_ROUNDS_ORDER = (
        "coaching.leave", "keys", "coaching.round", "coaching.clock", "coaching.note",
        "coaching.export", "coaching.end", "coaching.undo", "coaching.next",
        "coaching.prompts", "coaching.sheet", "coaching.extend",
    )  # fmt: skip

    prompts_shown: reactive[bool] = reactive(False, bindings=True, init=False)

    def __init__(self, live: LiveSession) -> None:
        super().__init__()
        self.live = live
        self.prompt_index = 0
        self._wrote: Note | None = None  # the feedback just saved, to scroll to
        self._writer: dict[tuple[int, str], str] = {}  # who wrote last, per round and part
        self._told_stopped: tuple[int, int] | None = None  # the part a stopped clock was told in
        self._phase = "normal"

    @property
    def session(self) -> Session:
        return self.live.session

    @property
    def prompts(self) -> tuple[Card, ...]:
        """The coaching deck's questions, in the UI's language when it has a translation."""
        deck = in_language(self.session.decks.values(), "coaching", language())
        return deck.cards if deck else ()

    def compose(self) -> ComposeResult:
        yield Header()
        with PlainColumn(id="coaching"):
            yield Static(id="coach-roles")
            yield Static(id="coach-case")
            with PlainRow(id="coach-clock-row"):
                yield Digits("0:00", id="coach-clock")
                yield Static(id="coach-segment", markup=False)  # names in it
            with PlainRow(id="coach-middle"):
                yield Static(id="coach-tally")
                with VerticalScroll(id="coach-side"):
                    yield Static(id="coach-sheet")
                yield Static(id="coach-prompts")
            yield Capture(
                self.submit_feedback,
                speakers=lambda: [*self.session.state.participants, GROUP, ANONYMOUS],
                hint=self.feedback_hint,
                draft=self.live.draft("coaching"),
                id="capture",
            )
        yield ResponsiveFooter()

    def on_mount(self) -> None:
        state = self.session.state
        self.drawn_anew()
        self.tick_soon()
        self.follow_if_read_only()
        if state.coaching_round is None and not self.live.read_only and not state.ended:
            self.call_after_refresh(self.action_new_round)

    # -- showing ---------------------------------------------------------------------------

    def drawn_anew(self) -> None:
        state = self.session.state
        self.title = state.started.title if state.started else ""
        if getattr(self.app, "mirroring", False):
            read_only = f" · {t('mirror.title')}"
        else:
            read_only = f" · {t('board.read_only')}" if self.live.read_only else ""
        self.sub_title = t("format.coaching") + read_only
        self.query_one("#coach-prompts").display = self.prompts_shown
        self.refresh_view()

    def show_followed(self) -> None:
        self.refresh_view()
        self.tick_soon()  # the other window may have started, stopped or reset the clock

    def refresh_view(self) -> None:
        round_ = self.session.state.coaching_round
        roles = self.query_one("#coach-roles", Static)
        case = self.query_one("#coach-case", Static)
        if round_ is None:
            watching = "_watching" if self.live.read_only else ""  # no key that does nothing
            ended = self.session.state.ended
            roles.update(t("board.ended" if ended else f"coaching.no_round_yet{watching}"))
            case.update("")
        else:
            line = Text(t("coaching.round_no", number=round_.number), style="bold")
            for role in ("coach", "coachee", "observer"):
                name = round_.roles.of(role)
                if name:
                    line.append(f"   {t(f'role.{role}')}: ")
                    line.append(name, style="bold reverse")
            roles.update(line)
            case.update(
                Text(
                    t("coaching.case_line", case=round_.case or "—", kind=round_.conversation_type)
                )
            )
        tally = self.query_one("#coach-tally", Static)
        tally.update(tally_table(round_))
        # the keys count only in the conversation (of a session still written): muted else
        counting = round_ is not None and round_.segment == CONVERSATION
        counting = counting and not (self.live.read_only or self.session.state.ended)
        tally.set_class(not counting, "-idle")
        sheet = self.query_one("#coach-sheet", Static)
        rounds = self.session.state.coaching
        if round_ is None:
            sheet.update("")
        elif self.session.state.ended:
            # the practice is over: every round's sheet, to look back on with the group
            sheets = [feedback_sheet(r, self._feedback_of(r.number)) for r in rounds]
            sheet.update(Text("\n").join(sheets))
        else:
            sheet.update(feedback_sheet(round_, self._feedback_of(round_.number)))
        self._show_prompt()
        self.tick()
        if self.is_mounted:
            self.tick_soon()  # the clock may have started, stopped or been reset
        self.refresh_bindings()

    def _show_prompt(self) -> None:
        panel = self.query_one("#coach-prompts", Static)
        panel.display = self.prompts_shown
        self._fit_prompts()
        if not self.prompts:
            panel.update(t("coaching.no_prompts"))
            return
        card = self.prompts[self.prompt_index % len(self.prompts)]
        text = Text(f"{card.theme}\n", style="bold")
        text.append(card.text)
        if card.follow_up:
            text.append(f"\n\n{card.follow_up}", style="italic")
        position = t(
            "coaching.prompt_position", number=self.prompt_index + 1, total=len(self.prompts)
        )
        text.append(f"\n\n{position}", style="dim")
        panel.update(text)

    def ticking_clock(self) -> RoundClock | None:
        return self.session.turn_clock if self.session.state.coaching_round else None

    def tick(self) -> None:
        if self.redrawing:
            return
        round_ = self.session.state.coaching_round
        clock = self.session.turn_clock
        digits = self.query_one("#coach-clock", Digits)
        shown = clock.display() if round_ else "0:00"
        if digits.value != shown:
            digits.update(shown)
        phase = clock.phase() if round_ is not None else "normal"
        digits.set_class(phase == "warning", "-warning")
        digits.set_class(phase == "over", "-over")
        if phase == "over" and self._phase != "over" and self.session.running:
            # the same cues as the round clock: the bell, and a flash for muted terminals
            self.app.bell()
            self.add_class("-flash")
            self.set_timer(0.6, lambda: self.remove_class("-flash"))
        self._phase = phase
        info = ""  # no round (yet, or its start undone): no part to name
        if round_ is not None:
            info = t(
                "coaching.segment_line",
                index=round_.segment_index + 1,
                total=len(round_.segments),
                segment=t(f"segment.{round_.segment}"),
                who=speaker_label(round_.roles.of(SEGMENT_OWNER[round_.segment]) or ""),
            )
            # on a line of its own: beside the digits, at 80 columns, the part's line is full
            if self.session.state.ended:
                info += f"\n{t('board.ended')}"
            elif not self.session.running:
                info += f"\n{t('board.paused')}"
        segment = self.query_one("#coach-segment", Static)
        if str(segment.content) != info:
            segment.update(info)

    # -- actions ---------------------------------------------------------------------------

    def _run(self, command: str, *args: object) -> bool:
        try:
            getattr(self.session, command)(*args)
        except CommandRefused as refused:
            self.notify(t(refused.key, **refused.params), severity="warning", timeout=4)
            return False
        self.refresh_view()
        return True

    def action_new_round(self) -> None:
        from app.screens.coaching_setup import CoachingSetupScreen, RoundPlan

        state = self.session.state
        people = state.participants
        number = len(state.coaching) + 1
        last = state.coaching_round
        proposed = next_roles(people, last.roles if last else None)

        def planned(plan: RoundPlan | None) -> None:
            if plan is not None:
                self._run(
                    "start_coaching_round",
                    plan.case,
                    plan.conversation_type,
                    plan.lengths,
                    plan.roles,
                )

        # what was said of the last round: not over the form
        self.app.clear_hints()  # type: ignore[attr-defined]
        self.app.push_screen(CoachingSetupScreen(people, proposed, number), planned)

    def action_next_segment(self) -> None:
        if self._run("next_segment"):
            # what was said in the part before ("tallies count in the conversation; n starts
            # it") no longer holds, and stayed on screen for its seconds
            self.app.clear_hints()  # type: ignore[attr-defined]

    def action_toggle_clock(self) -> None:
        self._run("toggle_clock")

    def action_extend(self) -> None:
        self._run("extend")

    def action_tally(self, behaviour: str) -> None:
        # the count changes on screen at once, or it says why not
        if not self._run("tally", behaviour) or self.session.running:
            return
        round_ = self.session.state.coaching_round
        part = (round_.number, round_.segment_index) if round_ else None
        if part != self._told_stopped:  # once a part: the first tally tells, the rest count
            self._told_stopped = part
            self.notify(t("coaching.tally_clock_stopped"), severity="warning", timeout=6)

    def action_undo(self) -> None:
        if self._run("undo"):
            self.notify(undone_text(self.session), timeout=3, markup=False)

    def action_toggle_prompts(self) -> None:
        self.prompts_shown = not self.prompts_shown
        self._show_prompt()

    def action_prompt(self, step: int) -> None:
        if self.prompts:
            self.prompt_index = (self.prompt_index + step) % len(self.prompts)
            self.prompts_shown = True
            self._show_prompt()

    def action_sheet(self) -> None:
        if self.has_class("-prompts-instead"):
            self.prompts_shown = False  # the prompts had the sheet's place: the sheet comes back
            self._show_prompt()
        side = self.query_one("#coach-side")
        side.focus()
        side.scroll_home(animate=False)

    def action_capture(self) -> None:
        """The note line, for whom `tab` chose for the last feedback in this part of the
        round, at first the part's owner (an `@name` counts for its own line only, as on the
        board)."""
        round_ = self.session.state.coaching_round
        owner = round_.roles.of(SEGMENT_OWNER[round_.segment]) if round_ else ""
        if round_ is not None:
            owner = self._writer.get((round_.number, round_.segment), owner)
        self.query_one(Capture).open(owner or GROUP)

    def _question(self, text: str) -> str:
        round_ = self.session.state.coaching_round
        default = "next_time" if round_ is not None and round_.segment == "learning" else "helped"
        return FEEDBACK_PREFIXES.get(text.lstrip()[:1], default)

    def _read_feedback(self, capture: Capture, raw: str) -> tuple[str, str, str, str]:
        """The question a line answers (by its prefix), its text, who gave it (an `@name` at
        its start or end, as on the board; else whom `tab` chose) and a leading `@word` that
        names nobody."""
        named, text, stray = answer_of(clean_text(raw), self.session.state.participants)
        question = self._question(text)
        if text[:1] in FEEDBACK_PREFIXES:
            text = text[1:].lstrip()
            if named is None:  # `+ @Carla ...`: the name after the prefix
                named, text, stray = answer_of(text, self.session.state.participants)
        return question, text, named or capture.speaker, stray

    def feedback_hint(self, capture: Capture, text: str) -> Text:
        question, _, by, stray = self._read_feedback(capture, text)
        hint = Text()
        hint.append(f"✎ {t(f'coaching.question.{question}')}", style="bold reverse")
        hint.append(f"  {t('capture.by', name=speaker_label(by))}  ", style="bold")
        if stray:
            hint.append(t("capture.no_such_name", word=stray), style="italic")
            hint.append("  ")
        hint.append(t("coaching.capture_help"))
        return hint

    def submit_feedback(self, capture: Capture, text: str) -> bool:
        round_ = self.session.state.coaching_round
        if round_ is None:
            self.notify(t("coaching.no_round"), severity="warning")
            return False
        question, text, by, _ = self._read_feedback(capture, text)
        try:
            event = self.session.record(Draft("feedback", text, by), question=question)
        except CommandRefused as refused:
            self.notify(t(refused.key, **refused.params), severity="warning")
            return False
        self._wrote = self.session.state.note(event.seq)
        # whom `tab` chose goes on to the next line; an `@name` is this line's only
        self._writer[(round_.number, round_.segment)] = capture.speaker
        return True

    @on(Capture.Closed)
    def note_closed(self) -> None:
        self.refresh_view()
        if self._wrote is not None:
            self.call_after_refresh(self._show_feedback, self._wrote)
            self._wrote = None

    def _feedback_of(self, number: int) -> tuple[Note, ...]:
        return tuple(n for n in self.session.state.notes_of("feedback") if n.round == number)

    def _show_feedback(self, note: Note) -> None:
        """Scroll the sheet to the feedback just written: on a small screen its section can be
        below the fold."""
        round_ = self.session.state.coaching_round
        sheet = self.query_one("#coach-sheet", Static)
        width = sheet.content_size.width
        if round_ is None or not width:
            return
        sheet_text = feedback_sheet(round_, self._feedback_of(round_.number))
        lines = sheet_text.wrap(self.app.console, width)
        start = f"✎ {speaker_label(note.speaker)}: {note.text}"[: max(width - 4, 1)]
        found = [y for y, line in enumerate(lines) if line.plain.strip().startswith(start.strip())]
        if not found:
            return
        side = self.query_one("#coach-side", VerticalScroll)
        y = found[-1] + sheet.region.y - side.content_region.y + int(side.scroll_y)
        side.scroll_to(y=max(0, y - side.content_size.height // 2), animate=False)

    def _fit_prompts(self) -> None:
        narrow = (self.size.width or self.app.size.width) < PROMPTS_BESIDE_FROM
        self.set_class(self.prompts_shown and narrow, "-prompts-instead")

    def on_resize(self) -> None:
        self._fit_prompts()

    def after_end(self) -> None:
        """The practice is ended (`e`, see `WrapUp`): the feedback sheets go out from here."""
        self.refresh_view()
        self.action_export()

    def action_leave(self) -> None:
        self.app.leave_board()  # type: ignore[attr-defined]

    def on_unmount(self) -> None:
        self.live.close()

    def footer_order(self) -> tuple[str, ...]:
        round_ = self.session.state.coaching_round
        between = round_ is None or round_.finished
        return self.BETWEEN_ROUNDS_ORDER if between else self.FOOTER_ORDER

    def on_key(self, event: events.Key) -> None:
        """A key that works in a round only, before the first round (or once its start was
        undone), says so: it did nothing. (`SessionScreen.on_key` speaks for an ended or a
        read-only practice; Textual calls both.)"""
        if self.focused is not None or self.typing or getattr(self.app, "mirroring", False):
            return
        if self.live.read_only or self.session.state.ended or self.session.state.coaching_round:
            return
        for binding in self._bindings.key_to_bindings.get(event.key, []):
            if binding.action.split("(", 1)[0] in self.IN_A_ROUND:
                self.notify(t("coaching.no_round"), severity="warning", timeout=3)
                return

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        round_ = self.session.state.coaching_round
        if self.off_while_typing(action):
            return False  # the keys are the note's
        if action in self.WRITING and (self.live.read_only or self.session.state.ended):
            return False  # an ended session is a closed record: it is read, not written
        if (wrap_up := self.wrap_up_allowed(action)) is not None:
            return wrap_up
        if action in self.IN_A_ROUND:
            # a tally outside the conversation is refused with a message (`Session.tally`);
            # without a round the key says so (`on_key`)
            return round_ is not None
        return True
