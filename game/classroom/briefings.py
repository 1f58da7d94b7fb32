"""Printable briefings: one A4 page per actor, so every team reads its brief at the same time.

Each page has the actor's leaders, its briefing at both reading levels, its starting numbers (private
ones marked), its objectives (secret ones marked: this page is for its own team) and the moves open to
it with their costs, targets and risks. The page is self-contained HTML like the report.
"""

from __future__ import annotations

import html
import re

from game.engine import CompiledScenario
from game.scenario.models import (
    ChangeEffect,
    EndEffect,
    FlagEffect,
    Move,
    PerActor,
    ScoreEffect,
    SetEffect,
    Strict,
    TriggerEffect,
    resolve_ref,
)

PAGE_BUDGET = 7000
"""Characters of text that fit on one A4 page at full size; a longer page is zoomed out to fit (printed in
Chromium: 7,568 characters fitted, 7,993 did not)."""

CSS = """
@page { size: A4; margin: 8mm 9mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 7.7pt; color: #111;
       line-height: 1.2; margin: 0; }
.actor { break-after: page; padding: 2mm 0; } .actor:last-child { break-after: auto; }
h1 { font-size: 15pt; margin: 0 0 1mm; padding-left: 3mm; border-left: 6mm solid var(--colour); }
h2 { font-size: 10pt; margin: 2mm 0 0.8mm; border-bottom: 1px solid #444; break-after: avoid; }
.meta { color: #444; margin: 0 0 2mm; font-size: 9pt; }
.basic { font-size: 9.2pt; border: 1.5px solid #333; padding: 1.5mm 2.5mm; background: #f5f5f5; margin: 2mm 0; }
.advanced p { margin: 0 0 1.2mm; } .cols { columns: 3; column-gap: 4mm; } .cols table { font-size: 7pt; }
table { border-collapse: collapse; width: 100%; font-size: 7.4pt; margin: 0.6mm 0; }
th, td { border: 1px solid #bbb; padding: 0.4mm 1mm; text-align: left; vertical-align: top; }
th { background: #eee; } tr { break-inside: avoid; } td.num { text-align: right; white-space: nowrap; }
.tag { font-size: 8pt; border: 1px solid #999; border-radius: 2px; padding: 0 0.8mm; white-space: nowrap; }
.small { color: #444; font-size: 7pt; }
.mv { break-inside: avoid; border-top: 1px solid #ccc; padding: 0.5mm 0 0.8mm; }
"""


