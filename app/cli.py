"""The `dialoog` command: start the app, or work with decks (and later sessions) without it.

Textual is imported only when the app starts, so `dialoog decks ...` stays quick.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from app import locations
from app.settings import Settings, load_settings
from app.theme_names import THEME_NAMES
from cards import i18n, parsed_cache
from cards.i18n import LANGUAGES, set_language, t
from cards.loader import DeckError, DeckLibrary, load_deck, load_library
from sessions import copies
from sessions.atomic import ignore_file_size_signal
from sessions.formats import FORMAT_IDS

if TYPE_CHECKING:  # the session layer loads in the commands that need it
    from app.live import LiveSession
    from app.main import DialoogApp
    from sessions.archive import SessionSummary

PARSED_CACHE = "parsed-toml.marshal"
COPIES = "copies.json"  # where sessions went on after their disk failed
APP_COMMANDS = (None, "new", "resume", "mirror")  # these start the app in this process
# the option that sets each set-up field, for error messages of `dialoog new`
OPTION_OF = {
    "title": "--title",
    "participants": "--participants",
    "anonymous": "--anonymous",
    "leader": "--leader",
    "format": "--format",
    "turn_seconds": "--turn",
    "total_minutes": "--minutes",
    "round_minutes": "--round-minutes",
    "decks": "--deck",
    "date": "--date",
}


# argparse's own errors (Python 3.11 words them so), and the key of each in the UI language
ARGPARSE_ERRORS = (  # patterns, compiled only when an error comes
    (r"the following arguments are required: (?P<names>.+)", "cli.error.required"),
    (r"unrecognized arguments: (?P<words>.+)", "cli.error.unknown"),
    (
        r"argument (?P<name>\S+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)",
        "cli.error.choice",
    ),
    (r"argument (?P<name>\S+): invalid \w+ value: (?P<value>.+)", "cli.error.value"),
    (r"argument (?P<name>\S+): expected one argument", "cli.error.one_value"),
)


def _translated(message: str) -> str:
    """argparse's error in the UI language; one it words otherwise stays as it is."""
    for pattern, key in ARGPARSE_ERRORS:
        if found := re.fullmatch(pattern, message):
            return t(key, **found.groupdict())
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, t("cli.usage") if prefix is None else prefix)


class _RawFormatter(_Formatter, argparse.RawDescriptionHelpFormatter):
    """The main help, whose examples keep their lines."""


class Parser(argparse.ArgumentParser):
    """argparse in the UI language: the usage line, the options' heading, the help option and
    the errors it reports (argparse writes them in English)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        if kwargs.get("action") == "help":  # argparse's own -h, worded in English
            kwargs["help"] = t("cli.opt.help")
        return super().add_argument(*args, **kwargs)

    def add_argument_group(self, *args: Any, **kwargs: Any) -> Any:
        group = super().add_argument_group(*args, **kwargs)
        # the headings argparse gives its options and positional arguments, in English
        if group.title in ("options", "positional arguments"):
            group.title = t("cli.options" if group.title == "options" else "cli.positionals")
        return group

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, t("cli.error.line", prog=self.prog, message=_translated(message)) + "\n")


def _language_from(argv: Sequence[str], settings: Settings) -> str:
    """The --lang value, else DIALOOG_LANG, else the settings: known before the full parser
    exists, so the help is translated too."""
    pre = Parser(add_help=False)
    pre.add_argument("--lang", choices=LANGUAGES, default=None)
    known, _ = pre.parse_known_args(argv)
    env = os.environ.get("DIALOOG_LANG")
    return known.lang or (env if env in LANGUAGES else settings.language)


def _common() -> Parser:
    common = Parser(add_help=False)
    suppress = argparse.SUPPRESS
    common.add_argument(
        "--data-dir",
        type=Path,
        default=suppress,
        metavar=t("cli.metavar.folder"),
        help=t("cli.opt.data_dir"),
    )
    common.add_argument("--lang", choices=LANGUAGES, default=suppress, help=t("cli.opt.lang"))
    common.add_argument(
        "--theme", default=suppress, metavar=t("cli.metavar.name"), help=t("cli.opt.theme")
    )
    common.add_argument(
        "--deck",
        action="append",
        type=Path,
        default=suppress,
        metavar=t("cli.metavar.file"),
        help=t("cli.opt.deck"),
    )
    return common


def build_parser(
    settings: Settings | None = None, argv: Sequence[str] | None = None
) -> argparse.ArgumentParser:
    """The command line's parser; given `argv`, with only the commands it names (each
    command's parser takes a few milliseconds to build, and the app waits for it)."""
    settings = settings or Settings()
    common = _common()
    parser = Parser(
        prog="dialoog",
        description=t("cli.description"),
        epilog=t("cli.epilog"),
        parents=[common],
        formatter_class=_RawFormatter,
    )
    parser.add_argument(
        "--seed", type=int, default=None, metavar=t("cli.metavar.seed"), help=t("cli.opt.seed")
    )
    commands = parser.add_subparsers(
        dest="command", metavar=t("cli.metavar.command"), title=t("cli.commands")
    )
    for name in _commands_in(argv):
        COMMANDS[name](commands, common, settings)
    return parser


