"""QR codes of the takeaways: the text, its split into codes of so many bytes, and codes that
really decode, as the widget draws them (in dark and light themes, at 80x24 and larger) and as
the SVG the handout inlines."""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M
from qrcode.util import BIT_LIMIT_TABLE, MODE_8BIT_BYTE, length_in_bits
from rich.cells import cell_len
from rich.segment import Segment
from textual.strip import Strip

from app import live
from app.main import DialoogApp
from app.screens.qr import QrScreen
from app.widgets.qr import QrCode
from cards.i18n import set_language
from cards.loader import DeckLibrary
from sessions.meta import SessionSetup
from sessions.notes import GROUP, Draft
from sessions.session import Session
from sessions.state import SessionState
from sessions.takeaways import (
    BYTE_CAPACITY_M,
    MAX_PAGES,
    QUIET_ZONE,
    capacity_for,
    cells,
    modules,
    qr_matrix,
    qr_pages,
    qr_svg,
    split_pages,
    takeaways_text,
    version_for,
)

PEOPLE = ("Ann", "Bram", "Carla")
SCALE = 8  # pixels per module in the images handed to the decoder


def start(library: DeckLibrary, title: str = "Teamoverleg visie") -> Session:
    setup = SessionSetup(title=title, participants=PEOPLE, date="2026-11-21")
    session = Session.start(setup, {d.id: d for d in library}, seed=1)
    session.deal()
    return session


def meeting(library: DeckLibrary) -> SessionState:
    session = start(library)
    session.record(Draft("perspective", "Dit hoort er niet in", "Bram"))
    session.record(Draft("decision", "We starten in januari met de pilot", "Ann"))
    session.record(Draft("agreement", "Ouders mailen", "Ann", who="Ann", due="vr 5 dec"))
    session.record(Draft("agreement", "Rooster delen", "Bram", who="Bram"))
    session.record(Draft("agreement", "Evalueren", "Carla", due="januari"))
    return session.state


def long_meeting(library: DeckLibrary, items: int) -> SessionState:
    session = start(library, "Lange sessie met é en 🎉")
    for n in range(items):
        session.record(
            Draft("decision", f"Besluit {n}: café-overleg ☕ wordt één keer per week", "Ann")
        )
        session.record(
            Draft("agreement", f"Actie {n} uitwerken 👩‍👩‍👧", "Bram", who="Bram", due=f"{n + 1}-12")
        )
    return session.state


# -- decoding helpers --------------------------------------------------------------------------


def image_of(pixels: list[list[bool]]) -> Image.Image:
    """A black-on-white image of a grid of dark (True) modules, SCALE pixels per module."""
    height, width = len(pixels), len(pixels[0])
    image = Image.new("L", (width, height), 255)
    image.putdata([0 if dark else 255 for row in pixels for dark in row])
    return image.resize((width * SCALE, height * SCALE), Image.Resampling.NEAREST)


def decode(image: Image.Image) -> str:
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(found) == 1, "no QR code found"
    assert found[0].ec_level == "M"
    return found[0].text


def with_quiet_zone(matrix: list[list[bool]]) -> list[list[bool]]:
    side = len(matrix) + 2 * QUIET_ZONE
    rows = [[False] * side for _ in range(QUIET_ZONE)]
    rows += [[False] * QUIET_ZONE + row + [False] * QUIET_ZONE for row in matrix]
    return rows + [[False] * side for _ in range(QUIET_ZONE)]


def rgb(color: object) -> tuple[int, int, int]:
    assert color is not None, "a cell without an explicit colour"
    triplet = color.get_truecolor()  # type: ignore[attr-defined]
    return (triplet.red, triplet.green, triplet.blue)


