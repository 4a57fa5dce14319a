"""A QR code drawn with half blocks: black modules on white, whatever the theme.

Every cell holds two modules, one above the other: "█" both dark, "▀" the upper, "▄" the lower,
" " neither. Dark is always the foreground (#000000) and light always the background
(#FFFFFF), both set on every cell, so a dark theme, a light theme or the terminal's own
default colours never invert or tint the code. A 4-module quiet zone of white surrounds it.

On a large screen a short code is drawn bigger (`scale`): each module 2 (3, ...) columns wide
and as high, so it scans from the back of a room.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from sessions.takeaways import QUIET_ZONE, cells

DARK = "#000000"
LIGHT = "#FFFFFF"
MODULE_STYLE = Style(color=DARK, bgcolor=LIGHT)
GLYPHS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def code_lines(matrix: Sequence[Sequence[bool]], scale: int = 1) -> list[str]:
    """The rows of half blocks for `matrix` (True is dark), quiet zone included; each module
    `scale` cells wide and `scale` half cells high."""
    side = len(matrix) + 2 * QUIET_ZONE
    blank = [False] * side
    padded = [blank] * QUIET_ZONE
    padded += [
        [False] * QUIET_ZONE + [bool(m) for m in row] + [False] * QUIET_ZONE for row in matrix
    ]
    padded += [blank] * QUIET_ZONE
    if scale > 1:
        padded = [[m for m in row for _ in range(scale)] for row in padded for _ in range(scale)]
    padded += [[False] * len(padded[0])] * (len(padded) % 2)  # an odd last row: light below
    return [
        "".join(GLYPHS[top, bottom] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(padded[::2], padded[1::2], strict=True)
    ]


class QrCode(Widget):
    """Shows one QR code matrix; its size is the code's: modules + 8 columns, half as many rows."""

    DEFAULT_CSS = """
    QrCode {
        width: auto;
        height: auto;
    }
    """

    def __init__(
        self,
        matrix: Sequence[Sequence[bool]] = (),
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._modules = 0
        self._scale = 1
        self._strips: list[Strip] = []
        self.show(matrix)

    @property
    def modules(self) -> int:
        """Modules along one side of the code now shown (0 when none)."""
        return self._modules

    @property
    def scale(self) -> int:
        """Cells (columns) a module takes across: 1 on a small screen."""
        return self._scale

    @property
    def code_size(self) -> Size:
        """Cells the code takes, quiet zone included."""
        return Size(*cells(self._modules, self._scale)) if self._modules else Size(0, 0)

    def show(self, matrix: Sequence[Sequence[bool]], scale: int = 1) -> None:
        """Draw `matrix` (rows of modules, True is dark) from now on, each module `scale`
        columns wide."""
        self._modules, self._scale = len(matrix), scale
        lines = code_lines(matrix, scale) if matrix else []
        self._strips = [Strip([Segment(line, MODULE_STYLE)]) for line in lines]
        self.refresh(layout=True)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self.code_size.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.code_size.height

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if 0 <= y < len(self._strips):
            return self._strips[y].crop_extend(0, width, self.rich_style)
        return Strip.blank(width, self.rich_style)
