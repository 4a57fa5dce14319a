"""Notes without a screen: prefixes, speakers, agreements and dates, clean text, carry-over."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from app import live
from cards.loader import DeckLibrary
from sessions.meta import SessionSetup
from sessions.notes import (
    ANONYMOUS,
    GROUP,
    answer_of,
    clean_text,
    parse_capture,
    parse_date,
    parse_due,
    stray_name,
    weekday_clash,
)
from sessions.session import CommandRefused

TODAY = date(2026, 11, 21)  # a Saturday
PEOPLE = ("Ann", "Bram", "Anouk")


@pytest.mark.parametrize(
    ("raw", "kind", "speaker", "text"),
    [
        ("Gewoon gezegd", "perspective", "Bram", "Gewoon gezegd"),
        ("?Waarom", "question", "Bram", "Waarom"),
        ("+ Idee", "idea", "Bram", "Idee"),
        ("!Besloten", "decision", "Bram", "Besloten"),
        ("~Later", "parked", "Bram", "Later"),
        ("@ann Ja", "perspective", "Ann", "Ja"),
        ("@anou Nee", "perspective", "Anouk", "Nee"),
        ("@an Dubbel", "perspective", "Bram", "@an Dubbel"),  # not unique: kept as text
        ("@groep Samen", "perspective", GROUP, "Samen"),
        ("?@anoniem Mag dit?", "question", ANONYMOUS, "Mag dit?"),
        # the name first, then the kind; or the name last
        ("@Ann + Ouderavond", "idea", "Ann", "Ouderavond"),
        ("@anou ? Hoe dan", "question", "Anouk", "Hoe dan"),
        ("? Hoe merken ouders dat @anouk", "question", "Anouk", "Hoe merken ouders dat"),
        ("Zo zei @Ann het", "perspective", "Bram", "Zo zei @Ann het"),  # within: just text
        ("Mail naar x@ann", "perspective", "Bram", "Mail naar x@ann"),
        ("Vraag het @an", "perspective", "Bram", "Vraag het @an"),  # not unique: kept
        # punctuation after a name is not part of it
        ("Goed gedaan @Ann.", "perspective", "Ann", "Goed gedaan."),
        ("? Hoe dan @anou?", "question", "Anouk", "Hoe dan?"),
        ("@Ann, dat klopt", "perspective", "Ann", "dat klopt"),
        ("@ann: Ja!", "perspective", "Ann", "Ja!"),
        ("Goed @Zed.", "perspective", "Bram", "Goed @Zed."),  # nobody: kept as typed
    ],
)
def test_prefixes_and_speakers(raw: str, kind: str, speaker: str, text: str) -> None:
    draft = parse_capture(raw, participants=PEOPLE, speaker="Bram", today=TODAY)
    assert (draft.kind, draft.speaker, draft.text) == (kind, speaker, text)


@pytest.mark.parametrize(
    ("raw", "named", "text"),
    [
        ("Fijn gesprek @Ann", "Ann", "Fijn gesprek"),
        ("@anou, meer tijd nemen", "Anouk", "meer tijd nemen"),
        ("! Meer rust @Bram.", "Bram", "! Meer rust."),  # an answer keeps its first character
        ("Zo zei @Ann het", None, "Zo zei @Ann het"),
        ("@an dubbel", None, "@an dubbel"),
    ],
)
def test_a_reflection_answer_names_its_speaker_as_a_note_does(
    raw: str, named: str | None, text: str
) -> None:
    assert answer_of(raw, PEOPLE)[:2] == (named, text)


def test_agreement_what_who_when() -> None:
    draft = parse_capture(
        "> Ouders mailen; anou; vr 5 dec", participants=PEOPLE, speaker="Ann", today=TODAY
    )
    assert (draft.text, draft.who, draft.due, draft.due_date) == (
        "Ouders mailen",
        "Anouk",
        "vr 5 dec",
        "2026-12-05",
    )
    vague = parse_capture(
        "> Rooster; het MT; na de kerst", participants=PEOPLE, speaker="", today=TODAY
    )
    assert (vague.who, vague.due, vague.due_date) == ("het MT", "na de kerst", "")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("vr 5 dec", date(2026, 12, 5)),
        ("5 december 2027", date(2027, 12, 5)),
        ("3 jan", date(2027, 1, 3)),  # the next 3 January
        ("5-12", date(2026, 12, 5)),
        ("05/12/2026", date(2026, 12, 5)),
        ("2026-12-05", date(2026, 12, 5)),
        ("vr 2026-12-05", date(2026, 12, 5)),  # was read as 12 May: "12-05" inside the year
        ("vr 2026/12/05", date(2026, 12, 5)),
        ("vr 5.12.2026", date(2026, 12, 5)),
        ("vr 5-12-2026", date(2026, 12, 5)),
        ("vr 5/12", date(2026, 12, 5)),
        ("uiterlijk 2026-12-05 om 9 uur", date(2026, 12, 5)),
        ("2026-02-31", None),
        ("vr 5-12", date(2026, 12, 5)),
        ("5.12.2026", date(2026, 12, 5)),  # as the set-up form's date
        ("5-12-2027", date(2027, 12, 5)),
        ("morgen", date(2026, 11, 22)),
        ("vrijdag", date(2026, 11, 27)),
        ("friday", date(2026, 11, 27)),
        ("31-2", None),
        ("ooit", None),
        ("", None),
    ],
)
def test_due_dates(typed: str, expected: date | None) -> None:
    assert parse_due(typed, TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-22", date(2026, 11, 22)),
        ("2026/11/22", date(2026, 11, 22)),
        ("22-11-2026", date(2026, 11, 22)),
        ("5/3/2027", date(2027, 3, 5)),  # day first, as in Dutch
        ("05.03.2027", date(2027, 3, 5)),
        ("29-02-2028", date(2028, 2, 29)),
        ("31-02-2026", None),  # no such day
        ("29-02-2027", None),
        ("22-11-26", None),  # a year of four digits
        ("22-11/2026", None),  # one separator, twice
        ("22 november 2026", None),  # the form takes numbers; notes take more (parse_due)
        ("", None),
    ],
)
def test_whole_dates(typed: str, expected: date | None) -> None:
    assert parse_date(typed) == expected


def test_clean_text_keeps_what_people_typed_and_drops_terminal_commands() -> None:
    assert clean_text("[b]vet[/b] <i>") == "[b]vet[/b] <i>"
    assert clean_text("a\x1b[2Jb\x1b]0;titel\x07c") == "abc"
    assert clean_text("regel 1\r\nregel 2\rregel 3") == "regel 1\nregel 2\nregel 3"
    assert clean_text("\u202eomgekeerd") == "omgekeerd"
    assert clean_text("👩\u200d👩\u200d👧 مرحبا") == "👩\u200d👩\u200d👧 مرحبا"


def test_clean_text_drops_every_control_character_and_no_other() -> None:
    """Every code point once, each followed by a bar: what is dropped is exactly Unicode's
    control characters and lone surrogates (and the bidi overrides); all else is kept, in
    order. The line end, carriage return, tab and escape have their own rules above."""
    own_rules = {"\n", "\r", "\t", "\x1b", "|"}  # (and the bar is the test's)
    every = [chr(c) for c in range(0x110000) if chr(c) not in own_rules]
    kept = clean_text("".join(f"{ch}|" for ch in every)).split("|")[:-1]
    dropped = {ch for ch, left in zip(every, kept, strict=True) if left != ch}
    assert all(left in ("", ch) for ch, left in zip(every, kept, strict=True))
    bidi = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    controls = {ch for ch in every if unicodedata.category(ch) in ("Cc", "Cs")}
    assert dropped == controls | bidi


def test_notes_refuse_empty_and_too_long(library: DeckLibrary) -> None:
    session = live.practice(library.get("dialoogkaarten")).session
    from sessions.notes import Draft

    with pytest.raises(CommandRefused) as info:
        session.record(Draft("perspective", " \n ", ""))
    assert info.value.key == "note.empty"
    with pytest.raises(CommandRefused) as info:
        session.record(Draft("perspective", "x" * 20_001, ""))
    assert info.value.key == "note.too_long"


def test_the_closing_reflection_is_not_among_the_notes_of_the_card_on_the_table(
    library: DeckLibrary,
) -> None:
    """Answers to the closing reflection stood in the board's notes beside the card on the
    table, where the exports say the card has no notes: they are about the session."""
    from sessions.notes import Draft

    session = live.practice(library.get("dialoogkaarten")).session
    session.deal()
    session.record(Draft("perspective", "Over deze kaart", "Ann"))
    session.record(Draft("reflection", "Fijn gesprek", "Ann"), question="rf-01")
    state = session.state
    assert [n.text for n in state.card_notes()] == ["Over deze kaart"]
    assert [n.text for n in state.notes_of("reflection")] == ["Fijn gesprek"]
    assert state.notes_of("reflection")[0].card_id  # recorded while the card was on the table


def test_carry_over_between_two_sessions_of_one_team(library: DeckLibrary) -> None:
    from sessions.notes import Draft

    decks = {d.id: d for d in library}
    first = live.create(
        SessionSetup(title="Overleg 1", team="Team A", participants=PEOPLE, date="2026-11-14"),
        decks,
        seed=1,
    )
    first.session.deal()
    first.session.record(
        Draft("agreement", "Ouders mailen", "Ann", "Ann", "vr 5 dec", "2026-12-05")
    )
    first.session.record(Draft("parked", "Rooster", "Bram"))
    first.session.record(Draft("perspective", "Niet meenemen", "Bram"))
    first.close()
    other_team = live.create(
        SessionSetup(title="Ander team", team="Team B", participants=PEOPLE), decks, seed=2
    )
    assert other_team.session.state.carried == ()
    other_team.close()

    second = live.create(
        SessionSetup(title="Overleg 2", team="team a", participants=PEOPLE, date="2026-11-21"),
        decks,
        seed=3,
    )
    carried = second.session.state.carried
    assert [(c.kind, c.text, c.who, c.due) for c in carried] == [
        ("agreement", "Ouders mailen", "Ann", "vr 5 dec"),
        ("parked", "Rooster", "", ""),
    ]
    assert carried[0].session_title == "Overleg 1"
    second.session.settle(carried[0].seq, "done")
    second.session.settle(carried[1].seq, "kept")
    second.close()

    third = live.create(
        SessionSetup(title="Overleg 3", team="Team A", participants=PEOPLE, date="2026-11-28"),
        decks,
        seed=4,
    )
    # done items stay behind; kept ones come along again, with where they came from
    assert [(c.text, c.session_title) for c in third.session.state.carried] == [
        ("Rooster", "Overleg 1")
    ]
    third.close()


def test_undoing_a_settle_reopens_the_item_and_nothing_else(library: DeckLibrary) -> None:
    session = live.practice(library.get("dialoogkaarten")).session
    fields = {"kind": "agreement", "text": "Ouders mailen", "session_title": "Vorige"}
    [carried] = session.carry_over([("vorige:3", fields)])
    with pytest.raises(CommandRefused) as info:
        session.undo_settle()  # bringing items along is not a settle
    assert info.value.key == "carry.nothing_to_undo"
    session.settle(carried.seq, "kept")
    session.settle(carried.seq, "done")
    undone = session.undo_settle()
    assert (undone.target, undone.outcome) == (carried.seq, "done")
    assert session.state.carried[0].outcome == "kept"  # back to what it was before
    session.undo_settle()
    assert session.state.carried[0].outcome == ""
    session.settle(carried.seq, "dropped")
    session.deal()  # something else happened since: that is not the list's to undo
    with pytest.raises(CommandRefused):
        session.undo_settle()
    assert session.state.card is not None and session.state.carried[0].outcome == "dropped"


@pytest.mark.parametrize(
    ("due", "clash"),
    [
        ("vr 5 dec 2026", (4, 5)),  # 5 December 2026 is a Saturday
        ("za 5 dec 2026", None),
        ("vrijdag 4-12-2026", None),
        ("5 dec 2026", None),  # no weekday typed
        ("vrijdag", None),  # the weekday is the date
        ("vr 31 feb", None),  # no date read
    ],
)
def test_a_weekday_that_does_not_match_the_date_is_found(
    due: str, clash: tuple[int, int] | None
) -> None:
    parsed = parse_due(due, TODAY)
    assert weekday_clash(due, parsed.isoformat() if parsed else "") == clash


@pytest.mark.parametrize(
    ("raw", "stray"),
    [
        ("@an Dubbel", "@an"),  # Ann and Anouk
        ("? @Karla Hoe dan", "@Karla"),  # after the kind
        ("@Karla ? Hoe dan", "@Karla"),
        ("@ann Ja", ""),
        ("? Hoe dan @br", ""),
        # last and no name: text, and the hint says so, as of one at the start (a misspelt
        # name at the end was kept as text without a word)
        ("Mail naar @school", "@school"),
        ("Goed gedaan @Karla.", "@Karla"),
        ("Mail naar info@school.nl", ""),  # within a word: no name meant
        ("Geen naam", ""),
        ("@", ""),
    ],
)
def test_an_at_word_that_names_nobody_is_found(raw: str, stray: str) -> None:
    """What the hint shows beside the speaker while typing; such a word stays in the text."""
    assert stray_name(raw, PEOPLE) == stray
    if stray:
        draft = parse_capture(raw, participants=PEOPLE, speaker="Bram", today=TODAY)
        assert (draft.speaker, stray in draft.text) == ("Bram", True)


def test_an_agreement_kept_from_last_time_is_among_the_takeaways(library: DeckLibrary) -> None:
    """A kept agreement still stands: the QR code lists it after this session's own, marked
    as from last time (it was missing); one done or dropped is not listed."""
    from sessions.takeaways import has_takeaways, takeaways_text

    session = live.practice(library.get("dialoogkaarten")).session
    fields = {"kind": "agreement", "text": "Ouders mailen", "who": "Ann", "due": "vr 5 dec"}
    kept, done = session.carry_over(
        [("vorige:3", fields), ("vorige:4", {**fields, "text": "Rooster maken"})]
    )
    assert not has_takeaways(session.state)
    session.settle(kept.seq, "kept")
    session.settle(done.seq, "done")
    assert has_takeaways(session.state)
    text = takeaways_text(session.state)
    assert "Afspraken:\n- Ouders mailen — van vorige keer (Ann, vr 5 dec)" in text
    assert "Rooster" not in text and "Nog geen besluiten" not in text
    # on paper too: the exports' agreements list it (it said "Geen." above the same code)
    from sessions.export.html import to_html
    from sessions.export.markdown import to_markdown

    markdown = to_markdown(session.state)
    agreements = markdown.split("## Afspraken", 1)[1].split("\n## ", 1)[0]
    assert "Ouders mailen — van vorige keer | Ann | vr 5 dec" in agreements
    assert "Rooster" not in agreements
    html = to_html(session.state)
    agreements = html.split('class="agreements"', 1)[1].split("</section>", 1)[0]
    assert "Ouders mailen — van vorige keer" in agreements and "Rooster" not in agreements


def test_a_name_of_several_words_is_named_without_its_spaces() -> None:
    """Anonymous participants ("Deelnemer 1" to "Deelnemer 4") could not be named at all: a
    word ends at a space, and "@deelnemer" names all four. Now "@deelnemer3" names the third;
    "@AnnV" names Ann Visser, not Ann de Vries; an exact name still goes first."""
    anonymous = tuple(f"Deelnemer {n}" for n in range(1, 5))
    draft = parse_capture("@deelnemer3 Eens", participants=anonymous, speaker="", today=TODAY)
    assert (draft.speaker, draft.text) == ("Deelnemer 3", "Eens")
    assert stray_name("@deelnemer Eens", anonymous) == "@deelnemer"
    people = ("Ann Visser", "Ann de Vries", "Ann")
    assert parse_capture("Goed @AnnV", participants=people, speaker="", today=TODAY).speaker == (
        "Ann Visser"
    )
    assert parse_capture("@ann Ja", participants=people, speaker="", today=TODAY).speaker == "Ann"
