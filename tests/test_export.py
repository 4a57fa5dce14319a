"""Session exports: golden files, hostile text through every exporter, safe file names.

Regenerate the golden files after an intended change with ``DIALOOG_UPDATE_GOLDEN=1 pytest
tests/test_export.py`` and read the diff before committing it.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from cards.i18n import set_language, t
from cards.loader import DeckLibrary
from cards.model import Deck
from sessions.export.common import plain_lines
from sessions.export.csv_export import BOM, local_time, neutralise, to_csv
from sessions.export.files import (
    FORMATS,
    MAX_STEM_CHARS,
    ExportError,
    export_session,
    is_reserved,
    safe_stem,
)
from sessions.export.html import to_html
from sessions.export.json_export import SCHEMA, load_schema, to_json
from sessions.export.markdown import inline, to_markdown
from sessions.meta import SessionSetup
from sessions.notes import ANONYMOUS, GROUP, KINDS, Draft
from sessions.session import Session
from sessions.state import CarriedItem, DealtCard, Note, SessionState
from tests.fakes import FakeClock

GOLDEN = Path(__file__).parent / "golden"
QR_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4" class="qr-code">'
    '<rect width="4" height="4" fill="#fff"/><path d="M0 0h1v1H0zM3 3h1v1H3z"/></svg>'
)
TODAY = date(2026, 11, 21)


def check_golden(name: str, data: bytes) -> None:
    """Compare `data` with tests/golden/`name`; with DIALOOG_UPDATE_GOLDEN=1, write it."""
    path = GOLDEN / name
    if os.environ.get("DIALOOG_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(data)
        return
    assert path.exists(), f"no golden file {path}; run with DIALOOG_UPDATE_GOLDEN=1"
    expected = path.read_bytes()
    if data != expected:  # compare as text first, for pytest's readable diff
        assert data.decode("utf-8") == expected.decode("utf-8")
        assert data == expected


@pytest.fixture(scope="module")
def decks(library: DeckLibrary) -> dict[str, Deck]:
    return {deck.id: deck for deck in library}


def build_session(decks: dict[str, Deck], **setup: object) -> Session:
    """The fixed session of the golden files: a kgotla with a pass and two closings' worth of
    rounds, every kind of note, a carried-over agreement, an edited and a deleted note."""
    fake = FakeClock()
    fields: dict[str, object] = {
        "title": "Teamoverleg visie",
        "team": "Basisschool De Linde",
        "facilitator": "Fien de Vries",
        "date": "2026-11-21",
        "participants": ("Ann", "Bram", "Carla", "Dirk"),
        "leader": "Dirk",
        "format": "kgotla",
        "decks": ("dialoogkaarten", "reflectie"),
        "turn_seconds": 60,
        **setup,
    }
    s = Session.start(
        SessionSetup(**fields),  # type: ignore[arg-type]
        decks,
        session_id="20261121-090000-abcd",
        seed=7,
        now=fake,
        clock=fake.wall,
    )
    earlier = {"session_title": "Teamoverleg oktober", "session_date": "2026-11-14"}
    carried = s.carry_over(
        [
            (
                "20261114-090000-beef:12",
                {
                    "kind": "agreement",
                    "text": "Ouders informeren over de studiedag",
                    "speaker": "Ann",
                    "who": "Ann",
                    "due": "vr 14 nov",
                    "due_date": "2026-11-14",
                    **earlier,
                },
            ),
            ("20261114-090000-beef:15", {"kind": "parked", "text": "Rooster groep 8", **earlier}),
        ]
    )
    fake.advance(30)
    s.settle(carried[0].seq, "done")
    s.record(Draft("perspective", "Fijn dat iedereen er is.\nWe stoppen om 10 uur.", GROUP))
    fake.advance(30)
    s.deal()
    s.toggle_clock()
    s.next_speaker()  # Ann
    fake.advance(40)
    s.record(Draft("perspective", "Ik wil dat kinderen leren samenwerken.", "Ann"))
    s.next_speaker()  # Bram
    fake.advance(5)
    s.record(Draft("question", "Wat bedoelen we met 'de wereld'?", "Bram"))
    s.pass_turn()  # Bram passes; Carla
    fake.advance(20)
    s.record(Draft("idea", "Een project met de buurt", "Carla"))
    s.leader_turn()  # Dirk sums up
    fake.advance(30)
    s.record(Draft("decision", "We kiezen dit jaar voor burgerschap.", GROUP))
    s.record(
        Draft(
            "agreement",
            "Plan voor het buurtproject schrijven",
            "Dirk",
            who="Carla",
            due="vr 5 dec",
            due_date="2026-12-05",
        )
    )
    s.record(Draft("parked", "Budget voor excursies", ANONYMOUS))
    edited = s.record(Draft("perspective", "Samenwerken is belangrijk", "Dirk"))
    s.edit_note(edited.seq, Draft("perspective", "Samenwerken is het allerbelangrijkst.", "Dirk"))
    gone = s.record(Draft("perspective", "Dit hoort er niet in", "Bram"))
    s.delete_note(gone.seq)
    s.close_round("consensus")
    fake.advance(60)
    s.deal()
    s.toggle_clock()
    s.next_speaker()  # Ann
    fake.advance(25)
    s.record(Draft("perspective", "Rust in de school.", "Ann"))
    s.next_speaker()  # Bram
    fake.advance(15)
    s.next_speaker()  # Carla, who passes; the round stays open
    s.pass_turn()
    s.record(Draft("reflection", "We hebben goed naar elkaar geluisterd.", "Ann"), question="rf-01")
    s.record(Draft("reflection", "Meer tijd per kaart.", GROUP), question="rf-02")
    fake.advance(10)
    s.end()
    return s


@pytest.fixture
def state(decks: dict[str, Deck]) -> SessionState:
    return build_session(decks).state


def validate_json(text: str) -> dict[str, object]:
    record = json.loads(text)
    jsonschema.validate(
        record,
        load_schema(),
        cls=jsonschema.Draft202012Validator,
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    assert isinstance(record, dict)
    return record


# -- golden files ----------------------------------------------------------------------------


def test_schema_is_valid_2020_12() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False


def test_golden_files(state: SessionState, decks: dict[str, Deck], tmp_path: Path) -> None:
    paths = export_session(
        state, FORMATS, tmp_path / "export", decks=decks, qr_svg=QR_SVG, now=TODAY
    )
    assert [p.name for p in paths] == [f"2026-11-21 Teamoverleg visie.{f}" for f in FORMATS]
    for path in paths:
        check_golden(f"session{path.suffix}", path.read_bytes())
    validate_json(paths[2].read_text(encoding="utf-8"))
    assert paths[3].read_bytes().startswith(BOM.encode("utf-8"))


def test_golden_markdown_in_english(state: SessionState, decks: dict[str, Deck]) -> None:
    set_language("en")
    text = to_markdown(state, decks=decks)
    check_golden("session.en.md", text.encode("utf-8"))
    for heading in ("## Cards", "## Decisions", "## Agreements", "## Closing reflection"):
        assert f"\n{heading}\n" in text
    assert "- **Format:** Kgotla" in text and "Dirk (leader)" in text
    assert "| What | Who | By when | Raised by |" in text
    assert "#### • Perspective" in text and "Deelnemers" not in text


def test_english_html_and_csv(state: SessionState, decks: dict[str, Deck]) -> None:
    set_language("en")
    html = to_html(state, decks=decks)
    assert '<html lang="en">' in html and "<h2>Agreements</h2>" in html
    assert to_csv(state).startswith(
        BOM + "Session,Date,Card,Speaker,Kind,Text,Who,By when,Time\r\n"
    )
    record = json.loads(to_json(state))
    assert record["format"] == "kgotla" and record["participants"][3]["role"] == "leader"


def test_markdown_sections(state: SessionState, decks: dict[str, Deck]) -> None:
    text = to_markdown(state, decks=decks)
    assert text.startswith("# Teamoverleg visie\n")
    assert "- **Werkvorm:** Kgotla" in text
    assert "- **Deelnemers:** Ann, Bram, Carla, Dirk (leider)" in text
    assert "Dit hoort er niet in" not in text  # deleted
    assert "allerbelangrijkst. *(bewerkt)*" in text  # edited
    assert "Fijn dat iedereen er is.<br>We stoppen om 10 uur." in text
    assert "| Plan voor het buurtproject schrijven | Carla | vr 5 dec (2026-12-05) |" in text
    assert "| 1 | Hoe wil je als school(leider)" in text and "| Consensus |" in text
    assert "| onafgerond (sessie beëindigd) |" in text  # round 2 was open at the end
    assert "### Wat ging vandaag goed en waarom werkte dat?" in text
    assert "| Ann | 1:05 | 2 | 0 |" in text and "| Bram | 0:15 | 1 | 1 |" in text
    order = [text.index(f"## {t(key)}\n") for key in ("export.cards", "export.decisions")]
    assert order == sorted(order)


def test_json_content(state: SessionState, decks: dict[str, Deck]) -> None:
    record = validate_json(to_json(state, decks=decks))
    assert record["schema"] == SCHEMA == "dialoog/session@3"
    assert record["ended_at"] == state.last_at
    cards = record["cards"]
    assert isinstance(cards, list) and [c["card_id"] for c in cards] == [
        d.card_id for d in state.dealt
    ]
    kinds = {p["kind"] for p in cards[0]["perspectives"]}
    assert kinds == {"perspective", "question", "idea", "decision", "agreement", "parked"}
    assert record["rounds"][0]["closing"] == "consensus"  # type: ignore[index]
    assert record["rounds"][0]["passed"] == ["Bram"]  # type: ignore[index]
    assert record["rounds"][1]["closing"] is None  # type: ignore[index]
    assert record["agreements"] == [
        {
            "what": "Plan voor het buurtproject schrijven",
            "who": "Carla",
            "due": "vr 5 dec",
            "due_date": "2026-12-05",
            "speaker": "Dirk",
            "at": "2026-11-21T09:02:35.000Z",
        }
    ]
    assert record["reflection"][0]["question_text"].startswith("Wat ging")  # type: ignore[index]
    assert record["general"][0]["speaker"] == GROUP  # type: ignore[index]
    assert record["carried"][0]["outcome"] == "done"  # type: ignore[index]


def test_open_session_has_no_end_and_no_airtime_without_turns(decks: dict[str, Deck]) -> None:
    fake = FakeClock()
    setup = SessionSetup(title="Kort", date="2026-11-21", anonymous=3, decks=("dialoogkaarten",))
    s = Session.start(setup, decks, session_id="s1", seed=1, now=fake, clock=fake.wall)
    s.deal()
    s.record(Draft("reflection", "Zonder kaartenset", "Deelnemer 2"), question="rf-02")
    state = s.state
    record = validate_json(to_json(state))
    assert record["ended_at"] is None and record["turns"] == []
    text = to_markdown(state)  # no decks given: the question shows by its id
    assert "- **Deelnemers (anoniem):** Deelnemer 1, Deelnemer 2, Deelnemer 3" in text
    assert "## Spreektijd" not in text and "## Rondes" not in text
    assert "### rf-02" in text
    assert "Spreektijd" not in to_html(state)


def _ended_on_a_floor_given(decks: dict[str, Deck]) -> tuple[Session, str]:
    """A kgotla of four: round 1 closed, the next card dealt, the floor to Ann with the clock
    paused. The session (not yet ended) and the text of the card of round 2."""
    fake = FakeClock()
    setup = SessionSetup(
        title="Teamdag",
        date="2026-11-21",
        participants=("Ann", "Bram", "Carla", "Dirk"),
        leader="Carla",
        format="kgotla",
        decks=("dialoogkaarten",),
        turn_seconds=60,
    )
    s = Session.start(setup, decks, session_id="s2", seed=1, now=fake, clock=fake.wall)
    s.deal()
    s.close_round("deferred")
    s.deal()
    s.next_speaker()
    assert s.state.speaker == "Ann" and not s.running
    return s, s.state.dealt[-1].text


def _round_cells(html: str, number: int) -> list[str]:
    row = re.search(rf'<tr><td class="number">{number}</td>(.*?)</tr>', html)
    assert row is not None
    return re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))


def test_a_round_open_when_the_session_ended_is_unfinished_and_ann_unheard(
    decks: dict[str, Deck],
) -> None:
    """The board said "Ronde 2 · 0 van 3 gehoord" and "▶ Ann" when the session ended: no export
    lists Ann as heard, and round 2 ended unfinished with the session (not "nog open")."""
    s, card = _ended_on_a_floor_given(decks)
    s.end()
    text = to_markdown(s.state, decks=decks)
    assert f"| 2 | {card} | onafgerond (sessie beëindigd) |  |  |" in text
    assert "nog open" not in text
    assert "| Ann | 0:00 | 1 | 0 |" in text  # she had the floor once, for no time
    assert _round_cells(to_html(s.state, decks=decks), 2)[1:] == [
        "onafgerond (sessie beëindigd)",
        "",
        "",
    ]
    record = validate_json(to_json(s.state, decks=decks))
    rounds = record["rounds"]
    assert isinstance(rounds, list)
    assert [(r["closing"], r["heard"], r["passed"]) for r in rounds] == [
        ("deferred", [], []),
        (None, [], []),
    ]
    assert record["ended_at"] is not None
    set_language("en")
    text = to_markdown(s.state, decks=decks)
    assert f"| 2 | {card} | unfinished (session ended) |  |  |" in text
    assert "unfinished (session ended)" in to_html(s.state, decks=decks)


def test_an_export_while_the_round_runs_says_it_is_still_open(decks: dict[str, Deck]) -> None:
    """Exported while Ann holds the floor (the wrap-up screen, before "Ja"): the round is still
    open and Ann is not yet heard, as the board shows; once Bram has the floor she is."""
    s, card = _ended_on_a_floor_given(decks)
    assert f"| 2 | {card} | nog open |  |  |" in to_markdown(s.counted_now(), decks=decks)
    s.next_speaker()
    assert f"| 2 | {card} | nog open | Ann |  |" in to_markdown(s.counted_now(), decks=decks)


def test_a_card_keeps_the_number_the_board_showed_after_one_was_parked(
    decks: dict[str, Deck],
) -> None:
    """The board said "Kaart 1 van 21 · nr. N" of the card dealt after a parked one; the notes
    list it as their third card and name "nr. N" beside it, so the two can be matched. Without
    the decks the number is left out."""
    setup = SessionSetup(title="Kaarten", participants=("Ann", "Bram"))
    s = Session.start(setup, decks, seed=3)
    s.deal()
    s.record(Draft("perspective", "Eerst deze", "Ann"))
    s.park()
    s.deal()
    card = s.state.card
    assert card is not None
    printed = decks[s.state.deck_id].number_of(card.id)
    markdown = to_markdown(s.state, decks=decks)
    heading = next(line for line in markdown.splitlines() if card.text in line)
    assert re.match(rf"### Kaart \d+ \(nr\. {printed}\): ", heading)
    assert f"(nr. {printed}): " in to_html(s.state, decks=decks)
    assert "(nr. " not in to_markdown(s.state)


def test_html_tables_keep_words_whole_and_break_only_runs_without_spaces(
    state: SessionState, decks: dict[str, Deck]
) -> None:
    """Every cell could break anywhere, and a narrow column broke "Afspraak" and "Bram" in
    two; now a table's words stay whole, and only a run without spaces (a pasted link, a
    hostile paste) may break anywhere, so that it cannot push the table off the page."""
    html = to_html(state, decks=decks)
    assert "td { overflow-wrap: break-word; }" in html
    assert '<td dir="auto">Afspraak</td>' in html
    run = "x" * 40
    hostile = replace(state, notes=(*state.notes, replace(state.notes_of("agreement")[0], who=run)))
    assert f'<td dir="auto" class="unbroken">{run}</td>' in to_html(hostile, decks=decks)


def test_empty_state_exports() -> None:
    state = SessionState()
    validate_json(to_json(state))
    assert to_markdown(state).startswith(f"# {t('export.untitled')}")
    assert "<h1" in to_html(state)
    assert to_csv(state).count("\r\n") == 1


# -- hostile text ----------------------------------------------------------------------------

HOSTILE = (
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '" onmouseover="alert(1)" x="',
    "' onfocus='alert(1)",
    "[x](javascript:alert(1))",
    "![beeld](http://evil.example/x.png)",
    "# kop",
    "## kop twee #",
    "> quote",
    "- item",
    "* ster",
    "1. item",
    "2) item",
    "| a | b |",
    "--- ",
    '=HYPERLINK("http://evil.example","klik")',
    "+1",
    "-2",
    "@SUM(A1)",
    "\tTAB vooraan",
    "\rCR vooraan",
    "regel een\n# kop op regel twee\n- lijst op regel drie\n> quote op regel vier",
    "controle \x00\x07\x1b[31mrood\x1b[0m \x7f\x85 tekens",
    "emoji 👩\u200d👩\u200d👧 🎉 en rechts-naar-links: שלום עולם مرحبا \u202egnp.exe\u202c",
    "`code` **vet** _schuin_ ~~weg~~ &amp; &#60;script&#62; \\",
    "<!-- commentaar --> </li></ul><h1>ingevoegd</h1> <svg onload=alert(1)>",
    "    ingesprongen code",
    "Tekst met [link][1]\n\n[1]: javascript:alert(1)",
    ("<b>*_[]()#|" * 1819)[:20_000],
)
HOSTILE_NAMES = ("<b>Eve</b> onmouseover=x", "=cmd|' /C calc'!A0", "Ann")


def hostile_state(decks: dict[str, Deck], word: Callable[[int], str]) -> SessionState:
    """A session whose every text is word(i): hostile strings, or tame ones to compare the
    structure with. Notes go in as they are (not cleaned), as a damaged record could hold."""
    fake = FakeClock()
    names = tuple(word(1000 + i) for i in range(len(HOSTILE_NAMES)))
    setup = SessionSetup(
        title=word(0),
        team=word(1),
        facilitator=word(2),
        date="2026-11-21",
        participants=names,
        leader=names[1],
        format="kgotla",
        decks=("dialoogkaarten",),
    )
    s = Session.start(setup, decks, session_id="hostile", seed=3, now=fake, clock=fake.wall)
    s.deal()
    s.toggle_clock()
    s.next_speaker()
    fake.advance(12)
    s.pass_turn()
    fake.advance(7)
    s.leader_turn()
    fake.advance(9)
    s.close_round("disagree")
    state = s.state
    first = replace(state.dealt[0], text=word(3), follow_up=word(4), theme=word(5))
    other = DealtCard(99, fake.wall(), "dialoogkaarten", "dk-99", word(6), word(7), word(8))
    notes = []
    for i in range(len(HOSTILE)):
        kind = KINDS[i % len(KINDS)]
        card = (first, other, None)[i % 3]
        notes.append(
            Note(
                seq=100 + i,
                at=fake.wall(),
                kind=kind,
                text=word(10 + i),
                speaker=(names[i % 3], GROUP, ANONYMOUS, names[(i + 1) % 3])[i % 4],
                deck_id=card.deck_id if card else "",
                card_id=card.card_id if card else "",
                who=word(200 + i) if kind == "agreement" else "",
                due=word(300 + i) if kind == "agreement" else "",
                question=word(400 + i) if kind == "reflection" else "",
                edited=i % 5 == 0,
            )
        )
    carried = CarriedItem(90, "x:1", word(500), word(501), "parked", word(502), who=word(503))
    return replace(state, dealt=(first, other), notes=tuple(notes), carried=(carried,))


def hostile_word(i: int) -> str:
    if i >= 1000:
        return HOSTILE_NAMES[i - 1000]
    return HOSTILE[i % len(HOSTILE)]


def tame_word(i: int) -> str:
    if i >= 1000:
        return ("Eva", "Cor", "Ann")[i - 1000]
    return f"tekst{i}"


@pytest.fixture
def hostile(decks: dict[str, Deck]) -> SessionState:
    return hostile_state(decks, hostile_word)


@pytest.fixture
def tame(decks: dict[str, Deck]) -> SessionState:
    return hostile_state(decks, tame_word)


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "footer", "section",
    "article", "h1", "h2", "h3", "h4", "p", "dl", "dt", "dd", "ul", "li", "table", "thead",
    "tbody", "tr", "th", "td", "span", "strong", "em", "br", "figure", "figcaption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"lang", "charset", "http-equiv", "content", "name", "class", "id", "dir"}


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text between tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def parse_html(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


def test_html_keeps_hostile_text_inert(hostile: SessionState, tame: SessionState) -> None:
    html = to_html(hostile, qr_svg=None)
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "<svg" not in html.lower() and "<!--" not in html
    parsed = parse_html(html)
    assert {tag for tag, _ in parsed.tags} <= ALLOWED_TAGS
    for _, attrs in parsed.tags:
        for name, _value in attrs:
            assert name in ALLOWED_ATTRIBUTES and not name.startswith("on")
    assert parsed.comments == []

    # the same elements, in the same order, as for tame text: no text adds or closes one
    def elements(parsed: Elements) -> list[str]:
        return [tag for tag, _ in parsed.tags if tag != "br"]

    assert elements(parsed) == elements(parse_html(to_html(tame)))
    text = "".join(parsed.text)
    for hostile_text in ("<script>alert(1)</script>", '<img src=x onerror="alert(1)">'):
        assert hostile_text in text  # shown as text, exactly
    assert "#60;script&#62;" in text and "שלום עולם" in text and "👩\u200d👩\u200d👧" in text
    assert "\x00" not in html and "\x1b" not in html and "\u202e" not in html
    assert ("<b>*_[]()#|" * 1819)[:20_000] in text


def test_html_is_self_contained(state: SessionState, decks: dict[str, Deck]) -> None:
    html = to_html(state, decks=decks, qr_svg=QR_SVG)
    assert html.startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;; '
        'style-src &#x27;unsafe-inline&#x27;; img-src data:">' in html
    )
    for external in ("src=", "href=", "url(", "@import", "<link", "<script"):
        assert external not in html
    assert re.findall(r"https?://[^\s\"'<]+", html) == ["http://www.w3.org/2000/svg"]
    assert "@page { size: A4;" in html and "@media print" in html
    assert "break-inside: avoid" in html and "page-break-before: always" in html
    assert QR_SVG in html
    agreements, qr = html.index('<section class="agreements">'), html.index(QR_SVG)
    assert agreements < qr < html.index('<section class="parked">')
    assert '<body class="long">' not in html


def test_html_breaks_pages_between_cards_of_a_long_session(state: SessionState) -> None:
    note = state.notes[0]
    many = replace(state, notes=tuple(replace(note, seq=1000 + i) for i in range(40)))
    assert '<body class="long">' in to_html(many)


MD = MarkdownIt("commonmark").enable("table")
INLINE_TYPES = {
    "text",
    "html_inline",
    "hardbreak",
    "strong_open",
    "strong_close",
    "em_open",
    "em_close",
}


def block_types(markdown: str) -> list[str]:
    return [token.type for token in MD.parse(markdown)]


def test_markdown_keeps_hostile_text_inert(hostile: SessionState, tame: SessionState) -> None:
    markdown = to_markdown(hostile)
    # the same blocks, in the same order, as for tame text: no heading, list, quote, rule,
    # table or code block comes from what people typed
    assert block_types(markdown) == block_types(to_markdown(tame))
    for token in MD.parse(markdown):
        for child in token.children or []:
            assert child.type in INLINE_TYPES, child
            if child.type == "html_inline":
                assert child.content == "<br>"
    assert "](" not in markdown.replace("\\](", "")
    assert "\\[x\\](javascript:alert(1))" in markdown
    assert "\\<script>" in markdown and not re.search(r"(?<!\\)<script", markdown)
    starts = ("# ", "## ", "### ", "#### ", "- ", "  - ", "| ", "|", "*")
    for line in markdown.splitlines():
        assert not line or line.startswith(starts), line
    assert "\x00" not in markdown and "\x1b" not in markdown and "\u202e" not in markdown
    # after a "<br>" a line goes on in the same paragraph: no block can start there
    assert "regel een<br># kop op regel twee<br>- lijst op regel drie<br>> quote" in markdown
    assert "\\| a \\| b \\|" in markdown
    assert "שלום עולם" in markdown and "🎉" in markdown


def csv_rows(state: SessionState) -> list[dict[str, str]]:
    text = to_csv(state).removeprefix(BOM)
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


GFM = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# Markdown's own characters, letters, digits, spaces and line breaks, many times over
MARKDOWN_TEXT = st.lists(
    st.sampled_from(
        [
            *"\\`*_{}[]<>()#+-.!|&~=:;/ \n\taZ09é👩",
            "&amp;",
            "&#60;",
            "1. ",
            "~~",
            "**",
            "__",
            "[a](b)",
            "<b>",
        ]
    ),
    max_size=30,
).map("".join)


def shown_text(markdown: str) -> str:
    """The text a Markdown reader shows for `markdown`, line breaks as "\n"; it fails on
    anything but text and "<br>" (markup that came from the text)."""
    shown = []
    for token in GFM.parse(markdown):
        for child in token.children or []:
            assert child.type in ("text", "html_inline"), (markdown, child)
            if child.type == "html_inline":
                assert child.content == "<br>", markdown
            shown.append("\n" if child.type == "html_inline" else child.content)
    return "".join(shown)


@settings(max_examples=300, deadline=None)
@given(MARKDOWN_TEXT)
def test_markdown_shows_typed_text_as_typed_in_every_place(text: str) -> None:
    lines = plain_lines(text)
    lines[0] = lines[0].lstrip()
    expected = "\n".join(lines).rstrip()
    assume(expected.strip())  # a note is never empty
    escaped = inline(text)
    for markdown, blocks in (
        (f"- {escaped}", ["bullet_list_open", "list_item_open", "paragraph_open"]),
        (f"### {escaped}", ["heading_open"]),
        (f"| a |\n| --- |\n| {escaped} |", ["table_open"]),
    ):
        parsed = [token.type for token in GFM.parse(markdown)]
        assert parsed[: len(blocks)] == blocks, markdown
        shown = shown_text(markdown).removeprefix("a" if blocks == ["table_open"] else "")
        assert shown.rstrip() == expected, markdown


def test_markdown_reads_as_plain_text_in_a_mail() -> None:
    """Only what Markdown would take as markup is escaped: a mail shows the rest as typed."""
    assert inline("Fijn (zo) - ja! Om 10.30 uur, 3 + 4 = 7 & klaar.") == (
        "Fijn (zo) - ja! Om 10.30 uur, 3 + 4 = 7 & klaar."
    )
    assert inline("2026-12-05 #1") == "2026-12-05 #1"
    assert inline("1. punt") == "1\\. punt" and inline("- punt") == "\\- punt"
    assert inline("kop #") == "kop \\#"


def test_csv_says_who_and_by_when_of_an_agreement_in_local_time(state: SessionState) -> None:
    rows = csv_rows(state)
    agreement = next(row for row in rows if row["Soort"] == "Afspraak")
    assert agreement["Tekst"] == "Plan voor het buurtproject schrijven"
    assert (agreement["Wie"], agreement["Wanneer"]) == ("Carla", "vr 5 dec (2026-12-05)")
    # recorded at 09:02:35 UTC on 21 November: 10:02:35 in Amsterdam (winter time)
    assert agreement["Tijd"] == "2026-11-21 10:02:35"
    assert all(row["Wie"] == row["Wanneer"] == "" for row in rows if row["Soort"] != "Afspraak")


def test_csv_times_follow_summer_time_and_keep_what_does_not_parse() -> None:
    assert local_time("2026-07-01T12:00:00.000Z") == "2026-07-01 14:00:00"
    assert local_time("2026-12-01T12:00:00.000Z") == "2026-12-01 13:00:00"
    assert local_time("2026-07-01T12:00:00") == "2026-07-01 14:00:00"  # no zone: UTC
    assert local_time("gisteren") == "gisteren"


def test_csv_names_the_round_and_question_of_coaching_feedback(library: DeckLibrary) -> None:
    fake = FakeClock()
    setup = SessionSetup(title="Triade", participants=("Ann", "Bram", "Carla"), format="coaching")
    session = Session.start(setup, {d.id: d for d in library}, seed=1, now=fake, clock=fake.wall)
    session.start_coaching_round("Leraar aanspreken", "Feedbackgesprek")
    session.record(Draft("feedback", "Je vroeg eerst door", "Bram"), question="helped")
    session.record(Draft("feedback", "Minder snel advies", "Carla"), question="better")
    rows = csv_rows(session.state)
    cards = {row["Tekst"]: row["Kaart"] for row in rows}
    assert cards["Je vroeg eerst door"] == f"Feedback ronde 1: {t('coaching.question.helped')}"
    assert cards["Minder snel advies"] == f"Feedback ronde 1: {t('coaching.question.better')}"


def practice(library: DeckLibrary, *drafts: Draft) -> Session:
    """An ended coaching practice of one round, as a new user runs it: a few tallies in the
    conversation, and `drafts` recorded before the end."""
    fake = FakeClock()
    setup = SessionSetup(
        title="Coaching triade", participants=("Ann", "Bram", "Carla"), format="coaching"
    )
    session = Session.start(setup, {d.id: d for d in library}, seed=1, now=fake, clock=fake.wall)
    session.start_coaching_round("Leraar aanspreken", "Feedbackgesprek")
    session.next_segment()
    session.toggle_clock()
    for behaviour in ("advice", "scaling", "silence"):
        fake.advance(2)
        session.tally(behaviour)
    for draft in drafts:
        session.record(draft)
    session.end()
    return session


def test_csv_counts_each_rounds_tallies_after_the_notes(library: DeckLibrary) -> None:
    """The feedback sheet's counts, one row a behaviour the observer counted, in a
    spreadsheet beside the notes: for whom (the coach), and in which round."""
    session = practice(library, Draft("feedback", "Mooie stilte", "Carla"))
    rows = csv_rows(session.state)
    kinds = [row["Soort"] for row in rows]
    assert kinds == ["Feedback", "Turven", "Turven", "Turven", "Afgebroken"]
    assert rows[4]["Tekst"] == "in deel 2 van 5: Gesprek"  # ended in the conversation
    counted = rows[1:4]
    assert {row["Tekst"] for row in counted} == {
        f"{t('behaviour.advice')}: 1",
        f"{t('behaviour.scaling')}: 1",
        f"{t('behaviour.silence')}: 1",
    }
    coach = session.state.coaching[0].roles.coach
    assert {(row["Kaart"], row["Spreker"]) for row in counted} == {("Feedback ronde 1", coach)}


def test_a_practice_round_cut_short_says_so_in_every_format(
    library: DeckLibrary, tmp_path: Path
) -> None:
    """A practice ended during the conversation exported its round as if it had run its
    course. Each format now says where it stopped; a round that came to its last part, or
    the round after it, does not say so."""
    state = practice(library).state
    files = {p.suffix: p for p in export_session(state, FORMATS, tmp_path)}
    markdown = files[".md"].read_text(encoding="utf-8")
    assert "Afgebroken" in markdown and "in deel 2 van 5: Gesprek" in markdown
    assert "in deel 2 van 5: Gesprek" in files[".html"].read_text(encoding="utf-8")
    record = validate_json(files[".json"].read_text(encoding="utf-8"))
    (sheet,) = record["coaching"]
    assert sheet["parts_reached"] == 2 and len(sheet["parts"]) == 5
    assert sheet["parts"][1] == "conversation"

    def parts_reached(parts: int, *, end: bool, folder: str) -> int:
        """A round taken to its `parts`-th part, the session ended or not: exported, no part
        said to be cut short; the JSON's parts reached."""
        fake = FakeClock()
        people = ("Ann", "Bram", "Carla")
        setup = SessionSetup(title="Triade", participants=people, format="coaching")
        decks = {d.id: d for d in library}
        session = Session.start(setup, decks, seed=1, now=fake, clock=fake.wall)
        session.start_coaching_round("Leraar aanspreken", "Feedbackgesprek")
        for _ in range(parts - 1):
            session.next_segment()
        if end:
            session.end()
        files = {p.suffix: p for p in export_session(session.state, FORMATS, tmp_path / folder)}
        assert "Afgebroken" not in files[".md"].read_text(encoding="utf-8")
        assert "Afgebroken" not in files[".csv"].read_text(encoding="utf-8-sig")
        record = validate_json(files[".json"].read_text(encoding="utf-8"))
        return record["coaching"][0]["parts_reached"]  # type: ignore[no-any-return]

    assert parts_reached(5, end=True, folder="whole") == 5  # to the coach's learning point
    # exported during the conversation, with the session going on: under way, not cut short
    assert parts_reached(2, end=False, folder="now") == 2