def _commands_in(argv: Sequence[str] | None) -> list[str]:
    """The commands `argv` may use: those it names; all of them for the help, or when it has
    a word that is no command (so argparse lists the commands in its error)."""
    if argv is None or any(_asks_help(word) for word in argv):
        return list(COMMANDS)
    named = [name for name in COMMANDS if name in argv]
    words = [word for word in argv if not word.startswith("-")]
    return named if named or not words else list(COMMANDS)


def _asks_help(word: str) -> bool:
    """-h, --help, or what argparse reads as --help (`--h`, `--he`, `--hel`)."""
    return word == "-h" or (len(word) > 2 and "--help".startswith(word))


if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[Parser]


def _decks_command(commands: Commands, common: Parser, settings: Settings) -> None:
    decks = commands.add_parser(
        "decks", parents=[common], help=t("cli.decks.help"), description=t("cli.decks.description")
    )
    decks.add_argument("--json", action="store_true", help=t("cli.decks.json"))
    deck_commands = decks.add_subparsers(dest="decks_command", metavar="check")
    check = deck_commands.add_parser(
        "check", parents=[common], help=t("cli.check.help"), description=t("cli.check.description")
    )
    check.add_argument(
        "files", nargs="+", type=Path, metavar=t("cli.metavar.file"), help=t("cli.check.files")
    )


def _new_command(commands: Commands, common: Parser, settings: Settings) -> None:
    new = commands.add_parser(
        "new", parents=[common], help=t("cli.new.help"), description=t("cli.new.description")
    )
    new.add_argument(
        "--title", required=True, metavar=t("cli.metavar.title"), help=t("cli.new.title")
    )
    new.add_argument("--format", default="dialogue", choices=FORMAT_IDS, help=t("cli.new.format"))
    new.add_argument(
        "--participants", default="", metavar='"A,B,C"', help=t("cli.new.participants")
    )
    new.add_argument(
        "--leader", default="", metavar=t("cli.metavar.name"), help=t("cli.new.leader")
    )
    new.add_argument("--anonymous", type=int, default=0, metavar="N", help=t("cli.new.anonymous"))
    new.add_argument(
        "--turn",
        type=int,
        default=settings.turn_seconds,
        metavar=t("cli.metavar.seconds"),
        help=t("cli.new.turn"),
    )
    new.add_argument(
        "--minutes",
        type=int,
        default=60,
        metavar=t("cli.metavar.minutes"),
        help=t("cli.new.minutes"),
    )
    new.add_argument(
        "--round-minutes",
        type=int,
        default=10,
        metavar=t("cli.metavar.minutes"),
        help=t("cli.new.round_minutes"),
    )
    new.add_argument("--fair-share", action="store_true", help=t("cli.new.fair_share"))
    new.add_argument("--team", default="", metavar=t("cli.metavar.text"), help=t("cli.new.team"))
    new.add_argument(
        "--facilitator", default="", metavar=t("cli.metavar.name"), help=t("cli.new.facilitator")
    )
    new.add_argument(
        "--seed", type=int, default=None, metavar=t("cli.metavar.seed"), help=t("cli.opt.seed")
    )