def paint(strips: list[Strip]) -> list[list[bool]]:
    """The modules the cells show, two per cell, exactly as the glyphs and colours say: the
    upper half is the foreground for "▀" and "█", else the background; the lower half is the
    foreground for "▄" and "█", else the background. Dark is a pixel darker than mid-grey."""
    upper_rows: list[list[bool]] = []
    lower_rows: list[list[bool]] = []
    for strip in strips:
        upper: list[bool] = []
        lower: list[bool] = []
        for segment in strip:
            assert isinstance(segment, Segment) and segment.style is not None
            fg, bg = rgb(segment.style.color), rgb(segment.style.bgcolor)
            assert {fg, bg} <= {(0, 0, 0), (255, 255, 255)}, "only pure black and white"
            if segment.style.reverse:
                fg, bg = bg, fg
            for glyph in segment.text:
                assert glyph in " ▀▄█" and cell_len(glyph) == 1, repr(glyph)
                top = fg if glyph in "▀█" else bg
                bottom = fg if glyph in "▄█" else bg
                upper.append(sum(top) < 384)
                lower.append(sum(bottom) < 384)
        upper_rows.append(upper)
        lower_rows.append(lower)
    return [row for pair in zip(upper_rows, lower_rows, strict=True) for row in pair]


def widget_pixels(code: QrCode) -> list[list[bool]]:
    """What the widget draws, line by line, through its public `render_line`."""
    return paint([code.render_line(y) for y in range(code.size.height)])


def screen_pixels(app: DialoogApp, code: QrCode) -> list[list[bool]]:
    """What the screen shows where the widget is: the compositor's full frame, cropped."""
    region = code.region
    frame = app.screen._compositor.render_strips()
    return paint([frame[y].crop(region.x, region.right) for y in range(region.y, region.bottom)])


def assert_quiet_zone(pixels: list[list[bool]]) -> None:
    for rows in (pixels[:QUIET_ZONE], pixels[-QUIET_ZONE:]):
        assert not any(any(row) for row in rows)
    assert not any(any(row[:QUIET_ZONE]) or any(row[-QUIET_ZONE:]) for row in pixels)


def no_controls(text: str) -> bool:
    return all(unicodedata.category(ch) not in ("Cc", "Cs") or ch == "\n" for ch in text)


# -- the text ----------------------------------------------------------------------------------


def test_takeaways_text_in_dutch(library: DeckLibrary) -> None:
    assert takeaways_text(meeting(library)) == (
        "Teamoverleg visie 2026-11-21\n"
        "Besluiten:\n"
        "- We starten in januari met de pilot\n"
        "Afspraken:\n"
        "- Ouders mailen (Ann, vr 5 dec)\n"
        "- Rooster delen (Bram)\n"
        "- Evalueren (januari)"
    )


def test_a_relative_date_goes_home_with_the_date_it_was_read_as(library: DeckLibrary) -> None:
    """ "morgen" read off a phone a week later is wrong: the code says which day it meant."""
    session = start(library)
    tomorrow = Draft("agreement", "Planning maken", "Bram", "Bram", "morgen", due_date="2026-11-22")
    session.record(tomorrow)
    session.record(Draft("agreement", "Mailen", "Ann", due="5-12", due_date="2026-12-05"))
    assert takeaways_text(session.state).splitlines()[2:] == [
        "- Planning maken (Bram, morgen, 2026-11-22)",  # no brackets in brackets
        "- Mailen (5-12, 2026-12-05)",
    ]


def test_takeaways_text_in_english_with_the_group(library: DeckLibrary) -> None:
    session = start(library)
    session.record(Draft("agreement", "Lees het plan", "Ann", who=GROUP))
    set_language("en")
    assert takeaways_text(session.state) == (
        "Teamoverleg visie 2026-11-21\nAgreements:\n- Lees het plan (the group)"
    )


def test_no_takeaways_still_names_the_session(library: DeckLibrary) -> None:
    state = start(library).state
    text = takeaways_text(state)
    assert text == "Teamoverleg visie 2026-11-21\nNog geen besluiten of afspraken."
    pages = qr_pages(state, 84)
    assert pages.texts == (text,) and pages.pages == (text,) and not pages.left_out


