"""Screens with a clock in big digits redraw it when its second turns, not up to a tick later."""

from __future__ import annotations

from typing import Any

from textual.timer import Timer

from sessions.clock import RoundClock

TICK_SECONDS = 0.1  # at least this often: the round's info, the warning colours
FLIP_MARGIN = 0.002  # just after the second turns, so the new digits are due


class ClockTicks:
    """Mix into a Screen: `tick` runs just after the shown clock's digits are due to change
    and at least every TICK_SECONDS; call `tick_soon` when a key changed the clock. (A fixed
    0.1 s interval let the digits turn up to 100 ms after the clock did.)"""

    _ticker: Timer | None = None

    def ticking_clock(self) -> RoundClock | None:
        """The clock in the big digits (None: none is shown)."""
        raise NotImplementedError

    def tick(self) -> None:
        raise NotImplementedError

    def tick_soon(self) -> None:
        if self._ticker is not None:
            self._ticker.stop()
        clock = self.ticking_clock()
        until = clock.until_change() if clock is not None else None
        delay = TICK_SECONDS if until is None else min(TICK_SECONDS, until + FLIP_MARGIN)
        screen: Any = self
        self._ticker = screen.set_timer(delay, self._ticked)

    def _ticked(self) -> None:
        self._ticker = None
        self.tick()
        self.tick_soon()
