"""The journal storage under TinyDB: it behaves as TinyDB's own storage does, appends cost one
line, and what a crash can leave behind (a torn last line, a stale journal) loses nothing and
brings nothing back from the dead."""

from __future__ import annotations

import errno
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import TinyDB
from tinydb.operations import add
from tinydb.storages import JSONStorage
from tinydb.table import Document

from cards.i18n import t
from cards.loader import DeckLibrary
from sessions import storage
from sessions.meta import SessionSetup
from sessions.session import Session
from sessions.storage import JournalDB, JournalStorage, journal_path, read_tables
from sessions.store import DamagedFile, SessionStore, WriteFailed, load_events

KEEP_DOCUMENTS = [True]  # how `open_db` makes its storage (set for each test below)


@pytest.fixture(autouse=True, params=[True, False], ids=["documents-kept", "ids-only"])
def keep_documents(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Every test here runs with a storage that keeps the documents it read and wrote, and with
    one that keeps only their ids (the session store's: it reads the files for the rest)."""
    monkeypatch.setattr(sys.modules[__name__], "KEEP_DOCUMENTS", [request.param])
    return bool(request.param)


def open_db(path: Path, kind: type[TinyDB] = JournalDB, **options: Any) -> TinyDB:
    """The database as the store opens it (`JournalDB`: its insert appends the new document
    alone), or TinyDB itself on the same storage (every write passes the whole database)."""
    options.setdefault("keep_documents", KEEP_DOCUMENTS[0])
    return kind(path, storage=JournalStorage, **options)


def contents(db: TinyDB) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    return {
        name: sorted((doc.doc_id, dict(doc)) for doc in db.table(name).all())
        for name in sorted(db.tables())
    }


def test_an_insert_appends_one_line_and_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    db = open_db(path)
    db.table("events").insert({"n": 0})  # the first write makes the file and its journal
    snapshot = path.read_bytes()
    journal = journal_path(path).read_bytes()
    for n in range(1, 4):
        db.table("events").insert({"n": n, "tekst": "één 🙂"})
    assert path.read_bytes() == snapshot
    added = journal_path(path).read_bytes()[len(journal) :].decode("utf-8").splitlines()
    assert [json.loads(line)["doc"]["n"] for line in added] == [1, 2, 3]
    db.close()
    again = open_db(path)
    assert [doc["n"] for doc in again.table("events").all()] == [0, 1, 2, 3]
    again.close()


def test_an_insert_passes_the_storage_the_new_document_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TinyDB's own insert reads every document and writes them all back: at 2,000 events
    that held the writer thread, and the interpreter, for a millisecond and a half a note."""
    path = tmp_path / "s.json"
    db = open_db(path)
    events = db.table("events")
    assert events.insert({"n": 0}) == 1  # no file yet: written whole, with its journal
    events.insert(Document({"n": 9}, doc_id=9))
    passed_whole: list[str] = []
    for method in ("read", "write"):
        real = getattr(JournalStorage, method)

        def counted(self: JournalStorage, *args: Any, _m: str = method, _r: Any = real) -> Any:
            passed_whole.append(_m)
            return _r(self, *args)

        monkeypatch.setattr(JournalStorage, method, counted)
    journal = journal_path(path).read_bytes()
    assert events.insert(Document({"n": 10}, doc_id=10)) == 10  # the store's way: its number
    assert events.insert(Document({"n": 11}, doc_id=11)) == 11
    assert passed_whole == []
    assert events.insert({"n": 12}) == 12  # the next free id: looked up once, as TinyDB does
    assert passed_whole == ["read"]
    assert events.insert({"n": 13}) == 13
    assert passed_whole == ["read"]
    added = journal_path(path).read_bytes()[len(journal) :].decode("utf-8").splitlines()
    assert [json.loads(line)["doc"]["n"] for line in added] == [10, 11, 12, 13]

    with pytest.raises(ValueError, match="ID 11 already exists"):
        events.insert(Document({"n": -1}, doc_id=11))
    assert len(journal_path(path).read_bytes().splitlines()) == len(journal.splitlines()) + 4
    assert events.get(doc_id=11) == {"n": 11}  # TinyDB's query cache saw the insert
    db.close()
    assert sorted(d["n"] for d in read_tables(path)["events"].values()) == [0, 9, 10, 11, 12, 13]


def test_the_journal_name_is_no_table_to_insert_into(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    db = open_db(path)
    db.table("events").insert({"n": 0})
    with pytest.raises(ValueError, match="_journal"):
        db.table("_journal").insert({"n": 1})
    db.close()
    assert [d["n"] for d in open_db(path).table("events").all()] == [0]


def test_an_insert_a_read_only_storage_refuses_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    db = open_db(path)
    db.table("events").insert({"n": 0})
    db.close()
    before = path.read_bytes(), journal_path(path).read_bytes()
    reader = open_db(path, read_only=True)
    with pytest.raises(PermissionError):
        reader.table("events").insert({"n": 1})
    assert (path.read_bytes(), journal_path(path).read_bytes()) == before


def test_updates_removals_and_drops_are_kept_across_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    db = open_db(path)
    events = db.table("events")
    events.insert_multiple({"n": n, "tags": []} for n in range(5))
    events.update({"n": 10}, doc_ids=[2])
    events.update(add("tags", ["x"]), doc_ids=[3])  # TinyDB's operation assigns the new list
    events.remove(doc_ids=[1])
    db.table("other").insert({"a": 1})
    db.drop_table("other")
    expected = contents(db)
    db.close()
    again = open_db(path)
    assert contents(again) == expected
    assert [doc["n"] for doc in again.table("events").all()] == [10, 2, 3, 4]
    assert again.table("events").get(doc_id=3)["tags"] == ["x"]
    again.close()


OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("insert"), st.integers(0, 9)),
        st.tuples(st.just("many"), st.integers(1, 4)),
        st.tuples(st.just("update"), st.integers(1, 12)),
        st.tuples(st.just("remove"), st.integers(1, 12)),
        st.tuples(st.just("truncate"), st.just(0)),
        st.tuples(st.just("other"), st.integers(0, 9)),
        st.tuples(st.just("reopen"), st.just(0)),
    ),
    max_size=40,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations=OPERATIONS, kind=st.sampled_from([JournalDB, TinyDB]))
def test_the_journal_storage_agrees_with_tinydbs_own_json_storage(
    operations: list[tuple[str, int]],
    kind: type[TinyDB],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    folder = tmp_path_factory.mktemp("journal")
    path, reference = folder / "s.json", folder / "reference.json"
    ours, truth = open_db(path, kind), TinyDB(reference, storage=JSONStorage)
    original = storage.COMPACT_EVERY
    storage.COMPACT_EVERY = 3  # compact often, so the examples cross it
    try:
        for op, value in operations:
            if op == "reopen":
                ours.close()
                truth.close()
                ours, truth = open_db(path, kind), TinyDB(reference, storage=JSONStorage)
                continue
            for db in (ours, truth):
                table = db.table("events")
                if op == "insert":
                    table.insert({"v": value})
                elif op == "many":
                    table.insert_multiple({"v": n} for n in range(value))
                elif op == "update":
                    if table.contains(doc_id=value):
                        table.update({"v": -value}, doc_ids=[value])
                elif op == "remove":
                    if table.contains(doc_id=value):
                        table.remove(doc_ids=[value])
                elif op == "truncate":
                    table.truncate()
                else:
                    db.table("other").insert({"w": value})
            assert contents(ours) == contents(truth)
        ours.close()
        truth.close()
        assert contents(open_db(path)) == contents(TinyDB(reference, storage=JSONStorage))
    finally:
        storage.COMPACT_EVERY = original


def test_compaction_folds_the_journal_into_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "COMPACT_EVERY", 10)
    path = tmp_path / "s.json"
    db = open_db(path)
    for n in range(25):
        db.table("events").insert({"n": n})
    lines = journal_path(path).read_text(encoding="utf-8").splitlines()
    assert 1 < len(lines) <= 11  # a header and fewer appends than the limit
    db.close()  # closing folds the rest in as well
    assert journal_path(path).read_text(encoding="utf-8").count("\n") == 1
    data = json.loads(path.read_text(encoding="utf-8"))
    assert sorted(doc["n"] for doc in data["events"].values()) == list(range(25))


def test_a_stale_journal_from_before_a_compaction_is_ignored(tmp_path: Path) -> None:
    """A crash after the new file but before the new journal: the old journal must not bring
    back a document's old version or a removed document."""
    path = tmp_path / "s.json"
    db = open_db(path)
    events = db.table("events")
    events.insert_multiple({"n": n} for n in range(3))  # the first write: the file itself
    events.insert({"n": 3})
    events.insert({"n": 4})  # two lines in the journal
    stale = journal_path(path).read_bytes()
    events.update({"n": 40}, doc_ids=[5])
    events.remove(doc_ids=[4])  # both rewrite the file with a new journal
    db.close()
    journal_path(path).write_bytes(stale)  # as if the crash came before the journal's turn

    data = read_tables(path)
    assert sorted(doc["n"] for doc in data["events"].values()) == [0, 1, 2, 40]
    again = open_db(path)
    again.table("events").insert({"n": 5})  # starts a journal that matches the file again
    again.close()
    assert sorted(d["n"] for d in read_tables(path)["events"].values()) == [0, 1, 2, 5, 40]


def _journal_with_three(tmp_path: Path) -> Path:
    path = tmp_path / "s.json"
    db = open_db(path)
    db.table("events").insert({"n": 0})
    for n in range(1, 4):
        db.table("events").insert({"n": n})
    db.storage.forget()  # as a crash would: no closing fold
    return path


@pytest.mark.parametrize("tail", [b'{"t":"events","id":"9","do', b"\0\0\0\0", b"{}\n"])
def test_a_torn_last_line_is_skipped_and_cut_off_by_the_next_append(
    tmp_path: Path, tail: bytes
) -> None:
    path = _journal_with_three(tmp_path)
    with journal_path(path).open("ab") as journal:
        journal.write(tail)
    assert sorted(d["n"] for d in read_tables(path)["events"].values()) == [0, 1, 2, 3]

    db = open_db(path)
    db.table("events").insert({"n": 4})
    db.storage.forget()
    text = journal_path(path).read_bytes()
    assert tail not in text
    assert sorted(d["n"] for d in read_tables(path)["events"].values()) == [0, 1, 2, 3, 4]


def test_a_broken_line_inside_the_journal_is_damage_with_its_line_number(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    db = open_db(path)
    db.table("meta").insert({"schema": 1})
    db.table("events").insert({"type": "SessionStarted"})
    for _ in range(3):
        db.table("events").insert({"type": "Dealt"})
    db.storage.forget()
    journal = journal_path(path)
    lines = journal.read_bytes().split(b"\n")
    lines[2] = b"kapot"
    journal.write_bytes(b"\n".join(lines))
    with pytest.raises(DamagedFile) as caught:
        load_events(path)
    assert caught.value.message == t("store.damaged.journal", path=journal.name, line=3)
    assert journal.read_bytes() == b"\n".join(lines)  # reported, never repaired by a reader


# -- what a failed write may leave behind, and readers racing a writer ---------------------


def _session_store(library: DeckLibrary, folder: Path) -> tuple[Session, SessionStore]:
    setup = SessionSetup(title="Journaal", participants=("Ann", "Bram", "Carla"))
    session = Session.start(setup, {d.id: d for d in library}, seed=2, session_id="journaal")
    store = SessionStore.create(folder, session.events, "journaal")
    session.sink = store.append
    return session, store


def _retry(store: SessionStore, session: Session) -> None:
    """The writer thread's way: the event that failed is appended again."""
    store.append(session.events[-1])


def test_a_landed_append_whose_fsync_failed_is_not_stored_twice(
    library: DeckLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session, store = _session_store(library, tmp_path)
    session.deal()
    with monkeypatch.context() as patch:  # the line is written, then nothing works
        patch.setattr(storage.os, "fsync", _fails)
        patch.setattr(storage.os, "ftruncate", _fails)
        with pytest.raises(WriteFailed):
            session.next_speaker()
    _retry(store, session)
    session.deal()
    store.close()
    events = load_events(store.path)
    assert events == session.events
    assert [e.seq for e in events] == list(range(1, len(events) + 1))


def test_a_fold_whose_new_journal_failed_is_not_stored_twice(
    library: DeckLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store folds the journal in after the append that fills it: the event is in the
    journal then, so a fold that fails is no failure of the event (the next append starts the
    file afresh), and nothing is lost or stored twice."""
    monkeypatch.setattr(storage, "COMPACT_EVERY", 2)
    session, store = _session_store(library, tmp_path)
    session.deal()
    session.next_speaker()
    real = storage.write_atomically

    def journal_fails(path: Path, text: str) -> None:
        if path.name.endswith(".journal"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, text)

    with monkeypatch.context() as patch:  # the file is rewritten, its new journal is not
        patch.setattr(storage, "write_atomically", journal_fails)
        session.deal()
    for _ in range(3):
        session.next_speaker()
    store.close()
    events = load_events(store.path)
    assert events == session.events
    assert [e.seq for e in events] == list(range(1, len(events) + 1))


def _fails(*_: object) -> None:
    raise OSError(errno.EIO, "Input/output error")


def test_a_reader_between_a_fold_and_its_new_file_sees_the_new_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader reads the file, the writer folds, the reader reads the journal: it must
    not fall back to the state before the fold."""
    path = tmp_path / "s.json"
    db = open_db(path)
    db.table("events").insert({"n": 0})
    before_fold = path.read_text(encoding="utf-8")
    for n in range(1, 5):
        db.table("events").insert({"n": n})
    db.storage.compact()  # the fold
    db.table("events").insert({"n": 5})
    db.storage.forget()
    real = Path.read_text
    served: list[bool] = []

    def stale_once(self: Path, *args: Any, **kwargs: Any) -> str:
        if self == path and not served:
            served.append(True)
            return before_fold  # what the reader got just before the writer folded
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", stale_once)
    data = read_tables(path)
    assert sorted(doc["n"] for doc in data["events"].values()) == list(range(6))


@pytest.mark.parametrize("compact_every", [500, 1])  # appended; folded into the file at once
def test_the_store_keeps_what_was_written_not_what_the_caller_changes_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compact_every: int
) -> None:
    monkeypatch.setattr(storage, "COMPACT_EVERY", compact_every)
    path = tmp_path / "s.json"
    db = open_db(path)
    db.table("events").insert({"n": 0})
    record: dict[str, Any] = {"tags": ["a"], "pair": (1, 2)}
    db.table("events").insert(record)
    record["tags"].append("later")
    changed = ["b"]
    db.table("events").update({"more": changed}, doc_ids=[1])
    changed.append("later")
    [stored] = [doc for doc in db.table("events").all() if "tags" in doc]
    assert stored["tags"] == ["a"] and stored["pair"] == [1, 2]  # as JSON keeps it
    assert db.table("events").get(doc_id=1) == {"n": 0, "more": ["b"]}
    db.close()
    [on_disk] = [d for d in read_tables(path)["events"].values() if "tags" in d]
    assert on_disk["tags"] == ["a"]
    assert read_tables(path)["events"]["1"] == {"n": 0, "more": ["b"]}


def test_a_snapshot_is_the_json_tinydb_would_write_a_document_a_line(tmp_path: Path) -> None:
    tables = {
        "events": {"1": {"tekst": "één 👋 \u202eabc\nregel", "n": [1, 2.5, None, True]}, "2": {}},
        "leeg": {},
        "meta": {"1": {"schema": 1}},
    }
    path = tmp_path / "s.json"
    name = storage.write_snapshot(path, tables)
    text = path.read_text(encoding="utf-8")
    assert json.loads(text) == {**tables, "_journal": name}
    assert TinyDB(path, storage=JSONStorage).table("events").get(doc_id=2) == {}
    compact = json.dumps({**tables, "_journal": name}, ensure_ascii=False, separators=(",", ":"))
    assert text.replace("\n", "") == compact  # TinyDB's JSON, with line breaks between
    assert text.splitlines()[2] == '"1":' + json.dumps(
        tables["events"]["1"], ensure_ascii=False, separators=(",", ":")
    )
    storage.write_snapshot(path, {})
    assert list(json.loads(path.read_text(encoding="utf-8"))) == ["_journal"]


def test_the_journal_name_is_not_a_table(tmp_path: Path) -> None:
    db = open_db(tmp_path / "s.json")
    with pytest.raises(ValueError, match="_journal"):
        db.table("_journal").insert({"n": 1})


def test_the_documents_kept_share_their_keys_and_short_repeated_strings(tmp_path: Path) -> None:
    """A session of thousands of notes repeats the same keys, names and kinds in every
    document; the storage keeps one object for each, whether read from the file or appended."""
    path = tmp_path / "s.json"
    db = open_db(path)
    for number in range(3):
        db.table("events").insert({"speaker": "Ann", "text": f"Wat ik zag in ronde {number}!"})
    db.close()
    reopened = open_db(path, keep_documents=True)
    reopened.table("events").insert({"speaker": "Ann", "text": "Na het hervatten gezegd."})
    storage_ = reopened.storage
    assert isinstance(storage_, JournalStorage)
    documents = list(storage_.tables()["events"].values())
    assert len(documents) == 4
    assert len({id(key) for doc in documents for key in doc}) == 2  # "speaker", "text"
    assert len({id(doc["speaker"]) for doc in documents}) == 1
    assert [doc["text"] for doc in documents] == [
        "Wat ik zag in ronde 0!",
        "Wat ik zag in ronde 1!",
        "Wat ik zag in ronde 2!",
        "Na het hervatten gezegd.",
    ]
    reopened.close()


def test_a_storage_of_ids_only_holds_no_document_but_loses_none(tmp_path: Path) -> None:
    """The session store's storage: after reading the files it keeps the documents' ids, not
    the documents (a session of thousands of notes was held twice); reads, folds and other
    changes read the files again and find everything."""
    path = tmp_path / "s.json"
    db = open_db(path, keep_documents=False)
    events = db.table("events")
    events.insert({"n": 0})
    for n in range(1, 5):
        events.insert(Document({"n": n, "tekst": "één 🙂"}, doc_id=n + 1))
    journal_storage = db.storage
    assert isinstance(journal_storage, JournalStorage)
    assert journal_storage.loaded
    assert all(doc is None for doc in journal_storage._cache["events"].values())  # type: ignore[index]
    with pytest.raises(ValueError, match="ID 3 already exists"):
        events.insert(Document({"n": -1}, doc_id=3))
    assert events.get(doc_id=3) == {"n": 2, "tekst": "één 🙂"}
    events.update({"n": 20}, doc_ids=[3])  # read from the files, written whole
    assert all(doc is None for doc in journal_storage._cache["events"].values())  # type: ignore[index]
    events.insert(Document({"n": 5}, doc_id=6))
    journal_storage.compact()
    assert journal_path(path).read_text(encoding="utf-8").count("\n") == 1
    db.close()
    assert sorted(d["n"] for d in read_tables(path)["events"].values()) == [0, 1, 3, 4, 5, 20]


def test_a_storage_of_ids_only_never_takes_a_vanished_file_for_an_empty_one(
    tmp_path: Path,
) -> None:
    """Its file gone (a stick pulled) after it was read: a change that needs the whole
    database fails; it is never written anew with only what the change adds."""
    path = tmp_path / "s.json"
    db = open_db(path, keep_documents=False)
    db.table("events").insert({"n": 0})
    db.table("events").insert({"n": 1})
    path.unlink()
    with pytest.raises(FileNotFoundError):
        db.table("events").update({"n": 9}, doc_ids=[1])
    assert not path.exists()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=6,
)
DOCUMENTS = st.dictionaries(st.text(max_size=6), JSON_VALUES, max_size=3)
TABLES = st.dictionaries(
    st.text(max_size=6).filter(lambda name: name != "_journal"),
    st.dictionaries(st.text(max_size=4), DOCUMENTS, max_size=4),
    max_size=3,
)


@settings(max_examples=150, deadline=None)
@given(tables=TABLES, added=TABLES)
def test_a_fold_a_line_at_a_time_writes_what_a_whole_snapshot_would(
    tables: dict[str, dict[str, dict[str, Any]]], added: dict[str, dict[str, dict[str, Any]]]
) -> None:
    """Folding the journal's documents into the snapshot's lines, without reading them, gives
    the very text of the whole database written anew: an added document takes the place of
    the one with its id, and new ones and new tables come last (as in a dict)."""
    merged = {table: dict(documents) for table, documents in tables.items()}
    for table, documents in added.items():
        merged.setdefault(table, {}).update(documents)
    # a line as a file read with newline="" gives it (str.splitlines would also break at
    # U+2028 and the like, which JSON keeps unescaped inside strings)
    lines = list(io.StringIO("".join(storage._snapshot_text(tables, "old")), newline=""))
    texts = {
        table: {i: storage._dumps(d) for i, d in docs.items()} for table, docs in added.items()
    }
    folded = "".join(storage._folded(lines, texts, "new"))
    assert folded == "".join(storage._snapshot_text(merged, "new"))
    assert json.loads(folded) == {**merged, "_journal": "new"}


def test_closing_folds_the_journal_in_without_reading_the_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session store's storage folds a line at a time: the file is read whole once, when
    it opens, and not again to fold (that doubled the memory of a long session at closing)."""
    path = tmp_path / "s.json"
    db = open_db(path, keep_documents=False)
    for n in range(5):
        db.table("events").insert({"n": n, "tekst": f"regel {n}\nnog één\r\u2028\x85"})
    db.close()
    reads: list[Path] = []
    read = storage._read
    monkeypatch.setattr(storage, "_read", lambda p: reads.append(p) or read(p))
    again = open_db(path, keep_documents=False)
    again.table("events").insert(Document({"n": 5}, doc_id=6))
    again.close()
    assert reads == [path]
    assert journal_path(path).read_text(encoding="utf-8").count("\n") == 1
    assert [d["n"] for d in read_tables(path)["events"].values()] == [0, 1, 2, 3, 4, 5]


def test_a_snapshot_an_older_dialoog_wrote_in_one_line_is_folded_all_the_same(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.json"
    name = "0123456789abcdef"
    one_line = {"events": {"1": {"n": 0}, "2": {"n": 1}}, "_journal": name}
    path.write_text(json.dumps(one_line, separators=(",", ":")), encoding="utf-8")
    journal_path(path).write_text(json.dumps({"journal": name}) + "\n", encoding="utf-8")
    db = open_db(path, keep_documents=False)
    db.table("events").insert(Document({"n": 2}, doc_id=3))
    db.close()
    assert journal_path(path).read_text(encoding="utf-8").count("\n") == 1
    assert [d["n"] for d in read_tables(path)["events"].values()] == [0, 1, 2]
    assert path.read_text(encoding="utf-8").count("\n") > 3  # laid out a line at a time now
