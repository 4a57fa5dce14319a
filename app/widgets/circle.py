"""The circle of participants on the board: who speaks, who has been heard, who passed, who is
still to come, and the leader. Marks are symbols as well as colours, so they read on any
beamer. A click on a name asks the screen to give that person the floor.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.style import Style
from textual.widgets import Static

from app.widgets.card_view import changed
from cards.i18n import t
from sessions.state import SessionState

MARKS = {"speaking": "▶", "heard": "✓", "passed": "–", "waiting": "·", "queued": "…"}


def circle_content(state: SessionState, width: int = 10_000) -> Content:
    """The names in their order, each with its mark, in lines of at most `width` cells that
    end only between two names (a mark stays with its name)."""
    round_ = state.round
    heard = set(state.heard_in(round_)) if round_ else set()
    passed = set(round_.passed) if round_ else set()
    parts: list[tuple[str, Style] | str] = []
    used = 0
    for index, name in enumerate(state.order):
        shown = f"{name}{'★' if name == state.leader else ''}"
        cells = cell_len(shown) + 2
        if index and used + 3 + cells > width:
            parts.append("\n")
            used = 0
        elif index:
            parts.append("   ")
            used += 3
        used += cells
        if name == state.speaker and not state.ended:  # once it ended, nobody has the floor
            mark, style = MARKS["speaking"], Style(bold=True, reverse=True)
        elif name in passed:
            mark, style = MARKS["passed"], Style(italic=True)
        elif name in heard:
            mark, style = MARKS["heard"], Style(bold=True)
        elif name in state.queue:
            mark, style = MARKS["queued"], Style(underline=True)
        else:
            mark, style = MARKS["waiting"], Style(dim=False)
        click = Style.from_meta({"@click": f"screen.floor_to({index})"})
        parts.append((f"{mark} {shown}", style + click))
    return Content.assemble(*parts)


def legend() -> str:
    return t(
        "circle.legend",
        speaking=MARKS["speaking"],
        heard=MARKS["heard"],
        passed=MARKS["passed"],
        waiting=MARKS["waiting"],
    )


class Circle(Static):
    """Shows the circle; the board calls `show` after every change."""

    def show(self, state: SessionState, width: int = 10_000) -> None:
        changed(self, circle_content(state, width))
