"""The calibration plot (reliability diagram) as one standalone HTML file with inline SVG.

No JavaScript and no network: the file opens offline and prints. The upper panel puts
each calibration bin at (mean forecast probability, observed frequency), the point's
area proportional to the number of questions in it, with the Wilson 95 % interval as a
bar; the diagonal is perfect calibration. With a breakdown, each group gets its own
line. The lower panel counts the questions per bin (sharpness), and a table repeats the
figures, so a point resting on one question is seen for what it is.
"""

from __future__ import annotations

import math
from html import escape

from counterpoint.ledger.scoring import CalibrationBin, LedgerScores, Scores

WIDTH = 560
PLOT = 400  # side of the square reliability panel, in px
MARGIN = 60
HIST = 90  # height of the count histogram
COLOURS = ("#1f4e79", "#c0504d", "#4f8a3c", "#8064a2", "#d08b1f", "#2a9d8f", "#7f7f7f", "#b5456b")
MAX_GROUPS = len(COLOURS) - 1
LEGEND = 260  # px right of the plot for the legend
LABEL = 36  # characters of a group name shown in the legend


def calibration_html(scores: LedgerScores, *, title: str = "Forecast calibration") -> str:
    """A standalone HTML page with the reliability diagram and the bin table of ``scores``."""
    series: list[tuple[str, Scores]] = [("all questions", scores.overall)]
    series += [(g.group, g.scores) for g in scores.groups if g.scores.n][:MAX_GROUPS]
    svg = _svg(series)
    summary = _summary(scores)
    table = _bin_table(scores.overall.bins)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<style>
