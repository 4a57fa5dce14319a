"""The deck browser: every loaded deck, its description and cards; enter opens the board."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from app.bindings import TranslatedBindings
from app.widgets.footer import ResponsiveFooter
from cards.i18n import t
from cards.loader import DeckError
from cards.model import Deck

SKIPPED = "skipped-"  # the id of a file that was skipped in the list: this, and its number


def deck_details(deck: Deck) -> Text:
    """The deck's title, description and numbered cards, as literal text."""
    text = Text()
    text.append(deck.title, style="bold")
    text.append(f"\n{t('decks.count', count=len(deck))}", style="italic")
    if deck.description:
        text.append(f"\n{deck.description}")
    if deck.source:
        text.append(f"\n{t('decks.source', source=deck.source)}", style="italic")
    # themes that group several cards become headings; one-card themes stand beside the card
    grouped = len({card.theme for card in deck.cards}) <= len(deck.cards) // 2
    theme = None
    text.append("\n")
    for number, card in enumerate(deck.cards, start=1):
        if grouped and card.theme and card.theme != theme:
            theme = card.theme
            text.append(f"\n{theme}\n", style="bold underline")
        text.append(f"\n{number}. ", style="bold")
        text.append(card.text)
        if card.theme and not grouped:
            text.append(f" ({card.theme})", style="italic")
    return text


def skipped_details(error: DeckError) -> Text:
    """A deck file that could not be used: where it is, and every problem in it."""
    text = Text()
    text.append(t("decks.skipped_title", file=error.path.name), style="bold")
    text.append(f"\n{error.path}", style="italic")
    text.append(f"\n\n{t('decks.skipped_explain')}\n")
    for line in error.lines(name_only=True):
        text.append(f"\n• {line}")
    return text


class DecksScreen(TranslatedBindings, Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "common.back", id="decks.back"),
        Binding("enter", "open", "decks.open", id="decks.open", priority=True),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        library = self.app.library  # type: ignore[attr-defined]
        skipped = [
            Option(
                Text(t("decks.skipped_item", file=error.path.name), style="italic"), f"{SKIPPED}{i}"
            )
            for i, error in enumerate(library.errors)
        ]
        with Horizontal(id="decks-body"):
            yield OptionList(
                *(
                    Option(Content(f"{deck.title} ({len(deck)})"), id=deck.id)  # as typed
                    for deck in library.listed()
                ),
                *skipped,  # the files that could not be used, with their problems
                id="deck-list",
            )
            with VerticalScroll(id="deck-details"):
                yield Static(id="deck-text")
        yield ResponsiveFooter()

    def on_mount(self) -> None:
        if self.app.library.errors:  # type: ignore[attr-defined]
            self.app.clear_notifications()  # "decks skipped": the list here shows them
        self.drawn_anew()

    def drawn_anew(self) -> None:
        self.sub_title = t("decks.title")
        deck_list = self.query_one("#deck-list", OptionList)
        if deck_list.option_count:
            deck_list.highlighted = 0
        deck_list.focus()

    @on(OptionList.OptionHighlighted, "#deck-list")
    def show_deck(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_id is None:
            return
        library = self.app.library  # type: ignore[attr-defined]
        self.refresh_bindings()  # a skipped file has no board to open
        if event.option_id.startswith(SKIPPED):
            error = library.errors[int(event.option_id.removeprefix(SKIPPED))]
            self.query_one("#deck-text", Static).update(skipped_details(error))
        else:
            self.query_one("#deck-text", Static).update(deck_details(library.get(event.option_id)))
        self.query_one("#deck-details", VerticalScroll).scroll_home(animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return not self._highlighted_id().startswith(SKIPPED)
        return True

    def _highlighted_id(self) -> str:
        try:
            deck_list = self.query_one("#deck-list", OptionList)
        except NoMatches:  # asked before the list is composed
            return ""
        if deck_list.highlighted is None:
            return ""
        return deck_list.get_option_at_index(deck_list.highlighted).id or ""

    @on(OptionList.OptionSelected, "#deck-list")
    def open_selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option_id)

    def action_open(self) -> None:
        if highlighted := self._highlighted_id():
            self._open(highlighted)

    def _open(self, deck_id: str | None) -> None:
        if deck_id is None:
            return
        if deck_id.startswith(SKIPPED):
            self.notify(t("decks.skipped_cannot_open"), severity="warning", timeout=4)
            return
        from app.live import practice
        from app.screens.board import BoardScreen

        deck = self.app.library.get(deck_id)  # type: ignore[attr-defined]
        self.app.push_screen(BoardScreen(practice(deck, seed=self.app.seed)))  # type: ignore[attr-defined]
