"""The closing reflection: the 10-minute reflection's three questions, with a 10-minute clock,
answered per participant or for the group; each answer is a note of kind reflection."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Digits, Header, Static

from app.bindings import TranslatedBindings
from app.live import LiveSession
from app.widgets.capture import Capture, CaptureKeys
from app.widgets.footer import ResponsiveFooter
from app.widgets.plain import PlainColumn, PlainRow
from cards.i18n import language, t
from cards.model import Card, in_language
from sessions.clock import RoundClock
from sessions.notes import ANONYMOUS, GROUP, SYMBOLS, Draft, answer_of, speaker_label
from sessions.session import CommandRefused

REFLECTION_MINUTES = 10


def reflection_questions(live: LiveSession) -> list[Card]:
    """The three questions of the 10-minute reflection, from the built-in Reflectie deck (in
    the UI's language when it has a translation)."""
    deck = in_language(live.session.decks.values(), "reflectie", language())
    if deck is None:
        return [Card(id=f"q{n}", text=t(f"reflection.q{n}")) for n in (1, 2, 3)]
    return [card for card in deck.cards if "10-minuten" in card.tags][:3]


class ReflectionScreen(CaptureKeys, TranslatedBindings, Screen[None]):
    BLANK = True  # drawn as its background alone, as its plain containers (`app.widgets.plain`)
    BINDINGS = [
        Binding("enter", "answer", "reflection.answer", key_display="⏎", id="reflection.answer"),
        Binding("1", "question(0)", "reflection.q", key_display="1-3", id="reflection.q1"),
        Binding("2", "question(1)", show=False),
        Binding("3", "question(2)", show=False),
        Binding("space", "toggle_clock", "board.clock", key_display="␣", id="reflection.clock"),
        Binding("escape", "leave", "common.back", id="reflection.back"),
    ]

    @property
    def questions(self) -> list[Card]:
        """In the UI's language: they follow a language switch."""
        return reflection_questions(self.live)

    def __init__(self, live: LiveSession) -> None:
        super().__init__()
        self.live = live
        self.current = 0
        self.clock = RoundClock(REFLECTION_MINUTES * 60, now=live.session.now)

    def compose(self) -> ComposeResult:
        yield Header()
        with PlainColumn(id="reflection"):
            with PlainRow(id="reflection-top"):
                yield Digits(self.clock.display(), id="reflection-clock")
                yield Static(id="reflection-questions")
            yield VerticalScroll(Static(id="reflection-answers"), id="reflection-scroll")
            yield Capture(
                self.submit_answer,
                speakers=lambda: [GROUP, *self.live.session.state.participants, ANONYMOUS],
                hint=self.answer_hint,
                draft=self.live.draft("reflection"),
                id="capture",
            )
        yield ResponsiveFooter()

    def on_mount(self) -> None:
        self.drawn_anew()
        self.set_interval(0.2, self.tick)

    def drawn_anew(self) -> None:
        started = self.live.session.state.started
        if self.live.saved and started is not None:
            self.title = started.title  # as on the board it was opened from
        self.sub_title = t("reflection.title")
        self.query_one(Capture).display = False
        self.show()

    def tick(self) -> None:
        if self.redrawing:
            return
        digits = self.query_one("#reflection-clock", Digits)
        if digits.value != self.clock.display():
            digits.update(self.clock.display())
        digits.set_class(self.clock.phase() == "over", "-over")

    def show(self) -> None:
        text = Text()
        for index, card in enumerate(self.questions):
            style = "bold reverse" if index == self.current else ""
            text.append(f"{index + 1}. {card.text}\n", style=style)
        self.query_one("#reflection-questions", Static).update(text)
        answers = Text()
        for index, card in enumerate(self.questions):
            notes = [
                n for n in self.live.session.state.notes_of("reflection") if n.question == card.id
            ]
            answers.append(f"{index + 1}. {card.text}\n", style="bold")
            for note in notes:
                answers.append(f"  ◦ {speaker_label(note.speaker)}: ", style="italic")
                answers.append(f"{note.text}\n")
            if not notes:
                answers.append(f"  {t('reflection.no_answers')}\n", style="dim")
        self.query_one("#reflection-answers", Static).update(answers)

    def action_question(self, index: int) -> None:
        if 0 <= index < len(self.questions):
            self.current = index
            self.show()

    def action_toggle_clock(self) -> None:
        self.clock.toggle()

    def action_answer(self) -> None:
        if not self.clock.running and self.clock.elapsed() == 0:
            self.clock.start()  # the ten minutes start with the first answer
        self.query_one(Capture).open(GROUP)

    def answer_hint(self, capture: Capture, text: str) -> Text:
        """Above the line while typing: what `submit_answer` saves (the text as typed, an
        answer to the question chosen), by whom (an `@name`, else whom `tab` chose), and the
        keys."""
        named, _, stray = answer_of(text, self.live.session.state.participants)
        hint = Text()
        hint.append(
            f"{SYMBOLS['reflection']} {t('reflection.answer_to', number=self.current + 1)}",
            style="bold reverse",
        )
        by = speaker_label(named or capture.speaker)
        hint.append(f"  {t('capture.by', name=by)}  ", style="bold")
        if stray:
            hint.append(t("capture.no_such_name", word=stray), style="italic")
            hint.append("  ")
        hint.append(t("reflection.capture_help"))
        return hint

    def submit_answer(self, capture: Capture, text: str) -> bool:
        named, answer, _ = answer_of(text, self.live.session.state.participants)
        draft = Draft("reflection", answer, named or capture.speaker)
        try:
            self.live.session.record(draft, question=self.questions[self.current].id)
        except CommandRefused as refused:
            self.notify(t(refused.key, **refused.params), severity="warning")
            return False
        return True

    @on(Capture.Closed)
    def answer_closed(self) -> None:
        self.show()

    def action_leave(self) -> None:
        self.dismiss(None)
