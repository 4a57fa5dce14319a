"""What every export needs from a session's state: its cards with their notes, labels in the UI
language, reflection questions, rounds and times. Pure functions; nothing here writes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from cards.frozen import frozen
from cards.i18n import language, t
from cards.model import Deck, in_language
from sessions.clock import clock_time as clock_time
from sessions.coaching import Tally, clock_text, figures, timeline_legend, timeline_text
from sessions.notes import KINDS
from sessions.notes import speaker_label as speaker_label
from sessions.state import DealtCard, Note, Round, SessionState, due_label, kept_agreements

REFLECTION = "reflection"
REFLECTION_DECK = "reflectie"
Decks = Mapping[str, Deck]

# C0 and C1 controls but newline and tab, surrogates, and bidi overrides: never part of a document
_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)
_LINE_ENDS = re.compile(r"\r\n|\r|\n")


def plain_lines(text: str) -> list[str]:
    """Text as shown lines: every kind of line end splits, control characters are dropped and
    tabs become spaces (the raw text is kept only in the JSON and CSV exports)."""
    cleaned = _CONTROLS.sub("", text.replace("\t", "    "))
    return _LINE_ENDS.split(cleaned)


@frozen
class CardNotes:
    """A card that was on the table, with the notes about it (every kind but reflection)."""

    number: int
    deck_id: str
    card_id: str
    text: str
    notes: tuple[Note, ...]
    dealt: DealtCard | None = None
    set_aside: str = ""  # "parked" or "skipped" when it left the table so (and stayed out)
    printed: int = 0  # its number in its deck, as the board shows it ("nr. 9"); 0: unknown

    @property
    def heading(self) -> str:
        """ "Kaart 3 (nr. 9)": its place in the notes, and the number the board showed."""
        if self.printed:
            return t("export.card_printed", number=self.number, printed=self.printed)
        return t("export.card", number=self.number)

    @property
    def follow_up(self) -> str:
        return self.dealt.follow_up if self.dealt else ""

    @property
    def theme(self) -> str:
        return self.dealt.theme if self.dealt else ""

    @property
    def dealt_at(self) -> str:
        return self.dealt.at if self.dealt else ""


def printed_number(decks: Decks | None, deck_id: str, card_id: str) -> int:
    """A card's number in its deck as loaded, or 0 when it is not there."""
    deck = decks.get(deck_id) if decks else None
    try:
        return deck.number_of(card_id) if deck is not None else 0
    except KeyError:
        return 0


def deck_card_text(decks: Decks | None, deck_id: str, card_id: str) -> str:
    """A card's text from the loaded decks, or "" when it is not there."""
    deck = decks.get(deck_id) if decks else None
    if deck is None:
        return ""
    try:
        return deck.card(card_id).text
    except KeyError:
        return ""


def card_notes(state: SessionState, decks: Decks | None = None) -> list[CardNotes]:
    """Every card dealt, in order, with its notes (oldest first), and whether it was parked or
    skipped. A card dealt twice (after a reshuffle) is listed once, where it was first dealt;
    notes about a card that is not among the dealt ones (a damaged or hand-made record) follow
    at the end."""
    by_card: dict[tuple[str, str], list[Note]] = {}
    for note in state.notes:
        if note.card_id and note.kind != REFLECTION:
            by_card.setdefault((note.deck_id, note.card_id), []).append(note)
    cards: list[CardNotes] = []
    seen: set[tuple[str, str]] = set()
    for dealt in state.cards_dealt:
        key = (dealt.deck_id, dealt.card_id)
        seen.add(key)
        said = tuple(by_card.get(key, ()))
        aside = _set_aside(state, *key)
        number = printed_number(decks, *key)
        cards.append(CardNotes(len(cards) + 1, *key, dealt.text, said, dealt, aside, number))
    for key, notes in by_card.items():
        if key not in seen:
            seen.add(key)
            text = deck_card_text(decks, *key) or key[1]
            number = printed_number(decks, *key)
            cards.append(CardNotes(len(cards) + 1, *key, text, tuple(notes), printed=number))
    return cards


def _set_aside(state: SessionState, deck_id: str, card_id: str) -> str:
    """ "parked" or "skipped" when the card left the table so and has not come back, else ""."""
    dealer = state.dealers.get(deck_id)
    if dealer is not None and card_id in dealer.parked:
        return "parked"
    if dealer is not None and card_id in dealer.skipped:
        return "skipped"
    return ""


def general_notes(state: SessionState) -> tuple[Note, ...]:
    """Notes about the session in general: recorded while no card was on the table."""
    coached = {round_.number for round_ in state.coaching}
    return tuple(
        n
        for n in state.notes
        if not n.card_id
        and n.kind != REFLECTION
        and not (n.kind == "feedback" and n.round in coached)  # on its round's sheet
    )


