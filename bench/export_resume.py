"""Export (all four formats, written to disk) and resume of a large session."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path


def export(notes: int) -> dict[str, object]:
    from bench.interactive import _session
    from sessions.export.files import export_session

    library, started = _session(notes)
    state = started.session.state
    started.close()
    decks = {d.id: d for d in library}
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(3):
            start = time.perf_counter()
            export_session(
                state, ["md", "html", "json", "csv"], Path(folder) / str(run), decks=decks
            )
            times.append(time.perf_counter() - start)
    return {
        "figure": f"export a {notes}-note session (md, html, json, csv, to disk)",
        "median_s": round(statistics.median(times), 3),
        "target_s": 0.5,
    }