def test_hostile_text_stays_one_clean_line_per_item(library: DeckLibrary) -> None:
    session = start(library, "[bold]Sessie[/] <script>")
    hostile = [
        "kleur \x1b[31mrood\x1b[0m en bel \x07",
        "eerste regel\ntweede regel\r\nderde",
        "مرحبا بالعالم עברית\u202e omgekeerd",
        "[@click=app.quit]klik[/] {placeholder} {0}",
        "x" * 3000,
    ]
    for text in hostile:
        session.record(Draft("decision", text, "Ann"))
    text = takeaways_text(session.state)
    lines = text.split("\n")
    assert lines[0] == "[bold]Sessie[/] <script> 2026-11-21"
    assert lines[2:6] == [
        "- kleur rood en bel",
        "- eerste regel / tweede regel / derde",
        "- مرحبا بالعالم עברית omgekeerd",
        "- [@click=app.quit]klik[/] {placeholder} {0}",
    ]
    assert no_controls(text) and "\x1b" not in text and "\u202e" not in text
    pages = qr_pages(session.state, 84)
    assert "".join(pages.texts) + pages.left_out == text
    assert decode(image_of(with_quiet_zone(qr_matrix(pages.pages[0])))) == pages.pages[0]


# -- capacity ----------------------------------------------------------------------------------


