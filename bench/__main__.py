"""Run the benchmarks: `python -m bench [--quick]`; prints a table, writes bench/results.json.

Each figure is a ratio against a baseline measured in the same run, or an absolute figure
beside its target. Nothing here passes or fails: the numbers are for people to read.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).parent


def _row(result: dict[str, object]) -> str:
    figure = str(result.get("figure", ""))
    values = ", ".join(f"{k}={v}" for k, v in result.items() if k != "figure")
    return f"- {figure}: {values}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="each figure once, in seconds")
    args = parser.parse_args(argv)
    os.environ.setdefault("DIALOOG_DATA_DIR", tempfile.mkdtemp(prefix="dialoog-bench-"))
    os.environ.setdefault("DIALOOG_CONFIG_DIR", tempfile.mkdtemp(prefix="dialoog-bench-"))

    from bench import durable_append, export_resume, interactive, startup

    quick = args.quick
    large = 500 if quick else 5000
    sections = {
        "durable_append": durable_append.run(quick),
        "startup": [*startup.startup(1 if quick else 20), *startup.memory(200 if quick else 2000)],
        "interactive": interactive.run(quick),
        "export_resume": [export_resume.export(large), interactive.resume(large)],
    }
    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {os.cpu_count()} cores, python "
        f"{platform.python_version()}, {platform.system()}",
        "quick": quick,
        **sections,
    }
    print(f"dialoog benchmarks ({'quick' if quick else 'full'}) on {results['machine']}")
    for name, rows in sections.items():
        print(f"\n{name}")
        for row in rows:
            if "events" in row:
                print(
                    f"- durable append at {row['events']} events: ours {row['ours_median_ms']} ms"
                    f" (p99 {row['ours_p99_ms']}), TinyDB JSONStorage"
                    f" {row['tinydb_json_median_ms']} ms, ratio {row['ratio']},"
                    f" target {row['target_ms']} ms"
                )
            else:
                print(_row(row))
    target = HERE / ("results-quick.json" if quick else "results.json")
    target.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
