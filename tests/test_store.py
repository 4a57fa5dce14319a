"""Session files on disk: round trips, damaged and newer files, the lock, write failures, the
writer thread and the atomic storage underneath.

Faults are real where the OS lets us make them as root: a folder that disappears, a file-size
limit (RLIMIT_FSIZE) in a child process, a lock held by a child process that is then killed.
"""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from cards.i18n import t
from cards.loader import DeckLibrary
from cards.model import Deck
from sessions import storage
from sessions.archive import holder_of, list_sessions
from sessions.events import Event, FloorGiven, to_record
from sessions.lock import SessionLock, SessionLocked
from sessions.meta import SessionSetup
from sessions.session import Session
from sessions.state import fold
from sessions.storage import write_atomically
from sessions.store import (
    SCHEMA_VERSION,
    DamagedFile,
    NewerSchema,
    SessionStore,
    StoreError,
    WriteFailed,
    load_events,
    save_copy,
    session_path,
)
from sessions.writer import Writer
from tests.fakes import FakeClock, saved_bytes

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def decks(library: DeckLibrary) -> dict[str, Deck]:
    return {deck.id: deck for deck in library}


def new_session(decks: dict[str, Deck], session_id: str = "20261121-090000-aaaa") -> Session:
    setup = SessionSetup(
        title=f"Sessie {session_id}",
        team="OBS De Linde",
        date="2026-11-21",
        participants=("Ann", "Bram", "Carla"),
        decks=("dialoogkaarten", "reflectie"),
    )
    return Session.start(setup, decks, session_id=session_id, seed=11)