def _sessions_command(commands: Commands, common: Parser, settings: Settings) -> None:
    sessions = commands.add_parser(
        "sessions",
        parents=[common],
        help=t("cli.sessions.help"),
        description=t("cli.sessions.help"),
    )
    sessions.add_argument("--json", action="store_true", help=t("cli.decks.json"))
    session_commands = sessions.add_subparsers(dest="sessions_command", metavar="delete")
    delete = session_commands.add_parser(
        "delete", parents=[common], help=t("cli.delete.help"), description=t("cli.delete.help")
    )
    delete.add_argument("id", metavar="ID", help=t("cli.delete.id"))


def _resume_command(commands: Commands, common: Parser, settings: Settings) -> None:
    resume = commands.add_parser(
        "resume", parents=[common], help=t("cli.resume.help"), description=t("cli.resume.help")
    )
    resume.add_argument("id", nargs="?", metavar="ID", help=t("cli.resume.id"))
    resume.add_argument("--read-only", action="store_true", help=t("cli.resume.read_only"))


def _export_command(commands: Commands, common: Parser, settings: Settings) -> None:
    export = commands.add_parser(
        "export",
        parents=[common],
        help=t("cli.export.help"),
        description=t("cli.export.description"),
    )
    export.add_argument("id", metavar="ID|latest", help=t("cli.resume.id"))
    export.add_argument(
        "--format", action="append", default=None, metavar="md|html|json|csv",
        help=t("cli.export.format"),
    )  # fmt: skip
    export.add_argument(
        "--out", type=Path, default=None, metavar=t("cli.metavar.path"), help=t("cli.export.out")
    )


def _serve_command(commands: Commands, common: Parser, settings: Settings) -> None:
    serve = commands.add_parser(
        "serve", parents=[common], help=t("cli.serve.help"), description=t("cli.serve.description")
    )
    serve.add_argument(
        "--port", type=int, default=8000, metavar=t("cli.metavar.port"), help=t("cli.serve.port")
    )
    serve.add_argument(
        "--host", default="127.0.0.1", metavar=t("cli.metavar.host"), help=t("cli.serve.host")
    )
    serve.add_argument("--font-size", type=int, default=16, metavar="N", help=t("cli.serve.font"))
    serve.add_argument("--mirror", metavar="ID", default=None, help=t("cli.serve.mirror"))


def _mirror_command(commands: Commands, common: Parser, settings: Settings) -> None:
    mirror = commands.add_parser(
        "mirror",
        parents=[common],
        help=t("cli.mirror.help"),
        description=t("cli.mirror.description"),
    )
    mirror.add_argument("id", nargs="?", default="latest", metavar="ID", help=t("cli.resume.id"))


COMMANDS = {  # in the order the help lists them
    "decks": _decks_command,
    "new": _new_command,
    "sessions": _sessions_command,
    "resume": _resume_command,
    "export": _export_command,
    "serve": _serve_command,
    "mirror": _mirror_command,
}


def _deck_files(args: argparse.Namespace) -> list[Path]:
    """--deck values that name files (the others are deck ids, used by `new`)."""
    return [p for p in getattr(args, "deck", []) if p.suffix == ".toml" or p.exists()]


def _library(args: argparse.Namespace) -> DeckLibrary:
    return load_library(locations.user_decks_dir(), _deck_files(args))


