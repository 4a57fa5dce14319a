"""The round clock against a fake monotonic clock: no drift, pause, extend, reset, overtime."""

from __future__ import annotations

import random

import pytest

from sessions.clock import RoundClock
from tests.fakes import FakeClock


def test_counts_down_only_while_running() -> None:
    fake = FakeClock()
    clock = RoundClock(120, now=fake)
    fake.advance(10)
    assert clock.remaining() == 120  # not started
    clock.start()
    fake.advance(30)
    assert clock.remaining() == pytest.approx(90)
    clock.pause()
    fake.advance(100)
    assert clock.remaining() == pytest.approx(90)
    assert clock.display() == "1:30"


def test_extend_reset_and_overtime() -> None:
    fake = FakeClock()
    clock = RoundClock(60, now=fake, running=True)
    fake.advance(50)
    clock.extend()  # +30 s by default
    assert clock.remaining() == pytest.approx(40)
    fake.advance(45)
    assert clock.overtime() == pytest.approx(5)
    assert clock.display() == "+0:05"
    assert clock.phase() == "over"
    assert clock.running  # the clock never stops a speaker by itself
    clock.reset(60)
    assert clock.remaining() == pytest.approx(60) and clock.running


def test_display_rounds_up_and_phases() -> None:
    fake = FakeClock()
    clock = RoundClock(31, now=fake, running=True)
    assert clock.phase() == "normal"
    fake.advance(0.5)
    assert clock.display() == "0:31"
    assert clock.phase() == "normal"  # 30.5 s left: not yet the last 30 s
    fake.advance(30.4)
    assert clock.display() == "0:01"
    fake.advance(0.1)
    assert clock.display() == "0:00"
    assert clock.phase() == "over"


@pytest.mark.parametrize("seed", range(5))
def test_sixty_minutes_of_jittered_ticks_do_not_drift(seed: int) -> None:
    """Ticks arrive late, jittered and sometimes skipped; the clock stays within 50 ms."""
    rng = random.Random(seed)
    fake = FakeClock()
    clock = RoundClock(600, now=fake)
    truth = 600.0
    running = False
    worst = 0.0
    while fake.now - 1000.0 < 3600:
        step = 0.25 + rng.uniform(-0.1, 0.4)  # jitter and late ticks
        if rng.random() < 0.05:
            step += rng.uniform(0.5, 3.0)  # a skipped tick or two
        fake.advance(step)
        if running:
            truth -= step
        action = rng.random()
        if action < 0.01:
            clock.toggle()
            running = not running
        elif action < 0.015:
            clock.extend(30)
            truth += 30
        elif action < 0.017:
            clock.reset(600)
            truth = 600.0
        worst = max(worst, abs(clock.remaining() - truth))
    assert worst <= 0.05


@pytest.mark.parametrize("start", [0.0, 0.25, 0.5, 0.999, 30.0, 61.3, 62.5, 65.75])
def test_until_change_lands_on_the_next_change_of_the_digits(start: float) -> None:
    """From any moment, counting down into overtime: the digits are the same until
    `until_change` has passed, and differ just after."""
    fake = FakeClock()
    clock = RoundClock(60, now=fake, running=True)
    fake.advance(start)
    for _ in range(6):
        shown, wait = clock.display(), clock.until_change()
        assert wait is not None and 0 < wait <= 1.0 + 1e-9
        fake.advance(wait - 0.001)
        assert clock.display() == shown
        fake.advance(0.002)
        assert clock.display() != shown
    clock.pause()
    assert clock.until_change() is None  # paused: nothing changes


def test_the_board_ticks_when_the_second_turns() -> None:
    """The next tick is set for just after the digits change, at most a tenth of a second
    away; a paused clock is looked at every tenth of a second."""
    from app.ticks import FLIP_MARGIN, TICK_SECONDS, ClockTicks

    fake = FakeClock()
    clock = RoundClock(60, now=fake, running=True)

    class Screen(ClockTicks):
        def __init__(self) -> None:
            self.delays: list[float] = []
            self.ticks = 0

        def ticking_clock(self) -> RoundClock:
            return clock

        def tick(self) -> None:
            self.ticks += 1

        def set_timer(self, delay: float, callback: object) -> None:
            self.delays.append(delay)
            return None

    screen = Screen()
    fake.advance(0.95)  # 59.05 left: "1:00" turns to "0:59" in 0.05 s
    screen.tick_soon()
    assert screen.delays[-1] == pytest.approx(0.05 + FLIP_MARGIN)
    fake.advance(0.5)  # 58.55 left: half a second to go, so the usual tenth
    screen.tick_soon()
    assert screen.delays[-1] == pytest.approx(TICK_SECONDS)
    clock.pause()
    screen._ticked()
    assert screen.ticks == 1 and screen.delays[-1] == TICK_SECONDS
