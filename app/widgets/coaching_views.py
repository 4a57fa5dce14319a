"""What the coaching screen shows: the tally with keys and counts, and the feedback sheet."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from cards.i18n import t
from sessions.coaching import BEHAVIOURS, clock_text, figures, roles_text, timeline_text
from sessions.notes import speaker_label
from sessions.state import CoachingRound, Note


def tally_table(round_: CoachingRound | None) -> Table:
    """Key, behaviour and count, one behaviour a line."""
    counts = figures(round_.tallies).counts if round_ else {}
    table = Table(box=None, pad_edge=False, show_header=False, expand=True)
    table.add_column(no_wrap=True, width=3)
    table.add_column(ratio=1, overflow="ellipsis", no_wrap=True)
    table.add_column(justify="right", no_wrap=True, width=3)
    for behaviour, key in BEHAVIOURS:
        table.add_row(
            Text(f" {key} ", style="bold reverse"),
            t(f"behaviour.{behaviour}"),
            Text(str(counts.get(behaviour, 0)), style="bold"),
        )
    return table


def feedback_sheet(round_: CoachingRound, notes: tuple[Note, ...]) -> Text:
    """The round's sheet: tallies, open vs closed, first advice, timeline, feedback notes."""
    numbers = figures(round_.tallies)
    text = Text()
    text.append(t("coaching.sheet_title", number=round_.number), style="bold underline")
    text.append("\n")
    text.append(roles_text(round_.roles))
    text.append("\n")
    counted = [f"{t(f'behaviour.{b}')} {n}" for b, n in numbers.counts.items() if n]
    text.append(t("coaching.counts", counts=", ".join(counted) or "—"))
    text.append("\n")
    if numbers.timeline:  # nothing tallied in the conversation: nothing to conclude from it
        share = f" ({numbers.open_share:.0%})" if numbers.open_share is not None else ""
        text.append(t("coaching.open_closed", ratio=numbers.open_closed, share=share))
        text.append("\n")
        if numbers.first_advice is None:
            text.append(t("coaching.no_advice"))
        else:
            text.append(t("coaching.first_advice", time=clock_text(numbers.first_advice)))
        text.append("\n")
        text.append(t("coaching.timeline", line=timeline_text(numbers.timeline)))
        text.append("\n")
    for question in ("helped", "better", "next_time"):
        answers = [n for n in notes if n.question == question]
        text.append(f"\n{t(f'coaching.question.{question}')}\n", style="bold")
        if not answers:
            text.append("  —\n", style="dim")
        for note in answers:
            text.append(f"  ✎ {speaker_label(note.speaker)}: ", style="italic")
            text.append(f"{note.text}\n")
    return text