def test_capacity_table_is_the_qr_standard() -> None:
    computed = [
        (BIT_LIMIT_TABLE[ERROR_CORRECT_M][v] - 4 - length_in_bits(MODE_8BIT_BYTE, v)) // 8
        for v in range(1, 41)
    ]
    assert list(BYTE_CAPACITY_M) == computed
    for version in (1, 5, 10, 23):  # and the library really picks that version
        most = BYTE_CAPACITY_M[version - 1]
        assert len(qr_matrix("é" * (most // 2) + "x" * (most % 2))) == modules(version)
        assert len(qr_matrix("x" * (most + 1))) == modules(version + 1)


def test_capacity_for_terminal_cells() -> None:
    assert cells(modules(5)) == (45, 23)
    assert version_for(45, 23) == 5 and capacity_for(45, 23) == 84
    assert capacity_for(44, 23) == 62 and capacity_for(45, 22) == 62
    assert capacity_for(80, 24) == 84  # "about 80 bytes at level M"
    assert capacity_for(200, 60) == BYTE_CAPACITY_M[23 - 1]  # height limits: version 23
    assert capacity_for(28, 40) == 0 and capacity_for(40, 14) == 0
    assert capacity_for(10_000, 10_000) == BYTE_CAPACITY_M[-1]


# -- pages -------------------------------------------------------------------------------------


def check_pages(text: str, capacity: int) -> None:
    pages = split_pages(text, capacity)
    assert 1 <= pages.count <= MAX_PAGES
    assert "".join(pages.texts) + pages.left_out == text
    assert all(len(page.encode("utf-8")) <= capacity for page in pages.pages)
    if pages.count == 1:
        assert pages.pages == pages.texts
    else:
        assert all(text for text in pages.texts)
        assert pages.pages == tuple(
            f"{n}/{pages.count} {text}" for n, text in enumerate(pages.texts, 1)
        )
    if pages.left_out:
        assert pages.count == MAX_PAGES and pages.left_out_lines


@settings(max_examples=300, deadline=None)
@given(st.text(), st.integers(min_value=8, max_value=300))
def test_any_text_splits_within_the_byte_capacity(text: str, capacity: int) -> None:
    check_pages(text, capacity)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.text(st.characters(codec="utf-8", exclude_characters="\n"), max_size=14)),
    st.integers(min_value=64, max_value=300),
)
def test_short_lines_are_never_cut(lines: list[str], capacity: int) -> None:
    """Lines of at most 14 characters (57 bytes with their line end) fit any page whole."""
    text = "\n".join(lines)
    pages = split_pages(text, capacity)
    if pages.count > 1:
        assert all(page.endswith("\n") for page in pages.texts[:-1])


def test_multi_byte_text_counts_bytes_not_characters() -> None:
    text = "\n".join(f"- café {n:02d} 🎉 é" for n in range(12))  # 14 characters, 18 bytes
    pages = split_pages(text, 84)  # 80 bytes after "1/3 ": four lines of 19 bytes (with "\n")
    assert pages.count == 3 and not pages.left_out
    assert [len(page.encode()) for page in pages.pages] == [80, 80, 79]
    assert pages.texts[0] == "".join(f"- café {n:02d} 🎉 é\n" for n in range(4))
    assert pages.pages[1].startswith("2/3 - café 04 🎉 é\n")
    assert len(split_pages("é" * 42, 84).texts) == 1  # 84 bytes: one code, no number
    assert split_pages("é" * 43, 84).count == 2


def test_a_very_long_line_is_cut_at_character_boundaries() -> None:
    text = "Kop\n" + "é🎉" * 200 + "\nStaart"
    pages = split_pages(text, 42)
    assert pages.count == MAX_PAGES and pages.left_out
    for page in pages.pages:
        assert len(page.encode("utf-8")) <= 42
        page.encode("utf-8").decode("utf-8")  # whole characters only
    assert pages.texts[0].startswith("Kop\né🎉")  # the line to cut fills the first code
    assert all(len(page.encode()) > 42 - 4 for page in pages.pages)  # no room wasted
    assert pages.left_out_lines[0] == "é🎉" * 200  # the cut line is named whole
    assert pages.left_out_lines[-1] == "Staart"
    words = split_pages(" ".join(["woord"] * 40), 42)
    assert all(text.endswith(" ") for text in words.texts[:-1])  # cut after a word


def test_emoji_sequences_stay_whole() -> None:
    family = "👩\u200d👩\u200d👧"
    pages = split_pages((family + "e\u0301") * 60, 30)
    for text in pages.texts:
        assert not text.startswith(("\u200d", "\u0301"))
        assert not text.endswith("\u200d")


HEADINGS = frozenset({"Kgotla visie 2026-11-22", "Besluiten:", "Afspraken:"})
VISION = (
    "Kgotla visie 2026-11-22\n"
    "Besluiten:\n"
    "- We werken vanaf januari met leerteams per bouw\n"
    "- Geen mail na 18u\n"
    "Afspraken:\n"
    "- Rooster leerteams maken (Ann, vr 5 dec)\n"
    "- Ouders informeren (Bram, 12-12)"
)


def assert_headings_kept_with_items(pages: tuple[str, ...], text: str) -> None:
    """No code ends on a heading, every heading has an item after it in its code, and every
    item is whole in one code."""
    for page in pages:
        lines = page.rstrip("\n").split("\n")
        assert lines[-1] not in HEADINGS, f"a heading alone at the end of {page!r}"
        assert any(line.startswith("- ") for line in lines), f"no item in {page!r}"
    for line in text.split("\n"):
        if line.startswith("- "):
            assert any(line in page.split("\n") for page in pages), f"{line!r} was split"


def test_a_heading_travels_with_its_first_item() -> None:
    """At 80x24 code 1 held "Kgotla visie 2026-11-22 / Besluiten:" and code 2 ended on
    "Afspraken:": headings without their items. The title that cannot go along with the first
    heading and its item has a code of its own; no item is split."""
    pages = split_pages(VISION, 84, headings=HEADINGS)
    assert pages.texts == (
        "Kgotla visie 2026-11-22\n",
        "Besluiten:\n- We werken vanaf januari met leerteams per bouw\n- Geen mail na 18u\n",
        "Afspraken:\n- Rooster leerteams maken (Ann, vr 5 dec)\n",
        "- Ouders informeren (Bram, 12-12)",
    )
    assert_headings_kept_with_items(pages.texts[1:], VISION)
    roomy = split_pages(VISION, 120, headings=HEADINGS)  # room for the title along with them
    assert roomy.texts[0].startswith("Kgotla visie 2026-11-22\nBesluiten:\n- We werken")
    assert_headings_kept_with_items(roomy.texts, VISION)


def test_a_heading_goes_along_when_its_first_item_must_be_cut() -> None:
    text = "Titel\nBesluiten:\n- kort\nAfspraken:\n- " + "lang verhaal " * 20
    pages = split_pages(text, 84, headings=frozenset({"Titel", "Besluiten:", "Afspraken:"}))
    assert "".join(pages.texts) + pages.left_out == text
    held = [next(p for p in pages.texts if "Afspraken:" in p)]
    assert not held[0].endswith(("Afspraken:\n", "Afspraken:\n- ")), held
    assert held[0].split("Afspraken:\n- ")[1].startswith("lang verhaal")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(HEADINGS - {"Kgotla visie 2026-11-22"})),
            st.lists(st.text("abcdé 🎉", min_size=1, max_size=12), min_size=1, max_size=6),
        ),
        min_size=1,
        max_size=4,
    ),
    st.integers(min_value=84, max_value=300),
)
def test_no_code_ends_on_a_heading(sections: list[tuple[str, list[str]]], capacity: int) -> None:
    lines = ["Kgotla visie 2026-11-22"]
    for heading, items in sections:
        lines += [heading, *(f"- {item.strip() or 'x'}" for item in items)]
    text = "\n".join(lines)
    pages = split_pages(text, capacity, headings=HEADINGS)
    assert "".join(pages.texts) + pages.left_out == text
    held = pages.texts if not pages.left_out else pages.texts[:-1]
    rest = held[1:] if held[0] == "Kgotla visie 2026-11-22\n" else held
    assert_headings_kept_with_items(rest, "".join(rest))


