"""Writes a session's events to its store on a thread of its own, in order.

The UI applies an event at once and hands it here; typing never waits for the disk. A failed
write keeps the event (and every later one) in memory, reports the failure once, and tries
again with the next event or on `retry`; `move_to` saves everything to another place.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable

from sessions.events import Event
from sessions.store import SessionStore, StoreError

ErrorCallback = Callable[[StoreError, int], None]
SavedCallback = Callable[[int], None]


class Writer:
    def __init__(
        self,
        store: SessionStore,
        *,
        on_error: ErrorCallback | None = None,
        on_saved: SavedCallback | None = None,
    ) -> None:
        self.store = store
        self.on_error = on_error
        self.on_saved = on_saved
        self._pending: deque[Event] = deque()
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._idle = threading.Condition(self._lock)
        self._failed: StoreError | None = None
        self._stopping = False
        self._busy = False
        self._generation = 0
        self._thread = threading.Thread(target=self._run, name="dialoog-writer", daemon=True)
        self._thread.start()

    # -- called from the UI thread ---------------------------------------------------------

    def __call__(self, event: Event) -> None:
        """Queue one event (the session's sink)."""
        with self._lock:
            self._pending.append(event)
            self._generation += 1
            self._wake.notify()

    def retry(self) -> None:
        with self._lock:
            self._generation += 1
            self._wake.notify()

    @property
    def pending(self) -> int:
        """Events applied on screen but not yet on disk."""
        with self._lock:
            return len(self._pending)

    @property
    def failed(self) -> StoreError | None:
        with self._lock:
            return self._failed

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until every queued event is written or a write has failed; True when all are."""
        with self._lock:
            self._idle.wait_for(
                lambda: (not self._pending and not self._busy) or self._failed is not None,
                timeout=timeout,
            )
            return not self._pending

    def move_to(self, store: SessionStore) -> None:
        """Continue in another store that already holds every event (see `save_copy`)."""
        with self._lock:
            old, self.store = self.store, store
            self._pending.clear()
            self._failed = None
            self._idle.notify_all()
        old.close()

    def close(self, timeout: float = 5.0) -> None:
        self.flush(timeout)
        with self._lock:
            self._stopping = True
            self._wake.notify_all()
        self._thread.join(timeout)
        self.store.close()

    # -- the writer thread -----------------------------------------------------------------

    def _run(self) -> None:
        while True:
            with self._lock:
                self._wake.wait_for(lambda: self._stopping or bool(self._pending))
                if self._stopping:
                    return
                event = self._pending[0]
                store = self.store
                self._busy = True
            try:
                store.append(event)
            except StoreError as error:
                with self._lock:
                    self._busy = False
                    first = self._failed is None
                    self._failed = error
                    waiting = len(self._pending)
                    generation = self._generation
                    self._idle.notify_all()
                if first and self.on_error is not None:
                    self.on_error(error, waiting)
                with self._lock:
                    # try again with the next event, on retry, or never (stopping)
                    self._wake.wait_for(
                        lambda g=generation: self._stopping or self._generation != g  # type: ignore[misc]
                    )
                continue
            with self._lock:
                if self._pending and self._pending[0] is event and store is self.store:
                    self._pending.popleft()
                self._failed = None
                self._busy = False
                self._idle.notify_all()
            if self.on_saved is not None:
                self.on_saved(event.seq)
