"""The mirror follows a session written by another process; serve stays on this computer."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from app import live
from app.cli import main
from app.main import DialoogApp
from app.widgets.card_view import CardView
from cards.loader import DeckLibrary
from tests.fakes import saved_bytes

ROOT = Path(__file__).resolve().parents[1]

WRITER = """
import sys
from app import live, locations
from cards.loader import load_library
from sessions.meta import SessionSetup
locations.configure(data_dir=sys.argv[1])
decks = {d.id: d for d in load_library()}
started = live.create(SessionSetup(title="Elders", participants=("Ann", "Bram")), decks, seed=1)
print(started.path, flush=True)
for line in sys.stdin:
    getattr(started.session, line.strip())()
    started.writer.flush()
    print("done", flush=True)
started.close()
"""


def writer_child(data: Path) -> subprocess.Popen[str]:
    """Another window, as a process that runs a session in `data`: its path is its first
    line out; each session command written to it is done and saved (see `tell`)."""
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def tell(child: subprocess.Popen[str], *commands: str) -> None:
    """Have the other window run `commands` on its session, each saved before the next."""
    assert child.stdin is not None and child.stdout is not None
    for command in commands:
        child.stdin.write(command + "\n")
        child.stdin.flush()
        child.stdout.readline()


async def test_mirror_follows_another_process_within_a_second(
    library: DeckLibrary, tmp_path: Path
) -> None:
    child = writer_child(tmp_path)
    try:
        path = Path(child.stdout.readline().strip())  # type: ignore[union-attr]
        before = saved_bytes(path)
        app = DialoogApp(library, mirror=path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause(0.5)
            screen = app.screen
            tell(child, "deal", "next_speaker")
            written = time.monotonic()
            while "Ann" not in str(screen.query_one("#floor").content):
                assert time.monotonic() - written < 1.0, "the mirror did not follow within 1 s"
                await asyncio.sleep(0.05)
            assert screen.session is not None and screen.session.read_only
            card = screen.session.state.card
            assert card is not None and screen.query_one(CardView).shown_text == card.text
        assert saved_bytes(path) != before  # the child wrote; the mirror only read
    finally:
        child.stdin.close()  # type: ignore[union-attr]
        child.wait(timeout=10)


async def test_the_mirror_stops_the_clock_of_a_window_that_was_killed(
    library: DeckLibrary, tmp_path: Path
) -> None:
    child = writer_child(tmp_path)
    try:
        path = Path(child.stdout.readline().strip())  # type: ignore[union-attr]
        tell(child, "deal", "next_speaker", "toggle_clock")
        app = DialoogApp(library, mirror=path)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = app.screen
            await pilot.pause(0.6)
            assert screen.session is not None and screen.session.running  # it runs on here
            status = str(screen.query_one("#mirror-status").content)
            assert "Volgt" in status
            child.kill()  # the window dies: nothing writes that its clock stopped
            child.wait(timeout=10)
            killed = time.monotonic()
            while "Geen venster" not in str(screen.query_one("#mirror-status").content):
                assert time.monotonic() - killed < 2.5, "the mirror did not notice in time"
                await asyncio.sleep(0.05)
            assert not screen.session.running
            shown = screen.session.round_clock.display()
            await pilot.pause(1.2)
            assert screen.session.round_clock.display() == shown  # the clock stands
            # a window takes the session up again: it shows the clock standing where it was
            # last saved until the facilitator starts it, and so does the mirror
            again = live.open_session(path, {d.id: d for d in library})
            try:
                taken = time.monotonic()
                while "Volgt" not in str(screen.query_one("#mirror-status").content):
                    assert time.monotonic() - taken < 2.5, "the mirror did not follow again"
                    await asyncio.sleep(0.05)
                await pilot.pause(0.3)
                assert not screen.session.running
                board = again.session.round_clock.display()
                assert screen.session.round_clock.display() == board
            finally:
                again.close()
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_binds_to_this_computer_only(tmp_path: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--font-size", "22"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 15
        page = ""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/?fontsize=22", timeout=2
                ) as r:
                    page = r.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.2)
        assert "dialoog" in page and 'data-font-size="22"' in page
        listening = subprocess.run(["ss", "-ltn"], capture_output=True, text=True).stdout
        if listening:  # where ss exists: nothing listens on all addresses
            assert f"0.0.0.0:{port}" not in listening and f"*:{port}" not in listening
    finally:
        server.terminate()
        output, errors = server.communicate(timeout=10)
    assert f"localhost:{port}/?fontsize=22" in output
    assert "netwerk" not in errors  # no warning for the local address


def test_serve_warns_for_another_address(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    served = {}

    class FakeServer:
        def __init__(self, command: str, host: str, port: int, title: str) -> None:
            served.update(command=command, host=host, port=port)

        def serve(self) -> None:
            served["served"] = True

    monkeypatch.setattr("textual_serve.server.Server", FakeServer)
    assert main(["serve", "--host", "0.0.0.0", "--port", "8123", "--mirror", "latest"]) == 0
    err = capsys.readouterr().err
    assert "Iedereen in het netwerk" in err
    assert served["host"] == "0.0.0.0" and served["served"]
    assert served["command"].endswith("mirror latest")
    assert main(["serve", "--port", "0"]) == 2


async def test_mirror_of_an_ended_session_shows_the_qr_code(library: DeckLibrary) -> None:
    from app.screens.qr import QrScreen
    from sessions.meta import SessionSetup

    started = live.create(
        SessionSetup(title="Klaar", participants=("Ann", "Bram")),
        {d.id: d for d in library},
        seed=1,
    )
    started.session.end()
    started.close()
    app = DialoogApp(library, mirror=started.path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.4)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, QrScreen)


def test_mirror_latest_is_the_session_a_window_has_open(
    library: DeckLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`dialoog mirror` follows the session running in another window, also when a session
    written to later is not open anywhere; a window that was killed does not count."""
    import json

    from app import cli, live
    from sessions.lock import lock_path
    from sessions.meta import SessionSetup

    decks = {d.id: d for d in library}
    running = live.create(SessionSetup(title="Loopt", participants=("Ann", "Bram")), decks)
    later = live.create(SessionSetup(title="Later", participants=("Ann", "Bram")), decks)
    later.session.deal()
    later.close()
    followed: list[Path] = []
    monkeypatch.setattr(cli, "_run", lambda app: followed.append(app.mirror))
    try:
        assert main(["mirror"]) == 0
    finally:
        running.close()
    assert main(["mirror"]) == 0  # closed: the latest again
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    holder = {"pid": gone.pid, "host": socket.gethostname(), "since": "2026-11-23T10:42:00"}
    lock_path(running.path).write_text(" " + json.dumps(holder), encoding="utf-8")
    assert main(["mirror"]) == 0  # its window was killed: not running
    ended = live.create(SessionSetup(title="Af", participants=("Ann", "Bram")), decks)
    ended.session.end()
    try:  # ended, but open in a window (on its QR code): that is what the room sees
        assert main(["mirror"]) == 0
    finally:
        ended.close()
    assert followed == [running.path, later.path, later.path, ended.path]


