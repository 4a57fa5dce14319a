"""Loading deck files: each problem is a `DeckError` naming the file, the line and the fault."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cards import i18n
from cards.loader import (
    BUILTIN_ORDER,
    MAX_DECK_BYTES,
    DeckError,
    DeckLibrary,
    load_deck,
    load_library,
)
from cards.model import Card, Deck, in_language

# generated deck files: 100 in CI, 1,000 with --slow (see conftest)
FUZZ_EXAMPLES = 1000 if os.environ.get("DIALOOG_SLOW") else 100

REPO = Path(__file__).resolve().parents[1]


def toml(*lines: str) -> str:
    """A file whose line N is ``lines[N - 1]``, so tests can name lines by number."""
    return "\n".join(lines) + "\n"


def write(folder: Path, content: str | bytes, name: str = "deck.toml") -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def deck_error(path: Path) -> DeckError:
    """The `DeckError` that loading `path` raises (any other exception fails the test)."""
    with pytest.raises(DeckError) as info:
        load_deck(path)
    error = info.value
    assert error.path == path
    assert error.problems, "a DeckError must carry at least one problem"
    for line in error.lines():
        assert line.startswith(f"{path}"), line
    return error


def only_problem(error: DeckError) -> tuple[int | None, str]:
    assert len(error.problems) == 1, error.lines()
    problem = error.problems[0]
    return problem.line, problem.message


@pytest.fixture
def english() -> Iterator[None]:
    """English UI text for one test, Dutch again afterwards."""
    i18n.set_language("en")
    yield
    i18n.set_language("nl")


# -- a good deck -------------------------------------------------------------------------------

MINIMAL = toml(
    'id = "mini"',
    'title = "Mini set"',
    'language = "en"',
    'description = "Two cards."',
    'source = "tests"',
    "",
    "[[cards]]",
    'id = "m-1"',
    'text = "First question?"',
    'follow_up = "And then?"',
    'theme = "Start"',
    'tags = ["one", " two ", ""]',
    "",
    "[[cards]]",
    'id = "m-2"',
    'text = "Second question?"',
)


def test_minimal_deck_loads_with_every_field(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL)
    deck = load_deck(path)
    assert isinstance(deck, Deck)
    assert (deck.id, deck.title, deck.language) == ("mini", "Mini set", "en")
    assert (deck.description, deck.source) == ("Two cards.", "tests")
    assert deck.path == path
    assert deck.builtin is False
    assert deck.cards == (
        Card(
            id="m-1",
            text="First question?",
            theme="Start",
            follow_up="And then?",
            tags=("one", "two"),
        ),
        Card(id="m-2", text="Second question?"),
    )
    assert len(deck) == 2
    assert deck.card("m-2").text == "Second question?"
    assert deck.number_of("m-2") == 2


def test_builtin_flag_is_passed_through(tmp_path: Path) -> None:
    assert load_deck(write(tmp_path, MINIMAL), builtin=True).builtin is True


def test_path_may_be_a_string(tmp_path: Path) -> None:
    assert load_deck(str(write(tmp_path, MINIMAL))).id == "mini"


def test_multiline_text_is_joined_into_single_spaced_text(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        toml(
            'title = """  Een',
            '   titel """',
            "[[cards]]",
            'id = "a"',
            'text = """',
            "Een   lange",
            "   vraag over",
            "\tde school?",
            '"""',
            'follow_up = """Nog',
            'een vraag"""',
            'theme = "  Visie   en  waarden "',
        ),
    )
    deck = load_deck(path)
    assert deck.title == "Een titel"
    card = deck.cards[0]
    assert card.text == "Een lange vraag over de school?"
    assert card.follow_up == "Nog een vraag"
    assert card.theme == "Visie en waarden"


def test_deck_id_defaults_to_file_stem(tmp_path: Path) -> None:
    path = write(
        tmp_path, toml('title = "X"', "[[cards]]", 'id = "a"', 'text = "Vraag?"'), "mijn-set.toml"
    )
    deck = load_deck(path)
    assert deck.id == "mijn-set"
    assert deck.language == "nl"