def test_a_practice_without_agreements_leaves_them_and_their_code_out(
    library: DeckLibrary, tmp_path: Path
) -> None:
    """A coaching practice exported "Besluiten: Geen.", "Afspraken: Geen." and a QR code that
    held nothing but "No decisions or agreements yet." The Markdown and HTML now leave them
    out; the JSON and CSV keep their structure."""
    state = practice(library).state
    files = {p.suffix: p for p in export_session(state, FORMATS, tmp_path)}
    markdown = files[".md"].read_text(encoding="utf-8")
    html = files[".html"].read_text(encoding="utf-8")
    for text in (markdown, html):
        assert "Coachingsoefening" in text and "Feedback ronde 1" in text
        assert t("export.decisions") not in text and t("export.agreements") not in text
        assert t("export.none") not in text
    assert "<svg" not in html and t("export.qr") not in html
    record = validate_json(files[".json"].read_text(encoding="utf-8"))
    assert record["decisions"] == [] and record["agreements"] == []
    assert files[".csv"].read_text(encoding="utf-8-sig").startswith("Sessie;Datum;Kaart;")


def test_a_meeting_without_agreements_still_says_so(decks: dict[str, Deck], tmp_path: Path) -> None:
    """In a team meeting, "no agreements" is worth saying: the sections and the code stay."""
    setup = SessionSetup(title="Teamoverleg", participants=("Ann", "Bram"))
    state = Session.start(setup, decks, seed=1).state
    files = {p.suffix: p for p in export_session(state, ["md", "html"], tmp_path)}
    markdown = files[".md"].read_text(encoding="utf-8")
    assert f"## {t('export.decisions')}\n\n*{t('export.none')}*" in markdown
    assert f"## {t('export.agreements')}\n\n*{t('export.none')}*" in markdown
    html = files[".html"].read_text(encoding="utf-8")
    assert '<section class="agreements">' in html and "<svg" in html


