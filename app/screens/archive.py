"""The archive: every session with its date, title, team and counts; search as you type."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from app import locations
from app.bindings import TranslatedBindings
from app.widgets.footer import ResponsiveFooter
from cards.i18n import t
from sessions.archive import SessionSummary, delete, list_sessions
from sessions.lock import SessionLocked, open_in_a_window

# the title takes what the others leave; they come in this order while it keeps TITLE_AT_LEAST
COLUMNS = ("date", "title", "state", "team", "format", "notes", "cards", "agreements")
TITLE_AT_LEAST = 24
WIDEST = {"team": 18, "format": 14}  # a long team or format name is cut short (…)
STATE_AT_MOST = 24  # a damaged file's reason in the state column: cut short, always
PADDING = 2  # DataTable's cell padding, both sides


class ArchiveScreen(TranslatedBindings, Screen[None]):
    BINDINGS = [
        Binding("enter", "resume", "archive.resume", id="archive.resume", priority=True),
        Binding("o", "view", "archive.view", id="archive.view"),
        Binding("x", "export", "archive.export", id="archive.export"),
        Binding("delete", "delete", "archive.delete", key_display="del", id="archive.delete"),
        Binding("escape", "leave", "common.back", id="archive.back"),
        # from the search box: the arrows take the focus to the list, and move through it
        # (there its own keys), so that `o`, `x` and `del` act on the row they chose
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sessions: list[SessionSummary] = []

    def compose(self) -> ComposeResult:
        yield Header()
        # back from the list, the search goes on where it was (not all of it selected)
        yield Input(placeholder=t("archive.search"), id="archive-search", select_on_focus=False)
        yield DataTable(id="archive-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="archive-status", markup=False)  # a folder in it
        yield ResponsiveFooter()

    def on_mount(self) -> None:
        self.drawn_anew()

    def drawn_anew(self) -> None:
        self.sub_title = t("archive.title")
        if self.is_mounted and self.is_current:
            self.load()  # composed anew: fill the table again

    @work(thread=True, exclusive=True, group="archive", exit_on_error=False)
    def load(self) -> None:
        """Read every session file off the event loop, then fill the table."""
        sessions = list_sessions(locations.data_dir())
        self.app.call_from_thread(self._loaded, sessions)

    def _loaded(self, sessions: list[SessionSummary]) -> None:
        self.sessions = sessions
        self._fill(self.query_one("#archive-search", Input).value)

    def _fill(self, query: str, *, searched: bool = False) -> None:
        """List the sessions that match `query`, the best matches first (newest first among
        equals), in the columns that fit the width. The row chosen stays chosen, unless the
        search changed: then the best match is."""
        table = self.query_one(DataTable)
        ranked = [(rank, s) for s in self.sessions if (rank := s.match_rank(query)) is not None]
        shown = [s for _, s in sorted(ranked, key=lambda pair: pair[0])]
        room = (table.size.width or self.app.size.width - 2) - 2  # the scrollbar
        columns = fitting_columns(shown, room)
        before = None if searched else self.selected()
        table.clear(columns=True)
        for key, width in columns:
            table.add_column(t(f"archive.col.{key}"), key=key, width=width)
        for s in shown:
            table.add_row(*(_cell(s, key) for key, _ in columns), key=str(s.path))
        if before in shown:  # the facilitator's row stays chosen (a resize, a search)
            table.move_cursor(row=shown.index(before), animate=False)
        self.query_one("#archive-status", Static).update(
            t("archive.count", shown=len(shown), total=len(self.sessions))
            if self.sessions
            else t("archive.empty", folder=locations.data_dir())
        )

    @on(Input.Changed, "#archive-search")
    def search(self, event: Input.Changed) -> None:
        self._fill(event.value, searched=True)

    def selected(self) -> SessionSummary | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((s for s in self.sessions if str(s.path) == key), None)

    def _healthy(self) -> SessionSummary | None:
        summary = self.selected()
        if summary is None:
            self.notify(t("archive.none_selected"), severity="warning")
            return None
        if summary.damaged:
            self.notify(t("archive.cannot_open", problem=summary.problem), severity="error")
            return None
        return summary

    def action_move(self, step: int) -> None:
        table = self.query_one(DataTable)
        if self.focused is not table:
            # from the search box, into the list on the row the search chose (the first
            # `down` went a row further, past the session `enter` would have opened)
            table.focus()  # the list's keys join the Footer
            return
        if step > 0:
            table.action_cursor_down()
        else:
            table.action_cursor_up()

    def on_key(self, event: events.Key) -> None:
        """In the list, a letter that is none of its keys goes on with the search (backspace
        takes one off it), and `up` on the first row goes back to the search box."""
        table = self.query_one(DataTable)
        if self.focused is not table:
            return
        search = self.query_one("#archive-search", Input)
        if event.key == "up" and table.cursor_row <= 0:
            event.stop()
            search.focus()
        elif event.is_printable and event.character and event.key not in self.active_bindings:
            event.stop()
            search.focus()
            search.insert_text_at_cursor(event.character)
        elif event.key == "backspace":  # the search is edited from the list as it is typed
            event.stop()
            search.focus()
            search.action_delete_left()

    def action_resume(self) -> None:
        # from the search box too: the row the arrows and the search chose, as the Footer
        # says (it used to move to the list first, and take a second `enter`)
        search = self.query_one("#archive-search", Input)
        if self.focused is search:
            # `enter` is read at once; letters typed just before it may not have reached the
            # search box yet: the session is chosen after them, by all that was typed
            search.call_later(self._resume_found)
        else:
            self._resume_chosen()

    def _resume_found(self) -> None:
        self._fill(self.query_one("#archive-search", Input).value)
        self._resume_chosen()

    def _resume_chosen(self) -> None:
        if summary := self._healthy():
            self.app.open_session(summary.path)  # type: ignore[attr-defined]

    def action_view(self) -> None:
        if summary := self._healthy():
            self.app.open_session(summary.path, read_only=True)  # type: ignore[attr-defined]

    def action_export(self) -> None:
        summary = self._healthy()
        if summary is not None:
            self.export(summary.path)

    @work(thread=True, exclusive=True, group="archive-export", exit_on_error=False)
    def export(self, path: Path) -> None:
        """Read the session (never locking or writing it) and open the export screen."""
        from app.screens.export import ExportScreen
        from sessions.state import MissingDeck, counted, fold
        from sessions.store import StoreError, load_events

        decks = dict(self.app.decks)  # type: ignore[attr-defined]
        try:
            state = counted(fold(load_events(path), decks))
        except (StoreError, MissingDeck) as error:
            message = error.message if isinstance(error, StoreError) else str(error)
            self.app.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        self.app.call_from_thread(self.app.push_screen, ExportScreen(state, decks))

    def action_delete(self) -> None:
        from app.screens.dialogs import ConfirmScreen

        summary = self.selected()
        if summary is None:
            return
        name = summary.title or summary.path.name
        if open_in_a_window(summary.path):  # said before the question, not after the yes
            self.notify(t("archive.delete_locked"), severity="error")
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                delete(summary)
            except SessionLocked:
                self.notify(t("archive.delete_locked"), severity="error")
                return
            except OSError as error:
                self.notify(str(error), title=t("archive.delete_failed"), severity="error")
                return
            self.notify(t("archive.deleted", name=name))
            self.load()

        self.app.push_screen(
            ConfirmScreen(
                t("archive.delete_question", name=name), yes=t("archive.delete"), danger=True
            ),
            answered,
        )

    def action_leave(self) -> None:
        self.app.pop_screen()

    def on_screen_resume(self) -> None:
        self.load()

    def on_resize(self) -> None:
        if self.sessions:
            self._fill(self.query_one("#archive-search", Input).value)  # the columns that fit


def _cell(s: SessionSummary, column: str) -> str | Text:
    """One cell of the archive's table; people's text is shown literally, cut with "…"."""
    if s.damaged:
        if column == "title":
            return Text(t("archive.damaged", name=s.path.name), style="bold", no_wrap=True)
        return Text(s.problem, no_wrap=True, overflow="ellipsis") if column == "state" else ""
    if column in ("title", "team"):
        return Text(getattr(s, column), no_wrap=True, overflow="ellipsis")
    if column == "state":
        return t("cli.sessions.ended" if s.ended else "cli.sessions.open")
    if column == "format":
        return Text(t(f"format.{s.format}") if s.format else "", no_wrap=True, overflow="ellipsis")
    return str(getattr(s, column))


def fitting_columns(shown: list[SessionSummary], room: int) -> list[tuple[str, int]]:
    """The columns that fit in `room` cells, with their widths: the title gets what the
    others leave, and they come in `COLUMNS` order while the title keeps `TITLE_AT_LEAST`
    (or all it needs). A long team or format name is cut short (`WIDEST`) only when the
    whole of every column does not fit."""
    whole = _fitted(shown, room, capped=False)
    fits = len(whole) == len(COLUMNS) and dict(whole)["title"] >= _needed(shown, "title", False)
    return whole if fits else _fitted(shown, room, capped=True)


def _needed(shown: list[SessionSummary], column: str, capped: bool) -> int:
    cells = [_cell(s, column) for s in shown]
    wide = max((Text(c).cell_len if isinstance(c, str) else c.cell_len for c in cells), default=0)
    header = Text(t(f"archive.col.{column}")).cell_len
    if column == "state":
        wide = min(wide, STATE_AT_MOST)
    return max(header, min(wide, WIDEST.get(column, wide)) if capped else wide)


def _fitted(shown: list[SessionSummary], room: int, *, capped: bool) -> list[tuple[str, int]]:
    title = _needed(shown, "title", capped)
    chosen: list[tuple[str, int]] = []
    used = 0
    for column in COLUMNS:
        if column == "title":
            continue
        width = _needed(shown, column, capped)
        title_room = room - used - (width + PADDING) - PADDING
        if chosen and title_room < min(title, TITLE_AT_LEAST):
            break
        chosen.append((column, width))
        used += width + PADDING
    title_width = max(min(title, room - used - PADDING), min(title, TITLE_AT_LEAST), 1)
    order = {column: number for number, column in enumerate(COLUMNS)}
    return sorted([*chosen, ("title", title_width)], key=lambda item: order[item[0]])