# -- file-level problems -----------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nergens.toml"
    error = deck_error(path)
    assert only_problem(error) == (None, "bestand niet gevonden")
    assert error.lines() == [f"{path}: bestand niet gevonden"]
    assert str(error) == f"{path}: bestand niet gevonden"


def test_folder_instead_of_file(tmp_path: Path) -> None:
    path = tmp_path / "map.toml"
    path.mkdir()
    line, message = only_problem(deck_error(path))
    assert line is None
    assert "map" in message


def test_file_over_one_megabyte(tmp_path: Path) -> None:
    body = MINIMAL + "#" * (MAX_DECK_BYTES + 1 - len(MINIMAL.encode()))
    path = write(tmp_path, body)
    assert path.stat().st_size == 1_000_001
    line, message = only_problem(deck_error(path))
    assert line is None
    assert "1000001" in message
    assert "1 MB" in message


def test_file_of_exactly_one_megabyte_still_loads(tmp_path: Path) -> None:
    body = MINIMAL + "#" * (MAX_DECK_BYTES - len(MINIMAL.encode()))
    path = write(tmp_path, body)
    assert path.stat().st_size == MAX_DECK_BYTES
    assert len(load_deck(path)) == 2


@pytest.mark.parametrize(
    ("content", "line", "says"),
    [
        (
            toml('title = "x"', "", "[[cards]]", 'id = "a"', 'text = "not closed', ""),
            5,
            'er mist een aanhalingsteken (") aan het eind',
        ),
        (toml('title = "x"', "", "[[cards]]", 'id "a"', 'text = "b"'), 4, "hoort een ="),
        (
            toml('title = "x"', "[[cards]]", 'id = "a"', 'text = "b"', 'text = "c"'),
            5,
            "staat er twee keer",
        ),
        (
            toml('title = "x"', "", "", "", "", "source = yes", "[[cards]]"),
            6,
            "zet tekst tussen aanhalingstekens",
        ),
        (toml('title = "x"', "tags = [1, 2", "[[cards]]"), 3, "er mist een sluithaakje"),
        (toml('title = "x" "y"'), 1, "achter de waarde staat nog iets"),
        (toml('title = "x"', "[[cards", 'id = "a"'), 2, "er mist een sluithaakje"),
    ],
    ids=[
        "unterminated-string",
        "missing-equals",
        "duplicate-key",
        "bad-value",
        "unclosed-list",
        "two-values",
        "unclosed-table",
    ],
)
def test_toml_syntax_error_names_the_line(
    tmp_path: Path, content: str, line: int, says: str
) -> None:
    """The line, what is wrong in words a deck's author can act on, and the reader's own
    words after them in brackets."""
    path = write(tmp_path, content)
    error = deck_error(path)
    found, message = only_problem(error)
    assert found == line
    assert message.startswith("TOML-fout: ") and says in message
    assert message.endswith(")")  # the TOML reader's own words
    assert "(at line" not in message, "the position is given as the line, not repeated"
    assert error.lines()[0].startswith(f"{path}:{line}: TOML-fout: ")


def test_non_utf8_bytes_name_the_line_and_byte(tmp_path: Path) -> None:
    content = toml('title = "x"', "", "[[cards]]", 'id = "a"', "", 'text = "caf').encode()
    content = content[:-1] + b'\xe9"\n'
    path = write(tmp_path, content)
    error = deck_error(path)
    line, message = only_problem(error)
    assert line == 6
    assert "UTF-8" in message
    assert "0xe9" in message
    assert error.lines() == [f"{path}:6: {message}"]


def test_non_utf8_on_first_line(tmp_path: Path) -> None:
    path = write(tmp_path, b'title = "\xff"\n')
    assert only_problem(deck_error(path))[0] == 1


