"""Meeting formats: data plus a small turn policy. Adding a format is one new entry here.

A policy answers two questions from a round's state: who may take the floor now, and who is
next. Refusals carry a catalogue key, so the board can say why in the UI language.
"""

from __future__ import annotations

from cards.frozen import frozen

CLOSINGS: tuple[str, ...] = ("consensus", "disagree", "deferred")


@frozen
class Format:
    """How a format runs a round.

    order: "circle" (everyone in the circle's order) or "free" (anyone, picked by the
    facilitator; `n` suggests the circle order); with `queue`, picked speakers wait their turn.
    once_each: nobody speaks twice before everyone has spoken or passed.
    leader_last: the leader is locked until everyone has had a turn, then sums up.
    turn: "fixed" (the set turn length), "fair" (time left divided by speakers to come) or
    "open" (no turn limit: the clock shows the round's time).
    harvest: after everyone's turn the round opens up (brainstorm).
    """

    id: str
    needs_leader: bool = False
    order: str = "free"
    once_each: bool = False
    leader_last: bool = False
    turn: str = "fixed"
    allow_pass: bool = True
    queue: bool = False
    harvest: bool = False
    closings: tuple[str, ...] = ()
    coaching: bool = False


FORMATS: tuple[Format, ...] = (
    Format(
        "kgotla",
        needs_leader=True,
        order="circle",
        once_each=True,
        leader_last=True,
        turn="fixed",
        closings=CLOSINGS,
    ),
    Format("dialogue", order="free", turn="open"),
    Format("brainstorm", order="circle", once_each=True, turn="fixed", harvest=True),
    Format("discussion", order="free", turn="open", queue=True),
    Format("circle", order="circle", once_each=True, turn="fixed"),
    Format("coaching", turn="open", allow_pass=False, coaching=True),
)
FORMAT_IDS: tuple[str, ...] = tuple(f.id for f in FORMATS)


def get_format(format_id: str) -> Format:
    for fmt in FORMATS:
        if fmt.id == format_id:
            return fmt
    raise KeyError(format_id)


@frozen
class Refusal:
    """Why a speaker may not take the floor now (a catalogue key and its values)."""

    key: str
    params: tuple[tuple[str, object], ...] = ()


def speakers(order: tuple[str, ...], leader: str, fmt: Format) -> tuple[str, ...]:
    """Who takes turns in a round: everyone, or everyone but a leader who speaks last."""
    return tuple(n for n in order if not (fmt.leader_last and n == leader))


def may_speak(
    fmt: Format,
    name: str,
    *,
    order: tuple[str, ...],
    leader: str,
    done: frozenset[str],
    leader_spoke: bool,
    closed: bool,
) -> Refusal | None:
    """None when `name` may take the floor now; otherwise why not."""
    if closed:
        return Refusal("round.closed")
    turn_takers = speakers(order, leader, fmt)
    waiting = [n for n in turn_takers if n not in done]
    if fmt.leader_last and name == leader:
        if waiting:
            return Refusal("round.leader_locked", (("names", ", ".join(waiting)),))
        if leader_spoke:
            return Refusal("round.leader_done")
        return None
    if fmt.once_each and name in done and waiting:
        return Refusal("round.once_each", (("name", name), ("count", len(waiting))))
    return None


def next_in_order(
    fmt: Format,
    *,
    order: tuple[str, ...],
    leader: str,
    current: str,
    done: frozenset[str],
    queue: tuple[str, ...] = (),
) -> str | None:
    """Who `n` gives the floor to: the first in the queue, else the next in the circle who has
    not yet had a turn (for once-each formats), else simply the next in the circle. None when
    everyone has spoken."""
    if queue:
        return queue[0]
    turn_takers = speakers(order, leader, fmt)
    if not turn_takers:
        return None
    if fmt.once_each:
        start = turn_takers.index(current) + 1 if current in turn_takers else 0
        for step in range(len(turn_takers)):
            name = turn_takers[(start + step) % len(turn_takers)]
            if name not in done and name != current:
                return name
        return None
    if current in turn_takers:
        return turn_takers[(turn_takers.index(current) + 1) % len(turn_takers)]
    return turn_takers[0]


def turn_length(
    fmt: Format, *, fixed: float, round_left: float, to_come: int, fair_share: bool
) -> float | None:
    """Seconds for the next turn: fixed, a fair share of what is left, or None (open floor)."""
    if fmt.turn == "open" or (fmt.harvest and to_come == 0):
        return None
    if fair_share and to_come > 0:
        return max(round_left / to_come, 0.0)
    return fixed
