"""Containers that draw nothing of their own but their background.

Textual renders every line of every widget, containers included, and keeps each line (and
each piece it cut the line into around the widgets on it) until the widget changes, even
where the container's children cover it. A container with `BLANK` set is drawn as one blank
line of its background, repeated, which is the same picture for a container without a border
or content of its own. On the board that kept some 1,100 fewer lines in memory (about 1 MiB
of a 2,000-note session's peak, measured in `bench/`); the screens that hold a session set
`BLANK` too, for the same reason. Only for containers whose CSS gives them no border.
"""

from __future__ import annotations

from textual.containers import Horizontal, Vertical


class PlainRow(Horizontal):
    """A `Horizontal` without a border: drawn as its background alone."""

    BLANK = True


class PlainColumn(Vertical):
    """A `Vertical` without a border: drawn as its background alone."""

    BLANK = True
