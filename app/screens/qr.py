"""Take it home: the session's decisions and agreements as QR codes to scan off the projector.

The code is as large as the screen allows (the largest QR version that fits beside a narrow
column of text, or above a few lines of it when that gives a larger code), so a resize can
change how many codes the takeaways need. `n`/`p` page through them.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical
from textual.screen import Screen
from textual.widgets import Static

from app.bindings import TranslatedBindings
from app.live import LiveSession
from app.widgets.footer import ResponsiveFooter
from app.widgets.qr import QrCode
from cards.i18n import t
from sessions.state import SessionState
from sessions.takeaways import (
    BYTE_CAPACITY_M,
    MAX_PAGES,
    QrPages,
    capacity_for,
    has_takeaways,
    qr_matrix,
    qr_pages,
    scale_for,
)

FOOTER_ROWS = 1
SIDE_MIN = 30  # columns the text beside the code needs at least
SIDE_MAX = 60
STACKED_ROWS = 4  # rows the text below the code needs at least
FIRST_LINE_CHARS = 40  # of a left-out line named on screen


def shorten(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


class QrScreen(TranslatedBindings, Screen[None]):
    """One code at a time, big and centred, with the text it holds beside or below it."""

    DEFAULT_CSS = """
    QrScreen {
        background: $background;
    }
    #qr-body {
        layout: horizontal;
        height: 1fr;
    }
    #qr-body.-stacked {
        layout: vertical;
    }
    #qr-code-area {
        width: 1fr;
        height: 1fr;
        align: center middle;
    }
    #qr-side {
        width: 34;
        height: 1fr;
        padding: 0 1;
        overflow: hidden hidden;
        background: $surface;
    }
    #qr-body.-stacked #qr-side {
        width: 100%;
        height: 4;
    }
    #qr-body.-stacked #qr-title, #qr-body.-stacked #qr-explain, #qr-body.-stacked #qr-holds {
        display: none;
    }
    #qr-title {
        text-style: bold;
        color: $primary;
    }
    #qr-page {
        text-style: bold;
        color: $accent;
    }
    #qr-notice {
        color: $warning;
    }
    #qr-holds {
        margin-top: 1;
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("n,right", "page(1)", "qr.next", id="qr.next"),
        Binding("p,left", "page(-1)", "qr.previous", id="qr.previous"),
        Binding("escape", "close", "qr.back", id="qr.back"),
    ]

    def __init__(self, source: LiveSession | SessionState) -> None:
        super().__init__()
        self.source = source
        self.pages: QrPages | None = None
        self.page = 0
        self.too_small = False
        self._matrices: dict[str, list[list[bool]]] = {}

    @property
    def state(self) -> SessionState:
        if isinstance(self.source, LiveSession):
            return self.source.session.state
        return self.source

    @property
    def payload(self) -> str:
        """What the code on screen encodes now."""
        return self.pages.pages[self.page] if self.pages else ""

    def compose(self) -> ComposeResult:
        with Container(id="qr-body"):
            with Container(id="qr-code-area"):
                yield QrCode(id="qr-code")
            with Vertical(id="qr-side"):
                yield Static(t("qr.title"), id="qr-title", markup=False)
                yield Static(id="qr-page", markup=False)
                yield Static(id="qr-notice", markup=False)
                yield Static(t("qr.explain"), id="qr-explain", markup=False)
                yield Static(t("qr.holds"), id="qr-holds", markup=False)
                yield Static(id="qr-text", markup=False)
        yield ResponsiveFooter()

    def on_mount(self) -> None:
        self.drawn_anew()

    def drawn_anew(self) -> None:
        self.fit(self.app.size.width, self.app.size.height)

    def on_resize(self, event: events.Resize) -> None:
        self.fit(event.size.width, event.size.height)

    def fit(self, width: int, height: int) -> None:
        """Choose the largest code the screen has room for, and the pages it gives."""
        rows = height - FOOTER_ROWS
        beside = capacity_for(width - SIDE_MIN, rows)
        below = capacity_for(width, rows - STACKED_ROWS)
        stacked = below > beside
        capacity = max(beside, below)
        self.too_small = capacity == 0
        capacity = capacity or BYTE_CAPACITY_M[0]
        self.query_one("#qr-body").set_class(stacked, "-stacked")
        if self.pages is None or self.pages.capacity != capacity:
            offset = self.pages.start_of(self.page) if self.pages else 0
            self.pages = qr_pages(self.state, capacity)
            self.page = self.pages.page_at(offset)  # stay where the reader was
            self.refresh_bindings()
        self.show_page(width, height)

    def show_page(self, width: int | None = None, height: int | None = None) -> None:
        pages = self.pages
        if pages is None:
            return
        payload = pages.pages[self.page]
        if payload not in self._matrices:
            self._matrices[payload] = qr_matrix(payload)
        code = self.query_one(QrCode)
        matrix = self._matrices[payload]
        width = self.app.size.width if width is None else width
        rows = (self.app.size.height if height is None else height) - FOOTER_ROWS
        stacked = self.query_one("#qr-body").has_class("-stacked")
        room = (width, rows - STACKED_ROWS) if stacked else (width - SIDE_MIN, rows)
        # a short code on a large screen is drawn bigger: it scans from further away
        code.show(matrix, scale_for(len(matrix), *room))
        if not stacked:
            side = width - code.code_size.width - 2
            self.query_one("#qr-side").styles.width = max(SIDE_MIN, min(SIDE_MAX, side))
        else:
            self.query_one("#qr-side").styles.width = "100%"
        if pages.count > 1:
            self.query_one("#qr-page", Static).update(
                t("qr.page", page=self.page + 1, count=pages.count)
            )
        else:
            self.query_one("#qr-page", Static).update(t("qr.single"))
        # with nothing decided yet the code is only the title and date: so says the invitation
        explain = t("qr.explain_title_only" if self.nothing_decided else "qr.explain")
        self.query_one("#qr-explain", Static).update(explain)
        notices = self.notices(pages)
        notice = self.query_one("#qr-notice", Static)
        notice.update(Text("\n".join(notices)))
        notice.display = bool(notices)
        self.query_one("#qr-text", Static).update(Text(pages.texts[self.page].rstrip("\n")))

    @property
    def nothing_decided(self) -> bool:
        """No decision or agreement yet: the code holds only the title and the date."""
        return not has_takeaways(self.state)

    def notices(self, pages: QrPages) -> list[str]:
        """What the reader should know: no takeaways yet, what was left out, a small window."""
        notices = []
        if self.nothing_decided:
            notices.append(t("qr.empty"))
        if pages.left_out:
            lines = pages.left_out_lines
            first = shorten(lines[0] if lines else pages.left_out.strip(), FIRST_LINE_CHARS)
            notices.append(
                t(
                    "qr.left_out",
                    most=MAX_PAGES,
                    lines=t("common.lines", count=len(lines)),
                    first=first,
                )
            )
        if self.too_small:
            notices.append(t("qr.too_small"))
        return notices

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "page":
            return self.pages is not None and self.pages.count > 1
        return True

    def action_page(self, step: int) -> None:
        if self.pages is None or self.pages.count < 2:
            return
        self.page = (self.page + step) % self.pages.count
        self.show_page()

    def action_close(self) -> None:
        self.dismiss(None)
