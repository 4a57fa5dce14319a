"""Python's full garbage collection, run when nobody is typing.

Most of what the app throws away is freed at once by reference counting; the cycle collector
finds what refers to itself. Its young generations are cheap (a few milliseconds) and run as
usual. Its full pass walks every long-lived object, and once a session of thousands of notes
and Textual's caches are in memory it takes 25-50 ms: long enough to delay the frame after a
key (measured in bench/). So the full pass no longer starts by itself while the app runs; it
runs in a pause (a second without a key or a click) at most every half minute, and after five
minutes anyway, so memory never grows without bound.

One full pass runs as soon as the first frame is shown: what building it threw away (the
strips drawn and divided, parsed text) is largely cycles, and without it they would stay
until the first pause half a minute later (about 0.8 MiB with a 2,000-note session; the
pass takes a few milliseconds, as the session was frozen out of the collector's sight).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

IDLE_SECONDS = 1.0  # no key or click for this long: a pause
FULL_EVERY = 30.0  # a full collection at most this often, in a pause
FULL_AT_LATEST = 300.0  # and after this long, pause or not
NEVER = 1_000_000  # a gen-2 threshold the young collections never reach


class IdleCollector:
    """Runs the full collection in the pauses between keys; `activity()` marks a key."""

    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._thresholds: tuple[int, int, int] | None = None
        start = now()
        self._last_activity = start
        self._last_full = start

    def start(self) -> None:
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            young, middle, _ = self._thresholds
            gc.set_threshold(young, middle, NEVER)

    def stop(self) -> None:
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def after_first_frame(self) -> None:
        """The full pass over what the start-up left behind (see the module's notes)."""
        gc.collect()
        self._last_full = self._now()

    def activity(self) -> None:
        self._last_activity = self._now()

    def check(self) -> bool:
        """Run the full collection when it is due; True when it ran."""
        now = self._now()
        idle = now - self._last_activity >= IDLE_SECONDS
        since = now - self._last_full
        if not ((idle and since >= FULL_EVERY) or since >= FULL_AT_LATEST):
            return False
        gc.collect()
        self._last_full = now
        return True