def test_a_practice_with_an_agreement_keeps_it_and_its_code(
    library: DeckLibrary, tmp_path: Path
) -> None:
    state = practice(library, Draft("agreement", "Rooster delen", "Ann")).state
    assert f"## {t('export.agreements')}" in to_markdown(state)
    html = next(iter(export_session(state, ["html"], tmp_path))).read_text(encoding="utf-8")
    assert "Rooster delen" in html and "<svg" in html


@pytest.mark.parametrize(
    ("lang", "legend"),
    [
        ("nl", "a = Advies / oplossing · t = Stilte laten · 1 = Schaalvraag"),
        ("en", "a = Advice / solution · t = Silence allowed · 1 = Scaling question"),
    ],
)
def test_a_practice_timeline_says_what_each_letter_means(
    library: DeckLibrary, tmp_path: Path, lang: str, legend: str
) -> None:
    """The timeline "0:02 a  0:04 1  0:06 t" gave the keys the observer pressed, which a
    reader of the export cannot know: the Markdown and HTML name each letter used."""
    set_language(lang)
    state = practice(library).state
    files = export_session(state, ["md", "html"], tmp_path)
    for path in files:
        text = " ".join(path.read_text(encoding="utf-8").split())
        assert "0:02 a 0:04 1 0:06 t" in text
        label = t("export.coaching_legend")
        assert f"{label}:** {legend}" in text or f"{label}:</strong> {legend}" in text
        assert "o = " not in text  # only the letters used
    html = next(path for path in files if path.suffix == ".html").read_text(encoding="utf-8")
    assert '<ul class="sheet">' in html and "ul.sheet li { white-space: pre-wrap; }" in html


