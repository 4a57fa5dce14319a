"""Child process for test_crash.py: keeps a session busy until it is killed.

Usage: python tests/helpers_crash_child.py DATA_FOLDER SESSION_ID SEED [COMPACT_EVERY]

Creates the session (or opens it, when its file exists), prints ``ready N`` (N: the events on
disk at that moment), then applies random commands and appends each event synchronously with
`SessionStore.append`. After each append returns it prints the event's seq on a line of its
own and flushes: that seq is acknowledged, so it must survive a kill at any later moment.
With COMPACT_EVERY the journal is folded into the file that often (a kill then often lands
while the whole file is being written).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cards.loader import load_library
from sessions import storage
from sessions.meta import SessionSetup
from sessions.session import CommandRefused, Session
from sessions.store import SessionStore, session_path

MOST = 100_000
COMMANDS = ("deal",) * 3 + ("next_speaker",) * 3 + ("park", "pick", "undo", "reshuffle")


def main(folder: Path, session_id: str, seed: int, compact_every: int) -> None:
    storage.COMPACT_EVERY = compact_every
    rng = random.Random(seed)
    decks = {deck.id: deck for deck in load_library()}
    path = session_path(folder, session_id)
    if path.exists():
        store, events = SessionStore.open(path)
        session = Session(events, decks)
    else:
        setup = SessionSetup(
            title="Crashtest",
            date="2026-11-21",
            participants=("Ann", "Bram", "Carla", "Daan"),
            decks=("reflectie", "dialoogkaarten"),
        )
        session = Session.start(setup, decks, session_id=session_id, seed=seed)
        store = SessionStore.create(folder, session.events, session_id)
    print(f"ready {len(session.events)}", flush=True)

    for _ in range(MOST):
        command = rng.choice(COMMANDS)
        try:
            if command == "pick":
                deck = decks[session.state.deck_id]
                event = session.pick(rng.choice(deck.cards).id)
            elif command == "reshuffle":
                event = session.reshuffle(rng.randrange(1_000_000))
            else:
                event = getattr(session, command)()
        except CommandRefused:
            continue
        store.append(event)
        print(event.seq, flush=True)
    store.close()


if __name__ == "__main__":
    every = int(sys.argv[4]) if len(sys.argv) > 4 else storage.COMPACT_EVERY
    main(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), every)