body {{ font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; }}
table {{ border-collapse: collapse; margin-top: 1em; }}
td, th {{ border: 1px solid #ccc; padding: 2px 8px; text-align: right; }}
</style></head>
<body>
<h1>{escape(title)}</h1>
<p>{summary}</p>
{svg}
<h2>Calibration bins (all questions)</h2>
{table}
</body></html>
"""


def _x(p: float) -> float:
    return MARGIN + p * PLOT


def _y(p: float) -> float:
    return MARGIN + (1 - p) * PLOT


def _svg(series: list[tuple[str, Scores]]) -> str:
    height = MARGIN + PLOT + 50 + HIST + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH + LEGEND}" height="{height}" '
        f'role="img" aria-label="reliability diagram">',
        f'<rect x="{MARGIN}" y="{MARGIN}" width="{PLOT}" height="{PLOT}" fill="none" '
        'stroke="#999"/>',
        f'<line x1="{_x(0)}" y1="{_y(0)}" x2="{_x(1)}" y2="{_y(1)}" stroke="#bbb" '
        'stroke-dasharray="4 4"/>',
    ]
    for tick in range(0, 11, 2):
        value = tick / 10
        parts.append(
            f'<text x="{_x(value)}" y="{_y(0) + 18}" text-anchor="middle" '
            f'font-size="11">{value:.1f}</text>'
            f'<text x="{MARGIN - 8}" y="{_y(value) + 4}" text-anchor="end" '
            f'font-size="11">{value:.1f}</text>'
        )
    parts.append(
        f'<text x="{_x(0.5)}" y="{_y(0) + 36}" text-anchor="middle">forecast probability</text>'
        f'<text transform="translate(18 {_y(0.5)}) rotate(-90)" text-anchor="middle">'
        "observed frequency</text>"
    )
    for index, (name, scores) in enumerate(series):
        parts.extend(_series(scores.bins, COLOURS[index % len(COLOURS)], first=index == 0))
        parts.append(
            f'<text x="{MARGIN + PLOT + 16}" y="{MARGIN + 14 + 18 * index}" '
            f'fill="{COLOURS[index % len(COLOURS)]}">{escape(_short(name))} (n={scores.n})</text>'
        )
    parts.extend(_histogram(series[0][1].bins, top=MARGIN + PLOT + 50))
    parts.append("</svg>")
    return "\n".join(parts)


def _series(bins: tuple[CalibrationBin, ...], colour: str, *, first: bool) -> list[str]:
    filled = [b for b in bins if b.count and b.mean_probability is not None]
    largest = max((b.count for b in filled), default=1)
    points = " ".join(
        f"{_x(b.mean_probability or 0):.1f},{_y(b.observed_frequency or 0):.1f}" for b in filled
    )
    width = 2 if first else 1.5
    parts = [f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="{width}"/>']
    for b in filled:
        x, y = _x(b.mean_probability or 0), _y(b.observed_frequency or 0)
        radius = 3 + 9 * math.sqrt(b.count / largest)
        if first and b.low is not None and b.high is not None:
            parts.append(
                f'<line x1="{x:.1f}" y1="{_y(b.low):.1f}" x2="{x:.1f}" y2="{_y(b.high):.1f}" '
                f'stroke="{colour}" stroke-opacity="0.5"/>'
            )
        parts.append(
            f'<circle class="bin" cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{colour}" '
            f'fill-opacity="0.6"><title>{b.lower:.1f}–{b.upper:.1f}: {b.count} questions, '
            f"mean forecast {b.mean_probability:.2f}, observed {b.observed_frequency:.2f}"
            "</title></circle>"
        )
    return parts


def _short(name: str) -> str:
    return name if len(name) <= LABEL else name[: LABEL - 1].rstrip() + "…"


def _histogram(bins: tuple[CalibrationBin, ...], *, top: float) -> list[str]:
    largest = max((b.count for b in bins), default=0) or 1
    parts = [f'<text x="{MARGIN}" y="{top - 6}" font-size="12">questions per bin</text>']
    for b in bins:
        height = HIST * b.count / largest
        x = _x(b.lower) + 2
        parts.append(
            f'<rect class="count" x="{x:.1f}" y="{top + HIST - height:.1f}" '
            f'width="{PLOT * (b.upper - b.lower) - 4:.1f}" height="{height:.1f}" fill="#9db3c9"/>'
            f'<text x="{x + PLOT * (b.upper - b.lower) / 2 - 2:.1f}" y="{top + HIST + 14}" '
            f'text-anchor="middle" font-size="11">{b.count}</text>'
        )
    return parts


def _summary(scores: LedgerScores) -> str:
    overall = scores.overall
    parts = [f"{overall.n} scored questions ({overall.n_yes} came true) as of {scores.today}"]
    if overall.brier is not None:
        parts.append(f"Brier {overall.brier:.3f}")
    if overall.log_score is not None and overall.baseline is not None:
        parts.append(f"log {overall.log_score:.3f}, baseline {overall.baseline:.1f}")
    if overall.discrimination is not None:
        parts.append(f"discrimination (AUC) {overall.discrimination:.2f}")
    parts.append(
        f"not counted: {scores.pending} awaiting their horizon, {scores.open} open, "
        f"{scores.annulled} annulled, {scores.unresolvable} unresolvable"
    )
    return escape("; ".join(parts) + ".")


def _bin_table(bins: tuple[CalibrationBin, ...]) -> str:
    rows = [
        "<table><tr><th>bin</th><th>questions</th><th>mean forecast</th>"
        "<th>observed</th><th>95 % interval</th></tr>"
    ]
    for b in bins:
        mean = f"{b.mean_probability:.2f}" if b.mean_probability is not None else "–"
        seen = f"{b.observed_frequency:.2f}" if b.observed_frequency is not None else "–"
        interval = f"{b.low:.2f}–{b.high:.2f}" if b.low is not None and b.high is not None else "–"
        rows.append(
            f"<tr><td>{b.lower:.1f}–{b.upper:.1f}</td><td>{b.count}</td><td>{mean}</td>"
            f"<td>{seen}</td><td>{interval}</td></tr>"
        )
    rows.append("</table>")
    return "\n".join(rows)
