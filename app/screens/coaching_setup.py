"""Set up the next coaching round: the coachee's case, the conversation type, segment lengths."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from app.bindings import TranslatedBindings
from app.screens.dialogs import filled_in, leave_form
from app.widgets.footer import ResponsiveFooter
from app.widgets.form_select import FormSelect
from cards.frozen import frozen
from cards.i18n import t
from sessions.coaching import (
    CONVERSATION_TYPES,
    Roles,
    default_lengths,
    role_choices,
    roles_text,
    segments_for,
)


@frozen
class RoundPlan:
    case: str
    conversation_type: str
    lengths: tuple[float, ...]
    roles: Roles


class CoachingSetupScreen(TranslatedBindings, ModalScreen[RoundPlan | None]):
    BINDINGS = [
        Binding("ctrl+s", "start", "coaching.start", id="coaching.start"),
        Binding("escape", "cancel", "common.cancel", id="coaching.setup_cancel"),
    ]

    def __init__(self, people: tuple[str, ...], proposed: Roles, number: int) -> None:
        super().__init__()
        self.choices = role_choices(people, proposed)
        self.segments = segments_for(len(people))
        self.lengths = default_lengths(len(people))
        self.number = number
        self.as_opened: tuple[object, ...] = ()  # the fields as the form opened

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="coaching-setup"):
            yield Static(t("coaching.setup_title", number=self.number), classes="dialog-title")
            # the roles proposed (turned on from the last round), or any other sharing of them
            yield FormSelect(
                # names as typed, never as markup ("[/b]Ann" stopped the app)
                [(Text(roles_text(roles)), str(n)) for n, roles in enumerate(self.choices)],
                value="0",
                allow_blank=False,
                id="roles",
                compact=True,
            )
            # not a stop of tab of its own: each field scrolls into view as it gets the focus
            with VerticalScroll(id="coaching-setup-fields", can_focus=False):
                yield Static(t("coaching.case"))  # a Label would not wrap
                yield Input(placeholder=t("coaching.case_hint"), id="case", compact=True)
                yield Static(t("coaching.type"))
                yield FormSelect(
                    [(t(f"coaching.types.{c}"), c) for c in CONVERSATION_TYPES],
                    value=CONVERSATION_TYPES[0],
                    allow_blank=False,
                    id="type",
                    compact=True,
                )
                yield Input(placeholder=t("coaching.type_other"), id="type-other", compact=True)
                yield Static(t("coaching.minutes_heading"))
                for segment, seconds in zip(self.segments, self.lengths, strict=True):
                    with Horizontal(classes="setup-row"):
                        yield Label(t(f"segment.{segment}"), classes="setup-label")
                        yield Input(
                            str(int(seconds // 60)),
                            type="integer",
                            id=f"len-{segment}",
                            compact=True,
                        )
                    # under the field it is about (it stood under the last of them)
                    yield Static(id=f"error-len-{segment}", classes="setup-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("coaching.start"), variant="primary", id="start")
                yield Button(t("common.cancel"), id="cancel")
        yield ResponsiveFooter()  # ctrl+s and esc, not the coaching screen's keys beneath

    def on_mount(self) -> None:
        self.query_one("#case", Input).focus()
        self.as_opened = filled_in(self)

    @on(Input.Submitted)
    def next_field(self) -> None:
        self.focus_next()

    def read_lengths(self) -> tuple[tuple[float, ...], str]:
        """The segments' lengths in seconds, and the first segment whose minutes are not
        1 to 60 ("" when all are)."""
        lengths = []
        for segment in self.segments:
            value = self.query_one(f"#len-{segment}", Input).value.strip()
            minutes = int(value) if value.isdigit() else 0
            if not 1 <= minutes <= 60:
                return (), segment
            lengths.append(minutes * 60.0)
        return tuple(lengths), ""

    def show_problem(self, segment: str) -> None:
        """The message under the minutes of `segment`, and under no other ("": none)."""
        for each in self.segments:
            error = self.query_one(f"#error-len-{each}", Static)
            wrong = each == segment
            error.update(t("coaching.minutes_range", segment=t(f"segment.{each}")) if wrong else "")
            error.set_class(wrong, "-shown")

    @on(Input.Changed)
    def check_again(self) -> None:
        """A field changed: a problem shown is checked again, and its message goes once it is
        fixed."""
        if self.query(".setup-error.-shown"):
            self.show_problem(self.read_lengths()[1])

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        lengths, wrong = self.read_lengths()
        self.show_problem(wrong)
        if wrong:
            self.query_one(f"#len-{wrong}", Input).focus()
            return
        other = self.query_one("#type-other", Input).value.strip()
        chosen = str(self.query_one("#type", Select).value)
        kind = other or t(f"coaching.types.{chosen}")
        case = self.query_one("#case", Input).value.strip()
        roles = self.choices[int(str(self.query_one("#roles", Select).value))]
        self.dismiss(RoundPlan(case, kind, lengths, roles))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """No round now; what was filled in is only dropped after a yes."""
        leave_form(self, filled_in(self) != self.as_opened, lambda: self.dismiss(None))