def ordered_kinds(kinds: Iterable[str]) -> list[str]:
    """The kinds given, in the catalogue's order (unknown kinds last, as met)."""
    present = list(dict.fromkeys(kinds))
    return [kind for kind in KINDS if kind in present] + [k for k in present if k not in KINDS]


def by_kind_and_speaker(notes: Iterable[Note]) -> list[tuple[str, list[tuple[str, list[Note]]]]]:
    """Notes grouped by kind (catalogue order), then by speaker (order of first word)."""
    table: dict[str, dict[str, list[Note]]] = {}
    for note in notes:
        table.setdefault(note.kind, {}).setdefault(note.speaker, []).append(note)
    return [(kind, list(table[kind].items())) for kind in ordered_kinds(table)]


def kind_label(kind: str) -> str:
    key = f"kind.{kind}"
    label = t(key)
    return kind if label == key else label


def format_label(format_id: str) -> str:
    key = f"format.{format_id}"
    label = t(key)
    return format_id if label == key else label


def closing_label(closing: str | None, *, ended: bool = False) -> str:
    """How a round closed: None while open, "" when closed without a closing kind. A round
    still open when the session `ended` was left unfinished, not open."""
    if closing is None:
        return t("export.round_unfinished" if ended else "export.round_open")
    if not closing:
        return t("closing.none")
    key = f"closing.{closing}"
    label = t(key)
    return closing if label == key else label


def outcome_label(outcome: str) -> str:
    if outcome in ("done", "kept", "dropped"):
        return t(f"carry.{outcome}")
    return outcome or t("export.outcome_open")


def all_rounds(state: SessionState) -> tuple[Round, ...]:
    """Every round of the session, the one still on the table last."""
    return (*state.rounds, state.round) if state.round else state.rounds


def round_table(state: SessionState, decks: Decks | None) -> tuple[list[str], list[list[str]]]:
    """The rounds section of the notes for people (Markdown, HTML): its header, and a row for
    each round in which something happened (someone held the floor or passed, it was closed,
    a note was written in it). A round left empty gives way to the next (`state._new_round`),
    but the one on the table may still be empty, the card just dealt: it said only "still
    open". The JSON keeps it."""
    spoken = {turn.round for turn in state.turns} | {note.round for note in state.notes}
    header = [
        t("export.round"),
        t("export.card_column"),
        t("export.closing"),
        t("export.heard"),
        t("export.passed"),
    ]
    rows = [
        [
            str(r.number),
            card_text_of(state, r.deck_id, r.card_id, decks),
            closing_label(r.closing, ended=state.ended),
            ", ".join(state.heard_in(r)),
            ", ".join(r.passed),
        ]
        for r in all_rounds(state)
        if r.done or r.closed or r.number in spoken
    ]
    return header, rows


def agreements_table(state: SessionState) -> tuple[list[str], list[list[str]]]:
    """This session's agreements, then those kept from last time (marked so, as in the QR
    code): header and rows; no rows when there are none."""
    header = ["what", "who", "due", "said_by"]
    rows = [
        [n.text, n.who, due_label(n), speaker_label(n.speaker)] for n in state.notes_of("agreement")
    ]
    rows += [
        [t("takeaways.kept", what=c.text), c.who, due_label(c), speaker_label(c.speaker)]
        for c in kept_agreements(state)
    ]
    return [t(f"export.{name}") for name in header], rows


def carried_table(state: SessionState) -> tuple[list[str], list[list[str]]]:
    """The items open from earlier sessions and what became of them: header and rows."""
    header = ["kind", "what", "who", "due", "from_session", "outcome"]
    rows = [
        [
            kind_label(item.kind),
            item.text,
            item.who,
            due_label(item),
            f"{item.session_title} ({item.session_date})",
            outcome_label(item.outcome),
        ]
        for item in state.carried
    ]
    return [t(f"export.{name}") for name in header], rows


def show_rounds(state: SessionState) -> bool:
    """Rounds are worth a section when the format closes them or any closed with a kind."""
    rounds = all_rounds(state)
    return bool(rounds) and (bool(state.format.closings) or any(r.closing for r in rounds))


def card_text_of(state: SessionState, deck_id: str, card_id: str, decks: Decks | None) -> str:
    for dealt in state.dealt:
        if dealt.deck_id == deck_id and dealt.card_id == card_id:
            return dealt.text
    return deck_card_text(decks, deck_id, card_id) or card_id


def question_text(question: str, state: SessionState, decks: Decks | None) -> str:
    """The text of a reflection question (a card id of the reflection deck), or "" when it
    cannot be found: in the decks given, among the cards dealt, or the built-in fallbacks."""
    if not question:
        return ""
    asked = in_language((decks or {}).values(), REFLECTION_DECK, language())
    text = deck_card_text(decks, asked.id, question) if asked else ""
    if text:
        return text
    for dealt in state.dealt:
        if dealt.card_id == question:
            return dealt.text
    for deck in (decks or {}).values():
        if text := deck_card_text(decks, deck.id, question):
            return text
    if re.fullmatch(r"q[1-3]", question):
        return t(f"reflection.{question}")
    return ""


