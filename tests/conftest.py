"""Shared fixtures: every test runs with its own data and config folders and Dutch UI text."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import locations
from cards import parsed_cache
from cards.i18n import set_language
from cards.loader import DeckLibrary, load_library
from sessions import copies


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", help="run the long fault and fuzz runs")


# the laptops' time zone, Amsterdam's, written out so no zoneinfo files are needed: exports
# give local times, and the tests compare them with fixed text
AMSTERDAM = "CET-1CEST,M3.5.0,M10.5.0/3"


def pytest_configure(config: pytest.Config) -> None:
    """--slow: 200 crash runs, 1,000 generated deck files (tests read DIALOOG_SLOW at import).
    Every test runs in Amsterdam's time zone."""
    os.environ["TZ"] = AMSTERDAM
    time.tzset()
    if config.getoption("--slow"):
        os.environ["DIALOOG_SLOW"] = "1"


@pytest.fixture(autouse=True)
def isolated(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point dialoog at temporary folders and reset the language around each test. The test
    runs in a folder of its own, with a home folder of its own: a file written to a relative
    path (or the home folder) by mistake lands there, not in the project or the real home."""
    monkeypatch.chdir(tmp_path_factory.mktemp("started-in"))  # beside `tmp_path`, not in it
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.setenv("DIALOOG_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DIALOOG_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("DIALOOG_EXPORT_DIR", str(tmp_path / "export"))
    monkeypatch.setenv("DIALOOG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("DIALOOG_LANG", raising=False)
    locations.reset()
    parsed_cache.use(None)
    copies.use(tmp_path / "config" / "copies.json")
    set_language("nl")
    yield tmp_path
    locations.reset()
    parsed_cache.use(None)
    copies.use(None)
    set_language("nl")


@pytest.fixture(scope="session")
def library() -> DeckLibrary:
    """The built-in decks, loaded once."""
    return load_library()
