"""A session as one self-contained HTML file: readable on screen, printable on A4.

No external requests: the style sheet is inline, there are no scripts, fonts or images from
elsewhere, and a Content-Security-Policy says so to the browser. Every text goes through
`html.escape(quote=True)`; the only markup not made here is the agreements' QR code, passed in
as already-rendered, trusted SVG.

The document is a list of sections, each a function of the state; a later section (coaching
tallies, say) is one more function in `SECTIONS`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from html import escape

from cards.frozen import frozen
from cards.i18n import language, t
from sessions.coaching import FEEDBACK_QUESTIONS
from sessions.export.common import (
    Decks,
    agreements_table,
    by_kind_and_speaker,
    card_notes,
    carried_table,
    clock_time,
    coaching_sheets,
    format_label,
    general_notes,
    kind_label,
    participant_labels,
    plain_lines,
    reflection_groups,
    round_table,
    sheet_lines,
    show_rounds,
    speaker_label,
    title_of,
)
from sessions.notes import SYMBOLS
from sessions.state import Note, SessionState, due_label
from sessions.takeaways import takeaways_matter

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
# from this many notes on, every card starts on a new printed page
LONG_SESSION_NOTES = 30

STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f4f1; color: #1d1d1b;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }
main { max-width: 52rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; background: #fff; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 1rem; }
h2 { font-size: 1.4rem; margin: 2.2rem 0 .8rem; padding-bottom: .2rem;
  border-bottom: 2px solid #2f5d62; }
h3 { font-size: 1.15rem; margin: 1.6rem 0 .5rem; }
h4, h3.kind { font-size: 1rem; margin: 1rem 0 .3rem; color: #2f5d62; }
p, li, dd { overflow-wrap: anywhere; }
td { overflow-wrap: break-word; } /* a table keeps its words whole ... */
td.unbroken { overflow-wrap: anywhere; } /* ... but for a run of text without spaces */
@media screen and (max-width: 36rem) { td { overflow-wrap: anywhere; } } /* a phone */
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
article.card { border-left: 4px solid #2f5d62; padding: .1rem 0 .4rem 1rem; margin: 1.2rem 0; }
article.card h3 { margin-top: .6rem; }
.card-extra { color: #4a4a45; margin: .2rem 0; }
ul { margin: .2rem 0 .6rem; padding-left: 1.4rem; }
ul.notes { padding-left: 1.2rem; }
li.note { margin: .15rem 0; }
.speaker { font-weight: 600; }
.edited, .who-when, .by, .empty { color: #5a5a55; font-size: .92em; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
th, td { border: 1px solid #c9c9c2; padding: .35rem .5rem; text-align: left;
  vertical-align: top; }
th { background: #eef3f2; overflow-wrap: normal; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
ul.sheet li { white-space: pre-wrap; } /* the timeline keeps the two spaces between its pairs */
figure.qr { margin: .6rem 0; }
figure.qr svg { width: 40mm; height: 40mm; }
footer { margin-top: 3rem; color: #77776f; font-size: .85rem; }
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  li.note, tr, figure.qr, dl.facts { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  body.long article.card + article.card { break-before: page; page-break-before: always; }
  article.card { border-left-width: 2px; }
}
""".strip()

Section = Callable[["_Doc"], list[str]]


def text(value: str) -> str:
    """Text from anywhere as HTML: escaped (quotes too), control characters dropped, line
    breaks kept as <br>."""
    return "<br>".join(escape(line, quote=True) for line in plain_lines(value))


@frozen
class _Doc:
    state: SessionState
    decks: Decks | None
    qr_svg: str | None


def _table(
    header: Sequence[str], rows: Iterable[Sequence[str]], numeric: frozenset[int] = frozenset()
) -> str:
    head = "".join(f"<th>{text(cell)}</th>" for cell in header)
    body = "".join(
        "<tr>" + "".join(_cell(cell, i in numeric) for i, cell in enumerate(row)) + "</tr>\n"
        for row in rows
    )
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>"


UNBROKEN = re.compile(r"\S{30}")  # a run this long may break anywhere: it is no word


def _cell(value: str, numeric: bool) -> str:
    """A table's cell. Its words stay whole (a narrow column broke "Afspraak" and "Bram" in
    two when any cell could break anywhere); only a cell with a run of text without spaces
    may break anywhere, so that it cannot push the table off the page."""
    if numeric:
        return f'<td class="number">{text(value)}</td>'
    unbroken = ' class="unbroken"' if UNBROKEN.search(value) else ""
    return f'<td dir="auto"{unbroken}>{text(value)}</td>'


