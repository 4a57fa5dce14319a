"""Load and validate deck files (TOML).

Every problem is reported as a `DeckError` that names the file, the line where one can be found,
and what is wrong, in the UI language. Nothing else escapes: a broken deck never becomes a
traceback.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from cards import parsed_cache
from cards.frozen import frozen
from cards.i18n import language as current_language
from cards.i18n import t
from cards.model import Card, Deck

MAX_DECK_BYTES = 1_000_000
BUILTIN_DIR = Path(__file__).parent / "decks"

_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_DECK_KEYS = {"id", "title", "language", "description", "source", "cards", "translation_of"}
_CARD_KEYS = {"id", "text", "follow_up", "theme", "tags"}
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_TOML_END = re.compile(r"\(at end of document\)")
# what Python's TOML reader says of the usual slips, in words a deck's author can act on
# (its own words follow in brackets)
_TOML_HINTS = (
    (re.compile(r"Illegal character '\\n'|Unterminated string|Expected \"'\""), "unclosed_text"),
    (re.compile(r"Expected '=' after a key"), "no_equals"),
    (re.compile(r"Invalid value"), "bare_value"),
    (re.compile(r"Cannot overwrite a value|Cannot declare .* twice"), "twice"),
    (re.compile(r"Unclosed (inline table|array)|Expected '\]\]?' at the end"), "unclosed_bracket"),
    (re.compile(r"Expected newline or end of document after a statement"), "after_value"),
    (re.compile(r"Invalid statement"), "bad_line"),
)


@frozen
class Problem:
    """One thing wrong with a deck file, at a line (1-based) where TOML lets us find it."""

    line: int | None
    message: str


class DeckError(Exception):
    """A deck file that cannot be used, with every problem found in it."""

    def __init__(self, path: Path, problems: Iterable[Problem]) -> None:
        self.path = path
        self.problems = tuple(problems)
        super().__init__("\n".join(self.lines()))

    def lines(self, *, name_only: bool = False) -> list[str]:
        """One ``FILE:LINE: problem`` line per problem (``FILE: problem`` without a line);
        FILE is the file's name alone with `name_only` (its folder said once elsewhere)."""
        file = self.path.name if name_only else str(self.path)
        return [
            f"{file}:{p.line}: {p.message}" if p.line else f"{file}: {p.message}"
            for p in self.problems
        ]


class _Locator:
    """Finds the line of a card's table, or of a key inside it, in the raw TOML text. Only a
    deck with a problem is searched: the text is split into lines on the first question."""

    def __init__(self, text: str) -> None:
        self.text = text

    @functools.cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")  # as TOML counts lines (splitlines also breaks at U+2028)

    @functools.cached_property
    def card_starts(self) -> list[int]:
        return [
            number
            for number, line in enumerate(self.lines, start=1)
            if line.strip().replace(" ", "").startswith("[[cards]]")
        ]

    def card(self, index: int, key: str | None = None) -> int | None:
        if index >= len(self.card_starts):
            return None
        start = self.card_starts[index]
        if key is None:
            return start
        end = self.card_starts[index + 1] if index + 1 < len(self.card_starts) else None
        return self._key_line(key, start, end) or start

    def top(self, key: str) -> int | None:
        end = self.card_starts[0] if self.card_starts else None
        return self._key_line(key, 1, end)

    def card_value_lines(self, key: str, value: str) -> list[int]:
        """The line of every `key = "value"` among the cards, once per time it is written
        there: this finds cards written as inline tables too (`cards = [{ id = "a" }, ...]`)."""
        start = self.card_starts[0] if self.card_starts else self.top("cards") or 1
        quoted = "|".join(f"{q}{re.escape(value)}{q}" for q in ('"', "'"))
        pattern = re.compile(rf"(?:^|[{{,\s])[\"']?{re.escape(key)}[\"']?\s*=\s*(?:{quoted})")
        return [
            number
            for number, line in enumerate(self.lines[start - 1 :], start=start)
            for _ in pattern.finditer(line)
        ]

    def _key_line(self, key: str, start: int, end: int | None) -> int | None:
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        stop = (end - 1) if end else len(self.lines)
        for number in range(start, stop + 1):
            if pattern.match(self.lines[number - 1]):
                return number
        return None


def _type_name(value: object) -> str:
    return {
        str: t("deck.type.text"),
        int: t("deck.type.number"),
        float: t("deck.type.number"),
        bool: t("deck.type.bool"),
        list: t("deck.type.list"),
        dict: t("deck.type.table"),
    }.get(type(value), type(value).__name__)


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DeckError(path, [Problem(None, t("deck.missing"))]) from None
    except OSError as error:
        raise DeckError(
            path, [Problem(None, t("deck.unreadable", reason=error.strerror))]
        ) from None
    if path.is_dir():
        raise DeckError(path, [Problem(None, t("deck.is_folder"))])
    if size > MAX_DECK_BYTES:
        raise DeckError(path, [Problem(None, t("deck.too_large", size=size))])
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DeckError(
            path, [Problem(None, t("deck.unreadable", reason=error.strerror))]
        ) from None
    try:
        # "utf-8-sig" also reads files that Windows editors saved with a byte-order mark
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start]
        raise DeckError(path, [Problem(line, t("deck.not_utf8", byte=f"0x{byte:02x}"))]) from None


