"""Coaching practice: roles rotate, segments advance, tallies and their figures on a fake clock."""

from __future__ import annotations

import json

import pytest
from rich.console import Console
from textual.pilot import Pilot

from app import live, locations
from app.main import DialoogApp
from cards.loader import DeckLibrary
from sessions.coaching import Roles, figures, next_roles, role_choices, segments_for
from sessions.meta import SessionSetup, validate
from sessions.notes import Draft
from sessions.session import CommandRefused, Session
from tests.fakes import FakeClock
from tests.screens import first_coaching_round, save_form, say_yes, screen_text

TRIAD = ("Ann", "Bram", "Carla")


def triad(library: DeckLibrary, now: FakeClock) -> live.LiveSession:
    """A new coaching session of three, as `dialoog new --format coaching` starts it."""
    return live.create(
        SessionSetup(title="Triade", participants=TRIAD, format="coaching"),
        {d.id: d for d in library},
        seed=1,
        now=now,
    )


def plain(renderable: object) -> str:
    console = Console(width=60, record=True)
    console.print(renderable)
    return console.export_text()


def test_roles_rotate_so_everyone_plays_every_role() -> None:
    rounds = [next_roles(TRIAD, None)]
    for _ in range(2):
        rounds.append(next_roles(TRIAD, rounds[-1]))
    for person in TRIAD:
        played = {
            "coach" if r.coach == person else "coachee" if r.coachee == person else "observer"
            for r in rounds
        }
        assert played == {"coach", "coachee", "observer"}
    # the coach becomes the next observer
    assert rounds[0].coach == rounds[1].observer and rounds[1].coach == rounds[2].observer
    first = next_roles(("Ann", "Bram"), None)
    pair = [first, next_roles(("Ann", "Bram"), first)]
    assert (pair[0].coach, pair[1].coach) == ("Ann", "Bram")
    assert pair[0].observer == "" and segments_for(2) == (
        "goal",
        "conversation",
        "coachee_feedback",
        "learning",
    )


def test_roles_can_be_chosen_and_the_next_round_turns_on_from_them(library: DeckLibrary) -> None:
    """The roles followed the order in which the people were typed, round after round. Now
    a round can have any sharing of them (each person one role); the next round proposes the
    chosen roles turned on, so everyone still plays every role. Anything else is refused."""
    fake = FakeClock()
    session = start(library, fake)
    chosen = Roles(coach="Carla", coachee="Ann", observer="Bram")
    assert chosen in role_choices(TRIAD, next_roles(TRIAD, None))
    assert len(role_choices(TRIAD, chosen)) == 6 and role_choices(TRIAD, chosen)[0] == chosen
    session.start_coaching_round("Leraar aanspreken", "Feedbackgesprek", roles=chosen)
    assert session.state.coaching_round.roles == chosen
    reread = Session(session.events, session.decks, read_only=True).state
    assert reread.coaching_round.roles == chosen  # in the record
    for wrong in (
        Roles("Ann", "Ann", "Bram"),
        Roles("Ann", "Bram", "Dirk"),
        Roles("Ann", "Bram"),
    ):
        with pytest.raises(CommandRefused) as info:
            session.start_coaching_round("x", "y", roles=wrong)
        assert info.value.key == "coaching.bad_roles"
    session.start_coaching_round("Slecht nieuws", "Slechtnieuwsgesprek")
    assert session.state.coaching_round.roles == Roles("Ann", "Bram", "Carla")


def test_a_pair_has_no_observer_line(library: DeckLibrary) -> None:
    """A pair's sheet and notes said "Observator: —"; a pair has no observer."""
    from app.widgets.coaching_views import feedback_sheet
    from sessions.export.markdown import to_markdown

    session = start(library, FakeClock(), ("Ann", "Bram"))
    session.start_coaching_round("Casus", "Feedbackgesprek")
    round_ = session.state.coaching_round
    sheet = plain(feedback_sheet(round_, ()))
    assert "Coach: Ann · Coachee: Bram" in sheet and "Observator" not in sheet
    assert "Observator" not in to_markdown(session.state)
    triad = start(library, FakeClock())
    triad.start_coaching_round("Casus", "Feedbackgesprek")
    assert "**Observator:** Carla" in to_markdown(triad.state)


def test_coaching_needs_two_or_three_people(library: DeckLibrary) -> None:
    decks = tuple(d.id for d in library)
    four = SessionSetup(title="x", participants=("A", "B", "C", "D"), format="coaching")
    assert "participants" in validate(four, decks)
    assert validate(SessionSetup(title="x", participants=TRIAD, format="coaching"), decks) == {}


def start(library: DeckLibrary, fake: FakeClock, people: tuple[str, ...] = TRIAD) -> Session:
    setup = SessionSetup(title="Triade", participants=people, format="coaching")
    return Session.start(setup, {d.id: d for d in library}, seed=1, now=fake, clock=fake.wall)