# -- card problems -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ['""', '"   "', '"""\n\n   """'])
def test_card_with_empty_text_names_the_text_line(tmp_path: Path, text: str) -> None:
    path = write(
        tmp_path,
        toml('title = "x"', "", "[[cards]]", 'id = "a"', 'theme = "t"', f"text = {text}"),
    )
    error = deck_error(path)
    line, message = only_problem(error)
    assert line == 6
    assert message == 'kaart 1 heeft een lege tekst (text = "")'
    assert error.lines() == [f'{path}:6: kaart 1 heeft een lege tekst (text = "")']


def test_card_without_text_names_the_card(tmp_path: Path) -> None:
    path = write(tmp_path, toml('title = "x"', "", "[[cards]]", 'id = "a"'))
    assert only_problem(deck_error(path)) == (3, 'kaart 1 heeft geen tekst (text = "...")')


def test_card_without_id_names_the_card(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        toml('title = "x"', "[[cards]]", 'id = "a"', 'text = "b"', "[[cards]]", 'text = "c"'),
    )
    assert only_problem(deck_error(path)) == (5, 'kaart 2 heeft geen id (id = "...")')


def test_duplicate_card_ids_name_both_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        toml(
            'title = "x"',
            "",
            "[[cards]]",
            'text = "one"',
            'id = "a"',
            "",
            "[[cards]]",
            'id = "b"',
            'text = "two"',
            "",
            "[[cards]]",
            'text = "three"',
            'id = "a"',
        ),
    )
    error = deck_error(path)
    line, message = only_problem(error)
    assert line == 13
    assert "'a'" in message
    assert "regel 5" in message
    assert error.lines() == [f"{path}:13: {message}"]


def test_a_line_separator_inside_a_text_does_not_shift_the_lines(tmp_path: Path) -> None:
    # U+2028 ends a line for Python's str.splitlines, not for TOML or an editor
    path = write(
        tmp_path,
        toml(
            'title = "x"',
            "[[cards]]",
            'id = "a"',
            'text = "een\u2028twee"',
            "[[cards]]",
            'id = "a"',
            'text = "drie"',
        ),
    )
    line, message = only_problem(deck_error(path))
    assert line == 6
    assert "regel 3" in message


@pytest.mark.parametrize("bad_id", ["met spatie", "", "-voor", "x" * 65, "é"])
def test_bad_card_id_names_the_line(tmp_path: Path, bad_id: str) -> None:
    path = write(
        tmp_path, toml('title = "x"', "[[cards]]", f"id = {json.dumps(bad_id)}", 'text = "b"')
    )
    line, message = only_problem(deck_error(path))
    assert line == 3
    assert "kaart 1" in message


def test_card_id_of_64_characters_is_fine(tmp_path: Path) -> None:
    path = write(tmp_path, toml('title = "x"', "[[cards]]", f'id = "{"x" * 64}"', 'text = "b"'))
    assert load_deck(path).cards[0].id == "x" * 64


def test_id_with_trailing_newline_is_rejected(tmp_path: Path) -> None:
    # the rule is: letters, digits, '-', '_' or '.'; a newline is none of those
    card = write(
        tmp_path, toml('title = "x"', "[[cards]]", 'id = "a\\n"', 'text = "b"'), "card.toml"
    )
    assert only_problem(deck_error(card))[0] == 3
    deck = write(
        tmp_path,
        toml('id = "set\\n"', 'title = "x"', "[[cards]]", 'id = "a"', 'text = "b"'),
        "deck.toml",
    )
    assert only_problem(deck_error(deck))[0] == 1


def test_unknown_top_level_key_names_the_line(tmp_path: Path) -> None:
    path = write(
        tmp_path, toml('title = "x"', 'author = "me"', "[[cards]]", 'id = "a"', 'text = "b"')
    )
    line, message = only_problem(deck_error(path))
    assert line == 2
    assert "'author'" in message