def test_the_session_codes_decode_with_headings_beside_their_items(
    library: DeckLibrary,
) -> None:
    session = start(library, "Kgotla visie")
    session.record(Draft("decision", "We werken vanaf januari met leerteams per bouw", "Ann"))
    session.record(Draft("decision", "Geen mail na 18u", "Bram"))
    session.record(Draft("agreement", "Rooster leerteams maken", "Ann", who="Ann", due="vr 5 dec"))
    session.record(Draft("agreement", "Ouders informeren", "Bram", who="Bram", due="12-12"))
    pages = qr_pages(session.state, 84)  # what the screen holds at 80x24
    decoded = [decode(image_of(with_quiet_zone(qr_matrix(page)))) for page in pages.pages]
    held = [text.split(" ", 1)[1] for text in decoded]
    assert "".join(held) == takeaways_text(session.state)
    assert held[0] == "Kgotla visie 2026-11-21\n"  # too long with the first decision
    assert held[1].startswith("Besluiten:\n- We werken vanaf januari")
    assert held[2].startswith("Afspraken:\n- Rooster leerteams maken (Ann, vr 5 dec)")
    assert pages.count == 4


def test_too_small_a_capacity_is_refused() -> None:
    with pytest.raises(ValueError):
        split_pages("tekst", 7)
    assert split_pages("tekst", 8).texts == ("tekst",)


# -- codes -------------------------------------------------------------------------------------


def test_matrix_decodes(library: DeckLibrary) -> None:
    text = takeaways_text(meeting(library))
    matrix = qr_matrix(text)
    version = next(v for v, most in enumerate(BYTE_CAPACITY_M, 1) if most >= len(text.encode()))
    assert len(matrix) == modules(version) and all(len(row) == len(matrix) for row in matrix)
    assert decode(image_of(with_quiet_zone(matrix))) == text
    with pytest.raises(ValueError):
        qr_matrix("x" * 3000)


def svg_pixels(svg: str) -> list[list[bool]]:
    root = ET.fromstring(svg)  # well-formed
    assert root.get("shape-rendering") == "crispEdges"
    view = re.fullmatch(r"0 0 (\d+) (\d+)", root.get("viewBox") or "")
    assert view is not None and view.group(1) == view.group(2)
    side = int(view.group(1))
    background = re.search(r'<rect width="(\d+)" height="(\d+)" fill="#ffffff"/>', svg)
    assert background is not None and background.groups() == (str(side), str(side))
    assert '<g fill="#000000">' in svg
    pixels = [[False] * side for _ in range(side)]
    rects = re.findall(r'<rect x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)"/>', svg)
    assert rects
    for x, y, width, height in map(lambda r: tuple(map(int, r)), rects):
        for row in range(y, y + height):
            for column in range(x, x + width):
                pixels[row][column] = True
    return pixels


@pytest.mark.parametrize(
    "text",
    [
        "Teamoverleg visie 2026-11-21\nBesluiten:\n- We starten\nAfspraken:\n- Ouders mailen",
        "2/3 café ☕ 👩\u200d👩\u200d👧 <b>&amp;</b> \"quotes\" 'x'",
        "x" * 500,
    ],
)
def test_svg_decodes(text: str) -> None:
    svg = qr_svg(text, label='QR: <takeaways> & "more"')
    pixels = svg_pixels(svg)
    assert len(pixels) == len(qr_matrix(text)) + 2 * QUIET_ZONE
    assert_quiet_zone(pixels)
    assert decode(image_of(pixels)) == text


