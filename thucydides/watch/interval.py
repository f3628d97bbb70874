"""Durations on the command line: `30s`, `15m`, `1h`, `1h30m`, `2d`; a bare number is seconds."""

from __future__ import annotations

import re

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_PART = re.compile(r"(\d+(?:\.\d+)?)([smhd])")
MIN_INTERVAL_S = 1.0  # a shorter poll loop would hammer a server and spin the CPU for nothing
MAX_INTERVAL_S = 7 * 86400.0


class IntervalError(ValueError):
    """A duration that cannot be read; the message names the text and what is expected."""


def parse_interval(text: str) -> float:
    """Seconds in a duration such as `30s`, `15m`, `1h`, `1h30m`; between 1 s and 7 days."""
    value = text.strip().lower() if isinstance(text, str) else ""
    if not value:
        raise IntervalError(f"interval {text!r} is empty; write it like 30s, 15m or 1h")
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        seconds = float(value)
    else:
        pos, seconds = 0, 0.0
        for part in _PART.finditer(value):
            if part.start() != pos:
                break
            seconds += float(part.group(1)) * _UNITS[part.group(2)]
            pos = part.end()
        if pos != len(value):
            raise IntervalError(f"interval {text!r} is not a duration; write it like 30s, 15m, 1h or 1h30m "
                                "(units s, m, h, d)")
    if seconds < MIN_INTERVAL_S:
        raise IntervalError(f"interval {text!r} is under {MIN_INTERVAL_S:g} s; poll at most once a second")
    if seconds > MAX_INTERVAL_S:
        raise IntervalError(f"interval {text!r} is over 7 days")
    return seconds


def format_duration(seconds: float) -> str:
    """A short human duration: 45s, 15m, 1h30m, 2d."""
    if seconds < 60:
        return f"{seconds:.3g}s" if seconds < 10 and seconds != int(seconds) else f"{int(round(seconds))}s"
    minutes = int(round(seconds / 60))
    if minutes < 60:
        return f"{minutes}m"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours}h{minutes}m" if minutes else f"{hours}h"
    days, hours = divmod(hours, 24)
    return f"{days}d{hours}h" if hours else f"{days}d"
