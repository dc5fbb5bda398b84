"""A scored case as JSON-ready data, CSV, Markdown, or Rich tables (the CLI prints them).

JSON (:func:`result_to_dict`) gives per hypothesis its ``id``, ``heuer``, ``weighted``,
``posterior`` and ranks; per item its ratings, weight, diagnosticity, log-likelihood ratios
and sensitivity under each method; the overtake analysis and the explanation.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from counterpoint.ach.result import CaseResult

if TYPE_CHECKING:
    from counterpoint.ach.suggest import Suggestion
    from counterpoint.ledger import Question

_STYLES = {
    "CC": "bold green",
    "C": "green",
    "N": "dim",
    "I": "red",
    "II": "bold red",
    "NA": "dim italic",
}


def result_to_dict(result: CaseResult) -> dict[str, Any]:
    """The whole result as plain data (for ``--format json`` and the database)."""
    data = asdict(result)
    data["hypotheses"] = [
        {
            "id": h.id,
            "statement": h.statement,
            "prior": h.prior,
            "heuer": h.heuer,
            "weighted": h.weighted,
            "posterior": h.posterior,
            "log_posterior": h.log_posterior,
            "rank": {"heuer": h.rank_heuer, "weighted": h.rank_weighted, "bayes": h.rank_bayes},
        }
        for h in result.hypotheses
    ]
    for item in data["items"]:
        item["ratings"] = dict(item["ratings"])
        item["likelihoods"] = dict(item["likelihoods"]) or None
        item["llr"] = dict(item["llr"])
    for sens in data["sensitivity"]:
        sens["critical"] = list(result.method(sens["method"]).critical)
    data["explanation"] = list(result.explanation)
    return data


def result_to_csv(result: CaseResult) -> str:
    """One row per hypothesis: id, statement, each score, posterior and ranks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ["id", "statement", "prior", "heuer", "weighted", "posterior"]
        + ["rank_heuer", "rank_weighted", "rank_bayes"]
    )
    for h in result.hypotheses:
        writer.writerow(
            [h.id, h.statement, f"{h.prior:.6g}", f"{h.heuer:.6g}", f"{h.weighted:.6g}"]
            + [f"{h.posterior:.6g}", h.rank_heuer, h.rank_weighted, h.rank_bayes]
        )
    return buffer.getvalue()


def result_to_markdown(result: CaseResult) -> str:
    """The matrix, the scores and the explanation as a Markdown section."""
    ids = [h.id for h in result.hypotheses]
    lines = [f"## {result.case}", "", result.question, "", "| item | " + " | ".join(ids) + " |"]
    lines.append("|---" * (len(ids) + 1) + "|")
    for item in result.items:
        ratings = dict(item.ratings)
        lines.append(
            f"| {item.id} {_md(item.text)} | " + " | ".join(ratings[h] for h in ids) + " |"
        )
    lines += ["", "| hypothesis | Heuer | weighted | posterior |", "|---|---|---|---|"]
    for h in result.hypotheses:
        lines.append(
            f"| {h.id} {_md(h.statement)} | {h.heuer:g} | {h.weighted:.2f} | {h.posterior:.3f} |"
        )
    lines += [""] + [f"- {line}" for line in result.explanation]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def result_tables(result: CaseResult) -> Group:
    """The Rich view: coloured matrix, scores, sensitivity, and the explanation."""
    parts: list[RenderableType] = [
        Text(result.question, style="bold"),
        matrix_table(result),
        scores_table(result),
        sensitivity_table(result),
        Text("\n".join(f"• {line}" for line in result.explanation)),
    ]
    return Group(*parts)


def matrix_table(result: CaseResult) -> Table:
    """Items by hypotheses, each cell coloured by its rating; weight and diagnosticity."""
    table = Table(title=f"ACH matrix: {result.case}", title_justify="left")
    table.add_column("item")
    table.add_column("evidence", max_width=48)
    table.add_column("cred/rel")
    for h in result.hypotheses:
        table.add_column(h.id, justify="center")
    table.add_column("diag", justify="right")
    table.add_column("source", max_width=24)
    for item in result.items:
        ratings = dict(item.ratings)
        flags = f" [yellow]⚑ {', '.join(item.flags)}[/]" if item.flags else ""
        table.add_row(
            item.id,
            Text.from_markup(_escape(item.text) + flags),
            f"{item.credibility[0].upper()}/{item.relevance[0].upper()}",
            *(Text(ratings[h.id], style=_STYLES[ratings[h.id]]) for h in result.hypotheses),
            f"{item.diagnosticity:.2f}" if item.diagnostic else "[dim]none[/]",
            Text(item.source + (f" ({item.reported})" if item.reported else "")),
        )
    return table