# -- the screen --------------------------------------------------------------------------------


@pytest.mark.parametrize("theme", ["dialoog-dark", "dialoog-light", "dialoog-contrast"])
@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_the_code_on_screen_decodes(
    library: DeckLibrary, theme: str, size: tuple[int, int]
) -> None:
    state = meeting(library)
    app = DialoogApp(library)
    async with app.run_test(size=size) as pilot:
        app.theme = theme
        await app.push_screen(QrScreen(state))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QrScreen)
        code = screen.query_one(QrCode)
        width, height = cells(code.modules, code.scale)
        assert (code.size.width, code.size.height) == (width, height)
        assert code.region.right <= size[0] and code.region.bottom <= size[1] - 1  # footer
        pixels = widget_pixels(code)
        assert_quiet_zone(pixels)
        assert decode(image_of(pixels)) == screen.payload
        assert screen_pixels(app, code) == pixels  # nothing covers or tints it on screen
        assert screen.pages is not None
        assert "".join(screen.pages.texts) == takeaways_text(state)
        assert screen.pages.count == (3 if size == (80, 24) else 1)
        assert "besluiten en afspraken mee" in str(screen.query_one("#qr-explain").render())
        shown = str(screen.query_one("#qr-text").render())
        assert screen.pages.texts[0].strip() in shown


async def test_capacity_follows_the_screen_size(library: DeckLibrary) -> None:
    state = long_meeting(library, 3)
    app = DialoogApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(QrScreen(state))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QrScreen) and screen.pages is not None
        assert screen.pages.capacity == 84 and screen.pages.count > 1
        assert "Code 1 van" in str(screen.query_one("#qr-page").render())
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        assert screen.pages.capacity == BYTE_CAPACITY_M[23 - 1] and screen.pages.count == 1
        code = screen.query_one(QrCode)
        assert code.region.right <= 200 and code.region.bottom <= 59
        assert decode(image_of(widget_pixels(code))) == takeaways_text(state)
        assert "Eén code" in str(screen.query_one("#qr-page").render())
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.pages.capacity == 84
        assert code.region.right <= 80 and code.region.bottom <= 23
        assert decode(image_of(widget_pixels(code))) == screen.payload


async def test_a_short_code_is_drawn_bigger_on_a_large_screen(library: DeckLibrary) -> None:
    """At 200x60 a short code was as small as at 80x24 (a quarter of the screen), hard to scan
    from the back of a room: its modules are now as big as the screen allows (a whole number
    of cells each; a longer text fills the screen at one cell a module already)."""
    session = start(library)
    session.record(Draft("decision", "We starten in januari met de pilot", "Ann"))
    session.record(Draft("agreement", "Ouders mailen", "Ann", who="Ann", due="vr 5 dec"))
    state = session.state
    app = DialoogApp(library)
    async with app.run_test(size=(200, 60)) as pilot:
        await app.push_screen(QrScreen(state))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QrScreen)
        code = screen.query_one(QrCode)
        assert code.scale >= 2
        assert (code.size.width, code.size.height) == cells(code.modules, code.scale)
        assert code.region.right <= 200 - 30 and code.region.bottom <= 59  # the text beside
        assert code.size.height > 40  # most of the screen's height
        pixels = widget_pixels(code)
        assert_quiet_zone(pixels)
        assert decode(image_of(pixels)) == screen.payload
        assert screen_pixels(app, code) == pixels
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert code.scale == 1 and decode(image_of(widget_pixels(code))) == screen.payload


