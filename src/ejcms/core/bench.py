"""The table `ejcms bench` prints: one line per hot path, its timings against the bare work."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timed(call: Callable[[], object]) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


class Rollback(Exception):
    """Raised at the end of a benchmark's transaction so that nothing it wrote is kept."""


def header(title: str, rate: str = "") -> str:
    return (
        f"{title:<28}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
        f"{rate:>9}{'bare ms':>10}{'ratio':>8}"
    )


def row(name: str, samples: list[float], bare: list[float], *, rate: bool = False) -> str:
    """p50, p95 and max of `samples` (seconds) in ms, the rate a second when asked, the bare
    work's median and the ratio of the two medians."""
    ordered = sorted(samples)
    p50 = statistics.median(ordered) * 1000
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)] * 1000
    bare50 = statistics.median(bare) * 1000
    ratio = p50 / bare50 if bare50 else 0.0
    per_second = f"{len(ordered) / sum(ordered):>9.1f}" if rate else f"{'':>9}"
    return (
        f"{name:<28}{len(ordered):>5}{p50:>9.1f}{p95:>9.1f}{ordered[-1] * 1000:>9.1f}"
        f"{per_second}{bare50:>10.1f}{ratio:>8.2f}"
    )