def test_segments_tallies_and_figures(library: DeckLibrary) -> None:
    fake = FakeClock()
    session = start(library, fake)
    with pytest.raises(CommandRefused):
        session.tally("open")  # no round yet
    session.start_coaching_round("Leraar aanspreken", "Feedbackgesprek")
    session.toggle_clock()
    fake.advance(90)
    assert session.turn_clock.display() == "0:30"  # goal: 2 minutes
    session.next_segment()
    assert session.state.coaching_round.segment == "conversation"
    assert session.turn_clock.display() == "10:00"
    for seconds, behaviour in (
        (10, "open"),
        (20, "closed"),
        (30, "open"),
        (95, "advice"),
        (5, "open"),
    ):
        fake.advance(seconds)
        session.tally(behaviour)
    session.tally("further")
    session.undo()  # the last tally was a mistake
    numbers = figures(session.state.coaching_round.tallies)
    assert numbers.counts["open"] == 3 and numbers.counts["closed"] == 1
    assert numbers.counts["further"] == 0
    assert numbers.open_closed == "3 : 1" and numbers.open_share == pytest.approx(0.75)
    assert numbers.first_advice == pytest.approx(155)
    assert [t.seconds for t in numbers.timeline] == pytest.approx([10, 30, 60, 155, 160])
    for _ in range(3):
        session.next_segment()
    with pytest.raises(CommandRefused) as info:
        session.next_segment()
    assert info.value.key == "coaching.last_segment"
    session.record(Draft("feedback", "Eerst doorvragen", "Ann"), question="next_time")
    note = session.state.notes_of("feedback")[0]
    assert (note.round, note.question) == (1, "next_time")
    session.start_coaching_round("Slecht nieuws", "Slechtnieuwsgesprek")
    assert session.state.coaching_round.roles.coach == "Bram"


async def test_triad_round_with_tallies_undo_and_feedback(library: DeckLibrary) -> None:
    fake = FakeClock()
    started = triad(library, fake)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await first_coaching_round(pilot)
        await pilot.press("space", "n", "o", "o", "g", "a", "u")
        round_ = started.session.state.coaching_round
        assert [t.behaviour for t in round_.tallies] == ["open", "open", "closed"]
        tally = plain(screen.query_one("#coach-tally").content)  # counts show live
        assert tally.split("Open vraag")[1].split()[0] == "2"
        assert tally.split("Gesloten vraag")[1].split()[0] == "1"
        await pilot.press("n", "enter", *"+Open", "enter")
        await pilot.pause()
        sheet = str(screen.query_one("#coach-sheet").content)
        assert "2 : 1" in sheet and "Bram: Open" in sheet
        await pilot.press("p")
        assert screen.query_one("#coach-prompts").display
        first = library.get("coaching").cards[0]
        assert first.theme in str(screen.query_one("#coach-prompts").content)
        started.writer.flush()


async def test_undoing_the_first_rounds_start_shows_a_practice_without_a_round(
    library: DeckLibrary,
) -> None:
    """`u` after the first round's start: its part line ("Deel 1 van 5 ... gepauzeerd") went
    on showing, with the clock key, which did nothing. Now the screen is as before the round,
    and a key that works in a round only says so."""
    started = triad(library, FakeClock())
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await first_coaching_round(pilot)
        assert "Deel 1 van" in str(screen.query_one("#coach-segment").render())
        await pilot.press("u")
        await pilot.pause()
        assert started.session.state.coaching_round is None
        assert str(screen.query_one("#coach-segment").render()) == ""
        assert "toggle_clock" not in footer_keys(app)
        await pilot.press("space")
        await pilot.pause()
        assert "Start eerst een ronde (r)." in screen_text(app)
        await pilot.press("o")  # a tally
        await pilot.pause()
        assert started.session.state.coaching_round is None
        started.writer.flush()


@pytest.mark.parametrize("language", ["nl", "en"])
async def test_undo_is_in_the_footer_at_120_columns_while_a_round_runs(
    library: DeckLibrary, language: str
) -> None:
    """The observer corrects a wrong tally with `u`: at 120 columns it was left out."""
    from cards.i18n import set_language

    set_language(language)
    started = triad(library, FakeClock())
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(120, 36)) as pilot:
        await conversation_tallied(pilot)
        assert {"undo", "toggle_clock", "next_segment", "capture"} <= set(footer_keys(app))
        await pilot.press("n", "n", "n")  # the coach's learning, the last part
        await pilot.pause(0.2)
        assert {"undo", "new_round", "toggle_clock", "capture"} <= set(footer_keys(app))
        started.writer.flush()


async def test_a_burst_of_keys_is_read_in_the_order_typed(library: DeckLibrary) -> None:
    """Keys delivered in one read: the tally keys before `enter` count, the text after it is
    the note, and the key after the saved note counts again."""
    from tests.test_notes_ui import send

    started = triad(library, FakeClock())
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(80, 24)) as pilot:
        await first_coaching_round(pilot)
        send(app, "space", "n", "o", "enter", "plus", *"Open", "enter", "g")
        await pilot.pause(0.2)
        round_ = started.session.state.coaching_round
        assert round_.segment == "conversation"
        assert [t.behaviour for t in round_.tallies] == ["open", "closed"]
        assert [n.text for n in started.session.state.notes_of("feedback")] == ["Open"]
        started.writer.flush()