def test_csv_neutralises_formulas_and_keeps_the_rest(hostile: SessionState) -> None:
    text = to_csv(hostile)
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM), newline=""), delimiter=";"))
    header = ["Sessie", "Datum", "Kaart", "Spreker", "Soort", "Tekst", "Wie", "Wanneer", "Tijd"]
    assert rows[0] == header
    notes, carried = len(hostile.notes), len(hostile.carried)
    assert carried and len(rows) == 1 + notes + carried  # the items from last time after the notes
    formula_start = ("=", "+", "-", "@", "\t", "\r")
    neutralised = 0
    for row, item in zip(rows[1 + notes :], hostile.carried, strict=True):
        assert row[5] == neutralise(item.text) and row[6] == neutralise(item.who)
    for row, note in zip(rows[1 : 1 + notes], hostile.notes, strict=True):
        assert len(row) == 9
        text_cell, speaker_cell, who_cell = row[5], row[3], row[6]
        for cell, original in (
            (text_cell, note.text),
            (speaker_cell, note.speaker),
            (who_cell, note.who),
        ):
            if original in (GROUP, ANONYMOUS):
                assert cell == t("note.group" if original == GROUP else "note.anonymous")
            elif original.startswith(formula_start):
                assert cell == "'" + original
                neutralised += 1
            else:
                assert cell == original
        assert row[8] == local_time(note.at)
        assert row[0] == HOSTILE[0]
    assert neutralised >= 8
    assert any(row[5] == ("<b>*_[]()#|" * 1819)[:20_000] for row in rows)
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(formula_start), row


