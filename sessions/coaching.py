"""Coaching practice: roles that rotate, timed segments, the observer's tally and its figures.

A triad (coach, coachee, observer) or a pair (coach, coachee) practises the conversations the
school leaders must hold. Each round has segments; the observer tallies what the coach does.
"""

from __future__ import annotations

from itertools import permutations

from cards.frozen import frozen
from cards.i18n import t

# (id, key) of each behaviour of the coach the observer can tally
BEHAVIOURS: tuple[tuple[str, str], ...] = (
    ("open", "o"),
    ("closed", "g"),
    ("leading", "s"),
    ("further", "d"),
    ("summary", "v"),
    ("advice", "a"),
    ("silence", "t"),
    ("scaling", "1"),
    ("miracle", "2"),
    ("exception", "3"),
    ("better", "4"),
)
BEHAVIOUR_IDS: tuple[str, ...] = tuple(b for b, _ in BEHAVIOURS)

CONVERSATION_TYPES: tuple[str, ...] = ("solution", "reflective", "feedback", "bad_news")

# (id, default minutes); the observer's feedback only in a triad
SEGMENTS: tuple[tuple[str, int], ...] = (
    ("goal", 2),
    ("conversation", 10),
    ("coachee_feedback", 3),
    ("observer_feedback", 3),
    ("learning", 2),
)
CONVERSATION = "conversation"
# who speaks (and whose notes they are) in each segment
SEGMENT_OWNER = {
    "goal": "coachee",
    "conversation": "coach",
    "coachee_feedback": "coachee",
    "observer_feedback": "observer",
    "learning": "coach",
}
FEEDBACK_QUESTIONS: tuple[str, ...] = ("helped", "better", "next_time")


def segments_for(people: int) -> tuple[str, ...]:
    """The segments of a round for a pair (no observer) or a triad."""
    return tuple(s for s, _ in SEGMENTS if people == 3 or s != "observer_feedback")


def default_lengths(people: int) -> tuple[int, ...]:
    """Default seconds per segment."""
    minutes = dict(SEGMENTS)
    return tuple(minutes[s] * 60 for s in segments_for(people))


@frozen
class Roles:
    coach: str
    coachee: str
    observer: str = ""

    def of(self, role: str) -> str:
        return str(getattr(self, role))

    def fits(self, people: tuple[str, ...]) -> bool:
        """Each of `people` has one role, and nobody else has one."""
        names = (self.coach, self.coachee, self.observer)[: len(people)]
        return sorted(names) == sorted(people) and (len(people) == 3 or not self.observer)


def next_roles(people: tuple[str, ...], last: Roles | None) -> Roles:
    """The roles proposed for the next round: in the first, the people in their order (coach,
    coachee, observer); after that, turned on from the last round's, whoever chose them: the
    coachee becomes the coach, the observer the coachee and the coach the observer. So in as
    many rounds as there are people, everyone plays every role."""
    if len(people) not in (2, 3):
        raise ValueError("coaching needs two or three people")
    if last is None or not last.fits(people):
        return Roles(*people)
    if len(people) == 2:
        return Roles(coach=last.coachee, coachee=last.coach)
    return Roles(coach=last.coachee, coachee=last.observer, observer=last.coach)


def role_choices(people: tuple[str, ...], proposed: Roles) -> tuple[Roles, ...]:
    """Every way the people can share the roles, `proposed` first (for the round's form)."""
    others = [Roles(*order) for order in permutations(people) if Roles(*order) != proposed]
    return (proposed, *others)


def roles_text(roles: Roles) -> str:
    """ "Coach: Ann · Coachee: Bram · Observator: Carla" (names as typed: show it without
    markup)."""
    if not roles.observer:  # a pair
        return t("coaching.roles_line_pair", coach=roles.coach, coachee=roles.coachee)
    return t(
        "coaching.roles_line", coach=roles.coach, coachee=roles.coachee, observer=roles.observer
    )


@frozen
class Tally:
    """One behaviour of the coach, with the segment and the seconds into it."""

    seq: int
    behaviour: str
    segment: str
    seconds: float


@frozen
class Figures:
    """What the feedback sheet shows for one round: the conversation's tallies only."""

    counts: dict[str, int]
    open_closed: str  # "5 : 2"
    open_share: float | None  # share of open among open + closed questions
    first_advice: float | None  # seconds into the conversation, None when no advice came
    timeline: tuple[Tally, ...]  # the tallies that count, in the order made


def figures(tallies: tuple[Tally, ...]) -> Figures:
    """The figures of a round's tallies. Only the conversation's count: the observer tallies
    the conversation, and a tally is timed from the start of its segment. (A session file of
    an earlier version may hold tallies made while the goal was agreed: they are left out.)"""
    counted = tuple(t for t in tallies if t.segment == CONVERSATION)
    counts = {behaviour: 0 for behaviour in BEHAVIOUR_IDS}
    for tally in counted:
        counts[tally.behaviour] = counts.get(tally.behaviour, 0) + 1
    asked = counts["open"] + counts["closed"]
    share = counts["open"] / asked if asked else None
    first = min((t.seconds for t in counted if t.behaviour == "advice"), default=None)
    return Figures(
        counts=counts,
        open_closed=f"{counts['open']} : {counts['closed']}",
        open_share=share,
        first_advice=first,
        timeline=counted,
    )


def clock_text(seconds: float) -> str:
    """Seconds into the conversation as m:ss, cut to the whole second as the clock showed it
    (counting down, it shows 9:01 until 59 s have gone by)."""
    whole = max(int(seconds), 0)
    return f"{whole // 60}:{whole % 60:02d}"


def timeline_text(timeline: tuple[Tally, ...]) -> str:
    """ "0:12 o  0:40 g  1:05 a": each tally's time and key, for the sheet and the exports. A
    no-break space holds each time to its key, so a browser (the HTML export) wraps a long
    timeline between pairs. (Rich and Textual break lines at any space, so on the screen a
    pair can still be split.)"""
    keys = dict(BEHAVIOURS)
    return "  ".join(f"{clock_text(x.seconds)}\u00a0{keys.get(x.behaviour, '?')}" for x in timeline)


def timeline_legend(timeline: tuple[Tally, ...]) -> str:
    """ "o = Open vraag · a = Advies / oplossing": what each key in `timeline_text` stands for,
    the keys used only, in the order of the tally panel, in the UI language. The screen lists
    every key beside the sheet; an export needs this to be read on its own."""
    used = {x.behaviour for x in timeline}
    return " · ".join(f"{key} = {t(f'behaviour.{b}')}" for b, key in BEHAVIOURS if b in used)
