"""The new-session form: set-up with sensible defaults, each problem shown beside its field."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Header,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
)

from app.bindings import TranslatedBindings
from app.screens.dialogs import filled_in, leave_form
from app.widgets.footer import ResponsiveFooter
from app.widgets.form_select import FormSelect
from cards.i18n import t
from sessions.formats import FORMAT_IDS, Format, get_format
from sessions.meta import SessionSetup, split_names, validate

# the times a format may not use, and whether it does (coaching has its own, per part)
TIMINGS: dict[str, Callable[[Format], bool]] = {
    "turn_seconds": lambda fmt: fmt.turn != "open",
    "round_minutes": lambda fmt: not fmt.coaching and (fmt.turn == "open" or fmt.harvest),
    "fair_share": lambda fmt: fmt.turn != "open",
}


class NewSessionScreen(TranslatedBindings, Screen[None]):
    BINDINGS = [
        Binding("ctrl+s", "start", "setup.start", id="setup.start"),
        Binding("escape", "cancel", "common.cancel", id="setup.cancel"),
    ]

    def __init__(self, defaults: SessionSetup | None = None) -> None:
        super().__init__()
        turn = self.app.settings.turn_seconds  # type: ignore[attr-defined]
        self.defaults = defaults or SessionSetup(title="", turn_seconds=turn)
        self.as_opened: tuple[object, ...] = ()  # the fields as the form opened
        self.checking: set[str] = set()  # the fields with a problem at the last ctrl+s

    def compose(self) -> ComposeResult:
        d = self.defaults
        yield Header()
        # not a stop of tab of its own (on opening, the focus went there, not to a field):
        # each field scrolls into view as it gets the focus
        with VerticalScroll(id="setup-form", can_focus=False):
            yield from self._field(
                "title", Input(compact=True, value=d.title, placeholder=t("setup.title_hint"))
            )
            yield from self._field(
                "team", Input(compact=True, value=d.team, placeholder=t("setup.team_hint"))
            )
            yield from self._field("facilitator", Input(compact=True, value=d.facilitator))
            yield from self._field(
                "date", Input(compact=True, value=d.date, placeholder=t("setup.date_hint"))
            )
            yield from self._field(
                "format",
                FormSelect(
                    [(t(f"format.{f}"), f) for f in FORMAT_IDS],
                    value=d.format,
                    allow_blank=False,
                    compact=True,
                ),
            )
            yield from self._field(
                "participants",
                Input(
                    compact=True,
                    value=", ".join(d.participants),
                    placeholder=t("setup.participants_hint"),
                ),
            )
            yield from self._field(
                "anonymous",
                Input(compact=True, value=str(d.anonymous or ""), type="integer", placeholder="0"),
            )
            yield from self._field(
                "leader", Input(compact=True, value=d.leader, placeholder=t("setup.leader_hint"))
            )
            yield from self._field(
                "decks",
                SelectionList[str](
                    *(
                        (Content(deck.title), deck.id, deck.id in d.decks)  # as typed
                        for deck in self.app.library.listed()  # type: ignore[attr-defined]
                    )
                ),
            )
            yield from self._field(
                "turn_seconds", Input(compact=True, value=str(d.turn_seconds), type="integer")
            )
            yield from self._field(
                "round_minutes", Input(compact=True, value=str(d.round_minutes), type="integer")
            )
            yield from self._field(
                "fair_share", Checkbox(t("setup.fair_share_on"), value=d.fair_share, compact=True)
            )
            yield from self._field(
                "total_minutes", Input(compact=True, value=str(d.total_minutes), type="integer")
            )
            with Horizontal(id="setup-buttons"):
                yield Button(t("setup.start"), variant="primary", id="setup-start")
                yield Button(t("common.cancel"), id="setup-cancel")
        yield ResponsiveFooter()

    def _field(self, name: str, widget: Widget) -> ComposeResult:
        widget.id = f"field-{name}"
        with Horizontal(classes="setup-row"):
            yield Label(t(f"setup.field.{name}"), classes="setup-label")
            yield widget
        yield Static(classes="setup-error", id=f"error-{name}", markup=False)  # names in it
        if name in TIMINGS:
            yield Static(classes="setup-hint", id=f"hint-{name}", markup=False)

    def on_mount(self) -> None:
        self.show_timings(str(self.defaults.format))
        self.drawn_anew()
        self.as_opened = filled_in(self)

    @on(Select.Changed, "#field-format")
    def format_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.show_timings(event.value)

    def show_timings(self, format_id: str) -> None:
        """Only the times the format uses can be changed; the others say why not."""
        fmt = get_format(format_id)
        for name, used in TIMINGS.items():
            applies = used(fmt)
            field = self.query_one(f"#field-{name}")
            field.disabled = not applies
            if field.parent is not None:  # the row: its label is dimmed with the field
                field.parent.set_class(not applies, "-unused")
            hint = self.query_one(f"#hint-{name}", Static)
            reason = "coaching" if fmt.coaching else name
            hint.update("" if applies else t(f"setup.not_used.{reason}"))
            hint.set_class(not applies, "-shown")

    def drawn_anew(self) -> None:
        self.sub_title = t("setup.heading")
        self.query_one("#field-title").focus()

    # -- reading the form ------------------------------------------------------------------

    def _text(self, name: str) -> str:
        return self.query_one(f"#field-{name}", Input).value.strip()

    def _number(self, name: str, default: int) -> int:
        if self.query_one(f"#field-{name}").disabled:  # the format does not use it
            return default
        value = self._text(name)
        try:
            return int(value) if value else default
        except ValueError:
            return -1

    def read_setup(self) -> SessionSetup:
        decks = tuple(self.query_one("#field-decks", SelectionList).selected)
        fmt = self.query_one("#field-format", Select).value
        return SessionSetup(
            title=self._text("title"),
            team=self._text("team"),
            facilitator=self._text("facilitator"),
            date=self._text("date") or self.defaults.date,
            participants=split_names(self._text("participants")),
            anonymous=max(self._number("anonymous", 0), 0),
            leader=self._text("leader"),
            format=str(fmt),
            decks=decks,
            turn_seconds=self._number("turn_seconds", 120),
            total_minutes=self._number("total_minutes", 60),
            round_minutes=self._number("round_minutes", 10),
            fair_share=self.query_one("#field-fair_share", Checkbox).value,
        )

    def show_problems(self, problems: dict[str, str]) -> None:
        for error in self.query(".setup-error").results(Static):
            name = (error.id or "").removeprefix("error-")
            message = problems.get(name, "")
            error.update(message)
            error.set_class(bool(message), "-shown")
            self.query_one(f"#field-{name}").set_class(bool(message), "-invalid")

    @on(Input.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    @on(Checkbox.Changed)
    def check_again(self) -> None:
        """A field changed: the fields that had a problem at the last ctrl+s are checked
        again, so a message goes as soon as its problem is fixed (and comes back while it is
        not); problems elsewhere wait for ctrl+s, not to nag while typing."""
        if self.checking:
            known = tuple(deck.id for deck in self.app.library.listed())  # type: ignore[attr-defined]
            problems = validate(self.read_setup(), known)
            left = {n: problems[n] for n in self.checking if n in problems}
            self.show_problems(left)
            if not left:  # "Nog 2 velden aanpassen: ..." no longer holds
                self.app.clear_hints(if_refused=True)  # type: ignore[attr-defined]

    def on_unmount(self) -> None:
        # what the form said does not hold on the screen it leaves for (the deck browser)
        self.app.clear_hints(if_refused=True)  # type: ignore[attr-defined]

    # -- moving through the form -----------------------------------------------------------

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        if event.input.id == "field-total_minutes":
            self.action_start()
        else:
            self.focus_next()

    @on(Button.Pressed, "#setup-start")
    def start_pressed(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#setup-cancel")
    def action_cancel(self) -> None:
        """Back to the menu; what was filled in is only dropped after a yes."""
        leave_form(self, filled_in(self) != self.as_opened, self.app.pop_screen)

    def action_start(self) -> None:
        setup = self.read_setup()
        problems = validate(setup, tuple(deck.id for deck in self.app.library.listed()))  # type: ignore[attr-defined]
        self.show_problems(problems)
        self.checking = set(problems)
        if problems:
            first = self.query_one(f"#field-{next(iter(problems))}")
            first.focus(scroll_visible=False)
            first.scroll_visible(animate=False)
            # which fields: a field is out of sight while another's list is open, or below
            fields = ", ".join(t(f"setup.field.{name}") for name in problems)
            self.notify(
                t("setup.fix", count=len(problems), fields=fields), severity="warning", timeout=6
            )
            return
        self.create(setup)

    @work(thread=True, exclusive=True, group="create-session", exit_on_error=False)
    def create(self, setup: SessionSetup) -> None:
        """Write the new session's file off the event loop, then show its board (handed to
        the UI thread as a message: `call_from_thread` would wait for ever as the app ends)."""
        app = self.app
        try:
            live = app.create_session(setup)  # type: ignore[attr-defined]
        except Exception as error:
            failed = partial(
                app.notify, str(error), title=t("setup.failed"), severity="error", markup=False
            )
            app.post_message(app.SessionRead(failed))  # type: ignore[attr-defined]
            return
        if app.ending:  # type: ignore[attr-defined]
            live.close()  # quit meanwhile: no board will come to close it
            return
        shown = partial(app.show_board, live, replace=True)  # type: ignore[attr-defined]
        app.post_message(app.SessionRead(shown))  # type: ignore[attr-defined]
