"""The two outcomes of a what-if side by side: as text for the terminal, as HTML (A4) or as Markdown."""

from __future__ import annotations

import html
from collections.abc import Callable

from game.classroom.report import CSS
from game.classroom.story import Turn, numbers, timeline
from game.classroom.svgchart import Series, line_chart
from game.classroom.whatif import WhatIf
from game.engine import Game

PAIR_CSS = """
.side td { width: 50%; } .side tr { break-inside: auto; }
.pair { display: flex; gap: 4mm; break-inside: avoid; } .pair > div { flex: 1 1 0; min-width: 0; }
"""


def _result(game: Game) -> tuple[str, str]:
    result = game.state["result"]
    if result is None:
        return "not finished", ""
    names = game.compiled.actor_names
    return f"{result['title']} (turn {result['turn']})", ", ".join(names[a] for a in result["winners"])


def question(whatif: WhatIf) -> str:
    """The what-if as a question."""
    name = whatif.original.compiled.actor_names[whatif.actor]
    return f"What if {name} had chosen “{whatif.changed_to}” instead of “{whatif.was}” on turn {whatif.turn}?"


def rows(whatif: WhatIf) -> list[tuple[str, str, str]]:
    """(what, as played, what if): the ending, winners, scores, and every number or track that ended differently."""
    a, b = whatif.original, whatif.forked
    compiled = a.compiled
    (end_a, win_a), (end_b, win_b) = _result(a), _result(b)
    out = [("Ending", end_a, end_b), ("Winner", win_a, win_b)]
    for actor in compiled.actors:
        out.append(
            (f"Score: {compiled.actor_names[actor]}", str(a.state["scores"][actor]), str(b.state["scores"][actor]))
        )
    for ref, variable in compiled.variables.items():
        x, y = a.state["vars"][ref], b.state["vars"][ref]
        if x != y:
            owner = ref.split(".", 1)[0]
            who = "World" if owner == "world" else compiled.actor_names[owner]
            out.append((f"{who}: {variable.label}", str(x), str(y)))
    for tid, machine in compiled.tracks.items():
        x, y = a.state["tracks"][tid], b.state["tracks"][tid]
        if x != y:
            out.append((machine.track.name, machine.label(x), machine.label(y)))
    return out


def render_text(whatif: WhatIf) -> str:
    """The comparison for the terminal."""
    table = rows(whatif)
    width = max(len(r[0]) for r in table)
    second = max(len(r[1]) for r in [*table, ("", "as played", "")])
    lines = [question(whatif), "", f"{'':{width}}  {'as played':{second}}  what if"]
    lines += [f"{what:{width}}  {x:{second}}  {y}{'' if x == y else '   *'}" for what, x, y in table]
    return "\n".join(lines) + "\n"


def _e(text: object) -> str:
    return html.escape(str(text))


def _turn_cell(turn: Turn | None) -> str:
    if turn is None:
        return "<td>—</td>"
    items = [f"<em>{_e(t)}</em>" for t, _ in turn.news]
    for move in turn.moves:
        mark = " (covert" + (", detected)" if move.detected else ", undetected)") if move.covert else ""
        state = f" — {move.outcome}" if move.outcome in ("rejected", "failed") else ""
        items.append(f"{_e(move.text)}{_e(mark)}{_e(state)}")
    items += [_e(t) for t in turn.tracks]
    if turn.ending:
        items.append(f"<strong>{_e(turn.ending)}</strong>")
    return "<td><ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul></td>"


def render_html(whatif: WhatIf) -> str:
    """Both outcomes side by side on one self-contained page."""
    a, b = whatif.original, whatif.forked
    meta = a.compiled.meta
    out = [
        "<!DOCTYPE html>",
        f'<html lang="en"><head><meta charset="utf-8"><title>What if: {_e(meta.title)}</title>',
        f"<style>{CSS}{PAIR_CSS}</style></head><body>",
        f"<h1>What if… {_e(meta.title)}</h1>",
        f'<p class="meta">seed {a.seed} · forked at turn {whatif.turn} · the bots play on from the same seed</p>',
        f"<p><strong>{_e(question(whatif))}</strong></p>",
        "<h2>Outcomes</h2>",
        "<table><thead><tr><th></th><th>as played</th><th>what if</th></tr></thead><tbody>",
    ]
    for what, x, y in rows(whatif):
        strong = (lambda t: f"<strong>{_e(t)}</strong>") if x != y else _e
        out.append(f"<tr><td>{_e(what)}</td><td>{strong(x)}</td><td>{strong(y)}</td></tr>")
    out.append("</tbody></table>")
    na, nb = numbers(a), numbers(b)
    out.append('<h2>Scores over the turns</h2><div class="pair">')
    for title, data in (("As played", na), ("What if", nb)):
        chart = line_chart(title, data.x_labels, [Series(n, v) for n, v in data.scores], width=420, height=260)
        out.append(f"<div>{chart}</div>")
    out.append("</div>")
    out.append(f"<h2>From turn {whatif.turn} on</h2>")
    out.append('<table class="side"><thead><tr><th>as played</th><th>what if</th></tr></thead><tbody>')
    ta = {t.number: t for t in timeline(a)}
    tb = {t.number: t for t in timeline(b)}
    for number in range(whatif.turn, max([*ta, *tb]) + 1):
        label = a.compiled.turn_labels[number - 1]
        out.append(f'<tr><th colspan="2">Turn {number} · {_e(label)}</th></tr>')
        out.append("<tr>" + _turn_cell(ta.get(number)) + _turn_cell(tb.get(number)) + "</tr>")
    out.append("</tbody></table></body></html>")
    return "\n".join(out) + "\n"


def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")


def render_markdown(whatif: WhatIf) -> str:
    """Both outcomes as Markdown tables."""
    lines = [f"# What if… {_md(whatif.original.compiled.meta.title)}", "", f"**{_md(question(whatif))}**", ""]
    lines += ["| | as played | what if |", "|---|---|---|"]
    lines += [f"| {_md(w)} | {_md(x)} | {_md(y)} |" for w, x, y in rows(whatif)]
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[WhatIf], str]] = {".html": render_html, ".htm": render_html, ".md": render_markdown}
"""The comparison format for each output suffix."""
