"""Setting up a session: the form's fields, their defaults and their validation.

Used by the new-session screen and by `dialoog new`, so both refuse the same things with the
same words.
"""

from __future__ import annotations

import os
import re
from dataclasses import field
from datetime import date as Date
from datetime import datetime

from cards.frozen import frozen
from cards.i18n import t
from sessions.formats import FORMAT_IDS, get_format
from sessions.notes import parse_date

TURN_SECONDS = (10, 1800)
TOTAL_MINUTES = (1, 480)
MAX_PARTICIPANTS = 40
MAX_NAME = 40


@frozen
class SessionSetup:
    """What the facilitator filled in; validated by `validate`."""

    title: str
    team: str = ""
    facilitator: str = ""
    date: str = field(default_factory=lambda: Date.today().isoformat())
    participants: tuple[str, ...] = ()
    anonymous: int = 0
    leader: str = ""
    format: str = "dialogue"
    decks: tuple[str, ...] = ("dialoogkaarten",)
    turn_seconds: int = 120
    total_minutes: int = 60
    round_minutes: int = 10
    fair_share: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        """The participants as they will be shown: names, or "Deelnemer 1..n" when anonymous."""
        if self.anonymous:
            return tuple(
                t("session.anonymous_name", number=n) for n in range(1, self.anonymous + 1)
            )
        return self.participants

    @property
    def iso_date(self) -> str:
        """The date as it is kept, "2026-11-22", however it was typed ("22-11-2026",
        "22/11/2026"); as typed when it cannot be read (`validate` says so)."""
        found = parse_date(self.date)
        return found.isoformat() if found else self.date.strip()


def split_names(text: str) -> tuple[str, ...]:
    """Names typed as "Ann, Bram; Carla" or one per line, stripped, empties dropped."""
    return tuple(" ".join(name.split()) for name in re.split(r"[,;\n]", text) if name.strip())


def validate(setup: SessionSetup, known_decks: tuple[str, ...]) -> dict[str, str]:
    """Problems by field name, in the UI language; empty when the set-up is fine."""
    problems: dict[str, str] = {}
    # the field that says who takes part: the names, or how many when they stay anonymous
    people = "anonymous" if setup.anonymous else "participants"
    if not setup.title.strip():
        problems["title"] = t("setup.error.title")
    elif len(setup.title) > 120:
        problems["title"] = t("setup.error.title_long")
    if parse_date(setup.date) is None:
        problems["date"] = t("setup.error.date")
    if setup.anonymous:
        if not 1 <= setup.anonymous <= MAX_PARTICIPANTS:
            problems["anonymous"] = t("setup.error.anonymous", most=MAX_PARTICIPANTS)
    elif not setup.participants:
        problems["participants"] = t("setup.error.no_participants")
    else:
        seen: set[str] = set()
        for name in setup.participants:
            if name.casefold() in seen:
                problems["participants"] = t("setup.error.duplicate", name=name)
                break
            seen.add(name.casefold())
            if len(name) > MAX_NAME:
                problems["participants"] = t("setup.error.name_long", name=name[:20], most=MAX_NAME)
                break
        if len(setup.participants) > MAX_PARTICIPANTS:
            problems["participants"] = t("setup.error.too_many", most=MAX_PARTICIPANTS)
    if setup.format == "coaching" and len(setup.names) not in (2, 3):
        problems[people] = t("setup.error.coaching")
    if setup.format not in FORMAT_IDS:
        problems["format"] = t("setup.error.format", formats=", ".join(FORMAT_IDS))
    else:
        names = {n.casefold() for n in setup.names}
        if setup.leader and setup.leader.casefold() not in names:
            problems["leader"] = t("setup.error.leader", leader=setup.leader)
        elif not setup.leader and get_format(setup.format).needs_leader:
            problems["leader"] = t("setup.error.leader_needed")
        elif setup.leader and get_format(setup.format).leader_last and len(names) < 2:
            # the leader speaks last, after the others: with nobody else the round is "0 of
            # 0 heard" before anyone spoke
            problems[people] = t("setup.error.leader_alone", leader=setup.leader)
    low, high = TURN_SECONDS
    if not low <= setup.turn_seconds <= high:
        problems["turn_seconds"] = t("setup.error.turn", low=low, high=high)
    low, high = TOTAL_MINUTES
    if not low <= setup.total_minutes <= high:
        problems["total_minutes"] = t("setup.error.total", low=low, high=high)
    if not low <= setup.round_minutes <= high:
        problems["round_minutes"] = t("setup.error.round", low=low, high=high)
    if not setup.decks:
        problems["decks"] = t("setup.error.no_decks")
    elif missing := [d for d in setup.decks if d not in known_decks]:
        problems["decks"] = t("setup.error.unknown_deck", decks=", ".join(missing))
    return problems


def new_session_id(now: datetime | None = None) -> str:
    """A readable, sortable, file-name-safe id: date, time and four random hex digits."""
    now = now or datetime.now()
    return f"{now:%Y%m%d-%H%M%S}-{os.urandom(2).hex()}"  # as secrets.token_hex(2)
