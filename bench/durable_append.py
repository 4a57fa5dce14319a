"""Time of one durable append at 100, 500 and 2,000 events.

Ours (SessionStore.append: TinyDB + atomic storage + fsync) beside TinyDB's default
JSONStorage (no fsync, no atomic replace) doing the same insert on a file of the same size.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import JSONStorage

from cards.loader import load_library
from sessions.events import to_record
from sessions.meta import SessionSetup
from sessions.session import Session
from sessions.store import SessionStore

SIZES = (100, 500, 2000)


def _events(count: int) -> list[Any]:
    decks = {deck.id: deck for deck in load_library()}
    setup = SessionSetup(title="Bench", participants=tuple(f"P{i}" for i in range(12)))
    session = Session.start(setup, decks, seed=1, session_id="bench")
    session.deal()
    while len(session.events) < count:
        session.next_speaker()
    return session.events


def measure(size: int, repeats: int) -> dict[str, float]:
    events = _events(size + repeats)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        store = SessionStore.create(root / "ours", events[:size], "bench")
        ours = []
        for event in events[size : size + repeats]:
            start = time.perf_counter()
            store.append(event)
            ours.append(time.perf_counter() - start)
        store.close()

        baseline_path = root / "tinydb.json"
        db = TinyDB(baseline_path, storage=JSONStorage)
        table = db.table("events")
        table.insert_multiple(to_record(e) for e in events[:size])
        theirs = []
        for event in events[size : size + repeats]:
            record = to_record(event)
            start = time.perf_counter()
            table.insert(record)
            theirs.append(time.perf_counter() - start)
        db.close()
    ours_ms = statistics.median(ours) * 1000
    theirs_ms = statistics.median(theirs) * 1000
    return {
        "events": size,
        "ours_median_ms": round(ours_ms, 3),
        "ours_p99_ms": round(sorted(ours)[int(len(ours) * 0.99) - 1] * 1000, 3),
        "tinydb_json_median_ms": round(theirs_ms, 3),
        "ratio": round(ours_ms / theirs_ms, 2),
        "target_ms": 5.0,
    }


def run(quick: bool) -> list[dict[str, float]]:
    repeats = 5 if quick else 60
    return [measure(size, repeats) for size in SIZES]
