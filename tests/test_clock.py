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