def test_unknown_card_key_names_the_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        toml(
            'title = "x"',
            "[[cards]]",
            'id = "a"',
            'text = "b"',
            "[[cards]]",
            'id = "c"',
            'text = "d"',
            'colour = "red"',
        ),
    )
    line, message = only_problem(deck_error(path))
    assert line == 8
    assert "'colour'" in message
    assert "kaart 2" in message


@pytest.mark.parametrize(
    ("lines", "line", "words"),
    [
        (
            ('title = "x"', "[[cards]]", 'id = "a"', "text = 42"),
            4,
            ["'text'", "tekst", "een getal"],
        ),
        (
            ('title = "x"', "[[cards]]", 'id = "a"', 'text = "b"', 'tags = "visie"'),
            5,
            ["'tags'", "een lijst met tekst", "tekst"],
        ),
        (
            ('title = "x"', "[[cards]]", 'id = "a"', 'text = "b"', "tags = [1, 2]"),
            5,
            ["'tags'", "een lijst met tekst"],
        ),
        (('title = ["x"]', "[[cards]]", 'id = "a"', 'text = "b"'), 1, ["title"]),
        (
            ('title = "x"', "description = true", "[[cards]]", 'id = "a"', 'text = "b"'),
            2,
            ["'description'", "waar/onwaar"],
        ),
        (
            ('title = "x"', "[[cards]]", 'id = "a"', 'text = "b"', "theme = {a = 1}"),
            5,
            ["'theme'", "een tabel"],
        ),
        (('title = "x"', 'cards = "geen lijst"'), 2, ["cards"]),
    ],
    ids=[
        "text-number",
        "tags-string",
        "tags-numbers",
        "title-list",
        "description-bool",
        "theme-table",
        "cards-string",
    ],
)
def test_wrong_types_name_the_line(
    tmp_path: Path, lines: tuple[str, ...], line: int, words: list[str]
) -> None:
    path = write(tmp_path, toml(*lines))
    found, message = only_problem(deck_error(path))
    assert found == line
    for word in words:
        assert word in message


def test_missing_title_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, toml("[[cards]]", 'id = "a"', 'text = "b"'))
    assert only_problem(deck_error(path)) == (
        None,
        'de kaartenset heeft geen titel (title = "...")',
    )


@pytest.mark.parametrize(
    "content", [toml('title = "Leeg"'), toml('title = "Leeg"', "cards = []")], ids=["none", "empty"]
)
def test_deck_without_cards(tmp_path: Path, content: str) -> None:
    assert only_problem(deck_error(write(tmp_path, content))) == (
        None,
        "de kaartenset heeft geen kaarten ([[cards]])",
    )


def test_several_problems_are_all_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        toml(
            "title = []",  # 1
            'extra = "?"',  # 2
            "[[cards]]",  # 3
            'id = "a"',  # 4
            "text = 5",  # 5
            'tags = "t"',  # 6
            "[[cards]]",  # 7
            'id = "ok"',  # 8
            'text = "fine"',  # 9
            "[[cards]]",  # 10
            'id = "a"',  # 11
            'text = ""',  # 12
        ),
    )
    error = deck_error(path)
    assert sorted(p.line for p in error.problems if p.line) == [1, 2, 5, 6, 11, 12]
    assert len(error.lines()) == 6
    assert str(error) == "\n".join(error.lines())
    assert all(line.startswith(f"{path}:") for line in error.lines())


def test_deeply_nested_value_is_a_deck_error(tmp_path: Path) -> None:
    # a 10 kB file, well under the size limit: must be reported, not crash with RecursionError
    path = write(tmp_path, "x = " + "[" * 5000 + "]" * 5000 + "\n")
    assert path.stat().st_size < MAX_DECK_BYTES
    escaped = None
    try:
        load_deck(path)
    except DeckError as error:
        assert error.problems
        return
    except RecursionError:  # failed outside this block: a 5000-frame traceback helps nobody
        escaped = "RecursionError"
    pytest.fail(f"load_deck let {escaped} escape instead of raising DeckError")


# -- messages in the UI language ----------------------------------------------------------------


