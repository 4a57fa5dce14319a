"""The Textual app: themes, stylesheets, the first screen, and opening sessions."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState

import assets
from app import kept_css, locations
from app.bindings import key_as_written
from app.idle_gc import IdleCollector
from app.settings import Settings, save_settings
from app.themes import DEFAULT_THEME, THEMES
from cards import i18n as cards_i18n
from cards.i18n import t
from cards.loader import DeckLibrary

HINT_SECONDS = 6  # a message shown longer is a notice to read; a step does not clear it
RESCUE = "noodkopie"  # the folder offered for a copy after the disk failed, in the export folder

if TYPE_CHECKING:  # the session layer loads when a session opens, not at start-up
    from textual.notifications import SeverityLevel

    from app.live import LiveSession
    from sessions.meta import SessionSetup
    from sessions.store import StoreError

ASSETS = Path(assets.__file__).parent


class UnderBoard(Screen[None]):
    """The empty first screen under a board opened from the command line (never seen)."""

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # the board is pushed over it before it comes up, and the menu takes the board's
        # place: nothing on it is ever shown, so it is not restyled as it comes up (2 ms)
        event.refresh_styles = False


class DialoogApp(App[None]):
    """dialoog: deal dialogue cards and run sessions on a projector."""

    TITLE = "dialoog"
    CSS_PATH = [ASSETS / "app.tcss", ASSETS / "board.tcss"]
    BINDINGS = [
        Binding("ctrl+q", "quit", "app.quit", show=False, priority=True, id="quit"),
        Binding("ctrl+c", "help_quit", show=False, system=True),
        Binding("ctrl+p", "command_palette", "app.palette", show=False, priority=True),
        # the focus moves as the key arrives, like the board's keys (`in_typed_order`): what is
        # typed after a tab goes into the next field, also when the keys are read in one burst
        Binding("tab", "focus_next", "Focus Next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", "Focus Previous", show=False, priority=True),
    ]

    class StoreFailed(Message):
        """The writer thread could not save; `waiting` events are kept in memory.

        A plain class, where the style guide's messages are dataclasses: on Python 3.11 a
        dataclass costs about a millisecond of start-up to make (see `cards.frozen`)."""

        def __init__(self, live: LiveSession, error: StoreError, waiting: int) -> None:
            super().__init__()
            self.live = live
            self.error = error
            self.waiting = waiting

    def __init__(
        self,
        library: DeckLibrary,
        *,
        theme_name: str | None = None,
        seed: int | None = None,
        start: LiveSession | None = None,
        settings: Settings | None = None,
        notices: list[str] | None = None,
        mirror: Path | None = None,
        mirror_folder: Path | None = None,
    ) -> None:
        super().__init__()
        # a message and when it goes from the screen, so the same one is not stacked again
        # each message on screen: until when, and whether it is a notice to read (`clear_hints`)
        self._shown_until: dict[tuple[str, str, str], tuple[float, bool]] = {}
        self.mirror = mirror  # the session a mirror follows, from the start
        self.mirror_folder = mirror_folder  # ... or whatever session runs in this folder
        self.library = library
        self.decks = {deck.id: deck for deck in library}
        self.seed = seed
        self.start = start
        self.settings = settings or Settings()
        self.notices = list(notices or [])
        for theme in THEMES:
            self.register_theme(theme)
        wanted = theme_name or DEFAULT_THEME
        if wanted not in self.available_themes:
            self.notices.append(t("app.unknown_theme", theme=wanted))
            wanted = DEFAULT_THEME
        self._first_theme(wanted)
        self.collector = IdleCollector()
        self._started = True
        self._opening = False  # a session file is being read (`open_session`)
        self.ending = False  # `exit` was called: the app is closing

    _themed = False  # `_first_theme` has run: until then no colours are worked out

    def get_css_variables(self) -> dict[str, str]:
        # `App.__init__` works out the colours of Textual's default theme for a stylesheet
        # that `_first_theme` replaces at once: not needed (about 1.5 ms of every start)
        return super().get_css_variables() if self._themed else {}

    def _first_theme(self, name: str) -> None:
        """Set the theme the app starts with as Textual's `theme` watcher would (the app's
        theme classes, the ANSI colour mapping, the stylesheet's colours), but without the
        second parse of the whole stylesheet it queues: before the app runs nothing is parsed
        yet, so the first parse can read this theme's colours (about 10 ms of every start)."""
        self.set_reactive(App.theme, name)
        self._themed = True
        # parsed rules read back from the cache file of an earlier start where they can be
        self.stylesheet = kept_css.KeptStylesheet(variables=self.get_css_variables())
        dark = self.current_theme.dark
        classes = {c: False for c in self.classes if c.startswith("-theme-")}
        classes |= {f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark}
        self.update_classes(classes, update=False)
        self._refresh_truecolor_filter(self.ansi_theme)

    def get_key_display(self, binding: Binding) -> str:
        return key_as_written(binding) or super().get_key_display(binding)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.collector.activity()  # a key or a click: no garbage collection just now
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.collector.stop()

    def watch_theme(self, theme: str) -> None:
        """A theme picked in the palette is kept for the next start."""
        if getattr(self, "_started", False) and theme != self.settings.theme:
            self.settings = replace(self.settings, theme=theme)
            self.save_settings()

    @work(thread=True, exclusive=True, group="settings", exit_on_error=False)
    def save_settings(self) -> None:
        try:
            save_settings(self.settings)
        except OSError as error:
            self.call_from_thread(
                self.notify, str(error), title=t("settings.save_failed"), severity="error"
            )

    def export_folder(self) -> Path:
        """The folder to offer for an export: the one exported to last, else the standard."""
        return self._exported_to or locations.export_dir()

    _exported_to: Path | None = None

    def exported_to(self, folder: Path) -> None:
        """An export was written to `folder`: offered next time, also after a restart."""
        self._exported_to = folder
        if str(folder) != self.settings.export_dir:
            self.settings = replace(self.settings, export_dir=str(folder))
            locations.configure_fallback(export_dir=folder)
            self.save_settings()

    def switch_language(self) -> None:
        """Dutch ↔ English, kept for the next start; open screens are drawn anew."""
        language = "en" if cards_i18n.language() == "nl" else "nl"
        cards_i18n.set_language(language)
        self.settings = replace(self.settings, language=language)
        self.save_settings()
        self.title = t("app.title")
        for screen in self.screen_stack:
            screen.refresh(recompose=True)
        self.refresh_bindings()
        self.notify(t("app.language_now"), timeout=3)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The command palette (ctrl+p), in the UI language: the main actions of the app and,
        on a board, of the session."""
        from app.screens.home import HomeScreen

        home = screen if isinstance(screen, HomeScreen) else None
        if home is not None:
            yield SystemCommand(t("palette.new"), t("palette.new_help"), home.action_new)
            yield SystemCommand(t("palette.resume"), t("palette.resume_help"), home.action_resume)
            yield SystemCommand(
                t("palette.archive"), t("palette.archive_help"), home.action_archive
            )
            yield SystemCommand(t("palette.decks"), t("palette.decks_help"), home.action_decks)
            yield SystemCommand(
                t("palette.settings"), t("palette.settings_help"), home.action_settings
            )
        for name, action in getattr(screen, "PALETTE", ()):
            yield SystemCommand(
                t(f"palette.{name}"), t(f"palette.{name}_help"), getattr(screen, action)
            )
        yield SystemCommand(t("palette.theme"), t("palette.theme_help"), self.action_change_theme)
        yield SystemCommand(t("palette.language"), t("palette.language_help"), self.switch_language)
        yield SystemCommand(t("palette.keys"), t("palette.keys_help"), self.action_toggle_keys)
        yield SystemCommand(t("palette.quit"), t("palette.quit_help"), self.action_quit)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place a failed worker (file reading and writing) is reported: a clear
        message on screen instead of a crash; what was being done can be tried again.
        Screens pass their workers' changes here (see `TranslatedBindings`)."""
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.log.error(f"worker {event.worker.name} failed: {error!r}")
            self.notify(
                t("app.worker_failed", detail=str(error) or type(error).__name__),
                title=t("app.something_failed"),
                severity="error",
                timeout=12,
                markup=False,
            )

    def action_command_palette(self) -> None:
        """The command palette (ctrl+p), its prompt in the UI language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            palette = CommandPalette(placeholder=t("palette.placeholder"), id="--command-palette")
            self.push_screen(palette)

    def action_toggle_keys(self) -> None:
        """`?` or F1: show or hide the panel that lists every key of this screen."""
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("focus_next", "focus_previous"):
            # a text area (the note line) takes tab itself; one can only be focused once its
            # module is loaded, which the app does not do before it is needed
            text_area = sys.modules.get("textual.widgets._text_area")
            return text_area is None or not isinstance(self.focused, text_area.TextArea)
        return True

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """As Textual's, but never as markup, whatever the caller asks (a widget's `notify`
        asks for it): messages name people, titles and folders, which are shown as typed (our
        texts hold no markup). And a message that is on screen already is not shown again:
        a refused key pressed ten times stacked ten messages, more than the screen holds, and
        Textual then left them painted on the screen after they had gone."""
        seconds = self.NOTIFICATION_TIMEOUT if timeout is None else timeout
        now = time.monotonic()
        shown = self._shown_until
        key = (str(message), title, severity)
        if shown.get(key, (0.0, False))[0] > now:
            return
        for old in [old for old, (until, _) in shown.items() if until <= now]:
            del shown[old]
        shown[key] = now + seconds, severity == "error" or seconds > HINT_SECONDS
        super().notify(message, title=title, severity=severity, timeout=seconds, markup=False)

    def clear_notifications(self) -> None:
        self._shown_until.clear()
        super().clear_notifications()

    def clear_hints(self, *, if_refused: bool = False) -> None:
        """Clear the messages a step just taken made stale (a refusal, a hint, what the step
        before did), unless a notice to read is among those on screen (an error, or one shown
        for longer than `HINT_SECONDS`, as the decks skipped at start): those stay their time.
        `if_refused`: only when a refusal or hint (a warning) is among them; what the steps
        before did (three undos) may then stay, one above the other."""
        now = time.monotonic()
        shown = [
            (severity, notice)
            for (*_, severity), (until, notice) in self._shown_until.items()
            if until > now
        ]
        if any(notice for _, notice in shown):
            return
        if not if_refused or any(severity == "warning" for severity, _ in shown):
            self.clear_notifications()

    def get_default_screen(self) -> Screen[None]:
        if self.mirroring:
            from app.screens.mirror import MirrorScreen  # the session layer: only when needed

            return MirrorScreen(self.mirror, self.decks, folder=self.mirror_folder)
        if self.start is not None:
            # a session opened from the command line: its board goes over an empty screen,
            # and the menu is built when the board is left (`leave_board`), not at start-up
            return UnderBoard()
        from app.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self.title = t("app.title")
        self.collector.start()
        self.set_interval(0.5, self.collector.check)
        for notice in self.notices:
            self.notify(notice, severity="warning", timeout=12, markup=False)
        self._say_skipped_decks()
        if self.start is not None:
            self.show_board(self.start)
        loop = asyncio.get_running_loop()
        for name in ("SIGHUP", "SIGTERM"):  # the window closed, or the laptop shuts down
            number = getattr(signal, name, None)
            if number is not None:
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.add_signal_handler(number, self.stopped_from_outside)

    SKIPPED_NAMED = 4  # deck files named at most in the message about decks skipped

    def _say_skipped_decks(self) -> None:
        """One short message for all deck files that could not be read, at every start, also
        on a projector: which files, and where to see what is wrong with them (the deck
        browser, `Kaartensets`, lists each problem and its line; so does `dialoog decks
        check`). It listed the problems themselves, up to twelve lines over the board."""
        errors = self.library.errors
        if not errors:
            return
        names = [error.path.name for error in errors]
        shown = ", ".join(names[: self.SKIPPED_NAMED])
        if len(names) > self.SKIPPED_NAMED:
            shown = t("app.and_more_files", files=shown, count=len(names) - self.SKIPPED_NAMED)
        title = t("app.decks_skipped", count=len(errors)) if len(errors) > 1 else None
        self.notify(
            f"{shown}\n{t('app.see_decks')}",
            title=title or t("app.deck_skipped"),
            severity="warning",
            timeout=10,
            markup=False,
        )

    def stopped_from_outside(self) -> None:
        """The terminal window was closed (or the system stops the app): no dialog can be
        shown any more. Steps the disk did not take are saved in an emergency copy, which
        *Hervat* finds (see `sessions.copies`); a note being typed, and those kept unsaved
        with `esc`, are written beside the session's file, and are back in the note line when
        it is opened again (`LiveSession.keep_drafts`); then the app stops as after ctrl+q."""
        self._lines_to_drafts()
        live = self._unsaved_on_screen()
        if live is not None:
            from sessions.store import StoreError

            stamp = time.strftime("%Y%m%d-%H%M%S")
            rescue = locations.export_dir() / RESCUE
            for folder in (rescue, rescue / stamp, locations.config_dir() / RESCUE / stamp):
                try:
                    live.save_copy_to(folder)
                    break
                except (StoreError, OSError):
                    continue
        # after the copy: the drafts go beside the file the session goes on in
        holder: LiveSession | None = getattr(self._session_screen(), "live", None)
        if holder is not None:
            holder.keep_drafts()
        self.exit()

    def _lines_to_drafts(self) -> None:
        """A new note in an open note line becomes its screen's draft, as `esc` keeps it (a
        change to a saved note is not kept)."""
        from app.widgets.capture import Capture

        for screen in self.screen_stack:
            for capture in screen.query(Capture):
                if capture.display and capture.editing is None and capture.text.strip():
                    capture.close()

    def _session_screen(self) -> Screen[Any] | None:
        """The topmost screen that runs a session (a dialog may be over it)."""
        return next((s for s in reversed(self.screen_stack) if hasattr(s, "live")), None)

    def _unsaved_on_screen(self) -> LiveSession | None:
        """The session of the topmost screen that runs one, when it holds events the disk did
        not take: it refused them, or has not finished within a second."""
        live: LiveSession | None = getattr(self._session_screen(), "live", None)
        writer = getattr(live, "writer", None)
        if live is None or writer is None or not writer.pending or writer.flush(1.0):
            return None
        return live

    def on_ready(self) -> None:
        gc.enable()  # the command line held it off while starting (see `app.cli.main`)
        self.collector.after_first_frame()
        self.keep_parsed_css()

    def keep_parsed_css(self) -> None:
        """The stylesheets parsed for the first frame, kept for the next start (a thread
        writes them; see `app.kept_css`), and let go of in memory."""
        data, file = kept_css.CSS.pending(), kept_css.CSS.file
        kept_css.CSS.release()
        if data is not None and file is not None:
            self.run_worker(partial(locations.write_cache, file, data), thread=True)

    # -- sessions --------------------------------------------------------------------------

    def _error_handler(self, live: LiveSession):  # type: ignore[no-untyped-def]
        """A callback for the writer thread: post the failure to the UI thread."""

        def failed(error: StoreError, waiting: int) -> None:
            self.post_message(self.StoreFailed(live, error, waiting))

        return failed

    def _report_failures(self, live: LiveSession) -> None:
        live.on_error = self._error_handler(live)
        if live.writer is not None:
            live.writer.on_error = live.on_error

    def create_session(self, setup: SessionSetup) -> LiveSession:
        """Start a new session and its file (called from a worker thread)."""
        from app.live import create

        live = create(setup, self.decks, seed=self.seed)
        self._report_failures(live)
        return live

    def board_for(self, live: LiveSession) -> Screen[None]:
        """The screen that runs `live`: the board, or the coaching screen."""
        from app.screens.board import BoardScreen

        self._report_failures(live)
        if live.went_on_in is not None:
            copy = live.went_on_in
            warning = t(
                "session.went_on_in",
                copy=copy,
                found=t(f"session.copy_{'found' if copy.is_file() else 'missing'}"),
            )
            self.notify(warning, severity="warning", timeout=20, markup=False)
        elif live.in_copy and live.path is not None:
            self.notify(t("session.in_copy", folder=live.path.parent), timeout=10, markup=False)
        # a session of thousands of notes is loaded once and changes little: keep the
        # garbage collector from walking it after every key (measured in bench/)
        gc.freeze()
        started = live.session.state.started
        if started is not None and started.format == "coaching":
            from app.screens.coaching import CoachingScreen

            return CoachingScreen(live)
        return BoardScreen(live)

    def show_board(self, live: LiveSession, *, replace: bool = False) -> None:
        if self.ending:  # opened by a worker as the app ends: no board will close it
            live.close()
            return
        board = self.board_for(live)
        if replace:
            self.switch_screen(board)
        else:
            self.push_screen(board)
        if live.drafts_taken:  # what was typed when the window was shut: waiting on `enter`
            from app.live import drafts_back

            self.notify(drafts_back(live.drafts_taken), timeout=10)
            live.drafts_taken = ()

    @property
    def mirroring(self) -> bool:
        """This window is a mirror: it shows what another window runs, and has no menu."""
        return self.mirror is not None or self.mirror_folder is not None

    def leave_board(self) -> None:
        """Back to the menu: the one under the board, or a new one in the board's place when
        the board was opened from the command line (over an empty screen). A note typed and
        not saved is asked about first (`typed_first`), and what the disk did not take is
        offered to be saved elsewhere (`unsaved_first`). A mirror has no menu: it closes."""
        if self.mirroring:
            self.exit()
            return
        if not self.typed_first(self.leave_board) and not self.unsaved_first(self._to_menu):
            self._to_menu()

    async def action_quit(self) -> None:
        """ctrl+q (and the palette's quit): after a note typed and not saved is asked about,
        and what could not be saved is offered a copy."""
        if not self.typed_first(self._quit):
            self._quit()

    def exit(self, *args: Any, **kwargs: Any) -> None:
        self.ending = True
        super().exit(*args, **kwargs)

    def _quit(self) -> None:
        if not self.unsaved_first(self.exit):
            self.exit()

    def typed_first(self, then: Callable[[], object]) -> bool:
        """When a note was typed on the screen's session and not saved (in an open note line,
        or kept as a draft with `esc`), ask before it is thrown away by leaving: `then` runs
        on "yes"; "no" stays, with the note where it was. False when there is none."""
        from app.screens.dialogs import ConfirmScreen
        from app.undone import quoted
        from app.widgets.capture import unsaved_lines

        if getattr(self.screen, "about_typed", False):
            return True  # asked already (a second ctrl+q)
        holder = self._session_screen()
        live: LiveSession | None = getattr(holder, "live", None)
        if holder is None or live is None or live.read_only or live.session.state.ended:
            return False  # nothing typed there can be saved any more
        lines = unsaved_lines(holder)
        typed = [line.text for line in lines] + live.drafts_kept()
        if not typed:
            return False

        def answered(leave: bool | None) -> None:
            if leave:  # thrown away: not asked about again on the way out
                for line in lines:
                    line.text = ""
                live.forget_drafts()
                then()

        question = t("capture.leave_unsaved", text=quoted(typed[0]), count=len(typed))
        asking = ConfirmScreen(question, yes=t("capture.leave_anyway"), danger=True)
        asking.about_typed = True  # type: ignore[attr-defined]
        self.push_screen(asking, answered)
        return True

    def unsaved_first(self, then: Callable[[], object]) -> bool:
        """When the session on screen holds events the disk did not take (it refused them, or
        has not finished within a second), offer the copy once more before `then` (leaving
        it): `then` runs once the copy is saved or the facilitator chose to go without; escape
        stays. False when nothing is unsaved (go on at once)."""
        from app.screens.dialogs import LeaveCopyScreen, SaveCopyScreen
        from sessions.store import StoreError

        top = self.screen
        if isinstance(top, SaveCopyScreen) and top.saving:
            self.notify(t("save.busy"), timeout=3)
            return True  # a copy is being saved: its answer comes first
        if isinstance(top, LeaveCopyScreen):
            return True  # asked already
        live = self._unsaved_on_screen()
        if live is None or live.writer is None:
            return False
        writer = live.writer
        if isinstance(top, SaveCopyScreen):
            top.dismiss(None)  # the one the failure brought up: this one instead
        path = live.path or locations.data_dir()
        error = writer.failed or StoreError(path, t("store.write.slow", path=path.parent))

        def saved(path: Path | None) -> None:
            if path is not None:
                self._copy_saved(path)
                then()

        default = locations.export_dir() / RESCUE
        self.push_screen(LeaveCopyScreen(live, error, default, leave=then), saved)
        return True

    def _copy_saved(self, path: Path) -> None:
        self.notify(t("save.saved", path=path), timeout=8, markup=False)
        if hasattr(self.screen, "refresh_board"):
            self.screen.refresh_board()

    def _to_menu(self) -> None:
        if isinstance(self.screen_stack[-2], UnderBoard):
            from app.screens.home import HomeScreen

            self.switch_screen(HomeScreen())
        else:
            self.pop_screen()

    def open_session(self, path: Path, *, read_only: bool = False) -> None:
        """Resume a session (or view it read-only); a locked one asks to open read-only. The
        file is read off the event loop (a long session takes a few tenths of a second); a
        second request while one is being read is left alone (it would find the file locked
        by the first)."""
        if not self._opening:
            self._opening = True
            self._read_session(path, read_only)

    @work(thread=True, group="open-session", exit_on_error=False)
    def _read_session(self, path: Path, read_only: bool) -> None:
        """Open the session in a thread; the answer goes to the UI thread as a message (not
        `call_from_thread`, which waits for it: as the app ends, for ever)."""
        from app.live import open_session
        from sessions.lock import SessionLocked
        from sessions.state import MissingDeck
        from sessions.store import StoreError

        answer: Callable[[], None] | None = None
        try:
            live = open_session(path, self.decks, read_only=read_only)
        except SessionLocked as locked:
            since = locked.holder.since_time if locked.holder else "?"
            answer = partial(self._ask_read_only, path, since)
        except MissingDeck as missing:
            answer = partial(self._not_opened, t("session.missing_deck", deck=missing.deck_id))
        except StoreError as error:
            answer = partial(self._not_opened, error.message, t("session.cannot_open"))
        except BaseException:
            self._opening = False  # reported as a failed worker
            raise
        else:
            if self.ending:  # quit while it was read: no board will come to close it
                live.close()
            else:
                answer = partial(self._opened, live, read_only)
        if answer is None:
            self._opening = False
        else:
            # still "opening" until the answer is shown: a request meanwhile would find
            # the file locked by this one
            self.post_message(self.SessionRead(partial(self._read_done, answer)))

    def _read_done(self, answer: Callable[[], None]) -> None:
        self._opening = False
        answer()

    class SessionRead(Message):
        """A worker opened, made or read a session: `then` shows what came of it, on the UI
        thread."""

        def __init__(self, then: Callable[[], None]) -> None:
            super().__init__()
            self.then = then

    def on_dialoog_app_session_read(self, message: SessionRead) -> None:
        message.then()

    def _opened(self, live: LiveSession, read_only: bool) -> None:
        self._report_failures(live)
        self.show_board(live)
        if read_only:
            self.notify(t("session.read_only_opened"), timeout=4)

    def _not_opened(self, message: str, title: str = "") -> None:
        self.notify(message, title=title, severity="error", markup=False)

    def _ask_read_only(self, path: Path, since: str) -> None:
        from app.screens.dialogs import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.open_session(path, read_only=True)

        self.push_screen(
            ConfirmScreen(t("session.locked", since=since), yes=t("session.open_read_only")),
            answered,
        )

    def on_dialoog_app_store_failed(self, message: StoreFailed) -> None:
        from app.screens.dialogs import SaveCopyScreen

        writer = message.live.writer
        if writer is None or writer.failed is not message.error:
            return  # the session was left, or went on in a copy, since
        self.bell()
        board = self.screen
        if hasattr(board, "refresh_board"):
            board.refresh_board()

        def saved(path: Path | None) -> None:
            if path is not None:
                self._copy_saved(path)
            elif hasattr(self.screen, "refresh_board"):
                self.screen.refresh_board()

        if isinstance(self.screen, SaveCopyScreen):
            # the copy is offered already: what failed now is said over it (the dialog, which
            # says it itself, goes without a message that would cover it)
            self.notify(
                message.error.message,
                title=t("save.heading"),
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        default = locations.export_dir() / RESCUE
        self.push_screen(SaveCopyScreen(message.live, message.error, default), saved)
