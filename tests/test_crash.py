"""Killing dialoog at a random moment never costs an acknowledged event nor the file.

A child process (helpers_crash_child.py) appends events as fast as it can and prints each
seq once its append has returned. We SIGKILL it after a random short time and check the file:
it loads, it holds every acknowledged event, its seqs run 1..n without a gap, and it folds.
Every other run the session is then resumed by a second child, which is killed too. In half
the runs the journal is folded into the file every few events, so kills land while the whole
file is written as well.
"""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from cards.loader import DeckLibrary
from cards.model import Deck
from sessions import storage
from sessions.archive import list_sessions
from sessions.events import Event, SessionStarted
from sessions.session import Session
from sessions.state import fold
from sessions.store import SessionStore, load_events, session_path

ROOT = Path(__file__).resolve().parent.parent
CHILD = Path(__file__).with_name("helpers_crash_child.py")
RUNS = 20
SLOW_RUNS = 200
SESSION_ID = "20261121-090000-dead"


@pytest.fixture(scope="module")
def decks(library: DeckLibrary) -> dict[str, Deck]:
    return {deck.id: deck for deck in library}


def live_and_die(
    folder: Path, seed: int, delay: float, compact_every: int
) -> tuple[int, list[int]]:
    """Run the child for `delay` seconds after it is ready, then SIGKILL it.

    Returns how many events were on disk when it was ready and the seqs it acknowledged.
    """
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(folder), SESSION_ID, str(seed), str(compact_every)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            lines.put(line)
        lines.put(None)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        first = lines.get(timeout=30)
        if first is None or not first.startswith("ready "):
            child.kill()
            _, err = child.communicate(timeout=10)
            pytest.fail(f"crash child did not start: {first!r}\n{err}")
        time.sleep(delay)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    reader.join(timeout=10)
    assert child.stderr is not None
    err = child.stderr.read()
    child.stderr.close()
    assert child.returncode == -signal.SIGKILL, f"the child stopped by itself:\n{err}"

    acknowledged: list[int] = []
    while (line := lines.get(timeout=5)) is not None:
        acknowledged.append(int(line))
    return int(first.split()[1]), acknowledged


def check_file(
    folder: Path, decks: dict[str, Deck], on_disk: int, acknowledged: list[int]
) -> list[Event]:
    path = session_path(folder, SESSION_ID)
    events = load_events(path)  # DamagedFile here means the kill broke the file
    seqs = [e.seq for e in events]
    n = len(events)
    assert seqs == list(range(1, n + 1))
    assert isinstance(events[0], SessionStarted)
    assert acknowledged == list(range(on_disk + 1, on_disk + 1 + len(acknowledged)))
    last = acknowledged[-1] if acknowledged else on_disk
    assert set(acknowledged) <= set(seqs), f"acknowledged up to {last}, file has {n}"
    assert last <= n <= last + 1  # at most the one append in flight is extra
    fold(events, decks)
    Session(events, decks)
    [summary] = list_sessions(folder)  # left-over temp files are not sessions
    assert not summary.damaged and summary.id == SESSION_ID
    return events


def kill_runs(
    request: pytest.FixtureRequest, run: int, folder: Path, decks: dict[str, Deck]
) -> None:
    rng = random.Random(f"crash-{run}")
    lives = 2 if run % 2 else 1
    compact_every = 7 if run % 4 < 2 else storage.COMPACT_EVERY
    before: list[Event] = []
    for life in range(lives):
        on_disk, acknowledged = live_and_die(
            folder, rng.randrange(1_000_000), rng.uniform(0.05, 0.6), compact_every
        )
        if life:
            assert on_disk == len(before)  # the resumed child saw exactly what was on disk
        events = check_file(folder, decks, on_disk, acknowledged)
        assert events[: len(before)] == before  # nothing written earlier was lost
        before = events
    store, events = SessionStore.open(session_path(folder, SESSION_ID))  # the lock is free
    assert events == before
    store.close()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """20 kill runs in CI, 200 with --slow."""
    if "run" in metafunc.fixturenames:
        runs = SLOW_RUNS if metafunc.config.getoption("--slow") else RUNS
        metafunc.parametrize("run", range(runs))


def test_a_kill_at_any_moment_keeps_every_acknowledged_event(
    request: pytest.FixtureRequest, run: int, tmp_path: Path, decks: dict[str, Deck]
) -> None:
    kill_runs(request, run, tmp_path / "data", decks)
