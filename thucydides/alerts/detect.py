"""The change-detection tests, on numbers alone (no store): is a window unusual against its baseline?

Count test: the rolling-baseline z-score of public-health surveillance (CDC's EARS C1: the mean
and standard deviation of the previous N windows; alert when the newest count lies `z`
deviations above the mean). Event counts are Poisson-like, so the deviation is floored at the
Poisson one, sqrt(mean), and at `min_sigma`: a dyad that was silent for the whole baseline has a
deviation of zero, and its first event would otherwise score infinity. `min_count` keeps a
handful of events from alerting at all, and `min_ratio` (optional) also asks for a multiple of
the baseline mean, as surge detectors on news counts do.

Goldstein test: a shift of the mean (Shewhart-style): the newest window's mean Goldstein score
against the mean of every event in the baseline windows, alerting when they differ by at least
`delta` points and both rest on enough events. A fixed delta alone fires on noise where scores
spread widely (a week of six events mixing +1 and -10), so `min_t` (optional) also asks for
Welch's t statistic of the two means, each event's deviation floored at `min_sigma` points so
that two flat runs of scores do not divide by zero.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from datetime import date, timedelta

from thucydides.alerts.rules import Rule

WINDOW_DAYS = {"day": 1, "week": 7}


def window_start(day: date, window: str) -> date:
    """The first day of the window holding `day` (weeks start on Monday, as DuckDB's date_trunc)."""
    return day - timedelta(days=day.weekday()) if window == "week" else day


def window_end(start: date, window: str) -> date:
    """The last day (inclusive) of the window starting on `start`."""
    return start + timedelta(days=WINDOW_DAYS[window] - 1)


def shift(start: date, window: str, windows: int) -> date:
    """The start of the window `windows` windows after `start` (before it when negative)."""
    return start + timedelta(days=WINDOW_DAYS[window] * windows)


def checked_windows(today: date, rule: Rule) -> list[date]:
    """The windows one run checks, newest first: the one holding `today` and `check - 1` before it."""
    current = window_start(today, rule.window)
    return [shift(current, rule.window, -k) for k in range(rule.check)]


@dataclass(frozen=True, slots=True)
class WindowStats:
    """One dyad's events in one window: how many, and the sum and number of their Goldstein scores."""

    count: int = 0
    goldstein_sum: float = 0.0
    goldstein_n: int = 0
    goldstein_sq: float = 0.0  # sum of squared scores, for their spread


@dataclass(frozen=True, slots=True)
class Finding:
    """What a test found unusual in one window, with the figures that show it."""

    count: int
    baseline_windows: int
    baseline_count: int
    baseline_mean: float
    baseline_sd: float | None = None
    z: float | None = None
    ratio: float | None = None  # None: the baseline mean is zero
    goldstein_mean: float | None = None
    baseline_goldstein: float | None = None
    goldstein_shift: float | None = None


def count_test(current: WindowStats, baseline: list[WindowStats], rule: Rule) -> Finding | None:
    """A Finding when `current` surges above `baseline` (one WindowStats per earlier window, zeros too)."""
    counts = [w.count for w in baseline]
    if current.count < rule.min_count or not counts:
        return None
    mean = statistics.fmean(counts)
    sd = statistics.stdev(counts) if len(counts) > 1 else 0.0
    sigma = max(sd, math.sqrt(mean), rule.min_sigma)
    z = (current.count - mean) / sigma
    ratio = current.count / mean if mean > 0 else None
    if z < rule.z:
        return None
    if rule.min_ratio is not None and ratio is not None and ratio < rule.min_ratio:
        return None
    return Finding(
        count=current.count,
        baseline_windows=len(counts),
        baseline_count=sum(counts),
        baseline_mean=mean,
        baseline_sd=sigma,
        z=z,
        ratio=ratio,
        goldstein_mean=_mean(current.goldstein_sum, current.goldstein_n),
    )


def goldstein_test(current: WindowStats, baseline: list[WindowStats], rule: Rule) -> Finding | None:
    """A Finding when the mean Goldstein score of `current` moved by `delta` from the baseline's."""
    base_sum = sum(w.goldstein_sum for w in baseline)
    base_n = sum(w.goldstein_n for w in baseline)
    if current.goldstein_n < rule.min_count or base_n < rule.baseline_min:
        return None
    now_mean = current.goldstein_sum / current.goldstein_n
    base_mean = base_sum / base_n
    moved = now_mean - base_mean
    wanted = {"down": -moved, "up": moved, "both": abs(moved)}[rule.direction]
    if wanted < rule.delta:
        return None
    base_sq = sum(w.goldstein_sq for w in baseline)
    floor = rule.min_sigma**2
    now_var = _variance(current.goldstein_sq, now_mean, current.goldstein_n, floor)
    error = math.sqrt(now_var / current.goldstein_n + _variance(base_sq, base_mean, base_n, floor) / base_n)
    t = moved / error
    if rule.min_t is not None and abs(t) < rule.min_t:
        return None
    counts = [w.count for w in baseline]
    return Finding(
        count=current.count,
        baseline_windows=len(counts),
        baseline_count=sum(counts),
        baseline_mean=statistics.fmean(counts) if counts else 0.0,
        goldstein_mean=now_mean,
        baseline_goldstein=base_mean,
        goldstein_shift=moved,
        z=t,
    )


def run_test(current: WindowStats, baseline: list[WindowStats], rule: Rule) -> Finding | None:
    return (
        count_test(current, baseline, rule)
        if rule.test == "count"
        else goldstein_test(current, baseline, rule)
    )


def _variance(sum_sq: float, mean: float, n: int, floor: float) -> float:
    """The sample variance from a sum of squares (at least `floor`; a single score has no spread)."""
    if n < 2:
        return floor
    return max((sum_sq - n * mean * mean) / (n - 1), floor)


def _mean(total: float, n: int) -> float | None:
    return total / n if n else None
