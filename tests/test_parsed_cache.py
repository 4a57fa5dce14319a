"""Parsed TOML kept between starts: read back while a text is unchanged, parsed again when it
changes, and a cache that cannot be used never stands in the way."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import cli
from cards import parsed_cache
from cards.loader import DeckError, load_deck

DECK = """id = "eigen"
title = "Eigen kaarten"

[[cards]]
id = "a"
text = "{text}"
"""


def start_again(file: Path) -> None:
    """What the next start of the app does: write the cache, then read it afresh."""
    data = parsed_cache.TOML.pending()
    if data is not None:
        file.write_bytes(data)
    parsed_cache.use(file)


def test_a_text_parsed_once_is_read_back_without_the_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "cache"
    parsed_cache.use(file)
    text = 'a = "één"\n[b]\nc = [1, 2.5, true]\n'
    first = parsed_cache.loads(text)
    start_again(file)

    def no_parser(text: str) -> dict[str, object]:
        raise AssertionError("parsed again")

    monkeypatch.setattr(parsed_cache, "_parse", no_parser)
    assert parsed_cache.loads(text) == first == {"a": "één", "b": {"c": [1, 2.5, True]}}
    assert parsed_cache.loads(text) is not parsed_cache.loads(text)  # each caller its own


def test_an_edited_deck_is_parsed_again(tmp_path: Path) -> None:
    file = tmp_path / "cache"
    deck = tmp_path / "eigen.toml"
    parsed_cache.use(file)
    deck.write_text(DECK.format(text="Wat zie je?"), encoding="utf-8")
    assert load_deck(deck).cards[0].text == "Wat zie je?"
    start_again(file)
    deck.write_text(DECK.format(text="Wat hoor je?"), encoding="utf-8")
    assert load_deck(deck).cards[0].text == "Wat hoor je?"


def test_broken_toml_is_reported_with_its_line_and_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "cache"
    parsed_cache.use(file)
    deck = tmp_path / "kapot.toml"
    deck.write_text('id = "x"\ntitle = \n', encoding="utf-8")
    parsed: list[str] = []
    parse = parsed_cache._parse
    monkeypatch.setattr(parsed_cache, "_parse", lambda text: parsed.append(text) or parse(text))
    for _ in range(2):
        with pytest.raises(DeckError) as error:
            load_deck(deck)
        assert error.value.problems[0].line == 2
        start_again(file)
    assert len([text for text in parsed if text.startswith('id = "x"')]) == 2


def test_dates_are_parsed_every_time_but_work(tmp_path: Path) -> None:
    parsed_cache.use(tmp_path / "cache")
    assert str(parsed_cache.loads("d = 2026-11-22\n")["d"]) == "2026-11-22"
    assert parsed_cache.TOML.pending() is None  # marshal keeps no dates


@pytest.mark.parametrize("junk", [b"", b"\x00\x01garbage", b"\xe3" * 100])
def test_a_damaged_cache_is_ignored_and_written_anew(tmp_path: Path, junk: bytes) -> None:
    file = tmp_path / "cache"
    file.write_bytes(junk)
    parsed_cache.use(file)
    assert parsed_cache.loads("a = 1\n") == {"a": 1}
    start_again(file)
    assert parsed_cache.loads("a = 1\n") == {"a": 1}
    assert parsed_cache.TOML.pending() is None  # read back: nothing new to write


def test_the_command_keeps_the_cache_and_sees_an_edited_deck(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    user = isolated / "config" / "decks"
    user.mkdir(parents=True)
    (user / "eigen.toml").write_text(DECK.format(text="Eerste versie"), encoding="utf-8")
    assert cli.main(["decks"]) == 0
    cache = isolated / "cache" / cli.PARSED_CACHE
    assert cache.exists()
    (user / "eigen.toml").write_text(
        DECK.format(text="Tweede").replace("Eigen kaarten", "Nieuwe titel"), encoding="utf-8"
    )
    capsys.readouterr()
    assert cli.main(["decks"]) == 0
    assert "Nieuwe titel" in capsys.readouterr().out


def test_a_cache_folder_that_cannot_be_written_is_no_problem(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (isolated / "cache").write_text("a file where the folder should be", encoding="utf-8")
    assert cli.main(["decks"]) == 0
    assert "dialoogkaarten" in capsys.readouterr().out


def test_one_file_text_never_stands_in_for_another_file(tmp_path: Path) -> None:
    """The same text in two files is kept for each; a file's entry is its own."""
    file = tmp_path / "cache"
    parsed_cache.use(file)
    assert parsed_cache.loads('a = "x"\n', tmp_path / "one.toml") == {"a": "x"}
    start_again(file)
    entries = parsed_cache.TOML.entries()
    assert [key[0] for key in entries] == [str(tmp_path / "one.toml")]
    assert parsed_cache.loads('a = "x"\n', tmp_path / "two.toml") == {"a": "x"}
    assert len(parsed_cache.TOML.entries()) == 2


def test_once_saved_the_cache_lets_go_of_its_texts_and_reads_the_file_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "cache"
    parsed_cache.use(file)
    parsed_cache.loads('a = "één"\n')
    cli.save_parsed_cache()  # as the app does before it runs
    assert parsed_cache.TOML._read is None  # not held while the app runs for hours
    monkeypatch.setattr(parsed_cache, "_parse", lambda text: pytest.fail("parsed again"))
    assert parsed_cache.loads('a = "één"\n') == {"a": "één"}  # read back from the file
    assert parsed_cache.TOML._read is None  # and let go of again
    parsed_cache.TOML.release()
    assert parsed_cache.loads('a = "één"\n') == {"a": "één"}


def test_after_release_only_what_is_new_is_held_and_all_is_written(tmp_path: Path) -> None:
    """A text parsed after the cache let go (a deck added while the app runs) is held until
    it is written; the file's other entries are not read back into memory for it."""
    file = tmp_path / "cache"
    parsed_cache.use(file)
    parsed_cache.loads("a = 1\n")
    parsed_cache.loads("b = 2\n")
    start_again(file)
    parsed_cache.TOML.release()
    assert parsed_cache.loads("c = 3\n") == {"c": 3}
    assert parsed_cache.TOML._read is None and len(parsed_cache.TOML._new) == 1
    start_again(file)
    assert len(parsed_cache.TOML.entries()) == 3