def test_json_round_trips_hostile_text_exactly(hostile: SessionState) -> None:
    record = validate_json(to_json(hostile))
    texts = [p["text"] for card in record["cards"] for p in card["perspectives"]]  # type: ignore[attr-defined]
    texts += [n["text"] for n in record["general"]]  # type: ignore[attr-defined]
    texts += [n["text"] for n in record["reflection"]]  # type: ignore[attr-defined]
    assert sorted(texts) == sorted(note.text for note in hostile.notes)
    assert record["title"] == HOSTILE[0]
    assert [p["name"] for p in record["participants"]] == list(HOSTILE_NAMES)  # type: ignore[attr-defined]


def test_hostile_session_exports_to_files(hostile: SessionState, tmp_path: Path) -> None:
    paths = export_session(hostile, FORMATS, tmp_path, now=TODAY)
    assert [p.parent for p in paths] == [tmp_path.resolve()] * 4
    assert all(p.stat().st_size > 20_000 for p in paths)


# -- file names ------------------------------------------------------------------------------

UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


def titled(decks: dict[str, Deck], title: str) -> SessionState:
    fake = FakeClock()
    setup = SessionSetup(title=title, date="2026-11-21", participants=("Ann",))
    return Session.start(setup, decks, session_id="t", seed=1, now=fake, clock=fake.wall).state