def scores_table(result: CaseResult) -> Table:
    """Scores and ranks per hypothesis, with the flagged-items comparison when there is one."""
    table = Table(title="Scores (rank)", title_justify="left")
    for name in ("hypothesis", "statement", "Heuer", "weighted", "prior", "posterior"):
        table.add_column(name, justify="left" if name == "statement" else "right")
    without = {h.id: h for h in result.flagged.without} if result.flagged else {}
    if without:
        table.add_column("weighted w/o flagged", justify="right")
    for h in sorted(result.hypotheses, key=lambda h: (h.rank_weighted, h.rank_bayes)):
        style = "bold" if h.rank_weighted == 1 else ""
        row: list[str | Text] = [
            h.id,
            Text(h.statement),
            f"{h.heuer:g} ({h.rank_heuer})",
            f"{h.weighted:.2f} ({h.rank_weighted})",
            f"{h.prior:.2f}",
            f"{h.posterior:.3f} ({h.rank_bayes})",
        ]
        if without:
            row.append(f"{without[h.id].weighted:.2f} ({without[h.id].rank_weighted})")
        table.add_row(*row, style=style)
    return table


def sensitivity_table(result: CaseResult) -> Table:
    """Per item and method: does removing (−) or reversing (↔) it change the ranking/leader."""
    table = Table(
        title="Sensitivity: ranking changes when an item is removed (−) or reversed (↔)",
        title_justify="left",
    )
    table.add_column("item")
    for sens in result.sensitivity:
        table.add_column(sens.method, justify="center")
    table.add_column("share of lead (weighted)", justify="right")
    per_method = [{i.id: i for i in sens.items} for sens in result.sensitivity]
    weighted = result.method("weighted")
    shares = {i.id: i.lead_share for i in weighted.items}
    for item in result.items:
        cells = [_sens_cell(by_id[item.id]) for by_id in per_method]
        share = shares[item.id]
        table.add_row(item.id, *cells, f"{share:+.2f}" if share else "[dim]0[/]")
    return table


def _sens_cell(item: Any) -> str:
    marks = []
    if item.removal_changes_ranking:
        marks.append("[bold red]−leader[/]" if item.removal_changes_leader else "[yellow]−[/]")
    if item.reversal_changes_ranking:
        marks.append("[bold red]↔leader[/]" if item.reversal_changes_leader else "[yellow]↔[/]")
    return " ".join(marks) or "[dim]·[/]"


def _escape(text: str) -> str:
    return text.replace("[", "\\[")


def suggestions_table(suggestions: list[Suggestion]) -> Table:
    """Proposed evidence: kind, document, quote, relevance and the draft ratings."""
    table = Table(title="Suggested evidence (nothing is written to the case)", title_justify="left")
    for name in ("kind", "document", "quote", "relevance", "draft ratings"):
        table.add_column(name, max_width=60 if name == "quote" else None)
    for s in suggestions:
        ratings = " ".join(f"{h}:{r}" for h, r in s.ratings)
        table.add_row(s.kind, Text(s.document), Text(s.quote), f"{s.score:.2f}", ratings)
    return table


def milestones_table(questions: tuple[Question, ...]) -> Table:
    """Milestones as ledger questions: source key, title, close date, probability and basis."""
    table = Table(title="Milestones as forecast questions", title_justify="left")
    for name in ("milestone", "question", "by", "probability", "from"):
        table.add_column(name, max_width=60 if name == "question" else None)
    for q in questions:
        table.add_row(
            Text((q.source or "").rsplit(":", 1)[-1]),
            Text(q.title),
            q.close_date.isoformat() if q.close_date else "",
            f"{q.probability:.2f}",
            q.probability_phrase,
        )
    return table