class _Exit(Exception):
    """Stop a command with this exit code (the message is already printed)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _fail(message: str, code: int = 2) -> int:
    print(f"dialoog: {message}", file=sys.stderr)
    return code


def cmd_decks(args: argparse.Namespace) -> int:
    library = _library(args)
    rows = [
        {
            "id": deck.id,
            "title": deck.title,
            "language": deck.language,
            "cards": len(deck),
            "source": str(deck.path),
            "builtin": deck.builtin,
        }
        for deck in library.decks
    ]
    if args.json:
        import json

        errors = [{"file": str(e.path), "problems": e.lines()} for e in library.errors]
        print(json.dumps({"decks": rows, "errors": errors}, ensure_ascii=False, indent=2))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(box=None, pad_edge=False)
        for heading in ("id", "title", "language", "cards", "source"):
            table.add_column(
                t(f"cli.decks.col.{heading}"),
                justify="right" if heading == "cards" else "left",
                no_wrap=heading in ("id", "language", "cards"),
                overflow="fold",
            )
        for deck, row in zip(library.decks, rows, strict=True):
            source = (
                t("cli.decks.builtin", name=deck.path.name)
                if deck.builtin and deck.path
                else row["source"]
            )
            table.add_row(deck.id, deck.title, deck.language, str(len(deck)), str(source))
        console = Console(highlight=False, width=None if sys.stdout.isatty() else 160)
        console.print(table, markup=False)
        for error in library.errors:
            for line in error.lines():
                print(t("cli.decks.skipped", line=line), file=sys.stderr)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    failed = 0
    counts: list[int] = []
    for path in args.files:
        try:
            counts.append(len(load_deck(path)))
        except DeckError as error:
            failed += 1
            for line in error.lines():
                print(line)
    if failed:
        print(t("cli.check.failed", count=failed, total=len(args.files)), file=sys.stderr)
        return 1
    files, cards = t("common.files", count=len(counts)), t("common.cards", count=sum(counts))
    print(t("cli.check.ok", files=files, cards=cards))
    return 0


def _theme(args: argparse.Namespace) -> str | None:
    """dialoog's own themes, or one of Textual's (the Settings screen offers those too)."""
    theme: str | None = getattr(args, "theme", None)
    if theme is None or theme in THEME_NAMES:
        return theme
    from textual.theme import BUILTIN_THEMES  # only for another theme: Textual loads late

    if theme not in BUILTIN_THEMES:
        others = ", ".join(sorted(BUILTIN_THEMES))
        raise _Exit(
            _fail(t("cli.bad_theme", theme=theme, themes=", ".join(THEME_NAMES), others=others))
        )
    return theme


def _run_app(
    args: argparse.Namespace, library: DeckLibrary, start: LiveSession | None = None
) -> int:
    from app.main import DialoogApp

    app = DialoogApp(
        library=library,
        theme_name=_theme(args) or SETTINGS["current"].theme,
        seed=args.seed,
        start=start,
        settings=SETTINGS["current"],
        notices=SETTINGS["problems"],
    )
    save_parsed_cache()  # before the app runs: it may run for hours
    try:
        _run(app)
    finally:
        if start is not None:
            start.close()
    return 0


def _run(app: DialoogApp) -> None:
    """Run the app, keeping the stylesheets it parsed for the next start (`app.kept_css`;
    the app writes the first frame's as soon as it is shown, this the rest when it ends)."""
    from app import kept_css

    kept_css.CSS.use(locations.cache_dir() / kept_css.FILE)
    try:
        app.run()
    finally:
        locations.save_cache(kept_css.CSS)


def save_parsed_cache() -> None:
    """Keep what was parsed for the next start (see `cards.parsed_cache`)."""
    locations.save_cache(parsed_cache.TOML)


def cmd_app(args: argparse.Namespace) -> int:
    _theme(args)
    return _run_app(args, _library(args))


def cmd_new(args: argparse.Namespace) -> int:
    from app import live
    from sessions.meta import SessionSetup, split_names, validate
    from sessions.store import StoreError

    _theme(args)
    library = _library(args)
    for error in library.errors:
        for line in error.lines():
            print(t("cli.decks.skipped", line=line), file=sys.stderr)
    files = {str(p) for p in _deck_files(args)}
    chosen: list[str] = []
    for value in getattr(args, "deck", []):
        if str(value) in files:
            deck = next((d for d in library if d.path == value), None)
            if deck is None:
                return _fail(t("cli.new.bad_deck_file", file=value))
            chosen.append(deck.id)
        else:
            chosen.append(str(value))
    setup = SessionSetup(
        title=args.title,
        team=args.team,
        facilitator=args.facilitator,
        participants=split_names(args.participants),
        anonymous=args.anonymous,
        leader=args.leader,
        format=args.format,
        decks=tuple(chosen) or ("dialoogkaarten",),
        turn_seconds=args.turn,
        total_minutes=args.minutes,
        round_minutes=args.round_minutes,
        fair_share=args.fair_share,
    )
    # any deck loaded, asked for by its id (a translation into another language too)
    problems = validate(setup, tuple(deck.id for deck in library))
    if problems:
        for field, message in problems.items():
            print(f"dialoog new: {OPTION_OF.get(field, field)}: {message}", file=sys.stderr)
        return 2
    try:
        start = live.create(setup, {d.id: d for d in library}, seed=args.seed)
    except StoreError as error:
        return _fail(error.message, 1)
    return _run_app(args, library, start)


def cmd_sessions(args: argparse.Namespace) -> int:
    from sessions.archive import delete, find_session, list_sessions
    from sessions.lock import SessionLocked

    folder = locations.data_dir()
    if args.sessions_command == "delete":
        found = find_session(folder, args.id)
        if found is None:
            return _fail(t("cli.sessions.not_found", id=args.id, folder=folder), 1)
        try:
            delete(found)
        except SessionLocked:
            return _fail(t("archive.delete_locked"), 1)
        print(t("cli.sessions.deleted", path=found.path))
        return 0
    summaries = list_sessions(folder)
    if args.json:
        import json

        print(json.dumps([_summary_json(s) for s in summaries], ensure_ascii=False, indent=2))
        return 0
    if not summaries:
        print(t("archive.empty", folder=folder))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    for column in ("id", "date", "title", "team", "format", "cards", "state"):
        table.add_column(t(f"cli.sessions.col.{column}"), overflow="fold")
    for s in summaries:
        state = (
            s.problem if s.damaged else t("cli.sessions.ended" if s.ended else "cli.sessions.open")
        )
        fmt = t(f"format.{s.format}") if s.format else ""
        table.add_row(s.id, s.date, s.title, s.team, fmt, str(s.cards), state)
    Console(highlight=False, width=None if sys.stdout.isatty() else 160).print(table, markup=False)
    return 0


def _summary_json(s: SessionSummary) -> dict[str, object]:
    return {
        "id": s.id,
        "file": str(s.path),
        "title": s.title,
        "team": s.team,
        "date": s.date,
        "format": s.format,
        "cards": s.cards,
        "notes": s.notes,
        "agreements": s.agreements,
        "ended": s.ended,
        "last_at": s.last_at,
        "damaged": s.problem or None,
    }


def cmd_resume(args: argparse.Namespace) -> int:
    from sessions.archive import find_session, latest_unfinished

    _theme(args)
    folder = locations.data_dir()
    found = find_session(folder, args.id) if args.id else latest_unfinished(folder)
    if found is None:
        key = "cli.sessions.not_found" if args.id else "cli.resume.none"
        return _fail(t(key, id=args.id or "", folder=folder), 1)
    return _open_found(args, found, read_only=args.read_only)


def _open_found(args: argparse.Namespace, found: SessionSummary, *, read_only: bool) -> int:
    """Run the app with a session of the archive open (read-only: following the window that
    runs it, if one does)."""
    from app import live
    from sessions.lock import SessionLocked
    from sessions.state import MissingDeck
    from sessions.store import StoreError

    if found.damaged:
        return _fail(t("archive.cannot_open", problem=found.problem), 1)
    library = _library(args)
    try:
        start = live.open_session(found.path, {d.id: d for d in library}, read_only=read_only)
    except SessionLocked as locked:
        since = locked.holder.since_time if locked.holder else "?"
        return _fail(t("cli.resume.locked", since=since, id=found.id), 1)
    except MissingDeck as missing:
        return _fail(t("session.missing_deck", deck=missing.deck_id), 1)
    except StoreError as error:
        return _fail(error.message, 1)
    return _run_app(args, library, start)


LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
EXPORT_FORMATS = ("md", "html", "json", "csv")


def cmd_export(args: argparse.Namespace) -> int:
    """Write a session's notes as files; print the paths written."""
    from sessions.archive import find_session
    from sessions.export.files import ExportError, export_session
    from sessions.state import MissingDeck, counted, fold
    from sessions.store import StoreError, load_events

    formats = [
        f.strip().lower() for value in (args.format or EXPORT_FORMATS) for f in value.split(",")
    ]
    if unknown := [f for f in formats if f not in EXPORT_FORMATS]:
        return _fail(
            t("cli.export.bad_format", format=unknown[0], formats="|".join(EXPORT_FORMATS))
        )
    folder = locations.data_dir()
    found = find_session(folder, args.id)
    if found is None:
        return _fail(t("cli.sessions.not_found", id=args.id, folder=folder), 1)
    if found.damaged:
        return _fail(t("archive.cannot_open", problem=found.problem), 1)
    decks = {d.id: d for d in _library(args)}
    try:
        state = counted(fold(load_events(found.path), decks))
    except StoreError as error:
        return _fail(error.message, 1)
    except MissingDeck as missing:
        return _fail(t("session.missing_deck", deck=missing.deck_id), 1)
    out = args.out if args.out is not None else locations.export_dir()
    try:
        paths = export_session(state, formats, out, decks=decks)
    except ExportError as error:
        for path in error.written:
            print(path)
        return _fail(error.message, 1)
    for path in paths:
        print(path)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the app (or a mirror) in a browser with textual-serve."""
    import shlex

    from textual_serve.server import Server

    if not 1 <= args.port <= 65535:
        return _fail(t("cli.serve.bad_port", port=args.port))
    if args.host not in LOCAL_HOSTS:
        print(t("cli.serve.warning", host=args.host), file=sys.stderr)
    parts = [sys.executable, "-m", "app.cli", "--lang", i18n.language()]
    if getattr(args, "theme", None):
        parts += ["--theme", args.theme]
    parts += ["--data-dir", str(locations.data_dir())]
    if args.mirror:
        parts += ["mirror", args.mirror]
    command = " ".join(shlex.quote(part) for part in parts)
    shown = "localhost" if args.host in LOCAL_HOSTS else args.host
    print(t("cli.serve.open", url=f"http://{shown}:{args.port}/?fontsize={args.font_size}"))
    Server(command, host=args.host, port=args.port, title="dialoog").serve()
    return 0


def cmd_mirror(args: argparse.Namespace) -> int:
    """A read-only projector view that follows a session another window is running: by
    default whatever session a window has open (the latest active of them, then the one a
    window takes up later; it waits while there is none)."""
    from sessions.archive import find_session, latest_to_follow, newest_held

    _theme(args)
    folder = locations.data_dir()
    wanted = args.id
    path: Path | None = None
    if wanted == "latest" and (held := newest_held(folder)) is not None:
        path = held[1]  # the session a window took up last: the one the mirror follows on
    else:
        found = latest_to_follow(folder) if wanted == "latest" else find_session(folder, wanted)
        if found is None and wanted != "latest":
            return _fail(t("cli.sessions.not_found", id=wanted, folder=folder), 1)
        if found is not None and found.damaged:
            return _fail(t("archive.cannot_open", problem=found.problem), 1)
        path = found.path if found is not None else None
    from app.main import DialoogApp

    library = _library(args)
    app = DialoogApp(
        library=library,
        theme_name=_theme(args) or SETTINGS["current"].theme,
        settings=SETTINGS["current"],
        mirror=path,
        mirror_folder=folder if wanted == "latest" else None,
    )
    _run(app)
    return 0


# the settings this run started with (and what was wrong with the file), for the app
SETTINGS: dict[str, Any] = {"current": Settings(), "problems": []}


def main(argv: Sequence[str] | None = None) -> int:
    # no cycle collection while starting: the tens of thousands of objects Textual and the
    # decks create are all kept, so its passes (20-30 ms in all) find nothing; the app turns
    # it back on once its first frame is shown (`DialoogApp.on_ready`), other commands once
    # their options are read
    gc.disable()
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    finally:
        gc.enable()
        save_parsed_cache()


def _main(argv: list[str]) -> int:
    parsed_cache.use(locations.cache_dir() / PARSED_CACHE)
    copies.use(locations.config_dir() / COPIES)
    settings, problems = load_settings(THEME_NAMES)
    SETTINGS.update(current=settings, problems=problems)
    set_language(_language_from(argv, settings))
    for problem in problems:
        print(f"dialoog: {problem}", file=sys.stderr)
    args = build_parser(settings, argv).parse_args(argv)
    locations.configure_fallback(data_dir=settings.data_dir, export_dir=settings.export_dir)
    if hasattr(args, "data_dir"):
        locations.configure(data_dir=args.data_dir)
    ignore_file_size_signal()
    if args.command not in APP_COMMANDS:
        gc.enable()  # no app, no first frame to wait for (`serve` runs for hours)
    if args.command == "decks":
        return cmd_check(args) if args.decks_command == "check" else cmd_decks(args)
    commands = {
        "new": cmd_new,
        "sessions": cmd_sessions,
        "resume": cmd_resume,
        "serve": cmd_serve,
        "export": cmd_export,
        "mirror": cmd_mirror,
    }
    try:
        return commands.get(args.command, cmd_app)(args)
    except _Exit as stop:
        return stop.code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