@pytest.mark.parametrize(
    "title",
    [
        "Teamoverleg 1/2",
        "../../etc/passwd",
        "..",
        "CON",
        "a:b?*",
        "x" * 300,
        "é" * 300,
        "🎉 feest 👩\u200d👩\u200d👧" * 30,
        "eindigt op punten...",
        "tab\tregel\nnieuw",
        "\u202egnp.exe",
        'quote"s <en> pipes|',
        "NUL.txt",
        "...",
    ],
)
def test_file_names_are_safe(decks: dict[str, Deck], tmp_path: Path, title: str) -> None:
    folder = tmp_path / "uit"
    (path,) = export_session(titled(decks, title), ["md"], folder, now=TODAY)
    assert path.parent == folder.resolve() and path.exists()
    stem = path.stem
    assert stem.startswith("2026-11-21")
    assert not UNSAFE.search(path.name) and "\u202e" not in path.name
    assert len(stem) <= MAX_STEM_CHARS and len(path.name.encode("utf-8")) <= 255
    assert stem == stem.strip(" .") and not is_reserved(stem)
    assert sorted(os.listdir(folder)) == [path.name]


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("Com1", "_Com1"),
        ("lpt9.tar.gz", "_lpt9.tar.gz"),
        ("COM¹", "_COM¹"),
        ("aux ", "_aux"),
        ("CONSOLE", "CONSOLE"),
        ("..", "_"),
        ("", "_"),
        ("a/b\\c", "a_b_c"),
        ("  .verborgen.  ", "verborgen"),
        ("a:b?*", "a_b_"),
    ],
)
def test_safe_stem(raw: str, safe: str) -> None:
    assert safe_stem(raw) == safe