def test_every_round_sheet_is_in_the_exports(library: DeckLibrary) -> None:
    import json
    from pathlib import Path

    import jsonschema

    from sessions.export.json_export import to_json
    from sessions.export.markdown import to_markdown

    fake = FakeClock()
    session = start(library, fake)
    for number in (1, 2, 3):
        session.start_coaching_round(f"Casus {number}", "Feedbackgesprek")
        session.toggle_clock()
        session.next_segment()
        fake.advance(30)
        session.tally("open")
        fake.advance(30)
        session.tally("advice")
        session.next_segment()
        session.record(Draft("feedback", f"Hielp {number}", "Bram"), question="helped")
        session.toggle_clock()
    markdown = to_markdown(session.state)
    for number in (1, 2, 3):
        assert f"### Feedback ronde {number}" in markdown
        assert f"Hielp {number}" in markdown
    assert "Eerste advies of oplossing na 1:00" in markdown
    record = json.loads(to_json(session.state))
    schema = json.loads(
        (Path(__file__).resolve().parents[1] / "sessions/export/session.schema.json").read_text()
    )
    jsonschema.validate(record, schema)
    assert [c["coach"] for c in record["coaching"]] == ["Ann", "Bram", "Carla"]
    assert record["coaching"][0]["first_advice_seconds"] == 60


async def test_zero_rings_and_flashes_like_the_round_clock(library: DeckLibrary) -> None:
    fake = FakeClock()
    started = triad(library, fake)
    started.session.start_coaching_round("Casus", "Feedbackgesprek", (60, 60, 60, 60, 60))
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("space")
        fake.advance(61)
        screen.tick()
        assert screen.has_class("-flash")
        assert screen.query_one("#coach-clock").has_class("-over")
        assert str(screen.query_one("#coach-clock").value) == "+0:01"


async def test_feedback_just_written_is_scrolled_into_view_at_80x24(
    library: DeckLibrary,
) -> None:
    """At 80x24 the sheet's last section is below the fold: a feedback line written there is
    scrolled into view (it was saved, but out of sight)."""
    started = triad(library, FakeClock())
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await first_coaching_round(pilot)
        side = screen.query_one("#coach-side")
        for number in range(4):
            await pilot.press("enter", *f">Volgende keer {number}", "enter")
            await pilot.pause()
            await pilot.pause()
        lines = [n.text for n in started.session.state.notes_of("feedback")]
        assert lines[-1] == "Volgende keer 3"
        assert side.max_scroll_y > 0 and side.scroll_y > 0  # the sheet is longer than its box
        shown = ["".join(s.text for s in strip) for strip in app.screen._compositor.render_strips()]
        assert any("Volgende keer 3" in row for row in shown)
        started.writer.flush()


async def test_the_next_feedback_line_keeps_the_writer_chosen_with_tab(
    library: DeckLibrary,
) -> None:
    """The observer writes several lines in a row: after `tab` to the observer once, the
    next line starts with the observer again (it went back to the part's owner each time)."""
    started = triad(library, FakeClock())
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await first_coaching_round(pilot)
        await pilot.press("n", "enter")  # the conversation: the line starts with the coach
        capture = screen.query_one("#capture")
        owner = capture.speaker
        await pilot.press("tab")
        chosen = capture.speaker
        assert chosen != owner
        await pilot.press(*"+Open", "enter")
        await pilot.pause()
        await pilot.press("enter")
        assert capture.speaker == chosen
        await pilot.press("escape")
        started.writer.flush()


def test_tally_times_count_from_the_conversations_start_after_a_resume(
    library: DeckLibrary,
) -> None:
    """A tally is timed from the start of the conversation, pauses and `+` left out, also after
    the session was left and resumed (the clock restored from the record forgot where the part
    began: the timeline started again at 0:00 on resuming, and in overtime it counted only the
    overtime)."""
    fake = FakeClock()
    session = start(library, fake)
    session.start_coaching_round("Casus", "Feedbackgesprek")
    session.toggle_clock()
    fake.advance(120)
    session.next_segment()
    fake.advance(60)
    session.tally("open")  # 1:00 into the conversation
    session.extend()  # 30 s more for the conversation
    fake.advance(10)
    session.toggle_clock()  # a pause, then the menu
    fake.advance(300)
    resumed = Session(session.events, session.decks, now=fake, clock=fake.wall)
    resumed.toggle_clock()
    fake.advance(20)
    resumed.tally("closed")  # 1:30
    assert resumed.turn_clock.display() == "9:00"  # 10:30 - 1:30
    fake.advance(560)
    resumed.toggle_clock()  # paused 20 s past the 10:30, then the menu again
    again = Session(resumed.events, resumed.decks, now=fake, clock=fake.wall)
    again.toggle_clock()
    fake.advance(5)
    again.tally("advice")  # 10:55, in overtime
    tallies = again.state.coaching_round.tallies
    assert [t.seconds for t in tallies] == pytest.approx([60, 90, 655])