def _parse(path: Path, text: str) -> dict[str, Any]:
    try:
        return parsed_cache.loads(text, path)
    except parsed_cache.TOMLError as error:
        message = str(error)
        match = _TOML_LINE.search(message)
        if match:
            line: int | None = int(match.group(1))
        elif _TOML_END.search(message):
            line = max(text.count("\n") + (0 if text.endswith("\n") else 1), 1)
        else:
            line = None
        detail = _TOML_END.sub("", _TOML_LINE.sub("", message)).strip()
        hint = next((key for pattern, key in _TOML_HINTS if pattern.search(detail)), None)
        said = (
            t("deck.syntax_hint", hint=t(f"deck.toml.{hint}"), detail=detail)
            if hint
            else t("deck.syntax", detail=detail)
        )
        raise DeckError(path, [Problem(line, said)]) from None
    except RecursionError:
        raise DeckError(path, [Problem(None, t("deck.too_deep"))]) from None


def _optional_str(
    table: dict[str, Any], key: str, line_of: Callable[[str], int | None], problems: list[Problem]
) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        problems.append(
            Problem(
                line_of(key),
                t("deck.wrong_type", key=key, want=t("deck.type.text"), got=_type_name(value)),
            )
        )
        return ""
    return " ".join(value.split())


def _card(
    index: int, raw: Any, locate: _Locator, seen: dict[str, list[int]], problems: list[Problem]
) -> Card | None:
    number = index + 1
    if not isinstance(raw, dict):
        problems.append(Problem(locate.card(index), t("deck.card_not_table", number=number)))
        return None
    before = len(problems)
    for key in sorted(set(raw) - _CARD_KEYS):
        problems.append(
            Problem(locate.card(index, key), t("deck.unknown_card_key", key=key, number=number))
        )
    card_id = raw.get("id")
    if card_id is None:
        problems.append(Problem(locate.card(index), t("deck.card_no_id", number=number)))
    elif not isinstance(card_id, str) or not _ID_PATTERN.fullmatch(card_id):
        problems.append(Problem(locate.card(index, "id"), t("deck.bad_card_id", number=number)))
    elif card_id in seen:
        earlier = seen[card_id]
        earlier.append(index)
        written = locate.card_value_lines("id", card_id)
        if len(written) >= len(earlier):  # each card's id found where it is written
            line, first = written[len(earlier) - 1], written[0]
            problem = Problem(line, t("deck.duplicate_id", id=card_id, first=first))
        else:  # not found as written (an escape in the id, say): by the cards' numbers
            first = earlier[0] + 1
            problem = Problem(
                locate.card(index, "id"), t("deck.duplicate_id_card", id=card_id, first=first)
            )
        problems.append(problem)
    else:
        seen[card_id] = [index]
    text = raw.get("text")
    if text is None:
        problems.append(Problem(locate.card(index), t("deck.card_no_text", number=number)))
    elif not isinstance(text, str):
        got = _type_name(text)
        problems.append(
            Problem(
                locate.card(index, "text"),
                t("deck.wrong_type", key="text", want=t("deck.type.text"), got=got),
            )
        )
    elif not text.strip():
        problems.append(Problem(locate.card(index, "text"), t("deck.empty_text", number=number)))
    line_of = functools.partial(locate.card, index)
    follow_up = _optional_str(raw, "follow_up", line_of, problems)
    theme = _optional_str(raw, "theme", line_of, problems)
    tags = raw.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        problems.append(
            Problem(
                locate.card(index, "tags"),
                t("deck.wrong_type", key="tags", want=t("deck.type.tags"), got=_type_name(tags)),
            )
        )
        tags = []
    if len(problems) > before:
        return None
    assert isinstance(card_id, str) and isinstance(text, str)
    return Card(
        id=card_id,
        text=" ".join(text.split()),
        theme=theme,
        follow_up=follow_up,
        tags=tuple(tag.strip() for tag in tags if tag.strip()),
    )


