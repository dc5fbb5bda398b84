"""Rich tables and a JSON-ready dict of a comparison (printing stays in the CLI)."""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from counterpoint.compare.records import Comparison

_STYLE = {"contradicts": "red", "agrees": "green"}
_PAIR_KEYS = (
    "a_doc", "a_start", "a_end", "a_quote", "b_doc", "b_start", "b_end", "b_quote",
    "relation", "proposition", "reason", "score", "actors",
)  # fmt: skip


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    """``{"pairs": [...], "stances": [...], "shared_events": [...], "solo_events": ...}``."""
    return {
        "documents": list(comparison.documents),
        "pairs": [{k: getattr(p, k) for k in _PAIR_KEYS} for p in comparison.pairs],
        "stances": [
            {"doc": s.doc, "proposition": s.proposition, "stance": s.stance,
             "score": s.score, "quotes": list(s.quotes)}
            for s in comparison.stances
        ],
        "shared_events": [
            {"date": e.date, "actors": list(e.actors), "framing": e.framing,
             "mentions": [vars(m) for m in e.mentions]}
            for e in comparison.shared_events
        ],
        "solo_events": [
            {"date": e.date, "actors": list(e.actors), **vars(e.mention)}
            for e in comparison.solo_events
        ],
        "propositions": [vars(p) for p in comparison.propositions],
        "rulesets": list(comparison.rulesets),
    }  # fmt: skip


def comparison_tables(comparison: Comparison) -> list[Table]:
    """The agreement/contradiction table, the stances, shared events, events only one cites."""
    pairs = Table(title=f"Agreement and contradiction: {' vs '.join(comparison.documents)}")
    for column in ("relation", "proposition", "A says", "B says", "reason"):
        pairs.add_column(column, overflow="fold", ratio=2 if "says" in column else 1)
    for p in comparison.pairs:
        style = _STYLE[p.relation]
        pairs.add_row(
            f"[{style}]{p.relation}[/{style}]",
            escape(p.proposition),
            f"[dim]{escape(p.a_doc)}[/dim]\n{escape(p.a_quote)}",
            f"[dim]{escape(p.b_doc)}[/dim]\n{escape(p.b_quote)}",
            escape(p.reason),
        )
    stances = Table(title="Stances")
    for column in ("proposition", "document", "stance", "score", "supporting quotes"):
        stances.add_column(column, overflow="fold")
    for s in comparison.stances:
        quotes = "\n".join(f"• {escape(q)}" for q in s.quotes) or "—"
        stances.add_row(escape(s.proposition), escape(s.doc), s.stance, f"{s.score:+.2f}", quotes)
    events = Table(title="Events cited by several documents")
    for column in ("year", "actors", "framing", "wordings"):
        events.add_column(column, overflow="fold")
    for e in comparison.shared_events:
        wordings = "\n".join(f"[dim]{escape(m.doc)}[/dim]: {escape(m.quote)}" for m in e.mentions)
        events.add_row(e.date, "-".join(e.actors), escape(e.framing), wordings)
    tables = [pairs, stances, events]
    for name in comparison.documents:
        mine = [e for e in comparison.solo_events if e.mention.doc == name]
        if not mine:
            continue
        solo = Table(title=Text(f"Events only {name} cites"))
        for column in ("year", "actors", "event", "quote"):
            solo.add_column(column, overflow="fold", ratio=3 if column == "quote" else 1)
        for only in mine:
            label, quote = Text(only.mention.label), Text(only.mention.quote)
            solo.add_row(only.date, "-".join(only.actors), label, quote)
        tables.append(solo)
    return tables
