"""The `dialoog` command: start the app, or work with decks (and later sessions) without it.

Textual is imported only when the app starts, so `dialoog decks ...` stays quick.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from app import locations
from cards.i18n import LANGUAGES, set_language, t
from cards.loader import DeckError, load_deck, load_library


def _language_from(argv: Sequence[str]) -> str:
    """The --lang value (or DIALOOG_LANG) before the full parser exists, so help is translated."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang", choices=LANGUAGES, default=None)
    known, _ = pre.parse_known_args(argv)
    env = os.environ.get("DIALOOG_LANG")
    return known.lang or (env if env in LANGUAGES else "nl")


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    suppress = argparse.SUPPRESS
    common.add_argument("--data-dir", type=Path, default=suppress, help=t("cli.opt.data_dir"))
    common.add_argument("--lang", choices=LANGUAGES, default=suppress, help=t("cli.opt.lang"))
    common.add_argument("--theme", default=suppress, metavar="NAME", help=t("cli.opt.theme"))
    common.add_argument(
        "--deck",
        action="append",
        type=Path,
        default=suppress,
        metavar="FILE",
        help=t("cli.opt.deck"),
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(
        prog="dialoog",
        description=t("cli.description"),
        epilog=t("cli.epilog"),
        parents=[common],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--seed", type=int, default=None, help=t("cli.opt.seed"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title=t("cli.commands"))
    decks = commands.add_parser(
        "decks", parents=[common], help=t("cli.decks.help"), description=t("cli.decks.description")
    )
    decks.add_argument("--json", action="store_true", help=t("cli.decks.json"))
    deck_commands = decks.add_subparsers(dest="decks_command", metavar="check")
    check = deck_commands.add_parser(
        "check", parents=[common], help=t("cli.check.help"), description=t("cli.check.description")
    )
    check.add_argument("files", nargs="+", type=Path, metavar="FILE", help=t("cli.check.files"))
    return parser


def _library(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    return load_library(locations.user_decks_dir(), getattr(args, "deck", []))


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
            table.add_row(row["id"], row["title"], row["language"], str(row["cards"]), source)
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
        print(t("cli.check.failed", failed=failed, total=len(args.files)), file=sys.stderr)
        return 1
    print(t("cli.check.ok", files=len(counts), cards=sum(counts)))
    return 0


def cmd_app(args: argparse.Namespace) -> int:
    from app.main import DialoogApp
    from app.themes import THEME_NAMES

    theme = getattr(args, "theme", None)
    if theme is not None and theme not in THEME_NAMES:
        print(t("cli.bad_theme", theme=theme, themes=", ".join(THEME_NAMES)), file=sys.stderr)
        return 2
    DialoogApp(library=_library(args), theme_name=theme, seed=args.seed).run()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_from(argv))
    args = build_parser().parse_args(argv)
    if hasattr(args, "data_dir"):
        locations.configure(data_dir=args.data_dir)
    if args.command == "decks":
        return cmd_check(args) if args.decks_command == "check" else cmd_decks(args)
    return cmd_app(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