@pytest.mark.parametrize(("items", "left_out"), [(3, False), (30, True)])
async def test_every_page_decodes_and_what_is_left_out_is_said(
    library: DeckLibrary, items: int, left_out: bool
) -> None:
    state = long_meeting(library, items)
    full = takeaways_text(state)
    app = DialoogApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "dialoog-light"
        await app.push_screen(QrScreen(state))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QrScreen) and screen.pages is not None
        count = screen.pages.count
        assert count > 1
        held = []
        for page in range(1, count + 1):
            assert f"Code {page} van {count} — n: volgende, p: vorige" in str(
                screen.query_one("#qr-page").render()
            )
            decoded = decode(image_of(widget_pixels(screen.query_one(QrCode))))
            prefix = f"{page}/{count} "
            assert decoded.startswith(prefix) and len(decoded.encode()) <= 84
            held.append(decoded.removeprefix(prefix))
            await pilot.press("n")
        assert screen.page == 0  # n went round to the first code again
        await pilot.press("p")
        assert screen.page == count - 1
        await pilot.press("left", "right")
        assert screen.page == count - 1
        notice = str(screen.query_one("#qr-notice").render())
        if left_out:
            assert count == MAX_PAGES
            assert full.startswith("".join(held)) and len("".join(held)) < len(full)
            assert "".join(held) + screen.pages.left_out == full
            assert "Weggelaten" in notice and screen.pages.left_out_lines[0][:30] in notice
            assert screen.query_one("#qr-notice").display
        else:
            assert "".join(held) == full
            assert not screen.query_one("#qr-notice").display
        await pilot.press("escape")
        assert not isinstance(app.screen, QrScreen)


async def test_empty_takeaways_and_a_live_session(library: DeckLibrary) -> None:
    started = live.create(
        SessionSetup(title="Leeg overleg", participants=PEOPLE, date="2026-11-21"),
        {d.id: d for d in library},
        seed=3,
    )
    app = DialoogApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "dialoog-dark"
        await app.push_screen(QrScreen(started))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QrScreen)
        assert "Nog geen besluiten of afspraken" in str(screen.query_one("#qr-notice").render())
        explain = str(screen.query_one("#qr-explain").render())  # not "the decisions ... home"
        assert "om de titel en de datum mee te nemen" in explain and "besluiten" not in explain
        expected = "Leeg overleg 2026-11-21\nNog geen besluiten of afspraken."
        assert decode(image_of(widget_pixels(screen.query_one(QrCode)))) == expected
        assert "Eén code" in str(screen.query_one("#qr-page").render())
        footer_keys = {b.binding.id for b in screen.active_bindings.values() if b.enabled}
        assert "qr.back" in footer_keys and "qr.next" not in footer_keys  # one code: no paging
    started.close()


async def test_a_tiny_window_says_so_and_still_draws(library: DeckLibrary) -> None:
    app = DialoogApp(library)
    async with app.run_test(size=(40, 14)) as pilot:
        await app.push_screen(QrScreen(meeting(library)))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QrScreen) and screen.pages is not None
        assert screen.too_small and screen.pages.capacity == BYTE_CAPACITY_M[0]
        assert "te klein" in str(screen.query_one("#qr-notice").render())


async def test_a_full_code_at_80x24_is_version_5_above_the_footer(library: DeckLibrary) -> None:
    session = start(library)
    session.record(Draft("decision", "Één lange zin vol café-woorden 🎉 " * 8, "Ann"))
    app = DialoogApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "dialoog-dark"
        await app.push_screen(QrScreen(session.state))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QrScreen) and screen.pages is not None
        code = screen.query_one(QrCode)
        held = []
        for page in range(screen.pages.count):
            if page < screen.pages.count - 1:  # full codes: more than version 4 holds
                assert len(screen.payload.encode()) > BYTE_CAPACITY_M[3]
                assert code.modules == modules(5) and (code.size.width, code.size.height) == (
                    45,
                    23,
                )
            assert code.region.y >= 0 and code.region.bottom <= 23  # the footer keeps row 24
            pixels = screen_pixels(app, code)
            decoded = decode(image_of(pixels))
            assert decoded == screen.payload
            held.append(decoded.split(" ", 1)[1])
            await pilot.press("n")
            await pilot.pause()
        assert "".join(held) == takeaways_text(session.state)


def test_html_handout_code_decodes_to_the_takeaways(library: DeckLibrary, tmp_path: Path) -> None:
    from sessions.export.files import export_session

    state = meeting(library)
    [html_file] = export_session(state, ["html"], tmp_path)
    page = html_file.read_text(encoding="utf-8")
    svgs = re.findall(r"<svg.*?</svg>", page, re.S)
    assert svgs, "the handout has a QR code"
    decoded = "".join(decode(image_of(svg_pixels(svg))) for svg in svgs)
    assert decoded == takeaways_text(state)
