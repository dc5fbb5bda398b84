"""The ranking of a scored case explained in sentences an analyst can check.

The headline method is PARC's weighted inconsistency (Heuer's least-inconsistent rule,
weighted by credibility and relevance); the unweighted count and the Bayesian posterior are
reported beside it, and any disagreement between them is said outright. Then: which items
discriminate and which carry no weight, what the lead rests on, which single items are
critical, what it would take for the runner-up to overtake, and the effect of the flagged items.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from counterpoint.ach.sensitivity import Method

if TYPE_CHECKING:
    from counterpoint.ach.result import CaseResult, HypothesisResult

_NAMES = {
    "heuer": "Heuer's inconsistency count",
    "weighted": "weighted inconsistency",
    "bayes": "the Bayesian posterior",
}
_UNITS = {"heuer": "inconsistency points", "weighted": "weighted points", "bayes": "log-odds"}
_SHOWN = 4


def explain(result: CaseResult) -> tuple[str, ...]:
    """Sentences explaining the ranking of ``result`` (headline method: weighted)."""
    lines = [_headline(result), _bayes(result)]
    lines += _agreement(result)
    lines += _diagnostics(result)
    lines += _sensitivity(result)
    lines += _flags(result)
    return tuple(line for line in lines if line)


def _ids(ids: tuple[str, ...] | list[str]) -> str:
    shown = list(ids[:_SHOWN])
    more = len(ids) - len(shown)
    text = ", ".join(shown)
    return f"{text} and {more} more" if more > 0 else text


def _verb(ids: list[str], one: str, many: str) -> str:
    return one if len(ids) == 1 else many


def _by_rank(result: CaseResult, method: Method) -> list[HypothesisResult]:
    return sorted(result.hypotheses, key=lambda h: h.rank(method))


def _headline(result: CaseResult) -> str:
    ranked = _by_rank(result, "weighted")
    first = ranked[0]
    leaders = result.leaders("weighted")
    if len(result.hypotheses) == 1:
        return (
            f"Only one hypothesis ({first.id}): ACH needs competitors; its weighted "
            f"inconsistency is {first.weighted:.2f}."
        )
    if len(leaders) > 1:
        return (
            f"{_ids(leaders)} tie as least inconsistent with the evidence "
            f"(weighted inconsistency {first.weighted:.2f} each): the evidence does not decide."
        )
    second = ranked[1]
    return (
        f"{first.id} ({first.statement.rstrip('.')}) is the least inconsistent with the "
        f"evidence: weighted inconsistency {first.weighted:.2f} against {second.weighted:.2f} "
        f"for the runner-up {second.id}, and {first.heuer:.0f} against {second.heuer:.0f} "
        f"in Heuer's unweighted count."
    )


def _bayes(result: CaseResult) -> str:
    ranked = _by_rank(result, "bayes")
    shares = ", ".join(f"{h.id} {100 * h.posterior:.3g}%" for h in ranked)
    if len(ranked) < 2:
        return ""
    odds = ranked[0].posterior / max(ranked[1].posterior, 1e-300)
    return (
        f"The Bayesian posterior (priors x tempered likelihoods) gives {shares}; "
        f"odds {ranked[0].id}:{ranked[1].id} = {odds:.1f}:1."
    )


def _agreement(result: CaseResult) -> list[str]:
    weighted = set(result.leaders("weighted"))
    out = []
    others: tuple[Method, ...] = ("heuer", "bayes")
    for method in others:
        leaders = result.leaders(method)
        if set(leaders) != weighted and len(result.hypotheses) > 1:
            out.append(
                f"The methods disagree: {_NAMES[method]} ranks {_ids(leaders)} first, "
                f"weighted inconsistency {_ids(sorted(weighted))}. Inconsistency counts only "
                f"evidence against; the posterior also rewards evidence for."
            )
    return out


def _diagnostics(result: CaseResult) -> list[str]:
    items = result.items
    if not items:
        return ["There is no evidence yet: the ranking is the priors."]
    flat = [i.id for i in items if not i.diagnostic]
    soft = [i.id for i in items if i.diagnostic and i.consistent_with_all]
    best = sorted(items, key=lambda i: -i.diagnosticity)[:3]
    lines = [
        f"{len(items) - len(flat)} of {len(items)} items discriminate between the hypotheses; "
        f"the most diagnostic are {_ids([i.id for i in best if i.diagnostic]) or 'none'}."
    ]
    if flat:
        lines.append(
            f"{_ids(flat)} {_verb(flat, 'rates', 'rate')} every hypothesis alike and "
            f"{_verb(flat, 'carries', 'carry')} no weight (Heuer): "
            f"{_verb(flat, 'it', 'they')} cannot help choose."
        )
    if soft:
        lines.append(
            f"{_ids(soft)} {_verb(soft, 'is', 'are')} consistent with every hypothesis: "
            f"{_verb(soft, 'it moves', 'they move')} the posterior but not the "
            f"inconsistency scores."
        )
    return lines


def _sensitivity(result: CaseResult) -> list[str]:
    sens = result.method("weighted")
    over = sens.overtake
    lines = []
    if sens.critical:
        lines.append(
            f"Critical items (removing or reversing one alone changes the leader): "
            f"{_ids(sens.critical)}."
        )
    elif result.items and len(result.hypotheses) > 1:
        lines.append("No single item, removed or reversed, changes the leader.")
    if over is None:
        return lines
    if over.rests_on_enough:
        lines.append(
            f"The lead of {over.leader} over {over.runner_up} ({over.margin:.2f} "
            f"{_UNITS['weighted']}) rests on {_ids(over.rests_on)}: without "
            f"{'it' if len(over.rests_on) == 1 else 'them'} {over.runner_up} draws level."
        )
    else:
        lines.append(
            f"Removing evidence alone cannot bring {over.runner_up} level with {over.leader}."
        )
    reversal = (
        f", or reversing {_ids(over.reversals)}" if over.reversals_enough and over.reversals else ""
    )
    lines.append(
        f"For {over.runner_up} to overtake {over.leader} would take {over.new_items} new "
        f"item{'s' if over.new_items != 1 else ''} very inconsistent with {over.leader} and "
        f"not with {over.runner_up}{reversal}."
    )
    bayes = result.method("bayes").overtake
    if bayes is not None:
        lines.append(
            f"Under the posterior, {bayes.runner_up} overtakes {bayes.leader} given evidence "
            f"with a likelihood ratio above {_ratio(bayes.margin)} in its favour "
            f"({bayes.new_items} item{'s' if bayes.new_items != 1 else ''} rated CC for it and "
            f"II for {bayes.leader})."
        )
    return lines


def _ratio(log_odds: float) -> str:
    from math import exp

    return f"{exp(min(log_odds, 700.0)):.3g}"


def _flags(result: CaseResult) -> list[str]:
    flagged = result.flagged
    if flagged is None:
        return []
    without = sorted(flagged.without, key=lambda h: h.rank("weighted"))
    change = (
        f"the leader changes under {', '.join(_NAMES[m] for m in flagged.leader_changes)}"
        if flagged.leader_changes
        else "no method's leader changes"
    )
    return [
        f"Without the flagged items ({_ids(flagged.flagged)}), {without[0].id} leads on "
        f"weighted inconsistency ({without[0].weighted:.2f}) and {change}."
    ]
