"""Writes a session's events to its store on a thread of its own, in order.

The UI applies an event at once and hands it here; typing never waits for the disk. A failed
write keeps the event (and every later one) in memory, reports the failure once, and tries
again with the next event or on `retry`; `move_to` saves everything to another place.

Each store has a thread of its own, and only that thread touches it once the writer has it: it
also closes the store (folding the journal and letting go of the lock) after its last write. A
store closed from another thread while a slow disk held up a write could fold the journal under
that write and drop it. After `move_to`, a new thread writes to the copy at once, while the old
one finishes what a hung disk holds up and then closes the old store.
"""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Callable

from cards.i18n import t
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
        self._busy = False  # the store's thread is writing an event
        self._generation = 0
        self._thread = self._start(store)

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

    def move_to(self, store: SessionStore, holds: int) -> None:
        """Continue in another store that holds every event up to seq `holds` (see
        `save_copy`), on a thread of its own; what came after is written there next. The old
        thread closes the old store once a write it may be doing there has returned."""
        with self._lock:
            closed = self._stopping  # a copy saved after the writer was closed
            if not closed:
                self.store = store
                while self._pending and self._pending[0].seq <= holds:
                    self._pending.popleft()
                self._failed = None
                self._busy = False
                self._generation += 1
                self._thread = self._start(store)
                self._idle.notify_all()
                self._wake.notify_all()
        if closed:
            store.close()

    def close(self, timeout: float = 5.0) -> bool:
        """Write what is queued, then close the store; wait at most `timeout` for each. False
        when the disk holds the thread up longer: it goes on writing what is queued and closes
        the store when done (until then the journal holds every event written, and the lock
        stays). What a failed write left in memory is not tried again."""
        self.flush(timeout)
        with self._lock:
            self._stopping = True
            self._wake.notify_all()
            thread = self._thread
        thread.join(timeout)
        return not thread.is_alive()

    # -- the store's thread ----------------------------------------------------------------

    def _start(self, store: SessionStore) -> threading.Thread:
        thread = threading.Thread(target=self._run, args=(store,), name="dialoog-writer")
        thread.daemon = True
        thread.start()
        return thread

    def _run(self, store: SessionStore) -> None:
        try:
            self._write_until_stopped(store)
        finally:
            with self._lock:
                left = store is not self.store
            if left:
                # the copy holds every event: whatever goes wrong closing this one is moot
                with contextlib.suppress(Exception):
                    store.close()
            else:
                store.close()

    def _write_until_stopped(self, store: SessionStore) -> None:
        while True:
            with self._lock:
                self._wake.wait_for(
                    lambda: self._stopping or store is not self.store or bool(self._pending)
                )
                if store is not self.store:
                    return  # left for a copy
                if self._stopping and (not self._pending or self._failed is not None):
                    return
                event = self._pending[0]
                self._busy = True
            failure = self._append(store, event)
            with self._lock:
                if store is not self.store:
                    return  # left for a copy while writing: the copy has the event
                self._busy = False
                self._idle.notify_all()
                if failure is None:
                    if self._pending and self._pending[0] is event:
                        self._pending.popleft()
                    self._failed = None
                else:
                    # reported once, and not after the session was left (nobody to tell)
                    report = self._failed is None and not self._stopping
                    self._failed = failure
                    waiting = len(self._pending)
                    generation = self._generation
            if failure is None:
                if self.on_saved is not None:
                    self.on_saved(event.seq)
                continue
            if report and self.on_error is not None:
                self.on_error(failure, waiting)
            with self._lock:
                # try again with the next event, on retry, or never (stopping)
                self._wake.wait_for(
                    lambda g=generation: self._stopping or self._generation != g  # type: ignore[misc]
                )

    @staticmethod
    def _append(store: SessionStore, event: Event) -> StoreError | None:
        """Write one event; the failure, if any. Whatever goes wrong is kept and reported as a
        failed write: the event stays in memory, the thread goes on."""
        try:
            store.append(event)
        except StoreError as error:
            return error
        except Exception as error:  # not the disk's refusal: a fault all the same
            detail = f"{type(error).__name__}: {error}"
            return StoreError(
                store.path, t("store.write.other", path=store.path.parent, detail=detail)
            )
        return None
