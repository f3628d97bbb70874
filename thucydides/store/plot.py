"""A cooperation–conflict timeline for a dyad, ready for a report (matplotlib, Agg backend)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

# Greens for cooperation, reds for conflict; verbal lighter than material.
QUAD_STYLE = (
    ("verbal_cooperation", "Verbal cooperation", "#a1d99b"),
    ("material_cooperation", "Material cooperation", "#31a354"),
    ("verbal_conflict", "Verbal conflict", "#fc9272"),
    ("material_conflict", "Material conflict", "#de2d26"),
)


def plot_dyad(frame: pd.DataFrame, actor1: str, actor2: str, out: str | Path, by: str = "month",
              directed: bool = False, title: str | None = None) -> Path:
    """Draw `EventStore.dyad()` output: stacked quad-class bars, mean Goldstein line; save as PNG/SVG/PDF."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    import pandas as pd
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    arrow = "→" if directed else "↔"
    fig, ax = plt.subplots(figsize=(11, 5.5), dpi=150)
    try:
        periods = pd.to_datetime(frame["period"])
        width_days = {"day": 0.8, "week": 5.5, "month": 24, "year": 300}.get(by, 24)
        bottom = pd.Series(0, index=frame.index, dtype="float64")
        for column, label, colour in QUAD_STYLE:
            values = frame[column].astype("float64") if len(frame) else bottom
            ax.bar(periods, values, bottom=bottom, width=width_days, color=colour, label=label,
                   edgecolor="white", linewidth=0.4, align="center")
            bottom = bottom + values
        ax.set_ylabel("Events per " + by)
        ax.set_xlabel("Date" if by == "day" else f"{by.capitalize()} starting")
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)

        ax2 = ax.twinx()
        ax2.axhline(0, color="#888888", linewidth=0.8, linestyle=":")
        if len(frame):
            ax2.plot(periods, frame["goldstein_mean"], color="#1f3b73", marker="o", markersize=3.5,
                     linewidth=1.8, label="Mean Goldstein score")
        ax2.set_ylim(-10.5, 10.5)
        ax2.set_ylabel("Mean Goldstein score (−10 conflict … +10 cooperation)")

        if len(frame):
            # Autoscaling shrinks the axis to the bars: one period alone became a full-width block.
            # A short series is shown in a window of at least seven periods.
            period = pd.Timedelta(days={"day": 1, "week": 7, "month": 30.4, "year": 365.25}.get(by, 30.4))
            pad = period * max(1.0, (7 - len(frame)) / 2)
            ax.set_xlim(periods.min() - pad, periods.max() + pad)
            locator = mdates.AutoDateLocator(minticks=4, maxticks=12)
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        else:
            ax.set_xticks([])
            ax.set_yticks([])

        total = int(frame["events"].sum()) if len(frame) else 0
        ax.set_title(title or f"{actor1} {arrow} {actor2}: cooperation and conflict by {by} ({total} events)",
                     fontsize=13, loc="left")
        # Built by hand so the legend is complete (and correctly coloured) even with no bars.
        handles = [Patch(facecolor=colour, label=label) for _, label, colour in QUAD_STYLE]
        handles.append(Line2D([], [], color="#1f3b73", marker="o", markersize=3.5, linewidth=1.8,
                              label="Mean Goldstein score"))
        fig.legend(handles=handles, loc="lower center", ncols=5, fontsize=8.5, frameon=False,
                   bbox_to_anchor=(0.5, 0.0))
        if total == 0:
            ax.text(0.5, 0.5, "No events in this period", transform=ax.transAxes, ha="center", va="center",
                    fontsize=12, color="#666666")
        fig.text(0.005, 0.005, "Source: thucydides event store", ha="left", va="bottom", fontsize=7,
                 color="#777777")
        fig.tight_layout(rect=(0, 0.06, 1, 1))
        fig.savefig(out)
    finally:
        plt.close(fig)
    return out