def next_by_mistake(library: DeckLibrary, fake: FakeClock) -> Session:
    """A round whose clock runs, `n` pressed 1:40 into the conversation, 5 s ago."""
    session = start(library, fake)
    session.start_coaching_round("Casus", "Feedbackgesprek")
    session.toggle_clock()
    session.next_segment()
    fake.advance(100)
    session.next_segment()  # a mistake, 1:40 into the conversation
    fake.advance(5)
    return session


def test_tally_times_count_from_the_conversations_start_after_an_undone_next(
    library: DeckLibrary,
) -> None:
    """`n` pressed by mistake in the conversation and undone: the conversation's clock goes on
    where it was, and so do the tallies' times (they started again at 0:00)."""
    fake = FakeClock()
    session = next_by_mistake(library, fake)
    session.undo()
    assert session.state.coaching_round.segment == "conversation"
    fake.advance(10)
    session.tally("advice")
    assert session.state.coaching_round.tallies[-1].seconds == pytest.approx(110)
    assert session.turn_clock.display() == "8:10"


def test_an_undone_next_takes_back_what_was_done_to_the_clock_after_it(
    library: DeckLibrary,
) -> None:
    """`n` by mistake, then `+` and a pause before `u` `u`: the first takes back the 30 s, the
    second the `n`, and the conversation's clock comes back as it was at the mistake, paused
    (it stayed on the wrong part's countdown, with its 30 s, and the next tally was timed from
    that: 7:15 into a conversation that had run 1:50)."""
    fake = FakeClock()
    session = next_by_mistake(library, fake)
    session.extend()  # for the wrong part
    session.toggle_clock()  # a pause to think
    session.undo()
    round_ = session.state.coaching_round
    assert (round_.segment, round_.extended) == ("coachee_feedback", 0)
    session.undo()
    round_ = session.state.coaching_round
    assert (round_.segment, round_.extended) == ("conversation", 0)
    assert session.turn_clock.display() == "8:20" and not session.running
    session.toggle_clock()
    fake.advance(10)
    session.tally("advice")
    assert session.state.coaching_round.tallies[-1].seconds == pytest.approx(110)


def toasts(app: DialoogApp) -> str:
    """The text of the notifications on screen now."""
    return "\n".join(str(toast.render()) for toast in app.screen.query("Toast"))


async def test_the_screen_and_every_export_show_the_same_timeline(library: DeckLibrary) -> None:
    """The sheet on screen and the exports give each tally and the first advice the same time,
    counted from the start of the conversation (the screen cut 59.6 s to 0:59, the exports
    rounded it to 1:00)."""
    from sessions.export.html import to_html
    from sessions.export.json_export import to_json
    from sessions.export.markdown import to_markdown

    fake = FakeClock()
    started = triad(library, fake)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await first_coaching_round(pilot)
        await pilot.press("space")
        fake.advance(100)  # the goal takes 1:40
        await pilot.press("n")
        fake.advance(59.6)
        await pilot.press("o")
        fake.advance(40)
        await pilot.press("a")
        await pilot.pause()
        sheet = " ".join(str(screen.query_one("#coach-sheet").content).split())
        state = started.session.state
        started.writer.flush()
    assert "0:59 o 1:39 a" in sheet
    assert "Eerste advies of oplossing na 1:39 in het gesprek" in sheet
    markdown = " ".join(to_markdown(state).split())
    html = " ".join(to_html(state).split())
    for export in (markdown, html):
        assert "0:59 o 1:39 a" in export
        assert "Eerste advies of oplossing na 1:39 in het gesprek" in export
    record = json.loads(to_json(state))["coaching"][0]
    assert [t["seconds"] for t in record["tallies"]] == pytest.approx([59.6, 99.6])
    assert record["first_advice_seconds"] == pytest.approx(99.6)


async def test_a_tally_outside_the_conversation_is_refused_and_says_so(
    library: DeckLibrary,
) -> None:
    """The observer tallies the conversation: a key pressed while the goal is agreed (or after
    the conversation) counts nothing, on screen or in an export, and a message says why (it
    was counted, with its time from the start of the goal mixed into the timeline)."""
    from sessions.export.json_export import to_json
    from sessions.export.markdown import to_markdown

    fake = FakeClock()
    started = triad(library, fake)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await first_coaching_round(pilot)
        await pilot.press("space")
        fake.advance(30)
        await pilot.press("o", "a")  # during "Doel afspreken"
        await pilot.pause()
        assert "alleen tijdens het gesprek" in toasts(app) and "n" in toasts(app)
        tally = plain(screen.query_one("#coach-tally").content)
        assert tally.split("Open vraag")[1].split()[0] == "0"
        await pilot.press("n")
        fake.advance(10)
        await pilot.press("o")  # in the conversation: counts, at 0:10
        await pilot.press("n")
        await pilot.press("g")  # the coachee's feedback: the conversation is over
        await pilot.pause()
        assert "voorbij" in toasts(app)
        state = started.session.state
        started.writer.flush()
    round_ = state.coaching_round
    assert [(t.behaviour, t.segment, t.seconds) for t in round_.tallies] == [
        ("open", "conversation", 10.0)
    ]
    assert "**Geteld:** Open vraag 1\n" in to_markdown(state)
    assert "Geen advies of oplossing" in to_markdown(state)
    record = json.loads(to_json(state))["coaching"][0]
    assert record["counts"]["open"] == 1 and record["counts"]["advice"] == 0
    assert len(record["tallies"]) == 1


