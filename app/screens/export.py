"""Export a session's notes: pick formats and a folder, see the files written or what failed."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, SelectionList, Static

from app.bindings import TranslatedBindings
from app.screens.dialogs import folder_typed_in
from app.widgets.footer import ResponsiveFooter
from cards.i18n import t
from cards.model import Deck
from sessions.export.files import ExportError, export_session
from sessions.state import SessionState

FORMAT_NAMES = {
    "md": "Markdown (.md)",
    "html": "HTML (.html)",
    "json": "JSON (.json)",
    "csv": "CSV (.csv)",
}


class FormatList(SelectionList[str]):
    """The formats to write: space ticks one on or off, `enter` exports (it untied the format
    under the cursor, and the export that followed left that format out, silently)."""

    BINDINGS = [Binding("enter", "screen.export", show=False)]


class ExportScreen(TranslatedBindings, ModalScreen[list[Path] | None]):
    BINDINGS = [
        Binding("ctrl+s", "export", "export_screen.go", id="export.go"),
        Binding("escape", "close", "common.back", id="export.close"),
    ]

    def __init__(self, state: SessionState, decks: dict[str, Deck]) -> None:
        super().__init__()
        self.state = state
        self.decks = decks
        self.written: list[Path] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-box"):
            yield Static(t("export_screen.title"), classes="dialog-title")
            yield Label(t("export_screen.formats"))
            yield FormatList(
                *((name, fmt, True) for fmt, name in FORMAT_NAMES.items()), id="export-formats"
            )
            yield Label(t("export_screen.folder"))
            yield Input(str(self.app.export_folder()), id="export-folder")  # type: ignore[attr-defined]
            yield Static(id="export-result")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("export_screen.go"), variant="primary", id="export-go")
                yield Button(t("common.back"), id="export-close")
        yield ResponsiveFooter()

    def on_mount(self) -> None:
        self.query_one("#export-formats").focus()

    @on(Input.Submitted, "#export-folder")
    @on(Button.Pressed, "#export-go")
    def action_export(self) -> None:
        result = self.query_one("#export-result", Static)
        result.update("")  # an earlier export's files: not what this one did
        formats = list(self.query_one("#export-formats", SelectionList).selected)
        if not formats:
            self.notify(t("export_screen.no_formats"), severity="warning")
            return
        folder = folder_typed_in(
            self.query_one("#export-folder", Input),
            self.app.export_folder(),  # type: ignore[attr-defined]
        )
        if folder is None:
            return
        result.update(t("export_screen.busy"))
        self.write(formats, folder)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def write(self, formats: list[str], folder: Path) -> None:
        """Write the files off the event loop; each one complete or not at all."""
        try:
            paths = export_session(self.state, formats, folder, decks=self.decks)
        except ExportError as error:
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._done, paths)

    def _done(self, paths: list[Path]) -> None:
        self.written = paths
        if paths:
            self.app.exported_to(paths[0].parent)  # type: ignore[attr-defined]
        # the folder once and the names after it: four full paths did not fit at 80x24
        folder = paths[0].parent if paths else Path()
        text = Text(t("export_screen.written_in", count=len(paths), folder=folder), style="bold")
        stems = {path.stem for path in paths}
        if len(stems) == 1:  # one name in four formats: said on one line
            names = paths[0].name + "  " + "  ".join(path.suffix for path in paths[1:])
        else:
            names = "   ".join(path.name for path in paths)
        text.append("\n" + names)
        self.query_one("#export-result", Static).update(text)
        # the toast says it whole: the names are in the dialog (they did not fit in a toast)
        self.notify(
            t("export_screen.written", count=len(paths), folder=folder), timeout=4, markup=False
        )

    def _failed(self, error: ExportError) -> None:
        text = Text(t("export_screen.failed"), style="bold")
        text.append(f"\n{error}")
        if error.written:
            text.append(
                f"\n{t('export_screen.partly', files=', '.join(p.name for p in error.written))}"
            )
        self.query_one("#export-result", Static).update(text)
        self.notify(str(error), title=t("export_screen.failed"), severity="error", markup=False)

    @on(Button.Pressed, "#export-close")
    def action_close(self) -> None:
        self.dismiss(self.written or None)