def _note(note: Note) -> str:
    parts = [text(note.text)]
    if note.who or note.due:
        who_when = t(
            "note.who_when", who=note.who or "–", due=due_label(note, in_brackets=True) or "–"
        )
        parts.append(f' <span class="who-when">({text(who_when)})</span>')
    if note.edited:
        parts.append(f' <span class="edited">({text(t("note.edited"))})</span>')
    return "".join(parts)


def _grouped(notes: Sequence[Note], level: int = 4) -> list[str]:
    out: list[str] = []
    for kind, speakers in by_kind_and_speaker(notes):
        heading = " ".join(filter(None, (SYMBOLS.get(kind, ""), kind_label(kind))))
        out.append(f'<h{level} class="kind">{text(heading)}</h{level}>')
        out.append('<ul class="speakers">')
        for speaker, said in speakers:
            out.append(
                f'<li><span class="speaker" dir="auto">{text(speaker_label(speaker))}</span>'
                '<ul class="notes">'
            )
            out.extend(f'<li class="note" dir="auto">{_note(note)}</li>' for note in said)
            out.append("</ul></li>")
        out.append("</ul>")
    return out


def _section(css: str, heading: str, body: Iterable[str]) -> list[str]:
    return [f'<section class="{css}">', f"<h2>{text(heading)}</h2>", *body, "</section>"]


def _header(doc: _Doc) -> list[str]:
    state = doc.state
    started = state.started
    facts: list[tuple[str, str]] = []
    if started is not None:
        facts.append((t("export.date"), started.date))
        if started.facilitator:
            facts.append((t("export.facilitator"), started.facilitator))
        if started.team:
            facts.append((t("export.team"), started.team))
        facts.append((t("export.format"), format_label(started.format)))
        label = "export.participants_anonymous" if started.anonymous else "export.participants"
        facts.append((t(label), ", ".join(participant_labels(state))))
    facts.append((t("export.state"), t("export.ended") if state.ended else t("export.open")))
    rows = "".join(f'<dt>{text(k)}</dt><dd dir="auto">{text(v)}</dd>\n' for k, v in facts)
    return [
        "<header>",
        f'<h1 dir="auto">{text(title_of(state))}</h1>',
        f'<dl class="facts">\n{rows}</dl>',
        "</header>",
    ]


def _carried(doc: _Doc) -> list[str]:
    if not doc.state.carried:
        return []
    return _section("carried", t("export.carried"), [_table(*carried_table(doc.state))])


def _general(doc: _Doc) -> list[str]:
    notes = general_notes(doc.state)
    if not notes:
        return []
    return _section("general", t("export.general"), _grouped(notes, level=3))


def _cards(doc: _Doc) -> list[str]:
    cards = card_notes(doc.state, doc.decks)
    if not cards:
        return []
    body: list[str] = []
    for card in cards:
        body.append(f'<article class="card" id="card-{card.number}">')
        label = text(card.heading)
        body.append(f'<h3 dir="auto">{label}: {text(card.text)}</h3>')
        if card.set_aside:
            aside = text(t(f"export.set_aside.{card.set_aside}"))
            body.append(f'<p class="card-extra"><em>{aside}</em></p>')
        if card.follow_up:
            body.append(
                f'<p class="card-extra" dir="auto"><em>{text(t("export.follow_up"))}:</em> '
                f"{text(card.follow_up)}</p>"
            )
        if card.theme:
            body.append(
                f'<p class="card-extra" dir="auto"><em>{text(t("export.theme"))}:</em> '
                f"{text(card.theme)}</p>"
            )
        if card.notes:
            body.extend(_grouped(card.notes))
        else:
            body.append(f'<p class="empty">{text(t("export.no_notes"))}</p>')
        body.append("</article>")
    return _section("cards", t("export.cards"), body)


def _rounds(doc: _Doc) -> list[str]:
    header, rows = round_table(doc.state, doc.decks)
    if not show_rounds(doc.state) or not rows:
        return []
    return _section("rounds", t("export.rounds"), [_table(header, rows, frozenset({0}))])


def _listed(notes: Sequence[Note]) -> str:
    items = "".join(
        f'<li class="note" dir="auto">{_note(n)} <span class="by">— '
        f"{text(speaker_label(n.speaker))}</span></li>\n"
        for n in notes
    )
    return f'<ul class="notes">\n{items}</ul>'