def _e(text: object) -> str:
    return html.escape(str(text))


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{_e(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


def _ref_words(compiled: CompiledScenario, ref: str, actor: str) -> str:
    owner, _, var = ref.partition(".")
    if owner == "self":
        owner = actor
    if owner == "target":
        return f"target's {var.replace('_', ' ')}"
    variable = compiled.variables.get(f"{owner}.{var}")
    label = variable.label if variable is not None else var.replace("_", " ")
    if owner == actor:
        return f"your {label.lower()}" if label[:1].isupper() and label[1:2].islower() else f"your {label}"
    if owner == "world":
        return label
    return f"{compiled.actor_names.get(owner, owner)}: {label}"


def _effect_words(compiled: CompiledScenario, effect: Strict, actor: str, per_actor: PerActor | None = None) -> str:
    words = _plain_effect_words(compiled, effect, actor, per_actor)
    condition = getattr(effect, "if_", None)
    return f"{words} (if {condition})" if words and condition else words


def _plain_effect_words(compiled: CompiledScenario, effect: Strict, actor: str, per_actor: PerActor | None) -> str:
    if isinstance(effect, ChangeEffect):
        ref = resolve_ref(effect.change, actor, None, per_actor) if effect.change.startswith("self.") else effect.change
        amount = f"{effect.by:+d}" if effect.by is not None else f"by {effect.by_expr}"
        return f"{_ref_words(compiled, ref, actor)} {amount}"
    if isinstance(effect, SetEffect):
        ref = resolve_ref(effect.set, actor, None, per_actor) if effect.set.startswith("self.") else effect.set
        return f"{_ref_words(compiled, ref, actor)} set to {effect.to if effect.to is not None else effect.to_expr}"
    if isinstance(effect, EndEffect):
        ending = next((e.title for e in compiled.scenario.endings if e.id == effect.end), effect.end)
        return f"ends the game: {ending}"
    if isinstance(effect, TriggerEffect):
        track_id, _, trigger = effect.trigger.partition(".")
        machine = compiled.tracks.get(track_id)
        return f"{machine.track.name if machine else track_id}: {trigger.replace('_', ' ')}"
    if isinstance(effect, FlagEffect):
        flags = {f.id: f.label for f in compiled.scenario.flags}
        lasting = f" for {effect.turns} turn{'s' if effect.turns > 1 else ''}" if effect.turns else ""
        return f"{flags.get(effect.flag, effect.flag)}: {'yes' if effect.value else 'no'}{lasting}"
    if isinstance(effect, ScoreEffect):
        who = "you" if effect.score in ("self", actor) else compiled.actor_names.get(effect.score, effect.score)
        points = f"{effect.points:+d}" if effect.points is not None else f"({effect.points_expr})"
        return f"{points} points for {who}"
    return ""


def _move_block(compiled: CompiledScenario, move: Move, actor: str) -> str:
    local = move.per_actor or None
    cost = ", ".join(
        f"{amount} {_ref_words(compiled, resolve_ref(ref, actor, None, local), actor).removeprefix('your ')}"
        if ref.startswith("self.") else f"{amount} {_ref_words(compiled, ref, actor).removeprefix('your ')}"
        for ref, amount in move.cost.items()
    )
    words = [w for w in (_effect_words(compiled, e, actor, local) for e in move.effects) if w]
    details = []
    if move.kind == "deal" and move.parties:  # a deal among several parties: each party's terms
        offer = "; ".join(_effect_words(compiled, e, actor, local) for e in move.offer) or "nothing"
        terms = [f"{compiled.actor_names[p.actor]} gives: "
                 + ("; ".join(_effect_words(compiled, e, actor, local) for e in p.gives) or "nothing")
                 + ", gets: " + ("; ".join(_effect_words(compiled, e, actor, local) for e in p.gets) or "nothing")
                 for p in move.parties]  # fmt: skip
        details.append(f"Deal, if every party accepts — you give: {offer}; " + "; ".join(terms))
    elif move.kind == "deal":
        offer = "; ".join(_effect_words(compiled, e, actor, local) for e in move.offer) or "nothing"
        ask = "; ".join(_effect_words(compiled, e, actor, local) for e in move.ask) or "nothing"
        details.append(f"Deal, if accepted — you give: {offer}; they give: {ask}")
    if move.secret is not None:
        details.append(f"Secret half (only the deal's parties know it): {move.secret.log}")
    if words:
        details.append("Effects: " + "; ".join(words))
    tags = []
    if move.kind == "deal":
        tags.append("deal")
    if move.visibility == "covert":
        chance = f"{round(move.detection * 100)}%" if isinstance(move.detection, float) else "variable"
        tags.append(f"covert · detection {chance}")
    if move.uses_per_game:
        tags.append(f"{move.uses_per_game}× per game")
    if move.condition:
        tags.append("conditional")
    targets = ", ".join(compiled.actor_names.get(t, t) for t in move.targets if t != actor)
    title = _e(move.name) + "".join(f' <span class="tag">{_e(t)}</span>' for t in tags)
    desc = f'<br><span class="small">{_e(move.description)}</span>' if move.description else ""
    more = f'<br><span class="small">{_e(" · ".join(details))}</span>' if details else ""
    target = f" → {_e(targets)}" if targets else ""
    return f'<div class="mv"><strong>{title}</strong>{target} · <em>cost: {_e(cost or "free")}</em>{desc}{more}</div>'


def actor_page(compiled: CompiledScenario, actor: str) -> str:
    """One actor's printed page."""
    model = compiled.actor_models[actor]
    meta = compiled.meta
    out = [f"<h1>{_e(model.name)}</h1>"]
    leaders = f" · {_e(', '.join(model.leaders))}" if model.leaders else ""
    out.append(f'<p class="meta">{_e(meta.title)} · {meta.turns} turns of {_e(meta.turn_length)}{leaders}</p>')
    out.append(f'<div class="basic"><strong>In short.</strong> {_e(model.briefing.basic)}</div>')
    out.append(
        '<div class="cols"><h2>The full briefing</h2>'
        f'<div class="advanced">{_paragraphs(model.briefing.advanced)}</div>'
    )
    if model.variables:
        out.append('<h2>Your numbers at the start</h2><table><tr><th>number</th><th class="num">start</th>'
                   "<th>every turn</th><th>note</th></tr>")  # fmt: skip
        upkeep = {u.change.removeprefix("self.").split(".")[-1]: u for u in model.upkeep}
        for v in model.variables:
            rule = upkeep.get(v.id)
            per_turn = f"{rule.by:+d} ({rule.reason})" if rule else ""
            notes = []
            if v.visibility == "private":
                notes.append("private: only your team sees it")
            if v.critical is not None:
                notes.append(f"critical below {v.critical}")
            out.append(
                f'<tr><td>{_e(v.label)}</td><td class="num">{v.start}</td><td>{_e(per_turn)}</td>'
                f"<td>{_e('; '.join(notes))}</td></tr>"
            )
        out.append("</table>")
    if model.objectives:
        out.append('<h2>Your objectives</h2><table><tr><th>objective</th><th class="num">points</th><th>when</th></tr>')
        for o in model.objectives:
            secret = ' <span class="tag">secret: keep it to your team</span>' if o.secret else ""
            when = "every turn" if o.when == "each_turn" else "at the end"
            out.append(f'<tr><td>{_e(o.text)}{secret}</td><td class="num">{o.points:+d}</td><td>{when}</td></tr>')
        out.append("</table>")
    moves = [m for m in compiled.scenario.moves if actor in m.actors]
    out.append(f"<h2>Your moves ({meta.actions_per_turn} per turn)</h2>")
    out.extend(_move_block(compiled, m, actor) for m in moves)
    out.append("</div>")
    body = "\n".join(out)
    zoom = min(1.0, (PAGE_BUDGET / max(len(re.sub(r"<[^>]+>", "", body)), 1)) ** 0.5)
    style = f"--colour: {model.colour}" + (f"; zoom: {zoom:.2f}" if zoom < 1 else "")
    return f'<section class="actor" style="{style}">\n{body}\n</section>'


def render_briefings(compiled: CompiledScenario, actors: list[str] | None = None) -> str:
    """Every (or the given) actor's briefing page, in actor order, as one HTML document."""
    chosen = list(compiled.actors) if actors is None else actors
    title = f"Briefings: {compiled.meta.title}"
    pages = "\n".join(actor_page(compiled, a) for a in chosen)
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>'
        f"<style>{CSS}</style></head><body>\n{pages}\n</body></html>\n"
    )