def load_deck(path: Path | str, *, builtin: bool = False) -> Deck:
    """Read, parse and validate one deck file; raise `DeckError` listing every problem."""
    path = Path(path)
    text = _read_text(path)
    data = _parse(path, text)
    locate = _Locator(text)
    problems: list[Problem] = []
    for key in sorted(set(data) - _DECK_KEYS):
        problems.append(Problem(locate.top(key), t("deck.unknown_key", key=key)))
    deck_id = data.get("id", path.stem)
    if not isinstance(deck_id, str) or not _ID_PATTERN.fullmatch(deck_id):
        problems.append(Problem(locate.top("id"), t("deck.bad_deck_id")))
    title = data.get("title")
    if title is None:
        problems.append(Problem(None, t("deck.no_title")))
    elif not isinstance(title, str) or not title.strip():
        problems.append(Problem(locate.top("title"), t("deck.bad_title")))
    language = _optional_str(data, "language", locate.top, problems) or "nl"
    description = _optional_str(data, "description", locate.top, problems)
    source = _optional_str(data, "source", locate.top, problems)
    translation_of = _optional_str(data, "translation_of", locate.top, problems)
    if translation_of and (translation_of == deck_id or not _ID_PATTERN.fullmatch(translation_of)):
        problems.append(Problem(locate.top("translation_of"), t("deck.bad_translation_of")))
    raw_cards = data.get("cards")
    cards: list[Card] = []
    if raw_cards is None or raw_cards == []:
        problems.append(Problem(None, t("deck.no_cards")))
    elif not isinstance(raw_cards, list):
        problems.append(Problem(locate.top("cards"), t("deck.cards_not_list")))
    else:
        seen: dict[str, list[int]] = {}
        for index, raw in enumerate(raw_cards):
            card = _card(index, raw, locate, seen, problems)
            if card is not None:
                cards.append(card)
    if problems:
        raise DeckError(path, problems)
    assert isinstance(deck_id, str) and isinstance(title, str)
    return Deck(
        id=deck_id,
        title=" ".join(title.split()),
        cards=tuple(cards),
        language=language,
        description=description,
        source=source,
        path=path,
        builtin=builtin,
        translation_of=translation_of,
    )


# the order a facilitator meets the built-in decks in; any other shipped deck follows by name
BUILTIN_ORDER = (
    "dialoogkaarten",
    "leiderschapspraktijken",
    "persoonlijke-kwaliteiten",
    "reflectie",
    "coaching",
)


def builtin_deck_paths() -> list[Path]:
    """The deck files shipped with dialoog, in a stable order."""
    rank = {name: index for index, name in enumerate(BUILTIN_ORDER)}
    return sorted(BUILTIN_DIR.glob("*.toml"), key=lambda p: (rank.get(p.stem, len(rank)), p.name))


@frozen
class DeckLibrary:
    """Every deck that loaded, and every file that did not (reported, then skipped)."""

    decks: tuple[Deck, ...]
    errors: tuple[DeckError, ...]

    def get(self, deck_id: str) -> Deck:
        for deck in self.decks:
            if deck.id == deck_id:
                return deck
        raise KeyError(deck_id)

    def __iter__(self) -> Iterator[Deck]:
        return iter(self.decks)

    def listed(self, language: str | None = None) -> tuple[Deck, ...]:
        """The decks a facilitator chooses from with the UI in `language` (the UI's now by
        default). The built-in translations stand in for their deck where dialoog asks its
        questions itself (`cards.model.in_language`: the closing reflection, the coaching
        prompts); one into the UI's language is a deck to deal as well, beside its original
        (an English UI offers "Reflection" and "Reflectie"). A user's own translation is
        always a deck to deal."""
        ui = language or current_language()
        return tuple(
            deck
            for deck in self.decks
            if not (deck.translation_of and deck.builtin and deck.language != ui)
        )


def load_library(user_dir: Path | None = None, extra: Iterable[Path | str] = ()) -> DeckLibrary:
    """Built-in decks, then `*.toml` in the user's deck folder, then files given by name.

    A broken user deck is kept out and reported in `errors`; a user deck whose id is already
    taken is reported too, so two decks never answer to one id.
    """
    decks: list[Deck] = []
    errors: list[DeckError] = []
    taken: set[str] = set()
    sources: list[tuple[Path, bool]] = [(p, True) for p in builtin_deck_paths()]
    if user_dir is not None and user_dir.is_dir():
        sources += [(p, False) for p in sorted(user_dir.glob("*.toml"))]
    sources += [(Path(p), False) for p in extra]
    for path, builtin in sources:
        try:
            deck = load_deck(path, builtin=builtin)
        except DeckError as error:
            errors.append(error)
            continue
        if deck.id in taken:
            errors.append(DeckError(path, [Problem(None, t("deck.id_taken", id=deck.id))]))
            continue
        taken.add(deck.id)
        decks.append(deck)
    return DeckLibrary(*_translations_checked(decks, errors))


def _translations_checked(
    decks: list[Deck], errors: list[DeckError]
) -> tuple[tuple[Deck, ...], tuple[DeckError, ...]]:
    """A translation must put a loaded deck into another language, card for card (the same
    ids, in the same order): else it is kept out and reported, as a broken file is."""
    by_id = {deck.id: deck for deck in decks}
    kept = []
    for deck in decks:
        original = by_id.get(deck.translation_of) if deck.translation_of else None
        if deck.translation_of and original is None:
            problem = t("deck.translation_of_unknown", id=deck.translation_of)
        elif original is not None and [c.id for c in deck.cards] != [c.id for c in original.cards]:
            problem = t("deck.translation_cards", id=original.id)
        else:
            kept.append(deck)
            continue
        errors.append(DeckError(deck.path or Path(deck.id), [Problem(None, problem)]))
    return tuple(kept), tuple(errors)