def reflection_groups(
    state: SessionState, decks: Decks | None
) -> list[tuple[str, str, list[Note]]]:
    """Reflection answers grouped by question: (question id, its text or "", answers)."""
    groups: dict[str, list[Note]] = {}
    for note in state.notes:
        if note.kind == REFLECTION:
            groups.setdefault(note.question, []).append(note)
    return [(qid, question_text(qid, state, decks), notes) for qid, notes in groups.items()]


def participants(state: SessionState) -> list[tuple[str, str]]:
    """(name, role) for everyone in the session: role "leader" or "participant"."""
    leader = state.leader
    return [(name, "leader" if name == leader else "participant") for name in state.participants]


def participant_labels(state: SessionState) -> list[str]:
    return [
        t("export.leader", name=name) if role == "leader" else name
        for name, role in participants(state)
    ]


def title_of(state: SessionState) -> str:
    started = state.started
    return (started.title if started else "") or t("export.untitled")


@frozen
class CoachingSheet:
    """One coaching round's feedback sheet, ready to write out."""

    number: int
    coach: str
    coachee: str
    observer: str
    case: str
    conversation_type: str
    counts: tuple[tuple[str, int], ...]  # (behaviour id, count), every behaviour
    open_closed: str
    open_share: float | None
    first_advice: float | None
    tallies: tuple[Tally, ...]  # the ones that count: the conversation's (see `figures`)
    feedback: tuple[Note, ...]
    parts: tuple[str, ...] = ()  # the round's parts (segment ids), in order
    reached: int = 0  # how many of them it came to: fewer than all when it was cut short
    under_way: bool = False  # the session's latest round, and the session goes on

    @property
    def cut_short(self) -> bool:
        """The round stopped before its last part: the session ended, or the next round
        started, in the conversation or before (not a round still under way)."""
        return not self.under_way and self.reached < len(self.parts)


def coaching_sheets(state: SessionState) -> list[CoachingSheet]:
    """Every coaching round with its tallies, figures and feedback notes."""
    sheets = []
    for round_ in state.coaching:
        numbers = figures(round_.tallies)
        notes = tuple(n for n in state.notes if n.kind == "feedback" and n.round == round_.number)
        sheets.append(
            CoachingSheet(
                number=round_.number,
                coach=round_.roles.coach,
                coachee=round_.roles.coachee,
                observer=round_.roles.observer,
                case=round_.case,
                conversation_type=round_.conversation_type,
                counts=tuple(numbers.counts.items()),
                open_closed=numbers.open_closed,
                open_share=numbers.open_share,
                first_advice=numbers.first_advice,
                tallies=numbers.timeline,
                feedback=notes,
                parts=round_.segments,
                reached=round_.segment_index + 1,
                under_way=round_ is state.coaching[-1] and not state.ended,
            )
        )
    return sheets


def stopped_line(sheet: CoachingSheet) -> tuple[str, str] | None:
    """("Afgebroken", "in deel 2 van 5: Gesprek") for a round cut short, else None."""
    if not sheet.cut_short:
        return None
    part = t(f"segment.{sheet.parts[sheet.reached - 1]}")
    where = t("export.coaching_stopped_in", index=sheet.reached, total=len(sheet.parts))
    return t("export.coaching_stopped"), f"{where}: {part}"


def sheet_lines(sheet: CoachingSheet) -> list[tuple[str, str]]:
    """The sheet's figures as (label, value) pairs in the UI language (people's text raw); the
    timeline's keys are followed by what they stand for."""
    counted = ", ".join(f"{t(f'behaviour.{b}')} {n}" for b, n in sheet.counts if n) or "—"
    share = f" ({sheet.open_share:.0%})" if sheet.open_share is not None else ""
    advice = (
        t("coaching.first_advice", time=clock_text(sheet.first_advice))
        if sheet.first_advice is not None
        else t("coaching.no_advice")
    )
    timeline = timeline_text(sheet.tallies)
    if not timeline:  # nothing tallied in the conversation: nothing to conclude from it
        share, advice = "", "—"
    legend = [(t("export.coaching_legend"), timeline_legend(sheet.tallies))] if timeline else []
    stopped = [line] if (line := stopped_line(sheet)) else []
    return [
        (t("role.coach"), sheet.coach),
        (t("role.coachee"), sheet.coachee),
        *([(t("role.observer"), sheet.observer)] if sheet.observer else []),  # not in a pair
        (t("export.coaching_case"), sheet.case or "—"),
        (t("export.coaching_type"), sheet.conversation_type),
        *stopped,
        (t("export.coaching_counts"), counted),
        (t("export.coaching_open_closed"), sheet.open_closed + share if timeline else "—"),
        (t("export.coaching_advice"), advice),
        (t("export.coaching_timeline"), timeline or "—"),
        *legend,
    ]
