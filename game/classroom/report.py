"""The after-action report of one game, as one self-contained HTML page (A4 print) or as Markdown.

The HTML page carries its styles and its charts (inline SVG) inside itself and links to nothing, so
it can be mailed, opened offline or printed. The Markdown has the same sections with the numbers as
tables, to paste into a school's learning platform.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable

from game.classroom.records import GameRecord
from game.classroom.story import Move, Numbers, Turn, numbers, objectives, seat_words, stand_in_turns, timeline
from game.classroom.svgchart import Series, line_chart
from game.engine.wording import cause_sentence

CSS = """
@page { size: A4; margin: 14mm 13mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; color: #111;
       line-height: 1.35; max-width: 190mm; margin: 0 auto; padding: 6mm; }
h1 { font-size: 20pt; margin: 0 0 2mm; } h2 { font-size: 14pt; border-bottom: 1.5px solid #333;
     margin: 6mm 0 2mm; padding-bottom: 1mm; break-after: avoid; } h3 { font-size: 11.5pt; margin: 4mm 0 1mm;
     break-after: avoid; }
.meta { color: #444; margin: 0 0 3mm; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; font-size: 9.5pt; }
th, td { border: 1px solid #bbb; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eee; } thead { display: table-header-group; } tr { break-inside: avoid; }
td.num, th.num { text-align: right; }
.turn { break-inside: avoid-page; border-left: 3px solid #999; padding-left: 3mm; margin: 0 0 3mm; }
.turn h3 { margin-top: 2mm; }
.covert { font-weight: bold; color: #7a1f1f; } .tag { font-size: 8.5pt; border: 1px solid #999;
          border-radius: 2px; padding: 0 1mm; margin-left: 1mm; white-space: nowrap; }
.why { color: #444; font-size: 9pt; }
ul { margin: 1mm 0 2mm; padding-left: 6mm; } li { margin: 0.6mm 0; }
.chart { display: block; break-inside: avoid; margin: 1mm 0 3mm; max-height: 80mm; }
.charts { break-before: page; }
.ending { border: 1.5px solid #333; padding: 2mm 3mm; margin: 2mm 0 3mm; background: #f6f6f6; }
footer { color: #666; font-size: 8.5pt; margin-top: 6mm; }
"""


def _e(text: object) -> str:
    return html.escape(str(text))


def _title(record: GameRecord) -> str:
    return f"After-action report: {record.compiled.meta.title}"


def _outcome_tags(move: Move) -> str:
    tags = []
    if move.covert:
        tags.append("covert, detected" if move.detected else "covert, never detected")
    if move.outcome in ("rejected", "failed"):
        tags.append(move.outcome)
    elif move.answer:
        tags.append("deal " + move.answer.split(" ", 1)[0])
    return ", ".join(tags)


def _seats(record: GameRecord) -> list[tuple[str, str]]:
    compiled = record.compiled
    seats = []
    for actor in compiled.actors:
        words = seat_words(record.seats.get(actor, "?"))
        turns = stand_in_turns(record.game, actor)
        if turns:
            words += f"; a stand-in bot on turn{'s' if len(turns) > 1 else ''} {', '.join(map(str, turns))}"
        seats.append((compiled.actor_names[actor], words))
    return seats


def _status(record: GameRecord) -> str:
    result = record.game.state["result"]
    if result is None:
        return f"Game in progress: turn {record.game.turn} of {record.compiled.turns} ({record.game.turn_label})."
    cause = cause_sentence(result)
    return f"{result['title']} (turn {result['turn']} of {record.compiled.turns}).{' ' + cause if cause else ''}"


def render_html(record: GameRecord, date: datetime.date | None = None) -> str:
    """The report as one HTML page that loads nothing from outside."""
    game, compiled = record.game, record.compiled
    meta = compiled.meta
    today = (date or datetime.date.today()).isoformat()
    result = game.state["result"]
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_e(_title(record))}</title><style>{CSS}</style></head><body>",
        f"<h1>{_e(_title(record))}</h1>",
        f'<p class="meta">Report of {_e(today)} · seed {game.seed} · {meta.turns} turns of {_e(meta.turn_length)}'
        f" · {_e(record.path.split('/')[-1])}</p>",
        f"<p>{_e(meta.summary)}</p>",
        "<h2>Result</h2>",
        f'<div class="ending"><strong>{_e(_status(record))}</strong>',
    ]
    ending = next((e["text"] for e in game.state["log"] if e["kind"] == "ending"), "")
    if ending:
        out.append(f"<br>{_e(ending)}")
    out.append("</div>")
    scores = game.state["scores"]
    winners = set(result["winners"]) if result else set()
    out.append('<table><thead><tr><th>actor</th><th>played by</th><th class="num">score</th></tr></thead><tbody>')
    for actor, (name, seat) in zip(compiled.actors, _seats(record), strict=True):
        mark = " (winner)" if actor in winners else ""
        out.append(f'<tr><td>{_e(name)}{mark}</td><td>{_e(seat)}</td><td class="num">{scores[actor]}</td></tr>')
    out.append("</tbody></table>")
    out.append("<h3>Objectives</h3>")
    out.append(
        '<table><thead><tr><th>actor</th><th>objective</th><th class="num">points</th><th>met</th></tr></thead><tbody>'
    )
    for o in objectives(game):
        secret = ' <span class="tag">secret</span>' if o["secret"] else ""
        met = ", ".join(f"T{t}" for t in o["met"]) if o["met"] else "no"
        out.append(
            f'<tr><td>{_e(o["actor"])}</td><td>{_e(o["text"])}{secret}</td><td class="num">{o["points"]:+d}</td>'
            f"<td>{_e(met)}</td></tr>"
        )
    out.append("</tbody></table>")
    out.append("<h2>Timeline</h2>")
    for turn in timeline(game):
        out.append(_turn_html(turn))
    out.append('<section class="charts"><h2>Numbers over the turns</h2>')
    out.extend(_charts(record, numbers(game)))
    out.append("</section>")
    out.extend(_debrief_html(record))
    out.append(
        f"<footer>Written by Parley from the decision log {_e(record.path.split('/')[-1])}; every move is revealed, "
        "including the covert ones nobody saw during play.</footer></body></html>"
    )
    return "\n".join(out) + "\n"


def _turn_html(turn: Turn) -> str:
    out = [f'<div class="turn"><h3>Turn {turn.number} · {_e(turn.label)}</h3>']
    if turn.news:
        out.append(
            "<p><strong>News:</strong> " + " ".join(f"<em>{_e(t)}</em> — {_e(x)}" for t, x in turn.news) + "</p>"
        )
    if turn.facilitator:
        out.append("<p><strong>Facilitator:</strong> " + "; ".join(_e(f) for f in turn.facilitator) + "</p>")
    if turn.stand_ins:
        out.append("<p><strong>Stand-ins:</strong> " + "; ".join(_e(f) for f in turn.stand_ins) + "</p>")
    if turn.moves:
        out.append("<ul>")
        for move in turn.moves:
            cls = ' class="covert"' if move.covert else ""
            tags = _outcome_tags(move)
            tag = f' <span class="tag">{_e(tags)}</span>' if tags else ""
            line = f"<li><span{cls}>{_e(move.text)}</span>{tag}"
            if move.changes and move.outcome in ("done", "accepted"):
                line += f' <span class="why">[{_e(move.changes)}]</span>'
            if move.reason:
                line += f'<br><span class="why">why: {_e(move.reason)}</span>'
            if move.answer and "(" in move.answer:
                line += f'<br><span class="why">answer: {_e(move.answer)}</span>'
            out.append(line + "</li>")
        out.append("</ul>")
    if turn.passes:
        out.append(f'<p class="why">No move: {_e(", ".join(turn.passes))}</p>')
    if turn.tracks:
        out.append("<p><strong>Tracks:</strong> " + "; ".join(_e(t) for t in turn.tracks) + "</p>")
    if turn.objectives:
        out.append("<p><strong>Objectives:</strong> " + "; ".join(_e(t) for t in turn.objectives) + "</p>")
    if turn.ending:
        out.append(f"<p><strong>Ending:</strong> {_e(turn.ending)}</p>")
    out.append("</div>")
    return "\n".join(out)


def _owner_name(record: GameRecord, owner: str) -> str:
    return "World" if owner == "world" else record.compiled.actor_names.get(owner, owner)


def _charts(record: GameRecord, data: Numbers) -> list[str]:
    out = [line_chart("Scores", data.x_labels, [Series(n, v) for n, v in data.scores])]
    for owner, series in data.variables.items():
        out.append(line_chart(_owner_name(record, owner), data.x_labels, [Series(n, v) for n, v in series]))
    if data.tracks:
        out.append("<h3>Tracks</h3>")
        rows = [[label, *(states[i] for _, states in data.tracks)] for i, label in enumerate(data.x_labels)]
        out.append(_table_html(["turn", *(name for name, _ in data.tracks)], rows))
    return out


def _table_html(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _debrief_html(record: GameRecord) -> list[str]:
    scenario = record.compiled.scenario
    out = []
    if scenario.debrief.questions:
        out.append("<h2>Questions for discussion</h2><ol>")
        out.extend(f"<li>{_e(q)}</li>" for q in scenario.debrief.questions)
        out.append("</ol>")
    if scenario.debrief.what_happened_next:
        out.append("<h2>What happened next</h2><ul>")
        for f in scenario.debrief.what_happened_next:
            source = f' <span class="why">({_e(f.source)})</span>' if f.source else ""
            out.append(f"<li><strong>{_e(f.date)}</strong> {_e(f.text)}{source}</li>")
        out.append("</ul>")
    if scenario.meta.sources:
        out.append("<h2>Sources</h2><ul>")
        for s in scenario.meta.sources:
            url = f" — {_e(s.url)}" if s.url else ""
            out.append(f"<li>{_e(s.title)}, {_e(s.outlet)}, {_e(s.date)}{url}</li>")
        out.append("</ul>")
    return out


# --- Markdown ------------------------------------------------------------------------------------------


def _md(text: object) -> str:
    """Text safe inside Markdown (and its tables): no raw HTML, no table breaks."""
    value = str(text).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace("\n", " ")


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(_md(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def render_markdown(record: GameRecord, date: datetime.date | None = None) -> str:
    """The report as Markdown: the same sections, numbers as tables."""
    game, compiled = record.game, record.compiled
    meta = compiled.meta
    today = (date or datetime.date.today()).isoformat()
    result = game.state["result"]
    winners = set(result["winners"]) if result else set()
    about = f"Report of {today} · seed {game.seed} · {meta.turns} turns of {_md(meta.turn_length)}"
    lines = [f"# {_md(_title(record))}", "", about, "", _md(meta.summary), "", "## Result", ""]
    lines += [f"**{_md(_status(record))}**", ""]
    ending = next((e["text"] for e in game.state["log"] if e["kind"] == "ending"), "")
    if ending:
        lines += [_md(ending), ""]
    rows = [
        [name + (" (winner)" if actor in winners else ""), seat, str(game.state["scores"][actor])]
        for actor, (name, seat) in zip(compiled.actors, _seats(record), strict=True)
    ]
    lines += _md_table(["actor", "played by", "score"], rows)
    lines += ["### Objectives", ""]
    lines += _md_table(
        ["actor", "objective", "points", "met"],
        [[o["actor"], o["text"] + (" (secret)" if o["secret"] else ""), f"{o['points']:+d}",
          ", ".join(f"T{t}" for t in o["met"]) or "no"] for o in objectives(game)],
    )  # fmt: skip
    lines += ["## Timeline", ""]
    for turn in timeline(game):
        lines += _turn_markdown(turn)
    data = numbers(game)
    lines += ["## Numbers over the turns", "", "### Scores", ""]
    lines += _md_table(["actor", *data.x_labels], [[n, *map(str, v)] for n, v in data.scores])
    for owner, series in data.variables.items():
        lines += [f"### {_md(_owner_name(record, owner))}", ""]
        lines += _md_table(["variable", *data.x_labels], [[n, *map(str, v)] for n, v in series])
    if data.tracks:
        lines += ["### Tracks", ""]
        rows = [[label, *(states[i] for _, states in data.tracks)] for i, label in enumerate(data.x_labels)]
        lines += _md_table(["turn", *(name for name, _ in data.tracks)], rows)
    scenario = compiled.scenario
    if scenario.debrief.questions:
        lines += ["## Questions for discussion", ""]
        lines += [f"{i}. {_md(q)}" for i, q in enumerate(scenario.debrief.questions, start=1)] + [""]
    if scenario.debrief.what_happened_next:
        lines += ["## What happened next", ""]
        for f in scenario.debrief.what_happened_next:
            lines.append(f"- **{_md(f.date)}** {_md(f.text)}" + (f" ({_md(f.source)})" if f.source else ""))
        lines.append("")
    if scenario.meta.sources:
        lines += ["## Sources", ""]
        for s in scenario.meta.sources:
            lines.append(f"- {_md(s.title)}, {_md(s.outlet)}, {_md(s.date)}" + (f" — <{s.url}>" if s.url else ""))
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _turn_markdown(turn: Turn) -> list[str]:
    lines = [f"### Turn {turn.number} · {_md(turn.label)}", ""]
    for title, text in turn.news:
        lines.append(f"- News: *{_md(title)}* — {_md(text)}")
    for text in turn.facilitator:
        lines.append(f"- Facilitator: {_md(text)}")
    for text in turn.stand_ins:
        lines.append(f"- Stand-in: {_md(text)}")
    for move in turn.moves:
        tags = _outcome_tags(move)
        text = f"**{_md(move.text)}**" if move.covert else _md(move.text)
        line = f"- {text}" + (f" ({_md(tags)})" if tags else "")
        if move.changes and move.outcome in ("done", "accepted"):
            line += f" [{_md(move.changes)}]"
        if move.reason:
            line += f" — why: {_md(move.reason)}"
        if move.answer and "(" in move.answer:
            line += f" — answer: {_md(move.answer)}"
        lines.append(line)
    if turn.passes:
        lines.append(f"- No move: {_md(', '.join(turn.passes))}")
    for text in turn.tracks:
        lines.append(f"- Track: {_md(text)}")
    for text in turn.objectives:
        lines.append(f"- Objective: {_md(text)}")
    if turn.ending:
        lines.append(f"- Ending: {_md(turn.ending)}")
    return [*lines, ""]


RENDERERS: dict[str, Callable[[GameRecord, datetime.date | None], str]] = {
    ".html": render_html,
    ".htm": render_html,
    ".md": render_markdown,
}
"""The report format for each output file suffix."""
