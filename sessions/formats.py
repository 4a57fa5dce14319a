"""The meeting formats a session can run. Their turn rules come with "Rounds"; here: names."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Format:
    id: str
    needs_leader: bool = False


FORMATS: tuple[Format, ...] = (
    Format("kgotla", needs_leader=True),
    Format("dialogue"),
    Format("brainstorm"),
    Format("discussion"),
    Format("circle"),
    Format("coaching"),
)
FORMAT_IDS: tuple[str, ...] = tuple(f.id for f in FORMATS)


def get_format(format_id: str) -> Format:
    for fmt in FORMATS:
        if fmt.id == format_id:
            return fmt
    raise KeyError(format_id)