def test_existing_files_are_not_overwritten(state: SessionState, tmp_path: Path) -> None:
    first = export_session(state, ["md"], tmp_path, now=TODAY)
    first[0].write_text("mijn eigen aantekeningen", encoding="utf-8")
    second = export_session(state, ["md"], tmp_path, now=TODAY)
    third = export_session(state, ["md"], tmp_path, now=TODAY)
    assert second[0].name == "2026-11-21 Teamoverleg visie (2).md"
    assert third[0].name == "2026-11-21 Teamoverleg visie (3).md"
    assert first[0].read_text(encoding="utf-8") == "mijn eigen aantekeningen"
    # one number for the whole export: (4) for both, since (4).html is free but (3).md is not
    (tmp_path / "2026-11-21 Teamoverleg visie (4).html").write_text("x", encoding="utf-8")
    both = export_session(state, ["md", "html"], tmp_path, now=TODAY)
    assert [p.name for p in both] == [
        "2026-11-21 Teamoverleg visie (5).md",
        "2026-11-21 Teamoverleg visie (5).html",
    ]


def test_folder_that_is_a_file_fails_clearly(state: SessionState, tmp_path: Path) -> None:
    blocker = tmp_path / "geen-map"
    blocker.write_text("bestand", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        export_session(state, FORMATS, blocker, now=TODAY)
    assert caught.value.message == t("export.error.not_folder", folder=blocker)
    assert caught.value.path == blocker and caught.value.written == ()
    assert sorted(os.listdir(tmp_path)) == ["geen-map"]
    assert blocker.read_text(encoding="utf-8") == "bestand"
    set_language("en")
    with pytest.raises(ExportError) as caught:
        export_session(state, ["md"], blocker / "sub", now=TODAY)
    assert "is not a folder" in caught.value.message


def failing_replace(code: int) -> Callable[[object, object], None]:
    def replace_(src: object, dst: object) -> None:
        raise OSError(code, os.strerror(code))

    return replace_


def test_full_disk_leaves_nothing_half_written(
    state: SessionState, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "replace", failing_replace(errno.ENOSPC))
    with pytest.raises(ExportError) as caught:
        export_session(state, ["md", "csv"], tmp_path / "uit", now=TODAY)
    path = tmp_path.resolve() / "uit" / "2026-11-21 Teamoverleg visie.md"
    assert caught.value.message == t("export.error.full", path=path)
    assert caught.value.path == path
    assert os.listdir(tmp_path / "uit") == []  # no temporary file, no partial export


def test_read_only_folder_message(
    state: SessionState, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "replace", failing_replace(errno.EROFS))
    with pytest.raises(ExportError) as caught:
        export_session(state, ["json"], tmp_path, now=TODAY)
    assert caught.value.message == t("export.error.read_only", folder=tmp_path.resolve())
    assert os.listdir(tmp_path) == []


def test_later_failure_reports_what_was_written(
    state: SessionState, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.replace
    calls: Iterator[int] = iter(range(10))

    def second_fails(src: str, dst: str) -> None:
        if next(calls) == 1:
            raise OSError(errno.EACCES, "denied")
        real(src, dst)

    monkeypatch.setattr(os, "replace", second_fails)
    with pytest.raises(ExportError) as caught:
        export_session(state, ["md", "html"], tmp_path, now=TODAY)
    assert [p.name for p in caught.value.written] == ["2026-11-21 Teamoverleg visie.md"]
    assert sorted(os.listdir(tmp_path)) == ["2026-11-21 Teamoverleg visie.md"]


def test_unknown_format_writes_nothing(state: SessionState, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="pdf"):
        export_session(state, ["md", "pdf"], tmp_path / "uit", now=TODAY)
    assert not (tmp_path / "uit").exists()


def test_date_falls_back_to_now(decks: dict[str, Deck], tmp_path: Path) -> None:
    state = titled(decks, "Zonder datum")
    assert state.started is not None
    state = replace(state, started=replace(state.started, date=""))
    (path,) = export_session(state, ["md"], tmp_path, now=date(2027, 1, 2))
    assert path.name == "2027-01-02 Zonder datum.md"


# -- speed -----------------------------------------------------------------------------------


def big_state(state: SessionState, count: int = 5_000) -> SessionState:
    cards = state.dealt
    notes = tuple(
        Note(
            seq=10_000 + i,
            at=state.last_at,
            kind=KINDS[i % len(KINDS)],
            text=f"Notitie {i}: iets wat gezegd is, met (haakjes) en *sterretjes*.\nTweede regel.",
            speaker=("Ann", "Bram", "Carla", "Dirk", GROUP)[i % 5],
            deck_id=cards[i % 3].deck_id if i % 3 < len(cards) else "",
            card_id=cards[i % 3].card_id if i % 3 < len(cards) else "",
            who="Ann" if i % len(KINDS) == 4 else "",
            due="vr 5 dec" if i % len(KINDS) == 4 else "",
            question="rf-01" if KINDS[i % len(KINDS)] == "reflection" else "",
        )
        for i in range(count)
    )
    return replace(state, notes=notes)


def test_five_thousand_notes_export_quickly(
    state: SessionState, decks: dict[str, Deck], tmp_path: Path
) -> None:
    big = big_state(state)
    started = time.perf_counter()
    paths = export_session(big, FORMATS, tmp_path, decks=decks, now=TODAY)
    seconds = time.perf_counter() - started
    assert len(paths) == 4
    validate_json(paths[2].read_text(encoding="utf-8"))
    assert seconds < 2.0, f"export of 5,000 notes took {seconds:.2f} s"


def test_a_card_passed_by_before_anything_happened_is_not_a_round(
    decks: dict[str, Deck],
) -> None:
    """Dealing on, going back to a card, parking and skipping each bring a card to the table:
    four cards made six rounds, and the board said "Ronde 6" on the second card spoken of,
    with four empty "still open" rows in the notes. A round in which nothing happened (no
    floor, no pass, not closed, no note) now gives way to the next, which takes its number,
    in the state, on the board and in every export alike."""
    fake = FakeClock()
    setup = SessionSetup(
        title="Rondes", participants=("Ann", "Bram", "Carla"), format="kgotla", leader="Carla"
    )
    session = Session.start(setup, decks, seed=3, now=fake, clock=fake.wall)
    session.deal()
    session.next_speaker()  # round 1: Ann speaks
    session.pass_turn()  # and Bram passes
    for step in ("deal", "deal", "back", "park", "skip"):
        getattr(session, step)()
    assert session.state.round is not None and session.state.round.number == 2
    session.record(Draft("perspective", "Een gedachte", "Ann"))  # in the last round
    session.deal()  # a note was written in round 2: it stays, and round 3 begins
    state = session.state
    assert [r.number for r in (*state.rounds, state.round)] == [1, 2, 3]
    assert state.notes[-1].round == 2
    text = to_markdown(state, decks=decks)
    table = text.split("## Rondes", 1)[1].split("##", 1)[0]
    listed = [line.split("|")[1].strip() for line in table.splitlines() if line.startswith("| ")]
    assert listed[2:] == ["1", "2"]  # (after the header and its rule; round 3 is untouched)
    html = to_html(state, decks=decks)
    rows = html.split('<section class="rounds">', 1)[1].split("</table>", 1)[0]
    assert rows.count("<tr>") == 3  # the header and the same two rounds
    assert [r["number"] for r in json.loads(to_json(state))["rounds"]] == [1, 2, 3]


def test_a_record_made_while_empty_rounds_still_counted_is_numbered_anew(
    decks: dict[str, Deck],
) -> None:
    """A session recorded before 11-23 holds its notes' round numbers as counted then, with
    rounds left empty among them (card A skipped, a note about B was "round 2"). Read now,
    the note belongs to B's round, numbered 1, which is kept; C's round is 2."""
    from sessions.events import NoteRecorded
    from sessions.state import fold

    setup = SessionSetup(title="Oud", participants=("Ann", "Bram"))
    session = Session.start(setup, decks, seed=3)
    session.deal()
    session.skip()  # A
    noted_on = session.state.card
    session.record(Draft("perspective", "Over kaart B", "Ann"))
    session.deal()  # C
    session.give_floor("Bram")
    old = [replace(e, round=2) if isinstance(e, NoteRecorded) else e for e in session.events]
    state = fold(old, decks)
    assert state.notes[0].round == 1
    rounds = [(r.number, r.card_id) for r in (*state.rounds, state.round)]
    assert noted_on is not None and rounds[0] == (1, noted_on.id) and rounds[1][0] == 2


def test_a_parked_or_skipped_card_says_so_in_the_notes_for_people(
    decks: dict[str, Deck],
) -> None:
    """A card parked for later or skipped was listed under "Kaarten" like any other: now its
    heading is followed by what happened to it (and a parked card picked again says nothing)."""
    fake = FakeClock()
    setup = SessionSetup(title="Apart", participants=("Ann", "Bram"))
    session = Session.start(setup, decks, seed=3, now=fake, clock=fake.wall)
    for step in ("deal", "deal", "park", "skip", "deal"):
        getattr(session, step)()
    dealer = session.state.dealer
    assert dealer is not None and len(dealer.parked) == 1 and len(dealer.skipped) == 1
    text = to_markdown(session.state, decks=decks)
    cards = text.split("## Kaarten", 1)[1]
    blocks = {block.split("\n", 1)[0]: block for block in cards.split("### ")[1:]}
    marks = [
        ("parked" if "*Geparkeerd: voor later*" in block else "")
        + ("skipped" if "*Overgeslagen*" in block else "")
        for block in blocks.values()
    ]
    assert sorted(marks) == ["", "", "", "parked", "skipped"]
    html = to_html(session.state, decks=decks)
    assert html.count("<em>Geparkeerd: voor later</em>") == 1
    assert html.count("<em>Overgeslagen</em>") == 1
    aside = [card["set_aside"] for card in json.loads(to_json(session.state, decks=decks))["cards"]]
    assert sorted(aside) == ["", "", "", "parked", "skipped"]
    session.pick(dealer.parked[0])  # back on the table: no longer set aside
    assert "Geparkeerd" not in to_markdown(session.state, decks=decks)
    aside = [card["set_aside"] for card in json.loads(to_json(session.state, decks=decks))["cards"]]
    assert sorted(aside) == ["", "", "", "", "skipped"]