def test_messages_are_dutch_by_default(tmp_path: Path) -> None:
    code = (
        "import sys; from cards.loader import load_deck, DeckError\n"
        "try:\n    load_deck(sys.argv[1])\n"
        "except DeckError as e:\n    print(e.problems[0].message)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "weg.toml")],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    ).stdout
    assert out.strip() == "bestand niet gevonden"


def test_messages_in_dutch(tmp_path: Path) -> None:
    path = write(tmp_path, toml('title = "x"', "[[cards]]", 'id = "a"', "text = 1"))
    assert only_problem(deck_error(path))[1] == "'text' moet tekst zijn, maar is een getal"


def test_messages_in_english(tmp_path: Path, english: None) -> None:
    assert only_problem(deck_error(tmp_path / "gone.toml"))[1] == "file not found"
    path = write(tmp_path, toml('title = "x"', "[[cards]]", 'id = "a"', "text = 1"))
    assert only_problem(deck_error(path)) == (4, "'text' must be text, but is a number")
    path = write(tmp_path, toml('title = "x"', "[[cards]]", 'id = "a"', 'text = "b'))
    assert only_problem(deck_error(path))[1].startswith(
        'TOML error: a text is not closed: a quotation mark (") is missing at its end ('
    )
    path = write(tmp_path, toml('title = "x"'))
    assert only_problem(deck_error(path))[1] == "the deck has no cards ([[cards]])"


def test_switching_language_changes_messages_both_ways(tmp_path: Path) -> None:
    missing = tmp_path / "weg.toml"
    i18n.set_language("en")
    assert only_problem(deck_error(missing))[1] == "file not found"
    i18n.set_language("nl")
    assert only_problem(deck_error(missing))[1] == "bestand niet gevonden"


# -- the library ------------------------------------------------------------------------------


def test_library_loads_builtin_decks() -> None:
    library = load_library()
    assert isinstance(library, DeckLibrary)
    assert library.errors == ()
    assert tuple(deck.id for deck in library.listed()) == BUILTIN_ORDER
    assert all(deck.builtin for deck in library)
    translations = {(d.id, d.translation_of, d.language) for d in library if d.translation_of}
    assert translations == {("reflectie-en", "reflectie", "en"), ("coaching-en", "coaching", "en")}


def test_a_translation_into_the_ui_language_is_offered_beside_its_deck() -> None:
    """An English UI offers the English reflection and coaching decks to deal (it offered
    only the Dutch ones); a Dutch UI offers the decks as before."""
    library = load_library()
    english = [deck.id for deck in library.listed("en")]
    assert {"reflectie-en", "coaching-en", "reflectie", "coaching"} <= set(english)
    assert [d for d in english if d not in ("reflectie-en", "coaching-en")] == list(BUILTIN_ORDER)
    assert tuple(deck.id for deck in library.listed("nl")) == BUILTIN_ORDER
    i18n.set_language("en")
    try:
        assert "reflectie-en" in {deck.id for deck in library.listed()}  # the UI's, by default
    finally:
        i18n.set_language("nl")


def test_a_translation_stands_in_for_its_deck_in_its_language() -> None:
    library = load_library()
    assert in_language(library, "reflectie", "en").id == "reflectie-en"
    assert in_language(library, "reflectie", "nl").id == "reflectie"
    assert in_language(library, "dialoogkaarten", "en").id == "dialoogkaarten"  # none: itself
    assert in_language(library, "onbekend", "en") is None
    for translation in (d for d in library if d.translation_of):
        original = library.get(translation.translation_of)
        assert [c.id for c in translation.cards] == [c.id for c in original.cards]
        assert all(c.text != o.text for c, o in zip(translation.cards, original.cards, strict=True))


def test_a_users_translation_is_a_deck_to_deal_and_stands_in_for_its_deck(
    tmp_path: Path,
) -> None:
    user = tmp_path / "decks"
    user.mkdir()
    original = load_library().get("reflectie")
    cards = [line for c in original.cards for line in ("[[cards]]", f'id = "{c.id}"', 'text = "?"')]
    write(
        user,
        toml('id = "mijn-fr"', 'title = "Réflexion"', 'language = "fr"', *cards).replace(
            'language = "fr"', 'language = "fr"\ntranslation_of = "reflectie"'
        ),
        "fr.toml",
    )
    library = load_library(user)
    assert library.errors == ()
    assert "mijn-fr" in {d.id for d in library.listed()}  # the user's own: on the form too
    assert in_language(library, "reflectie", "fr").id == "mijn-fr"


def test_a_translation_of_no_loaded_deck_or_of_other_cards_is_reported(tmp_path: Path) -> None:
    user = tmp_path / "decks"
    user.mkdir()
    cards = ("[[cards]]", 'id = "rf-01"', 'text = "What went well?"')
    orphan = write(
        user, toml('id = "x-en"', 'title = "X"', 'translation_of = "nergens"', *cards), "a.toml"
    )
    other = write(
        user, toml('id = "r-en"', 'title = "R"', 'translation_of = "reflectie"', *cards), "b.toml"
    )
    itself = write(
        user, toml('id = "zelf"', 'title = "Z"', 'translation_of = "zelf"', *cards), "c.toml"
    )
    library = load_library(user)
    assert {d.id for d in library.listed()} == set(BUILTIN_ORDER)
    reported = {error.path: error.lines() for error in library.errors}
    assert "'nergens'" in " ".join(reported[orphan]) and "niet geladen" in " ".join(
        reported[orphan]
    )
    assert "dezelfde kaarten" in " ".join(reported[other])
    assert "translation_of" in " ".join(reported[itself]) and ":3:" in " ".join(reported[itself])


def test_library_reports_and_skips_broken_user_deck(tmp_path: Path) -> None:
    user = tmp_path / "decks"
    user.mkdir()
    good = write(
        user,
        toml('id = "eigen"', 'title = "Eigen"', "[[cards]]", 'id = "e1"', 'text = "Vraag?"'),
        "a-good.toml",
    )
    broken = write(
        user, toml('title = "Kapot"', "[[cards]]", 'id = "k1"', 'text = "open'), "b-broken.toml"
    )
    also_good = write(
        user, toml('title = "Ook"', "[[cards]]", 'id = "o1"', 'text = "Ja?"'), "c-ook.toml"
    )
    write(user, "niet = 'een deck'", "notes.txt")
    library = load_library(user)
    assert [error.path for error in library.errors] == [broken]
    assert library.errors[0].problems[0].line == 4
    ids = [deck.id for deck in library.listed()]
    assert ids == [*BUILTIN_ORDER, "eigen", "c-ook"]
    assert library.get("eigen").path == good
    assert library.get("eigen").builtin is False
    assert library.get("c-ook").path == also_good
    with pytest.raises(KeyError):
        library.get("b-broken")


def test_library_skips_user_deck_reusing_builtin_id(tmp_path: Path) -> None:
    user = tmp_path / "decks"
    user.mkdir()
    clash = write(
        user,
        toml('id = "dialoogkaarten"', 'title = "Nep"', "[[cards]]", 'id = "n1"', 'text = "Nep?"'),
        "nep.toml",
    )
    library = load_library(user)
    assert len(library.errors) == 1
    error = library.errors[0]
    assert error.path == clash
    assert "'dialoogkaarten'" in error.problems[0].message
    assert error.lines() == [f"{clash}: {error.problems[0].message}"]
    deck = library.get("dialoogkaarten")
    assert deck.builtin is True
    assert len(deck) == 22
    assert [d.id for d in library].count("dialoogkaarten") == 1


def test_library_loads_extra_files_and_reports_missing_ones(tmp_path: Path) -> None:
    extra = write(
        tmp_path,
        toml('id = "los"', 'title = "Los"', "[[cards]]", 'id = "l1"', 'text = "Vraag?"'),
        "los.toml",
    )
    missing = tmp_path / "weg.toml"
    library = load_library(None, [extra, str(missing)])
    assert library.get("los").path == extra
    assert [error.path for error in library.errors] == [missing]


def test_library_without_user_folder(tmp_path: Path) -> None:
    library = load_library(tmp_path / "bestaat-niet")
    assert library.errors == ()
    assert len(library.listed()) == len(BUILTIN_ORDER)


# -- nothing but a Deck or a DeckError ------------------------------------------------------------


def load_or_deck_error(content: bytes) -> Deck | None:
    """Load `content` as a deck file: a Deck, or None for a DeckError; anything else escapes."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.toml"
        path.write_bytes(content)
        try:
            deck = load_deck(path)
        except DeckError as error:
            assert error.problems
            assert all(line.startswith(str(path)) for line in error.lines())
            return None
    assert isinstance(deck, Deck)
    assert deck.cards
    assert len({card.id for card in deck.cards}) == len(deck.cards)
    assert all(card.text.strip() for card in deck.cards)
    return deck


@settings(max_examples=FUZZ_EXAMPLES, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_give_deck_or_deck_error(data: bytes) -> None:
    load_or_deck_error(data)


@settings(max_examples=FUZZ_EXAMPLES, deadline=None)
@given(st.text(max_size=2000))
def test_random_text_gives_deck_or_deck_error(text: str) -> None:
    load_or_deck_error(text.encode("utf-8", errors="surrogatepass"))


FRAGMENTS = [
    "[[cards]]",
    "[ [ cards ] ]",
    "[cards]",
    "[cards.x]",
    "[meta]",
    'id = "a"',
    'id = "b"',
    "id = 3",
    'id = ""',
    'text = "Vraag?"',
    'text = ""',
    "text = 1",
    'text = """',
    '"""',
    'title = "T"',
    "title = []",
    'tags = ["a", "b"]',
    'tags = "a"',
    "tags = [1]",
    'theme = "t"',
    'follow_up = "f"',
    "cards = []",
    'cards = [{id = "i", text = "t"}]',
    'language = "en"',
    "language = 1",
    "x = 1",
    '"id" = "q"',
    "# comment",
    "",
    "=",
]