async def test_the_mirror_of_a_practice_is_its_own_screen_following_the_other_window(
    library: DeckLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A coaching practice has no card and no circle: its mirror is the coaching screen,
    read-only, and it follows the rounds the other window starts."""
    from app import cli
    from app.screens.coaching import CoachingScreen
    from sessions.meta import SessionSetup

    decks = {d.id: d for d in library}
    setup = SessionSetup(title="Triade", participants=("Ann", "Bram", "Carla"), format="coaching")
    running = live.create(setup, decks, seed=1)
    apps: list[DialoogApp] = []
    monkeypatch.setattr(cli, "_run", apps.append)
    try:
        assert main(["mirror"]) == 0
        (app,) = apps
        assert app.mirror == running.path
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause(0.3)
            assert isinstance(app.screen, CoachingScreen)  # and no set-up form: it only shows
            assert app.screen.live.read_only
            footer = " ".join(str(k.description) for k in app.screen.query("FooterKey"))
            assert "Afsluiten" in footer and "Menu" not in footer  # a mirror has no menu
            assert "Exporteer" not in footer  # no export dialog on the projector
            await pilot.press("x")
            await pilot.pause()
            assert isinstance(app.screen, CoachingScreen)
            said = [n.message for n in app._notifications]
            assert said and all(m.startswith("Dit is de spiegel") for m in said)
            roles = app.screen.query_one("#coach-roles")
            assert str(roles.content) == "Nog geen ronde."  # no key that does nothing here
            assert "spiegel" in app.screen.sub_title
            running.session.start_coaching_round("Leraar aanspreken", "Feedbackgesprek")
            assert running.writer is not None
            running.writer.flush()
            written = time.monotonic()
            while "Ronde 1" not in str(roles.content):
                assert time.monotonic() - written < 1.0, "the mirror did not follow within 1 s"
                await asyncio.sleep(0.05)
            assert "Leraar aanspreken" in str(app.screen.query_one("#coach-case").content)
            running.close()  # the practice's window closes: the header says so, and stays
            closed = time.monotonic()
            while "Geen venster" not in app.screen.sub_title:
                assert time.monotonic() - closed < 2.5, "the mirror did not say so"
                await asyncio.sleep(0.05)
            app.clear_notifications()
            await pilot.pause(0.5)
            assert "Geen venster" in app.screen.sub_title
            await pilot.press("escape")
            await pilot.pause()
            assert app.return_code == 0 and not app.is_running  # closed, not to a menu
    finally:
        running.close()


async def test_a_mirror_started_first_waits_and_goes_over_to_each_session_taken_up(
    library: DeckLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`dialoog mirror` on the projector before anything runs: it waits, shows the session a
    window starts, and goes over to the next one a window takes up (a practice on its own
    screen, and back)."""
    from app import cli
    from app.screens.coaching import CoachingScreen
    from app.screens.mirror import MirrorScreen
    from sessions.meta import SessionSetup

    decks = {d.id: d for d in library}
    apps: list[DialoogApp] = []
    monkeypatch.setattr(cli, "_run", apps.append)
    assert main(["mirror"]) == 0  # no session at all: no refusal
    (app,) = apps
    started = []

    async def shown(check, what: str) -> None:  # type: ignore[no-untyped-def]
        begun = time.monotonic()
        while not check():
            assert time.monotonic() - begun < 3.0, f"the mirror did not show {what}"
            await asyncio.sleep(0.05)

    def title_shown(title: str) -> bool:
        screen = app.screen
        return isinstance(screen, MirrorScreen) and f"‘{title}’" in str(
            screen.query_one("#mirror-status").content
        )

    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause(0.3)
            mirror = app.screen
            assert isinstance(mirror, MirrorScreen)
            assert "Wachten op een sessie" in mirror.query_one(CardView).shown_text
            assert not mirror.query_one("#clock-row").display  # no clock of no session
            for title in ("Eerste", "Tweede"):
                setup = SessionSetup(title=title, participants=("Ann", "Bram"))
                started.append(live.create(setup, decks, seed=1))
                await shown(lambda title=title: title_shown(title), title)
                assert mirror.query_one("#clock-row").display
            practice = SessionSetup(title="Triade", participants=("A", "B", "C"), format="coaching")
            started.append(live.create(practice, decks, seed=1))
            await shown(lambda: isinstance(app.screen, CoachingScreen), "the practice")
            started.pop(0).close()  # a window closes its session: the mirror stays
            await pilot.pause(1.2)
            assert isinstance(app.screen, CoachingScreen)
            started.pop().close()  # the practice's own window closes: the mirror stays on
            await pilot.pause(1.5)  # it, not back on "Tweede", still open in its window
            assert isinstance(app.screen, CoachingScreen)
            setup = SessionSetup(title="Derde", participants=("Ann", "Bram"))
            started.append(live.create(setup, decks, seed=1))
            await shown(lambda: title_shown("Derde"), "the third session")
            assert app.screen is mirror and len(app.screen_stack) == 1
    finally:
        for session in started:
            session.close()


async def test_a_board_key_on_the_mirror_says_where_the_session_is_run(
    library: DeckLibrary,
) -> None:
    from sessions.meta import SessionSetup

    running = live.create(
        SessionSetup(title="Kring", participants=("Ann", "Bram")), {d.id: d for d in library}
    )
    try:
        app = DialoogApp(library, mirror=running.path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause(0.3)
            for key in ("d", "n", "space", "d"):
                await pilot.press(key)
            await pilot.pause()
            said = [n.message for n in app._notifications]
            assert len(said) == 1 and said[0].startswith("Dit is de spiegel: die toont alleen.")
            assert running.session.state.card is None  # nothing was dealt
            await pilot.press("q")
            await pilot.pause()
            assert not app.is_running and len(app._notifications) == 1
    finally:
        running.close()
