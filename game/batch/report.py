"""A self-contained HTML report of a batch: tables plus matplotlib charts embedded as base64 PNG.

The page links to nothing outside itself (no scripts, fonts or images to
fetch), so it can be mailed or opened offline. matplotlib is an optional
extra (``pip install 'parley-game[report]'``); it is imported only here.
"""

from __future__ import annotations

import base64
import html
import io
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from game.batch.totals import BatchTotals

INSTALL_HINT = "the HTML report needs matplotlib: pip install 'parley-game[report]'"


class ReportUnavailable(RuntimeError):
    """matplotlib is not installed."""


def require_matplotlib() -> None:
    """Raise :class:`ReportUnavailable` (with the install command) when matplotlib is missing."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise ReportUnavailable(INSTALL_HINT) from None


def _png(figure: Any) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=96)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _figure(width: float, height: float) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def win_chart(summary: dict[str, Any]) -> str:
    """Win rate per actor with its 95% Wilson interval, and the even-split line."""
    actors = summary["actors"]
    rates = [summary["win_rates"][a]["rate"] or 0.0 for a in actors]
    lows = [r - summary["win_rates"][a]["ci95"][0] for a, r in zip(actors, rates, strict=True)]
    highs = [summary["win_rates"][a]["ci95"][1] - r for a, r in zip(actors, rates, strict=True)]
    figure = _figure(6.5, 0.5 + 0.45 * len(actors))
    axes = figure.subplots()
    positions = list(range(len(actors)))
    axes.barh(positions, rates, xerr=[lows, highs], color="#4c72b0", capsize=4)
    axes.axvline(1.0 / len(actors), color="#999999", linestyle="--", linewidth=1, label="even split")
    axes.set_yticks(positions, actors)
    axes.invert_yaxis()
    axes.set_xlim(0, 1)
    axes.set_xlabel("win rate (ties credited 1/k), 95% Wilson interval")
    axes.legend(loc="lower right", fontsize="small")
    return _png(figure)


def band_chart(
    totals: BatchTotals, bands: dict[str, list[tuple[float, float, float]]], owner: str, refs: Sequence[str]
) -> str:
    """Median and 10–90% band per turn of each variable of ``owner`` (``bands`` from :meth:`BatchTotals.bands`)."""
    figure = _figure(6.5, 3.2)
    axes = figure.subplots()
    for ref in refs:
        series = bands[ref]
        turns = list(range(1, len(series) + 1))
        low = [b[0] for b in series]
        mid = [b[1] for b in series]
        high = [b[2] for b in series]
        label = totals.compiled.variables[ref].label
        line = axes.plot(turns, mid, marker="o", markersize=3, label=label)[0]
        axes.fill_between(turns, low, high, alpha=0.18, color=line.get_color())
    from matplotlib.ticker import MaxNLocator

    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel("end of turn")
    axes.set_ylabel("value (median, 10–90% band)")
    axes.set_title(owner)
    axes.legend(fontsize="small", ncols=2 if len(refs) > 4 else 1)
    return _png(figure)


def heat_map(totals: BatchTotals) -> str:
    """Share of its turns in which each actor chose each move (blank: not the actor's move)."""
    actors = list(totals.actors)
    uses = totals.uses()
    moves: list[str] = []
    for use in uses:
        if use.move not in moves:
            moves.append(use.move)
    grid = [[math.nan] * len(actors) for _ in moves]
    for use in uses:
        grid[moves.index(use.move)][actors.index(use.actor)] = use.rate
    figure = _figure(1.6 + 1.1 * len(actors), 0.8 + 0.3 * len(moves))
    axes = figure.subplots()
    image = axes.imshow(grid, cmap="viridis", vmin=0.0, vmax=1.0, aspect="auto")
    axes.set_xticks(range(len(actors)), actors, rotation=30, ha="right")
    axes.set_yticks(range(len(moves)), moves)
    for row, values in enumerate(grid):
        for column, value in enumerate(values):
            if not math.isnan(value):
                axes.text(column, row, f"{value:.0%}", ha="center", va="center", fontsize=7,
                          color="white" if value < 0.6 else "black")  # fmt: skip
    figure.colorbar(image, ax=axes, label="share of the actor's turns")
    return _png(figure)


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _counts(title: str, counts: dict[str, int], games: int) -> str:
    rows = [(key, value, f"{value / games:.1%}" if games else "") for key, value in counts.items()]
    return f"<h3>{html.escape(title)}</h3>" + _table(("", "games", "share"), rows)


_STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #ccc;padding:.2rem .6rem;text-align:right}
td:first-child,th:first-child{text-align:left}img{max-width:100%}.error{color:#b00}.warning{color:#a60}
.info{color:#555}section{margin-bottom:2rem}
"""


def render(totals: BatchTotals, summary: dict[str, Any], title: str, findings: Sequence[dict[str, Any]] = ()) -> str:
    """The whole report as one HTML string."""
    games = summary["games"]
    parts = [f"<h1>{html.escape(title)}</h1>"]
    parts.append(
        f"<p>{games} games of <b>{html.escape(summary['scenario'])}</b>, batch seed {summary.get('seed', '')}; "
        f"players: {html.escape(', '.join(f'{a}={k}' for a, k in summary.get('players', {}).items()))}.</p>"
    )
    if findings:
        rows = [(f["severity"], f["kind"], f["message"]) for f in findings]
        parts.append("<section><h2>Findings</h2>" + _table(("severity", "kind", "finding"), rows) + "</section>")
    win_rows = []
    for actor in summary["actors"]:
        rate = summary["win_rates"][actor]
        win_rows.append((actor, summary["wins"][actor], f"{rate['rate']:.1%}",
                         f"{rate['ci95'][0]:.1%}–{rate['ci95'][1]:.1%}", summary["scores"][actor]["mean"]))  # fmt: skip
    test = summary["uniform_test"]
    test_text = (
        f"<p>χ² test against an even split: χ² = {test['chi2']:.2f}, dof {test['dof']}, p = {test['p_value']:.3g}. "
        "Ties among k actors credit 1/k of a win to each.</p>"
        if test
        else ""
    )
    parts.append(
        "<section><h2>Who wins</h2>"
        + _table(("actor", "wins", "win rate", "95% CI", "mean score"), win_rows)
        + test_text
        + f'<img alt="win rates" src="{win_chart(summary)}"></section>'
    )
    if totals.histograms:
        bands = totals.bands()
        owners: dict[str, list[str]] = {}
        for ref in totals.compiled.variables:
            owners.setdefault(ref.split(".", 1)[0], []).append(ref)
        charts = "".join(
            f'<img alt="{html.escape(owner)} variables" src="{band_chart(totals, bands, owner, refs)}">'
            for owner, refs in owners.items()
        )
        parts.append("<section><h2>Variables per turn</h2>" + charts + "</section>")
    parts.append(f'<section><h2>Move usage</h2><img alt="move usage" src="{heat_map(totals)}"></section>')
    parts.append(
        "<section><h2>Distributions</h2>"
        + _counts("Endings", summary["endings"], games)
        + _counts("Game length (turns)", summary["game_lengths"], games)
        + _counts("Events fired", summary["events_fired"], games)
        + _counts("Track states reached", summary["track_states_reached"], games)
        + _counts("Objectives met", summary["objectives_met"], games)
        + "</section>"
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>" + "".join(parts) + "</body></html>\n"
    )


def write_report(
    path: str | Path, totals: BatchTotals, summary: dict[str, Any], title: str, findings: Sequence[dict[str, Any]] = ()
) -> None:
    """Render the report and write it to ``path``."""
    require_matplotlib()
    Path(path).write_text(render(totals, summary, title, findings), encoding="utf-8")