@settings(max_examples=FUZZ_EXAMPLES, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=20), max_size=30))
def test_toml_fragments_give_deck_or_deck_error(lines: list[str]) -> None:
    load_or_deck_error("\n".join(lines).encode("utf-8", errors="surrogatepass"))


_plain_text = st.text(st.characters(codec="utf-8"), max_size=12)
_values = st.recursive(
    st.one_of(_plain_text, st.integers(), st.booleans(), st.floats(allow_nan=False)),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_plain_text, inner, max_size=3),
    max_leaves=8,
)


def _mostly(good: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """Usually a good value, sometimes anything: enough decks load to check what they hold."""
    return st.integers(0, 9).flatmap(lambda roll: good if roll else _values)


_ids = _mostly(st.from_regex(r"[a-z0-9][a-z0-9_.-]{0,3}", fullmatch=True))
_texts = _mostly(st.sampled_from(["Vraag?", "Een\nlange   vraag", "Wat nu?\t"]))
_cards = st.fixed_dictionaries(
    {"id": _ids, "text": _texts},
    optional={
        "follow_up": _mostly(_plain_text),
        "theme": _mostly(_plain_text),
        "tags": _mostly(st.lists(_plain_text, max_size=3)),
    },
)
_decks = st.fixed_dictionaries(
    {"title": _mostly(st.sampled_from(["Titel", " Een  titel "]))},
    optional={
        "id": _ids,
        "language": _mostly(st.sampled_from(["nl", "en"])),
        "description": _mostly(_plain_text),
        "source": _mostly(_plain_text),
    },
)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    assert isinstance(value, dict)
    pairs = (f"{json.dumps(k, ensure_ascii=False)} = {_toml_value(v)}" for k, v in value.items())
    return "{" + ", ".join(pairs) + "}"


@settings(max_examples=FUZZ_EXAMPLES, deadline=None)
@given(_decks, st.lists(_cards, min_size=1, max_size=4))
def test_toml_structures_give_deck_or_deck_error(
    top: dict[str, object], cards: list[dict[str, object]]
) -> None:
    lines = [f"{key} = {_toml_value(value)}" for key, value in top.items()]
    for card in cards:
        lines += ["", "[[cards]]", *(f"{key} = {_toml_value(v)}" for key, v in card.items())]
    deck = load_or_deck_error(toml(*lines).encode())
    if deck is not None:
        assert [card.id for card in deck.cards] == [card["id"] for card in cards]
        assert [card.text for card in deck.cards] == [
            " ".join(str(card["text"]).split()) for card in cards
        ]


def test_duplicate_ids_of_inline_table_cards_name_their_lines(tmp_path: Path) -> None:
    """Cards written as inline tables have no [[cards]] line: the ids' own lines are named
    (the message gave the first card's number as if it were a line)."""
    path = write(
        tmp_path,
        toml(
            'title = "x"',
            "cards = [",
            '  { id = "a", text = "one" },',
            '  { id = "b", text = "two" },',
            '  { id = "a", text = "three" }, { id = "a", text = "four" },',
            "]",
        ),
    )
    error = deck_error(path)
    assert [(p.line, p.message) for p in error.problems] == [
        (5, "id 'a' komt twee keer voor (eerst op regel 3)"),
        (5, "id 'a' komt twee keer voor (eerst op regel 3)"),
    ]


async def test_broken_decks_are_told_in_one_short_message_and_shown_in_the_browser(
    tmp_path: Path,
) -> None:
    """Four broken files in the decks folder put four messages over the menu (and over any
    dialog) at 80x24; then one message of up to twelve lines, over the board on a projector at
    every start. Now one short message names the files and where to see what is wrong: the
    deck browser lists each skipped file, with every problem and its line."""
    from textual.widgets import OptionList

    from app.main import DialoogApp
    from tests.screens import screen_text

    user = tmp_path / "decks"
    user.mkdir()
    for number in range(5):  # two problems each: no title, and a card without text
        write(user, toml("[[cards]]", 'id = "k1"', "[[cards]]", 'id = "k2"'), f"k{number}.toml")
    library = load_library(user)
    assert len(library.errors) == 5
    app = DialoogApp(library)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        toasts = list(app.screen.query("Toast"))
        assert len(toasts) == 1
        text = str(toasts[0].render())
        assert "5 kaartensets overgeslagen" in text
        assert "k0.toml, k1.toml, k2.toml, k3.toml en nog 1" in text
        assert "Kaarten bekijken en delen" in text and "regel" not in text
        assert len(text.strip().splitlines()) <= 4  # the title, and a line or two of text
        await pilot.press("d")  # the deck browser
        await pilot.pause()
        assert not app.screen.query("Toast")  # the message made way for what it pointed to
        deck_list = app.screen.query_one("#deck-list", OptionList)
        prompts = [
            str(deck_list.get_option_at_index(i).prompt) for i in range(deck_list.option_count)
        ]
        assert "⚠ k4.toml (overgeslagen)" in prompts
        deck_list.highlighted = prompts.index("⚠ k0.toml (overgeslagen)")
        await pilot.pause()
        details = str(app.screen.query_one("#deck-text").content)
        await pilot.pause()
        assert "Open bord" not in screen_text(app)  # no board to open on a skipped file
        assert str(user / "k0.toml") in details
        assert all(f"k0.toml:{line}" in details for line in error_lines(library, "k0.toml"))
        await pilot.press("enter")  # a skipped file has no board to open
        await pilot.pause()
        assert type(app.screen).__name__ == "DecksScreen"
        assert "verbeter eerst het bestand" in str(list(app.screen.query("Toast"))[-1].render())


def error_lines(library: DeckLibrary, name: str) -> list[int]:
    (error,) = [e for e in library.errors if e.path.name == name]
    return [p.line for p in error.problems if p.line]