def test_tallies_an_earlier_version_kept_outside_the_conversation_are_left_out(
    library: DeckLibrary,
) -> None:
    """A session file from before tallies were kept to the conversation may hold some made
    while the goal was agreed: the sheet and every export leave them out alike."""
    from sessions.events import TallyMarked
    from sessions.export.common import coaching_sheets

    fake = FakeClock()
    session = start(library, fake)
    session.start_coaching_round("Casus", "Feedbackgesprek")
    old = TallyMarked(seq=len(session.events) + 1, at=fake.wall(), behaviour="advice",
                      segment="goal", seconds=50.0)  # fmt: skip
    session = Session([*session.events, old], session.decks, now=fake, clock=fake.wall)
    session.toggle_clock()
    session.next_segment()
    fake.advance(20)
    session.tally("open")
    numbers = figures(session.state.coaching_round.tallies)
    assert numbers.counts["advice"] == 0 and numbers.counts["open"] == 1
    assert numbers.first_advice is None
    assert [t.seconds for t in numbers.timeline] == [20.0]
    (sheet,) = coaching_sheets(session.state)
    assert [t.seconds for t in sheet.tallies] == [20.0] and sheet.first_advice is None


async def conversation_tallied(pilot: Pilot[None]) -> None:
    """The first round set up and its clock started, on to the conversation, one tally."""
    await first_coaching_round(pilot)
    await pilot.press("space", "n", "o")
    await pilot.pause(0.2)


async def test_u_after_plus_takes_back_the_30_seconds_and_keeps_the_tally(
    library: DeckLibrary,
) -> None:
    """`o`, `+`, `u`: the undo took back the observer's tally, and the 30 s stayed."""
    fake = FakeClock()
    started = triad(library, fake)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await conversation_tallied(pilot)
        session = started.session
        left = session.turn_clock.remaining()
        await pilot.press("plus")
        await pilot.pause()
        assert session.turn_clock.remaining() == pytest.approx(left + 30)
        await pilot.press("u")
        await pilot.pause()
        assert [t.behaviour for t in session.state.coaching_round.tallies] == ["open"]
        assert session.turn_clock.remaining() == pytest.approx(left)
        assert "Ongedaan gemaakt: de 30 seconden extra." in toasts(app)
        started.writer.flush()


def footer_keys(app: DialoogApp) -> dict[str, str]:
    """The keys the Footer shows now: action → what it says, only the keys in full view."""
    from textual.widgets._footer import FooterKey

    width = app.size.width
    return {
        key.action: str(key.render())
        for key in app.screen.query(FooterKey)
        if key.display and key.region.width and key.region.right <= width
    }


@pytest.mark.parametrize("language", ["nl", "en"])
async def test_export_and_end_are_in_the_footer_once_a_round_runs(
    library: DeckLibrary, language: str
) -> None:
    """At 80x24, during a round, the Footer offers the export and the end of the practice,
    and `x` opens the export dialog (the key did nothing, and neither key was shown). In the
    round's last part the next round takes the place of `n`."""
    from textual.widgets._footer import FooterKey

    from app.screens.export import ExportScreen
    from cards.i18n import set_language

    set_language(language)
    started = triad(library, FakeClock())
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(80, 24)) as pilot:
        await conversation_tallied(pilot)
        shown = footer_keys(app)
        assert {"export", "end_session", "next_segment", "toggle_clock", "leave"} <= set(shown)
        assert {"capture", "toggle_keys"} <= set(shown)
        rows = {key.region.y for key in app.screen.query(FooterKey) if key.display}
        assert rows == {23}  # one line, at the bottom
        await pilot.press("n", "n", "n")  # the coach's learning, the last part
        await pilot.pause(0.2)
        shown = footer_keys(app)
        assert {"export", "end_session", "new_round", "capture", "toggle_keys"} <= set(shown)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await save_form(pilot)
        markdown = next(locations.export_dir().glob("*.md")).read_text(encoding="utf-8")
        assert "Ann" in markdown and "Leraar aanspreken" in markdown
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CoachingScreen"
        started.writer.flush()


