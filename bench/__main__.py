"""Run the benchmarks: `python -m bench [--quick]`; prints a table, writes bench/results.json."""

from __future__ import annotations

import argparse
import json
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

from bench import durable_append

HERE = Path(__file__).parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="each figure once, in a few seconds")
    args = parser.parse_args(argv)
    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {platform.processor() or ''} "
        f"python {platform.python_version()} {platform.system()}".strip(),
        "quick": args.quick,
        "durable_append": durable_append.run(args.quick),
    }
    print("Durable append (one event, fsync + atomic replace) vs TinyDB JSONStorage")
    print(
        f"{'events':>7} {'ours ms':>9} {'p99 ms':>8} {'tinydb ms':>10} {'ratio':>6} {'target':>7}"
    )
    for row in results["durable_append"]:
        print(
            f"{row['events']:>7} {row['ours_median_ms']:>9.2f} {row['ours_p99_ms']:>8.2f} "
            f"{row['tinydb_json_median_ms']:>10.2f} {row['ratio']:>6.2f} {row['target_ms']:>7.1f}"
        )
    target = HERE / ("results-quick.json" if args.quick else "results.json")
    target.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
