"""The Jinja2 environment shared by the report and the web app.

Autoescaping is on for every template, so document text, titles and item fields are
always escaped: an article that contains ``<script>`` or ``onerror=`` shows those
characters and runs nothing. Nothing in the templates marks document data ``safe``.
"""

from __future__ import annotations

import functools
from datetime import date
from importlib.resources import files

import jinja2

STATIC = ("counterpoint.css", "counterpoint.js")


@functools.cache
def environment() -> jinja2.Environment:
    """The template environment (built once per process)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("counterpoint.views", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["pct"] = percent
    env.filters["score"] = score
    env.filters["day"] = day
    env.filters["classes"] = classes
    return env


@functools.cache
def static_text(name: str) -> str:
    """The text of one of the project's own static files (CSS or JS)."""
    if name not in STATIC:
        raise KeyError(name)
    return (files("counterpoint.views") / "static" / name).read_text(encoding="utf-8")


def percent(value: float | None) -> str:
    """``0.705`` → ``71%``; None → an en dash."""
    return "–" if value is None else f"{value * 100:.0f}%"


def score(value: float | None, digits: int = 3) -> str:
    """A score with ``digits`` decimals; None → an en dash."""
    return "–" if value is None else f"{value:.{digits}f}"


def day(value: date | None) -> str:
    """An ISO date, or an en dash."""
    return "–" if value is None else value.isoformat()


SHORT = {
    "forecast": "kf",
    "event": "ke",
    "actor": "ka",
    "claim": "kc",
    "match": "km",
    "conflict": "tx",
    "cooperation": "tc",
}


def classes(kinds: tuple[str, ...], tones: tuple[str, ...] = (), masked: bool = False) -> str:
    """CSS classes of a marked segment, short (they repeat thousands of times in a report).

    ``m`` marks a highlight; ``kf ke ka kc km`` its kinds (forecast, event, actor, claim,
    search match); ``tc tx`` an event's tone (cooperation, conflict).
    """
    names = ["m", *(SHORT[k] for k in kinds), *(SHORT[t] for t in tones)]
    if masked:
        names.append("masked")
    return " ".join(names)
