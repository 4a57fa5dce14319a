"""The round clock: remaining time is a deadline minus a monotonic now, never a tick count.

The monotonic source is injected, so tests run it on a fake clock. The clock never stops a
speaker by itself: past zero it counts overtime.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

Monotonic = Callable[[], float]
WARN_SECONDS = 30.0
EXTEND_SECONDS = 30.0


def clock_time(seconds: float) -> str:
    """Seconds spoken as m:ss, to the nearest second (minutes may pass 59): the airtime on
    the board and in the exports alike."""
    whole = max(round(seconds), 0)
    return f"{whole // 60}:{whole % 60:02d}"


class RoundClock:
    """A countdown that can be started, paused, extended and reset."""

    def __init__(
        self, seconds: float, *, now: Monotonic = time.monotonic, running: bool = False
    ) -> None:
        self._now = now
        self._length = float(seconds)
        self._remaining = float(seconds)  # when paused
        self._deadline: float | None = None  # when running
        if running:
            self.start()

    # -- reading ---------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._deadline is not None

    @property
    def length(self) -> float:
        """The length the clock was (re)set to, plus any extensions."""
        return self._length

    def remaining(self) -> float:
        """Seconds left; negative once the time is up (overtime)."""
        if self._deadline is None:
            return self._remaining
        return self._deadline - self._now()

    def overtime(self) -> float:
        return max(0.0, -self.remaining())

    def elapsed(self) -> float:
        """Seconds the clock has run since its last reset (pauses excluded)."""
        return self._length - self.remaining()

    def phase(self, warn_at: float = WARN_SECONDS) -> str:
        """ "normal", "warning" (the last `warn_at` seconds) or "over" (zero and past)."""
        left = self.remaining()
        if left <= 0:
            return "over"
        if left <= warn_at:
            return "warning"
        return "normal"

    def until_change(self) -> float | None:
        """Seconds until `display()` shows another value; None while the clock is paused."""
        if self._deadline is None:
            return None
        left = self.remaining()
        if left > 0:
            return left - (math.ceil(left - 1e-9) - 1)
        return math.floor(-left) + 1 + left

    def display(self) -> str:
        """ "M:SS" counting down (rounded up, so 0:00 shows only at zero), "+M:SS" in overtime."""
        left = self.remaining()
        if left > 0:
            whole = math.ceil(left - 1e-9)
            sign = ""
        else:
            whole = math.floor(-left)
            sign = "+" if whole or left < 0 else ""
        minutes, seconds = divmod(whole, 60)
        return f"{sign}{minutes}:{seconds:02d}"

    # -- changing --------------------------------------------------------------------------

    def start(self) -> None:
        if self._deadline is None:
            self._deadline = self._now() + self._remaining

    def pause(self) -> None:
        if self._deadline is not None:
            self._remaining = self._deadline - self._now()
            self._deadline = None

    def toggle(self) -> bool:
        """Start when paused, pause when running; returns whether it runs now."""
        if self.running:
            self.pause()
        else:
            self.start()
        return self.running

    def extend(self, seconds: float = EXTEND_SECONDS) -> None:
        self._length += seconds
        if self._deadline is not None:
            self._deadline += seconds
        else:
            self._remaining += seconds

    def reset(self, seconds: float | None = None, *, keep_running: bool = True) -> None:
        """Back to full length (or a new one); keeps running if it was, unless told not to."""
        was_running = self.running and keep_running
        self._length = self._length if seconds is None else float(seconds)
        self._remaining = self._length
        self._deadline = None
        if was_running:
            self.start()

    def set_remaining(self, seconds: float) -> None:
        """Put the clock (paused) at `seconds` left, keeping its length (resume)."""
        self._deadline = None
        self._remaining = float(seconds)