def _none() -> str:
    return f'<p class="empty">{text(t("export.none"))}</p>'


def _decisions(doc: _Doc) -> list[str]:
    if not takeaways_matter(doc.state):
        return []
    notes = doc.state.notes_of("decision")
    return _section("decisions", t("export.decisions"), [_listed(notes) if notes else _none()])


def _agreements(doc: _Doc) -> list[str]:
    """The agreements, and the code of the takeaways after them (both left out where the
    takeaways do not matter: see `takeaways_matter`)."""
    if not takeaways_matter(doc.state):
        return []
    header, rows = agreements_table(doc.state)
    body = [_table(header, rows)] if rows else [_none()]
    out = _section("agreements", t("export.agreements"), body)
    if doc.qr_svg:
        out += [
            '<section class="qr">',
            f"<h2>{text(t('export.qr'))}</h2>",
            '<figure class="qr">',
            doc.qr_svg,  # trusted: rendered by dialoog itself, never from people's text
            f"<figcaption>{text(t('export.qr_hint'))}</figcaption>",
            "</figure>",
            "</section>",
        ]
    return out


def _parked(doc: _Doc) -> list[str]:
    notes = doc.state.notes_of("parked")
    if not notes:
        return []
    return _section("parked", t("export.parked"), [_listed(notes)])


def _reflection(doc: _Doc) -> list[str]:
    groups = reflection_groups(doc.state, doc.decks)
    if not groups:
        return []
    body: list[str] = []
    for question, question_text, notes in groups:
        heading = question_text or question or t("export.no_question")
        body.append(f'<h3 dir="auto">{text(heading)}</h3>')
        body.append('<ul class="notes">')
        body.extend(
            f'<li class="note" dir="auto"><span class="speaker">'
            f"{text(speaker_label(n.speaker))}:</span> {_note(n)}</li>"
            for n in notes
        )
        body.append("</ul>")
    return _section("reflection", t("export.reflection"), body)


def _airtime(doc: _Doc) -> list[str]:
    state = doc.state
    if not state.turns:
        return []
    header = [t("airtime.name"), t("airtime.time"), t("airtime.turns"), t("airtime.passes")]
    rows = [
        [row.speaker, clock_time(row.seconds), str(row.turns), str(row.passes)]
        for row in state.airtime()
    ]
    table = _table(header, rows, frozenset({1, 2, 3}))
    return _section("airtime", t("export.airtime"), [table])


def _coaching(doc: _Doc) -> list[str]:
    body: list[str] = []
    for sheet in coaching_sheets(doc.state):
        body.append(f"<h3>{text(t('coaching.sheet_title', number=sheet.number))}</h3>")
        body.append('<ul class="sheet">')
        body.extend(
            f"<li><strong>{text(label)}:</strong> {text(value)}</li>"
            for label, value in sheet_lines(sheet)
        )
        body.append("</ul>")
        for question in FEEDBACK_QUESTIONS:
            notes = [n for n in sheet.feedback if n.question == question]
            body.append(f"<h4>{text(t(f'coaching.question.{question}'))}</h4><ul>")
            body.extend(
                f"<li><strong>{text(speaker_label(n.speaker))}:</strong> {text(n.text)}</li>"
                for n in notes
            )
            body.append("<li>—</li></ul>" if not notes else "</ul>")
    return _section("coaching", t("export.coaching"), body) if body else []


SECTIONS: tuple[Section, ...] = (
    _header,
    _carried,
    _general,
    _cards,
    _rounds,
    _decisions,
    _agreements,
    _parked,
    _reflection,
    _airtime,
    _coaching,
)


def to_html(state: SessionState, *, decks: Decks | None = None, qr_svg: str | None = None) -> str:
    """The session as a complete HTML document in the UI language. `qr_svg` is trusted SVG
    markup (the agreements' QR code, made by dialoog) shown beside the agreements."""
    doc = _Doc(state, decks, qr_svg)
    body: list[str] = []
    for section in SECTIONS:
        body.extend(section(doc))
    started = state.started
    title = title_of(state) + (f" · {started.date}" if started and started.date else "")
    long = ' class="long"' if len(state.notes) >= LONG_SESSION_NOTES else ""
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(language(), quote=True)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{escape(CSP, quote=True)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="dialoog">',
        f"<title>{text(title)}</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        f"<body{long}>",
        "<main>",
    ]
    foot = [f"<footer>{text(t('export.made_with'))}</footer>", "</main>", "</body>", "</html>"]
    return "\n".join([*head, *body, *foot]) + "\n"
