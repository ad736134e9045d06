"""`make bench`: measure, then record the figures in BENCHMARKS.md.

Benchmarks are never timed tests: these machines are shared and noisy, so each
figure is the median of several rounds, with the spread shown beside it.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from spbe.scoring import get_framework, score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "BENCHMARKS.md"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()} ({platform.machine()})"


def bench_scoring(count: int, rounds: int) -> dict[str, str]:
    """Score `count` random 59/2020 assessments per round: index, rounding and predicate."""
    framework = get_framework("permenpanrb-59-2020")
    rng = random.Random(20260)
    codes = [indicator.code for indicator in framework.indicators]
    assessments = [{code: rng.randint(1, 5) for code in codes} for _ in range(count)]
    score(framework, assessments[0])  # compile the framework once, as a server would
    rates = []
    checksum = 0
    for _ in range(rounds):
        start = time.perf_counter()
        for levels in assessments:
            result = score(framework, levels)
            checksum += result.index_hundredths
            _ = result.predicate
        rates.append(count / (time.perf_counter() - start))
    median = statistics.median(rates)
    return {
        "name": "Score random PermenPANRB 59/2020 assessments (47 indicators) in one process, one core",
        "figure": f"{median:,.0f} assessments/s (median of {rounds} rounds of {count:,}; "
        f"min {min(rates):,.0f}, max {max(rates):,.0f}; {1e6 / median:.1f} µs each)",
        "goal": "at least 100,000 assessments/s",
        "met": "yes" if median >= 100_000 else "NO",
        "checksum": str(checksum),
    }


def write_report(results: list[dict[str, str]], command: str, key: str = "scoring", title: str = "") -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = [
        f"<!-- bench:{key}:start -->",
        f"Measured {stamp} on {machine()}.",
        f"Command: `{command}`",
        "",
        "| Benchmark | Result | Goal | Met |",
        "|---|---|---|---|",
    ]
    section += [f"| {r['name']} | {r['figure']} | {r['goal']} | {r['met']} |" for r in results]
    section.append(f"<!-- bench:{key}:end -->")
    block = "\n".join(section)
    if REPORT.exists():
        text = REPORT.read_text(encoding="utf-8")
        pattern = re.compile(rf"<!-- bench:{key}:start -->.*?<!-- bench:{key}:end -->", re.S)
        if pattern.search(text):
            text = pattern.sub(lambda _: block, text)
        else:
            text = text.rstrip() + f"\n\n## {title}\n\n" + block + "\n"
    else:
        text = (
            "# Benchmarks\n\nRun `make bench` to measure again; it rewrites the sections below. "
            "Figures are medians over rounds; the machines are shared, "
            "so compare ratios, not single runs.\n\n"
            "## Scoring engine\n\n" + block + "\n"
        )
    REPORT.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    parser.add_argument("--only", choices=["scoring", "planner", "reports", "home"], help="run one group")
    args = parser.parse_args()
    groups = {
        "scoring": ("Scoring engine", lambda: [bench_scoring(args.count, args.rounds)]),
        "planner": ("Improvement planner", _planner),
        "reports": ("Reports", _reports),
        "home": ("Home page and OPD board", _home),
    }
    for key, (title, bench) in groups.items():
        if args.only and key != args.only:
            continue
        results = bench()
        for result in results:
            print(f"{result['name']}: {result['figure']} - goal {result['goal']}: {result['met']}")
        if not args.no_write:
            write_report(results, "make bench", key, title)
    if not args.no_write:
        print(f"recorded in {REPORT.relative_to(ROOT)}")
    return 0


def _planner() -> list[dict[str, str]]:
    from benchmarks.planner import run

    return run()


def _reports() -> list[dict[str, str]]:
    from benchmarks.reports import run

    return run()


def _home() -> list[dict[str, str]]:
    from benchmarks.home import run

    return run()


if __name__ == "__main__":
    sys.exit(main())