async def test_ending_the_practice_asks_then_offers_the_export_and_closes_the_record(
    library: DeckLibrary,
) -> None:
    """`e` mid-round: asked first; then the session is ended and the export dialog comes up.
    Back on the coaching screen it is a closed record: no key adds to it, the Footer keeps
    only the reading keys, and the screen says the session is ended."""
    from app.screens.dialogs import ConfirmScreen
    from app.screens.export import ExportScreen
    from tests.screens import screen_text

    fake = FakeClock()
    started = triad(library, fake)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(80, 24)) as pilot:
        await first_coaching_round(pilot)
        await pilot.press("space", "n", "o")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # not yet
        await pilot.pause()
        assert not started.session.state.ended
        await pilot.press("e")
        await pilot.pause()
        await say_yes(pilot)
        await pilot.pause()
        assert started.session.state.ended
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("escape")
        await pilot.pause()
        recorded = len(started.session.events)
        fake.advance(700)  # the clock stopped with the session: no bell at zero
        await pilot.press("o", "n", "space", "u", "r", "plus", "enter", "e")
        await pilot.pause()
        assert len(started.session.events) == recorded
        assert app.screen.__class__.__name__ == "CoachingScreen"
        assert not app.screen.has_class("-flash")
        shown = footer_keys(app)
        assert "export" in shown and "leave" in shown
        assert not {"next_segment", "toggle_clock", "capture", "new_round", "end_session"} & set(
            shown
        )
        assert "Sessie afgerond" in screen_text(app)
        started.writer.flush()


async def test_a_tally_on_a_stopped_clock_says_so_once(library: DeckLibrary) -> None:
    """The clock was never started: the first tally in the conversation says that it counts
    at 0:00 and that space starts the clock; the next ones in that part say nothing more."""
    fake = FakeClock()
    started = triad(library, fake)
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await first_coaching_round(pilot)
        await pilot.press("n")  # the conversation, on a stopped clock
        await pilot.press("o")
        await pilot.pause()
        assert "klok staat stil" in toasts(app) and "spatie" in toasts(app)
        app.clear_notifications()
        await pilot.press("o", "space")
        fake.advance(5)
        await pilot.press("a")
        await pilot.pause()
        assert "klok staat stil" not in toasts(app)
    seconds = [t.seconds for t in started.session.state.coaching_round.tallies]
    assert seconds == [0.0, 0.0, 5.0]


async def test_the_round_dialog_is_as_high_as_its_fields_and_centred(library: DeckLibrary) -> None:
    """At 200x60 the dialog to prepare a round filled the screen's height, forty empty lines
    between its fields and its buttons, at the left edge; at 80x24 its buttons show."""
    for width, height in ((200, 60), (80, 24)):
        app = DialoogApp(library, start=triad(library, FakeClock()))
        async with app.run_test(size=(width, height)) as pilot:
            await pilot.pause()
            dialog = app.screen.query_one("#coaching-setup").region
            assert dialog.height <= 24 and dialog.x > 0
            assert dialog.y + dialog.height <= height
            start = app.screen.query_one("#start").region
            assert dialog.contains_region(start)


async def test_the_round_set_up_asks_before_dropping_what_was_typed(library: DeckLibrary) -> None:
    """escape on the round's set-up: at once when untouched, after a question (no by default)
    once a case was typed; a wrong length's message goes as soon as it is fixed."""
    from app.screens.coaching import CoachingScreen
    from app.screens.coaching_setup import CoachingSetupScreen
    from app.screens.dialogs import ConfirmScreen

    started = triad(library, FakeClock())
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CoachingSetupScreen)
        await pilot.press("escape")  # nothing typed: closed at once
        await pilot.pause()
        assert isinstance(app.screen, CoachingScreen)
        await pilot.press("r")
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, CoachingSetupScreen)
        await pilot.press(*"Leraar aanspreken", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # keep the form
        await pilot.pause()
        assert app.screen is setup
        assert setup.query_one("#case").value == "Leraar aanspreken"  # type: ignore[attr-defined]

        first = setup.query_one(f"#len-{setup.segments[0]}")
        error = setup.query_one(f"#error-len-{setup.segments[0]}")
        assert error.parent is first.parent.parent  # type: ignore[union-attr]
        row = first.parent.parent.children  # type: ignore[union-attr]
        assert row[row.index(first.parent) + 1] is error  # right under its field
        first.value = "0"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is setup and error.has_class("-shown")
        assert [e.id for e in setup.query(".setup-error.-shown")] == [error.id]
        assert app.focused is first
        await pilot.press("backspace", "5")
        assert not error.has_class("-shown")

        await pilot.press("escape")
        await say_yes(pilot)
        await pilot.pause()
        assert isinstance(app.screen, CoachingScreen)
        assert started.session.state.coaching == ()
    started.close()


async def test_the_round_set_up_lets_the_roles_be_chosen(library: DeckLibrary) -> None:
    """The set-up said who would be coach, coachee and observer, and nothing could change it.
    Now that line is a list of every sharing of the roles, the proposal first: chosen with
    the keys (shift+tab from the case, enter, down, enter), the round has those roles, the
    coaching screen shows them, and the next round's set-up proposes them turned on."""
    from app.screens.coaching import CoachingScreen
    from app.screens.coaching_setup import CoachingSetupScreen

    started = triad(library, FakeClock())
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, CoachingSetupScreen)
        assert "Coach: Ann · Coachee: Bram · Observator: Carla" in screen_text(app)
        await pilot.press(*"Leraar aanspreken", "shift+tab", "enter")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        chosen = setup.choices[1]
        assert chosen != setup.choices[0]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CoachingScreen)
        round_ = started.session.state.coaching_round
        assert round_ is not None and round_.roles == chosen and round_.case == "Leraar aanspreken"
        assert f"Coach: {chosen.coach}" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        following = app.screen
        assert isinstance(following, CoachingSetupScreen)
        assert following.choices[0] == Roles(chosen.coachee, chosen.observer, chosen.coach)
    started.close()


