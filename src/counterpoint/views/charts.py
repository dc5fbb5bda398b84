"""Charts as Plotly figure specifications, and Plotly's JavaScript from its wheel.

A figure is plain data (``{"data": [...], "layout": {...}}``) built here without
importing Plotly's Python package; the page draws it with ``Plotly.newPlot``. The report
inlines ``plotly.min.js`` once (from the installed ``plotly`` package, never a CDN);
the web app serves the same file from ``/static/plotly.min.js``.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from counterpoint.errors import CounterpointError

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


@dataclass(frozen=True)
class Figure:
    """A chart: a page-unique ``id``, a ``title``, the Plotly spec and a text summary.

    ``rows`` repeat the plotted values as a table (for print and screen readers).
    """

    id: str
    title: str
    spec: dict[str, Any]
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = field(default_factory=tuple)
    height: int = 360


def plotly_js_path() -> Path:
    """The ``plotly.min.js`` shipped inside the installed ``plotly`` package."""
    spec = importlib.util.find_spec("plotly")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        path = Path(location) / "package_data" / "plotly.min.js"
        if path.is_file():
            return path
    raise CounterpointError(
        "plotly: its package (with package_data/plotly.min.js) is not installed; "
        "run `pip install plotly`"
    )


@functools.cache
def plotly_js() -> str:
    """Plotly's JavaScript bundle as text (read once per process)."""
    return plotly_js_path().read_text(encoding="utf-8")


def base_layout(**extra: Any) -> dict[str, Any]:
    """The views' common Plotly layout (font, margins, transparent paper), updated by ``extra``."""
    layout: dict[str, Any] = {
        "font": {"family": FONT, "size": 13},
        "margin": {"l": 56, "r": 16, "t": 16, "b": 48},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "#fafafa",
        "showlegend": False,
    }
    layout.update(extra)
    return layout


def calibration_figure(bins: Sequence[Any], *, figure_id: str = "calibration") -> Figure:
    """Observed frequency against mean forecast probability, one point per non-empty bin.

    Point size grows with the number of questions in the bin and error bars show the
    bin's Wilson 95 % interval (Fatebook and Metaculus show counts per bin: #2425).
    """
    used = [b for b in bins if b.count]
    x = [round(b.mean_probability, 4) for b in used]
    y = [round(b.observed_frequency, 4) for b in used]
    lows = [getattr(b, "low", None) for b in used]
    highs = [getattr(b, "high", None) for b in used]
    points: dict[str, Any] = {
        "type": "scatter",
        "mode": "markers+text",
        "x": x,
        "y": y,
        "text": [f"n={b.count}" for b in used],
        "textposition": "middle right",
        "cliponaxis": False,
        "marker": {"size": [8 + 4 * min(b.count, 8) for b in used], "color": "#1f5fa8"},
        "hovertemplate": "forecast %{x:.0%} · observed %{y:.0%} · %{text}<extra></extra>",
    }
    if all(v is not None for v in lows + highs) and used:
        points["error_y"] = {
            "type": "data",
            "symmetric": False,
            "array": [round(h - o, 4) for h, o in zip(highs, y, strict=True)],
            "arrayminus": [round(o - lo, 4) for lo, o in zip(lows, y, strict=True)],
            "color": "#8aa8cc",
        }
    diagonal = {
        "type": "scatter",
        "mode": "lines",
        "x": [0, 1],
        "y": [0, 1],
        "line": {"dash": "dot", "color": "#999"},
        "hoverinfo": "skip",
    }
    axis = {"range": [-0.02, 1.02], "tickformat": ".0%", "zeroline": False}
    spec = {
        "data": [diagonal, points],
        "layout": base_layout(
            xaxis={**axis, "title": {"text": "forecast probability"}},
            yaxis={**axis, "title": {"text": "observed frequency"}},
        ),
    }
    rows = tuple(
        (f"{b.lower:.0%}–{b.upper:.0%}", str(b.count), f"{mx:.0%}", f"{oy:.0%}")
        for b, mx, oy in zip(used, x, y, strict=True)
    )
    return Figure(
        id=figure_id,
        title="Calibration",
        spec=spec,
        columns=("bin", "questions", "mean forecast", "observed"),
        rows=rows,
    )