def stored(
    decks: dict[str, Deck], folder: Path, session_id: str = "20261121-090000-aaaa", steps: int = 4
) -> tuple[Session, SessionStore]:
    """A session with a few steps, all in a new (open, locked) session file."""
    session = new_session(decks, session_id)
    for _ in range(steps // 2):
        session.deal()
        session.next_speaker()
    store = SessionStore.create(folder, session.events, session.state.id)
    return session, store


def tmp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def python(code: str, *args: str, **kw: Any) -> subprocess.Popen[str]:
    """A child Python with the project importable, running `code`."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kw,
    )


# -- round trip -----------------------------------------------------------------------------


def test_appends_survive_close_and_reopen(decks: dict[str, Deck], tmp_path: Path) -> None:
    session, store = stored(decks, tmp_path)
    session.sink = store.append
    session.deal()
    session.park()
    session.give_floor("Carla")
    session.undo()
    store.close()

    path = session_path(tmp_path, session.state.id)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [meta["schema"] for meta in data["meta"].values()] == [SCHEMA_VERSION]

    reopened, events = SessionStore.open(path)
    assert events == session.events
    assert fold(events, decks) == session.state

    again = Session(events, decks, sink=reopened.append)
    event = again.give_floor("Ann")
    assert event.seq == len(session.events) + 1  # numbering continues where it stopped
    again.deal()
    reopened.close()

    final = load_events(path)
    assert [e.seq for e in final] == list(range(1, len(final) + 1))
    assert final == again.events
    assert fold(final, decks) == again.state


def test_a_resumed_session_is_read_once_and_not_again_for_its_next_event(
    decks: dict[str, Deck], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is read when it opens; its first append uses that (a session of thousands
    of notes was read a second time, and held twice, at the first note written after it)."""
    _, store = stored(decks, tmp_path)
    store.close()
    reads: list[Path] = []
    read = storage._read
    monkeypatch.setattr(storage, "_read", lambda path: reads.append(path) or read(path))
    reopened, events = SessionStore.open(store.path)
    again = Session(events, decks, sink=reopened.append)
    again.give_floor("Carla")
    again.deal()
    assert reads == [store.path]
    reopened.close()  # folding the journal in reads the file (the store keeps no documents)
    assert load_events(store.path) == again.events


def test_create_refuses_to_overwrite_an_existing_file(
    decks: dict[str, Deck], tmp_path: Path
) -> None:
    session, store = stored(decks, tmp_path)
    store.close()
    before = saved_bytes(store.path)
    with pytest.raises(StoreError) as caught:
        SessionStore.create(tmp_path, session.events[:1], session.state.id)
    assert not isinstance(caught.value, WriteFailed)
    assert caught.value.message == t("store.exists", path=store.path)
    assert saved_bytes(store.path) == before


def test_healthy_sessions_are_listed_with_their_summary(
    decks: dict[str, Deck], tmp_path: Path
) -> None:
    session, store = stored(decks, tmp_path, steps=6)
    store.close()
    [summary] = list_sessions(tmp_path)
    assert not summary.damaged
    assert summary.id == session.state.id
    assert summary.title == "Sessie 20261121-090000-aaaa"
    assert summary.cards == 3
    assert summary.last_at == session.events[-1].at


def test_the_summary_counts_every_card_put_on_the_table_as_the_notes_do(
    decks: dict[str, Deck], tmp_path: Path
) -> None:
    """A card dealt, parked; the next skipped; a third; the parked one picked again: the
    notes list three cards (the skipped one too), the archive said 1 (deals and picks only)."""
    from sessions.export.common import card_notes

    session = new_session(decks, "20261121-090000-cccc")
    session.deal()
    first = session.state.card
    assert first is not None
    session.park()
    session.skip()
    session.pick(first.id)
    store = SessionStore.create(tmp_path, session.events, session.state.id)
    store.close()
    [summary] = list_sessions(tmp_path)
    assert summary.cards == len(card_notes(session.state)) == 3


# -- damaged files: reported, never written to ---------------------------------------------


def _good_record(decks: dict[str, Deck], tmp_path: Path) -> dict[str, Any]:
    folder = tmp_path / "source"
    _, store = stored(decks, folder, "source")
    store.close()
    data: dict[str, Any] = json.loads(store.path.read_text(encoding="utf-8"))
    return data


def _as_bytes(data: Any) -> bytes:
    return json.dumps(data).encode("utf-8")


def _truncated(data: dict[str, Any]) -> bytes:
    text = _as_bytes(data)
    return text[: len(text) * 2 // 3]


def _unknown_type(data: dict[str, Any]) -> bytes:
    data["events"]["2"]["type"] = "CardFlipped"
    return _as_bytes(data)


def _wrong_field_type(data: dict[str, Any]) -> bytes:
    data["events"]["2"]["seq"] = "2"
    return _as_bytes(data)


def _participants_not_a_list(data: dict[str, Any]) -> bytes:
    data["events"]["1"]["participants"] = "Ann, Bram"
    return _as_bytes(data)


def _missing_field(data: dict[str, Any]) -> bytes:
    del data["events"]["2"]["deck_id"]
    return _as_bytes(data)


def _unknown_field(data: dict[str, Any]) -> bytes:
    data["events"]["3"]["mood"] = "blij"
    return _as_bytes(data)


def _event_not_an_object(data: dict[str, Any]) -> bytes:
    data["events"]["3"] = "kapot"
    return _as_bytes(data)


def _out_of_order(data: dict[str, Any]) -> bytes:
    events = data["events"]
    events["2"]["seq"], events["3"]["seq"] = events["3"]["seq"], events["2"]["seq"]
    return _as_bytes(data)


def _gap(data: dict[str, Any]) -> bytes:
    del data["events"]["3"]
    return _as_bytes(data)


def _no_start(data: dict[str, Any]) -> bytes:
    data["events"] = {}
    return _as_bytes(data)


def _no_meta(data: dict[str, Any]) -> bytes:
    del data["meta"]
    return _as_bytes(data)


def _events_a_list(data: dict[str, Any]) -> bytes:
    data["events"] = list(data["events"].values())
    return _as_bytes(data)


def _schema_text(data: dict[str, Any]) -> bytes:
    data["meta"]["1"]["schema"] = "1"
    return _as_bytes(data)


DAMAGE: dict[str, tuple[Callable[[dict[str, Any]], bytes], str]] = {
    "truncated": (_truncated, "geen geldige JSON"),
    "not json": (lambda _: b"Dit is geen sessie.\n", "geen geldige JSON"),
    "empty": (lambda _: b"", "het bestand is leeg"),
    "only whitespace": (lambda _: b" \n\n ", "het bestand is leeg"),
    "not utf-8": (lambda _: b'{"meta": "\xff\xfe"}', "geen UTF-8-tekst"),
    "a list": (lambda data: _as_bytes([data]), "onverwachte opbouw"),
    "missing meta": (_no_meta, "onverwachte opbouw"),
    "schema as text": (_schema_text, "onverwachte opbouw"),
    "events as a list": (_events_a_list, "onverwachte opbouw"),
    "no start": (_no_start, "geen begin"),
    "unknown event type": (_unknown_type, "gebeurtenis 2 is onleesbaar"),
    "wrong field type": (_wrong_field_type, "gebeurtenis 2 is onleesbaar"),
    "participants not a list": (_participants_not_a_list, "gebeurtenis 1 is onleesbaar"),
    "missing field": (_missing_field, "gebeurtenis 2 is onleesbaar"),
    "unknown field": (_unknown_field, "gebeurtenis 3 is onleesbaar"),
    "event not an object": (_event_not_an_object, "gebeurtenis 3 is onleesbaar"),
    "out-of-order seq": (_out_of_order, "gebeurtenis 2 staat niet op zijn plaats"),
    "missing event": (_gap, "gebeurtenis 3 staat niet op zijn plaats"),
}


@pytest.mark.parametrize("case", list(DAMAGE))
def test_damaged_files_are_reported_and_left_alone(
    case: str, decks: dict[str, Deck], tmp_path: Path
) -> None:
    damage, problem = DAMAGE[case]
    folder = tmp_path / "data"
    healthy, store = stored(decks, folder, "20261121-090000-good")
    store.close()
    bad = session_path(folder, "20261121-100000-bad0")
    content = damage(_good_record(decks, tmp_path))
    bad.write_bytes(content)

    with pytest.raises(DamagedFile) as caught:
        load_events(bad)
    assert problem in caught.value.message
    assert caught.value.path == bad

    with pytest.raises(DamagedFile) as opened:
        SessionStore.open(bad)
    assert opened.value.message == caught.value.message
    with pytest.raises(DamagedFile):  # the failed open let go of the lock
        SessionStore.open(bad)
    with pytest.raises(StoreError):
        SessionStore.create(folder, healthy.events[:1], "20261121-100000-bad0")
    assert bad.read_bytes() == content

    listed = {s.id: s for s in list_sessions(folder)}
    assert set(listed) == {"20261121-090000-good", "20261121-100000-bad0"}
    assert listed["20261121-100000-bad0"].damaged
    assert listed["20261121-100000-bad0"].problem == caught.value.message
    good = listed["20261121-090000-good"]
    assert not good.damaged and good.title == "Sessie 20261121-090000-good"
    assert bad.read_bytes() == content


@pytest.mark.parametrize("kind", ["no journal name", "journal not folded in", "lone surrogate"])
def test_a_session_opened_and_closed_without_a_change_is_not_written(
    kind: str, decks: dict[str, Deck], tmp_path: Path
) -> None:
    """Opening a session reads it; only a session that got a new event is written back (a
    file from elsewhere, or one a crash left with its journal, stays byte for byte)."""
    data = _good_record(decks, tmp_path)
    data.pop("_journal", None)
    path = session_path(tmp_path, "20261122-090000-kept")
    files = {path: _as_bytes(data)}
    if kind == "journal not folded in":
        data["_journal"] = "abc"
        files[path] = _as_bytes(data)
        event = {**data["events"]["2"], "seq": len(data["events"]) + 1}
        record = {"t": "events", "id": str(event["seq"]), "doc": event}
        files[storage.journal_path(path)] = (
            json.dumps({"journal": "abc"}) + "\n" + json.dumps(record) + "\n"
        ).encode("utf-8")
    if kind == "lone surrogate":  # JSON escapes one; UTF-8 cannot hold it
        data["events"]["1"]["title"] = "a\ud800"
        files[path] = _as_bytes(data)
    for file, content in files.items():
        file.write_bytes(content)
    store, _ = SessionStore.open(path)
    store.close()
    assert {file: file.read_bytes() for file in files} == files
    again, _ = SessionStore.open(path)  # closing let go of the lock
    again.close()


def test_a_session_file_with_more_than_tinydbs_tables_is_not_written_to(
    decks: dict[str, Deck], tmp_path: Path
) -> None:
    """Its events load, but the rest would be changed or lost by the first write: it is opened
    read-only only, and left as it is."""
    data = _good_record(decks, tmp_path)
    data["extra"] = ["not", "a", "table"]
    path = session_path(tmp_path, "20261122-090000-more")
    path.write_bytes(content := _as_bytes(data))
    with pytest.raises(DamagedFile) as refused:
        SessionStore.open(path)
    assert refused.value.message == t("store.damaged.shape")
    viewer, events = SessionStore.open(path, read_only=True)
    viewer.close()
    assert len(events) == len(data["events"])
    assert path.read_bytes() == content


def test_a_deeply_nested_file_is_reported_as_damaged(
    decks: dict[str, Deck], tmp_path: Path
) -> None:
    """Nesting deeper than the JSON parser's recursion limit is damage like any other: the
    archive must still list the folder, with this file marked as damaged."""
    _, store = stored(decks, tmp_path, "20261121-090000-good")
    store.close()
    bad = session_path(tmp_path, "20261121-100000-deep")
    content = b'{"meta": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    bad.write_bytes(content)

    with pytest.raises(DamagedFile):
        load_events(bad)
    listed = {s.id: s for s in list_sessions(tmp_path)}
    assert listed["20261121-100000-deep"].damaged
    assert not listed["20261121-090000-good"].damaged
    assert bad.read_bytes() == content


def test_a_newer_schema_is_refused_by_name(decks: dict[str, Deck], tmp_path: Path) -> None:
    data = _good_record(decks, tmp_path)
    data["meta"]["1"]["schema"] = 99
    path = session_path(tmp_path, "20261121-100000-new0")
    content = _as_bytes(data)
    path.write_bytes(content)

    with pytest.raises(NewerSchema) as caught:
        load_events(path)
    assert "schema 99" in caught.value.message
    assert caught.value.message == t("store.newer", version=99, ours=SCHEMA_VERSION)
    with pytest.raises(NewerSchema):
        SessionStore.open(path)
    with pytest.raises(NewerSchema):
        SessionStore.open(path, read_only=True)
    [summary] = [s for s in list_sessions(tmp_path) if s.id == "20261121-100000-new0"]
    assert summary.problem == caught.value.message
    assert path.read_bytes() == content


# -- one writer per session -----------------------------------------------------------------


def test_a_second_writer_in_this_process_is_locked_out(
    decks: dict[str, Deck], tmp_path: Path
) -> None:
    session, store = stored(decks, tmp_path)
    path = store.path
    before = saved_bytes(path)
    now = datetime.now()

    with pytest.raises(SessionLocked) as caught:
        SessionStore.open(path)
    holder = caught.value.holder
    assert holder is not None
    assert holder.pid == os.getpid()
    assert re.fullmatch(r"\d\d:\d\d", holder.since_time)
    allowed = {(now + timedelta(minutes=d)).strftime("%H:%M") for d in (-1, 0, 1)}
    assert holder.since_time in allowed
    assert holder_of(path) == holder.since_time
    with pytest.raises(SessionLocked):  # the refused attempt did not undo the first lock
        SessionStore.open(path)

    viewer, events = SessionStore.open(path, read_only=True)
    assert events == session.events
    with pytest.raises(StoreError) as refused:
        viewer.append(FloorGiven(seq=len(events) + 1, at="2026-11-21T09:00:00.000Z", speaker="A"))
    assert refused.value.message == t("session.read_only")
    viewer.close()
    assert saved_bytes(path) == before

    store.close()
    assert holder_of(path) == ""  # nobody holds it now
    again, _ = SessionStore.open(path)
    again.close()


def _child_holding_lock(path: Path) -> subprocess.Popen[str]:
    child = python(
        """
        import sys, time
        from pathlib import Path
        from sessions.lock import SessionLock
        SessionLock(Path(sys.argv[1])).acquire()
        print("ready", flush=True)
        time.sleep(60)
        """,
        str(path),
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    if line.strip() != "ready":
        child.kill()
        _, err = child.communicate()
        pytest.fail(f"lock child did not start: {line!r} {err}")
    return child


def test_a_lock_held_by_another_process_is_seen_and_freed_when_it_dies(
    decks: dict[str, Deck], tmp_path: Path
) -> None:
    session, store = stored(decks, tmp_path)
    store.close()
    path = store.path
    child = _child_holding_lock(path)
    try:
        with pytest.raises(SessionLocked) as caught:
            SessionStore.open(path)
        assert caught.value.holder is not None
        assert caught.value.holder.pid == child.pid
        viewer, events = SessionStore.open(path, read_only=True)
        assert events == session.events
        viewer.close()
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=10)
    assert child.returncode == -signal.SIGKILL

    store, events = SessionStore.open(path)  # the OS let go of the dead process's lock
    assert events == session.events
    with pytest.raises(SessionLocked) as mine:
        SessionLock(path).acquire()
    assert mine.value.holder is not None and mine.value.holder.pid == os.getpid()
    store.close()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_a_window_killed_a_moment_ago_does_not_count_as_open(
    decks: dict[str, Deck], tmp_path: Path
) -> None:
    """Killed and not yet reaped by its parent, the process is still there to signal 0:
    "resume" took its session for one open in another window, and opened an older one."""
    from sessions.lock import open_in_a_window

    _, store = stored(decks, tmp_path)
    store.close()
    child = _child_holding_lock(store.path)
    try:
        assert open_in_a_window(store.path)
        child.send_signal(signal.SIGKILL)
        deadline = time.monotonic() + 10
        stat = Path(f"/proc/{child.pid}/stat")
        while stat.read_text().rpartition(")")[2].split()[0] != "Z":  # ended, not reaped
            assert time.monotonic() < deadline
            time.sleep(0.01)
        os.kill(child.pid, 0)  # still there to signal 0
        assert not open_in_a_window(store.path)
    finally:
        child.kill()
        child.communicate(timeout=10)


# -- the disk refuses a write ---------------------------------------------------------------


def test_a_folder_that_disappears_fails_the_append_and_keeps_the_last_good_file(
    decks: dict[str, Deck], tmp_path: Path
) -> None:
    folder = tmp_path / "stick"
    session, store = stored(decks, folder)
    before = saved_bytes(store.path)
    moved = tmp_path / "elsewhere"
    folder.rename(moved)  # as if the USB stick was pulled: the path is gone

    event = session.deal()
    with pytest.raises(WriteFailed) as caught:
        store.append(event)
    assert caught.value.errno == errno.ENOENT
    assert caught.value.message == t("store.write.gone", path=folder)
    assert str(folder) in caught.value.message
    assert not folder.exists()
    assert saved_bytes(moved / store.path.name) == before
    assert tmp_files(moved) == []
    store.close()


def test_the_writer_keeps_what_it_could_not_write_and_a_copy_saves_it_all(
    decks: dict[str, Deck], tmp_path: Path
) -> None:
    folder = tmp_path / "stick"
    session, store = stored(decks, folder)
    before = saved_bytes(store.path)
    errors: list[tuple[StoreError, int]] = []
    reported = threading.Event()
    saved: list[int] = []

    def on_error(error: StoreError, waiting: int) -> None:
        errors.append((error, waiting))
        reported.set()

    writer = Writer(store, on_error=on_error, on_saved=saved.append)
    session.sink = writer
    session.deal()
    assert writer.flush()
    assert saved == [session.events[-1].seq]
    written = saved_bytes(store.path)
    assert written != before

    folder.rename(tmp_path / "elsewhere")
    session.deal()
    assert not writer.flush()
    assert reported.wait(5)
    session.next_speaker()
    session.give_floor("Carla")
    assert not writer.flush()
    assert writer.pending == 3
    assert isinstance(writer.failed, WriteFailed)
    assert writer.failed.message == t("store.write.gone", path=folder)
    assert len(errors) == 1  # reported once, not once per event
    assert errors[0][0].message == writer.failed.message
    assert saved_bytes(tmp_path / "elsewhere" / store.path.name) == written

    other = tmp_path / "home"
    copy = save_copy(session.events, other, session.state.id)
    writer.move_to(copy, holds=session.events[-1].seq)
    assert writer.pending == 0 and writer.failed is None
    session.deal()
    assert writer.flush()
    writer.close()

    events = load_events(session_path(other, session.state.id))
    assert events == session.events
    assert fold(events, decks) == session.state
    assert len(errors) == 1


def test_a_full_disk_is_named_and_the_store_recovers_when_space_returns(
    decks: dict[str, Deck], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session, store = stored(decks, tmp_path)
    before = saved_bytes(store.path)

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    event = session.deal()
    with monkeypatch.context() as patch:
        patch.setattr("sessions.storage.os.fsync", full)
        with pytest.raises(WriteFailed) as caught:
            store.append(event)
    assert "De schijf is vol" in caught.value.message
    assert saved_bytes(store.path) == before
    assert tmp_files(tmp_path) == []

    store.append(event)  # the same event again, now that there is room
    store.append(session.next_speaker())
    store.close()
    events = load_events(store.path)
    assert events == session.events
    assert [e.seq for e in events] == list(range(1, len(events) + 1))


FILE_SIZE_CHILD = """
    import json, resource, sys, threading
    from pathlib import Path
    from cards.loader import load_library
    from sessions.session import Session
    from sessions.store import SessionStore, WriteFailed, ignore_file_size_signal, save_copy
    from sessions.writer import Writer

    path, other = Path(sys.argv[1]), Path(sys.argv[2])
    decks = {deck.id: deck for deck in load_library()}
    store, events = SessionStore.open(path)
    session = Session(events, decks)
    ignore_file_size_signal()
    limit = path.stat().st_size + 1500
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

    acknowledged = [e.seq for e in events]
    message = ""
    for _ in range(1000):
        event = session.next_speaker()
        try:
            store.append(event)
        except WriteFailed as error:
            message = error.message
            break
        acknowledged.append(event.seq)

    # the writer on the same store: the failed event and two more stay in memory
    errors = []
    reported = threading.Event()
    def on_error(error, waiting):
        errors.append(error.message)
        reported.set()
    writer = Writer(store, on_error=on_error)
    writer(session.events[-1])
    writer(session.next_speaker())
    writer(session.next_speaker())
    flushed = writer.flush()
    reported.wait(5)
    pending = writer.pending

    # the facilitator saves a copy somewhere without the limit
    resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    writer.move_to(save_copy(session.events, other, path.stem), holds=session.events[-1].seq)
    writer.close()
    print(json.dumps({
        "message": message,
        "acknowledged": acknowledged,
        "limit": limit,
        "flushed": flushed,
        "pending": pending,
        "errors": errors,
        "total": len(session.events),
    }))
"""


def test_a_file_size_limit_fails_the_write_and_keeps_the_file_whole(
    decks: dict[str, Deck], tmp_path: Path
) -> None:
    folder, other = tmp_path / "data", tmp_path / "copy"
    session, store = stored(decks, folder)
    store.close()
    child = python(FILE_SIZE_CHILD, str(store.path), str(other))
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    report = json.loads(out)

    assert "te groot" in report["message"]
    assert report["message"].startswith(t("store.write.too_big", detail="").split("(")[0])
    acknowledged = report["acknowledged"]
    assert len(acknowledged) > len(session.events)  # some appends fitted under the limit
    events = load_events(store.path)
    assert [e.seq for e in events] == acknowledged
    assert events[: len(session.events)] == session.events
    assert store.path.stat().st_size <= report["limit"]
    assert tmp_files(folder) == []

    assert report["flushed"] is False
    assert report["pending"] == 3
    assert len(report["errors"]) == 1 and "te groot" in report["errors"][0]
    copied = load_events(session_path(other, store.path.stem))
    assert len(copied) == report["total"]
    assert copied[: len(events)] == events
    assert [e.seq for e in copied] == list(range(1, report["total"] + 1))
    fold(copied, decks)


# -- the writer thread ----------------------------------------------------------------------


def test_the_writer_keeps_order_over_many_events(decks: dict[str, Deck], tmp_path: Path) -> None:
    session, store = stored(decks, tmp_path)
    saved: list[int] = []
    writer = Writer(store, on_saved=saved.append)
    session.sink = writer
    first_new = len(session.events) + 1
    for n in range(500):
        dealer = session.state.dealer
        if n % 5:
            session.next_speaker()
        elif dealer is None or dealer.remaining:
            session.deal()
        else:
            session.reshuffle(n)
    assert writer.flush(timeout=60)
    assert writer.pending == 0
    assert load_events(store.path) == session.events
    assert saved == list(range(first_new, len(session.events) + 1))
    writer.close()


def test_closing_the_writer_writes_what_is_queued(decks: dict[str, Deck], tmp_path: Path) -> None:
    session, store = stored(decks, tmp_path)
    writer = Writer(store)
    session.sink = writer
    for _ in range(30):
        session.next_speaker()
    writer.close()
    assert not store.lock or not store.lock.held
    assert load_events(store.path) == session.events
    again, _ = SessionStore.open(store.path)  # close let go of the lock too
    again.close()


class HeldUp:
    """A store whose writes wait for `go`, as on a disk that hangs; notes whether it was
    closed while a write was still under way."""

    def __init__(self, store: SessionStore, fail: Exception | None = None) -> None:
        self.store = store
        self.path = store.path
        self.fail = fail  # raised by the held-up write, once
        self.go = threading.Event()
        self.writing = threading.Event()
        self.closed_while_writing = False
        self.closed = threading.Event()

    def append(self, event: Event) -> None:
        self.writing.set()
        self.go.wait(10)
        try:
            if self.fail is not None:
                fail, self.fail = self.fail, None
                raise fail
            self.store.append(event)
        finally:
            self.writing.clear()

    def close(self) -> None:
        self.closed_while_writing = self.writing.is_set()
        self.store.close()
        self.closed.set()


def a_write_held_up(
    session: Session, held: HeldUp, errors: list[StoreError] | None = None
) -> Writer:
    """A writer on `held`, the session's sink, with a deal under way that the disk holds up
    (the failures it reports go to `errors`)."""
    report = None if errors is None else lambda error, _: errors.append(error)
    writer = Writer(held, on_error=report)  # type: ignore[arg-type]
    session.sink = writer
    session.deal()
    assert held.writing.wait(5)
    return writer


def test_a_writer_closed_while_the_disk_hangs_closes_the_store_after_the_write(
    decks: dict[str, Deck], tmp_path: Path
) -> None:
    session, store = stored(decks, tmp_path)
    held = HeldUp(store)
    writer = a_write_held_up(session, held)
    session.next_speaker()
    session.deal()  # two more, queued behind the write the disk holds up

    assert writer.close(timeout=0.1) is False  # the facilitator is not kept waiting
    assert not held.closed.is_set() and store.lock and store.lock.held
    held.go.set()
    assert held.closed.wait(5)
    assert not held.closed_while_writing  # folding under the write could drop it
    assert load_events(store.path) == session.events  # the queued ones too
    assert not store.lock.held


def test_a_failure_on_the_store_left_for_a_copy_is_not_the_copys(
    decks: dict[str, Deck], tmp_path: Path
) -> None:
    session, store = stored(decks, tmp_path / "stick")
    gone = OSError(errno.ENOENT, os.strerror(errno.ENOENT))
    held = HeldUp(store, fail=WriteFailed(store.path, gone))
    errors: list[StoreError] = []
    writer = a_write_held_up(session, held, errors)

    copy = save_copy(session.events, tmp_path / "home", session.state.id)
    writer.move_to(copy, holds=session.events[-1].seq)
    session.next_speaker()
    held.go.set()  # the old disk's write fails now, after the copy took over
    assert writer.flush()
    assert errors == [] and writer.failed is None
    assert writer.close()
    assert load_events(session_path(tmp_path / "home", session.state.id)) == session.events


def test_an_unexpected_error_in_a_write_is_reported_and_keeps_the_event(
    decks: dict[str, Deck], tmp_path: Path
) -> None:
    session, store = stored(decks, tmp_path)
    held = HeldUp(store, fail=RuntimeError("kapot"))
    held.go.set()
    errors: list[tuple[StoreError, int]] = []
    reported = threading.Event()

    def on_error(error: StoreError, waiting: int) -> None:
        errors.append((error, waiting))
        reported.set()

    writer = Writer(held, on_error=on_error)  # type: ignore[arg-type]
    session.sink = writer
    session.deal()
    assert reported.wait(5)
    assert "RuntimeError: kapot" in errors[0][0].message and errors[0][1] == 1
    assert writer.pending == 1
    assert store.lock and store.lock.held  # the session is still ours, nothing was closed
    session.next_speaker()  # the next event tries again, and both are written
    deadline = time.monotonic() + 5
    while writer.pending and time.monotonic() < deadline:
        time.sleep(0.01)
    assert writer.pending == 0 and writer.failed is None
    assert writer.close()
    assert load_events(store.path) == session.events


def test_a_failure_after_the_session_was_left_is_not_reported(
    decks: dict[str, Deck], tmp_path: Path
) -> None:
    session, store = stored(decks, tmp_path)
    held = HeldUp(store, fail=RuntimeError("kapot"))
    errors: list[StoreError] = []
    writer = a_write_held_up(session, held, errors)
    assert writer.close(timeout=0.1) is False
    held.go.set()
    assert held.closed.wait(5)  # the write failed, the thread gave up and closed the store
    assert errors == []  # no dialog over the menu for a session already left


def test_steps_taken_while_the_copy_is_written_go_into_the_copy(
    decks: dict[str, Deck], tmp_path: Path
) -> None:
    folder = tmp_path / "stick"
    session, store = stored(decks, folder)
    writer = Writer(store)
    session.sink = writer
    for item in folder.iterdir():
        item.unlink()
    folder.rmdir()
    session.deal()
    assert not writer.flush()
    copy = save_copy(session.events, tmp_path / "home", session.state.id)
    holds = session.events[-1].seq
    session.next_speaker()  # taken after the copy read the events, before it took over
    writer.move_to(copy, holds=holds)
    assert writer.flush() and writer.close()
    assert load_events(copy.path) == session.events  # no step lost, none twice, in order


def test_a_copy_saved_after_the_writer_closed_lets_go_of_its_file(
    decks: dict[str, Deck], tmp_path: Path
) -> None:
    session, store = stored(decks, tmp_path / "stick")
    writer = Writer(store)
    writer.close()
    copy = save_copy(session.events, tmp_path / "home", session.state.id)
    writer.move_to(copy, holds=session.events[-1].seq)
    assert copy.lock is not None and not copy.lock.held


def test_a_store_left_for_a_copy_is_closed_after_the_write_under_way(
    decks: dict[str, Deck], tmp_path: Path
) -> None:
    session, store = stored(decks, tmp_path / "stick")
    held = HeldUp(store)
    writer = a_write_held_up(session, held)

    copy = save_copy(session.events, tmp_path / "home", session.state.id)
    writer.move_to(copy, holds=session.events[-1].seq)
    session.next_speaker()
    assert writer.flush(1)  # the copy goes on at once, whatever the old disk does
    assert writer.close(1)  # and closes without waiting for it
    assert load_events(copy.path) == session.events
    assert copy.lock is not None and not copy.lock.held
    assert not held.closed.is_set()
    held.go.set()  # the write on the old disk returns: then the old store is closed
    assert held.closed.wait(5)
    assert not held.closed_while_writing


# -- atomic storage -------------------------------------------------------------------------


def test_atomic_writes_leave_only_the_file(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    for n in range(3):
        write_atomically(path, f'{{"n": {n}, "tekst": "één"}}')
    assert json.loads(path.read_text(encoding="utf-8")) == {"n": 2, "tekst": "één"}
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]


def test_a_failed_replace_keeps_the_old_file_and_no_temp_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.json"
    write_atomically(path, "oud")

    def refuse(*_: object) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr("sessions.atomic.os.replace", refuse)
    with pytest.raises(OSError):
        write_atomically(path, "nieuw")
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == "oud"
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]


def test_a_file_written_in_pieces_is_whole_or_not_there(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    write_atomically(path, "oud")

    def pieces_then_a_failure() -> Iterator[str]:
        yield "nie"
        raise OSError(errno.EIO, "I/O error")

    with pytest.raises(OSError):
        write_atomically(path, pieces_then_a_failure())
    assert path.read_text(encoding="utf-8") == "oud"
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]
    write_atomically(path, iter(["nie", "uw ", "één"]))
    assert path.read_text(encoding="utf-8") == "nieuw één"


def test_a_real_failed_replace_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "s.json"
    target.mkdir()  # a folder where the file should go: os.replace fails for real
    (target / "binnen").write_text("blijft", encoding="utf-8")
    with pytest.raises(OSError):
        write_atomically(target, "nieuw")
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]
    assert (target / "binnen").read_text(encoding="utf-8") == "blijft"


def test_an_event_record_is_plain_json(decks: dict[str, Deck], tmp_path: Path) -> None:
    session, store = stored(decks, tmp_path)
    store.close()
    data = json.loads(store.path.read_text(encoding="utf-8"))
    records = [data["events"][str(n)] for n in range(1, len(session.events) + 1)]
    expected: list[dict[str, Any]] = [to_record(e) for e in session.events]
    assert records == expected
    assert all(isinstance(e, Event) for e in load_events(store.path))


def test_a_loaded_session_keeps_one_copy_of_each_repeated_name(
    decks: dict[str, Deck], tmp_path: Path
) -> None:
    """A session file gives every event its own copy of "Ann" and "perspective"; loaded, the
    events share one (memory for sessions of thousands of notes), and the texts are intact."""
    from sessions.events import NoteRecorded
    from sessions.notes import Draft

    session = new_session(decks, "20261122-100000-aaaa")
    session.deal()
    for number in range(3):
        session.record(Draft("perspective", f"Mening {number}", "Ann"))
    store = SessionStore.create(tmp_path, session.events, session.state.id)
    store.close()
    notes = [e for e in load_events(store.path) if isinstance(e, NoteRecorded)]
    assert [n.text for n in notes] == ["Mening 0", "Mening 1", "Mening 2"]
    assert len({id(n.speaker) for n in notes}) == 1
    assert len({id(n.kind) for n in notes}) == 1
    assert len({id(n.text) for n in notes}) == 3  # what was said is never merged
    assert [to_record(e) for e in load_events(store.path)] == [to_record(e) for e in session.events]


def test_an_undo_that_left_the_clocks_alone_is_written_as_before(
    decks: dict[str, Deck], tmp_path: Path
) -> None:
    """`Undone.clock` is newer than the first files: an undo of a note (the clocks as they
    were) is written without it, so the file still opens in a version from before it; an
    undo that set the clocks writes them, and both read back as they were."""
    from sessions.events import Undone
    from sessions.notes import Draft

    fake = FakeClock()
    setup = SessionSetup(title="Klok", participants=("Ann", "Bram"), turn_seconds=60)
    session = Session.start(setup, decks, seed=1, now=fake, clock=fake.wall)
    session.deal()
    session.toggle_clock()
    fake.advance(5)
    session.record(Draft("perspective", "Iets", "Ann"))
    session.undo()  # the note: the clocks run on as they are
    fake.advance(5)
    session.next_speaker()
    fake.advance(5)
    session.undo()  # the floor: the clocks as they stood when it was given
    store = SessionStore.create(tmp_path, session.events, session.state.id)
    store.close()
    written = json.loads(store.path.read_text(encoding="utf-8"))["events"]
    undos = [r for r in written.values() if r["type"] == "Undone"]
    assert ["clock" in record for record in undos] == [False, True]
    loaded = load_events(store.path)
    assert loaded == session.events
    assert [e.clock != () for e in loaded if isinstance(e, Undone)] == [False, True]


def test_resume_takes_the_latest_session_no_window_has_open(
    decks: dict[str, Deck], tmp_path: Path
) -> None:
    """ "Hervat" and `dialoog resume` took the session another window had open (and then
    offered to watch it), not the one the facilitator had just closed."""
    from sessions.archive import latest_unfinished

    folder = tmp_path / "data"
    _, store = stored(decks, folder, "20261121-090000-clos")
    store.close()
    _, running = stored(decks, folder, "20261121-100000-open")  # later, still open
    try:
        found = latest_unfinished(folder)
        assert found is not None and found.id == "20261121-090000-clos"
    finally:
        running.close()
    found = latest_unfinished(folder)  # closed too: the latest again
    assert found is not None and found.id == "20261121-100000-open"