async def test_ctrl_s_with_a_list_focused_starts_the_round(library: DeckLibrary) -> None:
    """ctrl+s with the focus on the conversation type's list closed the form, and the list's
    check of where the focus went, a frame later, asked a form no longer there for its
    screen: the app stopped with a traceback."""
    from app.screens.coaching import CoachingScreen

    started = triad(library, FakeClock())
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        await pilot.press(*"Casus", "tab")
        assert app.focused is not None and app.focused.id == "type"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CoachingScreen)
        assert started.session.state.coaching_round is not None
    started.close()


async def test_the_round_set_up_shows_its_own_keys(library: DeckLibrary) -> None:
    """The set-up dialog of a round showed the coaching screen's keys beneath it (r, space, …)
    and nothing said that ctrl+s starts the round."""
    from app.screens.coaching_setup import CoachingSetupScreen

    app = DialoogApp(library, start=triad(library, FakeClock()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CoachingSetupScreen)
        shown = screen_text(app)
        assert shown.endswith("^s Start ronde esc Annuleer")  # the Footer, the last line
        assert "Nieuwe ronde" not in shown


async def test_a_long_prompt_fits_on_a_small_screen(library: DeckLibrary) -> None:
    """At 80x24 the prompts stood beside the feedback sheet in some 20 columns and the miracle
    question was cut off; now they take the sheet's place while shown."""
    app = DialoogApp(library, start=triad(library, FakeClock()))
    async with app.run_test(size=(80, 24)) as pilot:
        await first_coaching_round(pilot)
        await pilot.press("p", "right", "right")  # the miracle question
        await pilot.pause()
        shown = screen_text(app)  # the prompt's last words, and the line under it
        assert "veranderd?" in shown and "vraag 3 van 20" in shown
        assert not app.screen.query_one("#coach-side").display
        await pilot.press("p")  # hidden again: the sheet is back
        await pilot.pause()
        assert app.screen.query_one("#coach-side").display
        await pilot.press("p", "f")  # the sheet asked for while the prompts have its place
        await pilot.pause()
        side = app.screen.query_one("#coach-side")
        assert side.display and app.screen.focused is side
    async with DialoogApp(library, start=triad(library, FakeClock())).run_test(
        size=(160, 45)
    ) as pilot:
        await first_coaching_round(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert pilot.app.screen.query_one("#coach-side").display  # room for both


async def test_an_at_name_in_feedback_says_who_gave_it_as_on_the_board(
    library: DeckLibrary,
) -> None:
    """`@Carla` at the end of a feedback line (or at its start) marks who gave it, as on the
    board; it was kept in the text, and the line went to whom `tab` had chosen."""
    started = triad(library, FakeClock())
    observer = started.session.state.participants[2]
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await first_coaching_round(pilot)
        await pilot.press("n", "enter")
        await pilot.press(*"+Open vragen gesteld @", *observer.lower())
        await pilot.pause()
        assert f"door {observer}" in str(screen.query_one("#capture-hint").content)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter", "@", *observer.lower(), "space", *"- Te snel advies", "enter")
        await pilot.pause()
        first, second = started.session.state.notes_of("feedback")
        assert (first.text, first.speaker) == ("Open vragen gesteld", observer)
        # the name first, then the question's sign: both read, as on the board
        assert (second.text, second.speaker, second.question) == (
            "Te snel advies",
            observer,
            "better",
        )
        # the next line, without a name, is the coach's again: an `@name` was carried on to
        # every later line of the part, and put them on record as the observer's
        coach = started.session.state.coaching_round.roles.coach
        await pilot.press("enter")
        assert f"door {coach}" in str(screen.query_one("#capture-hint").content)
        await pilot.press(*"> Eerst schaalvraag", "enter")
        await pilot.pause()
        third = started.session.state.notes_of("feedback")[-1]
        assert (third.text, third.speaker) == ("Eerst schaalvraag", coach)
        started.writer.flush()


@pytest.mark.parametrize(
    ("language", "back", "on"), [("nl", "Vorige", "Volgende"), ("en", "Previous", "Next")]
)
async def test_the_key_panel_names_what_the_arrow_keys_do(
    library: DeckLibrary, language: str, back: str, on: str
) -> None:
    """`?` lists every key of the coaching screen with what it does: ← and → stood there
    without a word."""
    from cards.i18n import set_language

    set_language(language)
    app = DialoogApp(library, start=triad(library, FakeClock()))
    async with app.run_test(size=(200, 60)) as pilot:
        await first_coaching_round(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert any(f"← {back}" in line for line in lines)
        assert any(f"→ {on}" in line for line in lines)
        assert not any(line.rstrip().endswith(("←", "→")) for line in lines)


def test_a_conversation_with_nothing_tallied_draws_no_conclusions(library: DeckLibrary) -> None:
    """A round ended before its conversation (or one the observer did not tally) said
    "Open : gesloten vragen = 0 : 0" and "Geen advies of oplossing gegeven in het gesprek", on
    the sheet and in the exports, of a conversation nobody counted."""
    from app.widgets.coaching_views import feedback_sheet
    from sessions.export.markdown import to_markdown

    fake = FakeClock()
    session = start(library, fake)
    session.start_coaching_round("Leraar aanspreken", "Feedbackgesprek")
    session.end()  # during "agree the goal"
    round_ = session.state.coaching_round
    sheet = plain(feedback_sheet(round_, ()))
    assert "Geteld: —" in sheet
    assert "0 : 0" not in sheet and "Geen advies" not in sheet
    text = to_markdown(session.state)
    assert "**Geteld:** —" in text and "**Open : gesloten vragen:** —" in text
    assert "Geen advies" not in text and "0 : 0" not in text
    from sessions.export.json_export import session_record

    (record,) = session_record(session.state)["coaching"]
    assert record["open_closed"] is None
    tallied = start(library, FakeClock())
    tallied.start_coaching_round("Casus", "Feedbackgesprek")
    tallied.toggle_clock()
    tallied.next_segment()
    tallied.tally("silence")  # counted, and no question nor advice in it: that says something
    sheet = plain(feedback_sheet(tallied.state.coaching_round, ()))
    assert "0 : 0" in sheet and "Geen advies of oplossing" in sheet
    (record,) = session_record(tallied.state)["coaching"]
    assert record["open_closed"] == "0 : 0"


def test_a_long_timeline_wraps_between_its_pairs_in_the_html(library: DeckLibrary) -> None:
    """The printed timeline broke between a time and its key ("0:04" at the end of one line,
    "o" at the start of the next): a no-break space holds each pair together."""
    from sessions.export.html import to_html
    from sessions.export.markdown import to_markdown

    fake = FakeClock()
    session = start(library, fake)
    session.start_coaching_round("Casus", "Feedbackgesprek")
    session.toggle_clock()
    session.next_segment()
    for behaviour in ("open", "closed", "advice", "further", "summary") * 6:
        fake.advance(7)
        session.tally(behaviour)
    assert "0:07\u00a0o  0:14\u00a0g  0:21\u00a0a" in to_html(session.state)
    assert "0:07\u00a0o  0:14\u00a0g" in to_markdown(session.state)


async def test_an_ended_practice_shows_every_round_s_sheet(library: DeckLibrary) -> None:
    """Ended, the practice showed only its last round's sheet: the first could only be read
    in the exports. Now the sheet panel holds every round's, in order."""
    started = triad(library, FakeClock())
    session = started.session
    for case in ("Eerste casus", "Tweede casus"):
        session.start_coaching_round(case, "Feedbackgesprek")
        number = session.state.coaching_round.number
        session.record(
            Draft("feedback", f"Goed gevraagd in ronde {number}", "Carla"), question="helped"
        )
    session.end()
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one("#coach-sheet").content)
        assert shown.index("Feedback ronde 1") < shown.index("Feedback ronde 2")
        assert "Goed gevraagd in ronde 1" in shown and "Goed gevraagd in ronde 2" in shown
    started.close()


async def test_a_refusal_goes_once_the_next_part_makes_it_stale(library: DeckLibrary) -> None:
    """`o` while the goal is agreed says tallies count in the conversation, "press n"; after
    `n` that message stayed for its seconds beside "Deel 2 van 5: Gesprek", and over the
    next round's set-up form after `r`."""
    started = triad(library, FakeClock())
    app = DialoogApp(library, start=started)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await first_coaching_round(pilot)
        await pilot.press("o")
        await pilot.pause()
        (toast,) = app.screen.query("Toast")
        assert "tijdens het gesprek" in str(toast.render())
        await pilot.press("n")
        await pilot.pause()
        assert "Deel 2 van 5: Gesprek" in screen_text(app)
        assert not app.screen.query("Toast")
        await pilot.press("o", "r")  # a tally, then the next round's set-up
        await pilot.pause()
        assert type(app.screen).__name__ == "CoachingSetupScreen"
        assert not app.screen.query("Toast")
    started.close()
