"""The teacher's guide of a scenario, as Markdown or self-contained HTML (A4, nothing loaded from outside).

Everything comes from the scenario file: ``meta`` (title, summary, sources), the actors (role
sheets), ``variants`` (the lesson plans' lengths), ``debrief`` (questions, what happened next) and the
optional ``teaching`` section (objectives, content note, glossary, places, timeline, discussion
notes, rubric). A scenario without ``teaching`` still gets a guide, with generic objectives and rubric.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from game.engine import compile_scenario
from game.scenario.models import Actor, RubricRow, Scenario
from game.teaching.mapsvg import map_svg

DEFAULT_RUBRIC = [
    RubricRow(
        criterion="Understanding of interests",
        strong="Explains each team's needs and goals, including hidden ones, with evidence from the game.",
        secure="Explains their own team's needs and one other team's.",
        developing="Describes what happened without saying why teams acted.",
    ),
    RubricRow(
        criterion="Use of evidence",
        strong="Separates what the sources report from background and from the game's invention, "
        "and says how they would check a claim.",
        secure="Uses facts from the briefing correctly.",
        developing="Repeats claims without asking where they come from.",
    ),
    RubricRow(
        criterion="Negotiation and decisions",
        strong="Weighed costs and risks before each move, made and kept (or deliberately broke) deals, "
        "and can justify them.",
        secure="Made sensible moves for their team's goals.",
        developing="Chose moves without a plan.",
    ),
    RubricRow(
        criterion="Reflection: game and history",
        strong="Compares the game's ending with what happened and explains what the model leaves out.",
        secure="Names one way the game differs from history.",
        developing="Treats the game's ending as a prediction.",
    ),
]


@dataclass
class Section:
    """One part of the guide: a heading, paragraphs, lists, tables, raw HTML (SVG) and a page break."""

    title: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)
    """First row is the header."""
    html: str = ""
    new_page: bool = False
    subsections: list[Section] = field(default_factory=list)


def _minutes(scenario: Scenario, variant_id: str, default: int) -> tuple[int, int, int]:
    """(minutes, turns, moves a turn) of a declared variant, or of the whole scenario."""
    for variant in scenario.variants:
        if variant.id == variant_id:
            return (
                variant.minutes or default,
                variant.turns or scenario.meta.turns,
                variant.actions_per_turn or scenario.meta.actions_per_turn,
            )
    return default, scenario.meta.turns, scenario.meta.actions_per_turn


def _turn_label(scenario: Scenario, turn: int) -> str:
    """The label of a turn as the game shows it (``June 2024``, ``16–18 Oct 1962``)."""
    return compile_scenario(scenario).turn_labels[turn - 1]


def lesson_plans(scenario: Scenario) -> list[Section]:
    """A 45-minute plan (the ``short`` variant if declared) and a two-lesson plan (``full``)."""
    _, turns, moves = _minutes(scenario, "short", 45)
    per_turn = max(3, (45 - 20) // turns)
    short = [
        ["minutes", "what", "who"],
        ["0-5", "Content note; teams and roles handed out (role sheets)", "teacher"],
        ["5-10", "Teams read their basic briefing; one question each to the teacher", "teams"],
    ]
    start = 10
    for turn in range(1, turns + 1):
        short.append(
            [
                f"{start}-{start + per_turn}",
                f"Turn {turn} ({_turn_label(scenario, turn)}): news, "
                f"{moves} move{'s' if moves > 1 else ''} per team, answers to deals, results",
                "teams",
            ]
        )
        start += per_turn
    short.append([f"{start}-45", "Debrief: the ending, hidden moves revealed, two questions below", "class"])
    variant = (
        "the short variant (--variant short)" if any(v.id == "short" for v in scenario.variants) else "the whole game"
    )
    plan_a = Section("A lesson of 45 minutes", [f"Play {variant}: {turns} turns, {moves} move(s) a turn."], table=short)

    _, turns_full, moves_full = _minutes(scenario, "full", 90)
    first = (turns_full + 1) // 2
    per_full = max(4, 25 // max(1, first))
    lesson1 = [
        ["minutes", "what"],
        ["0-5", "Content note; the crisis in five minutes (map and timeline)"],
        ["5-15", "Teams read the advanced briefing and plan (role sheets)"],
    ]
    start = 15
    for turn in range(1, first + 1):
        lesson1.append([f"{start}-{min(45, start + per_full)}", f"Turn {turn} ({_turn_label(scenario, turn)})"])
        start += per_full
    lesson1.append([f"{min(start, 43)}-45", "Save the game (the interface autosaves); each team writes its plan"])
    lesson2 = [["minutes", "what"], ["0-5", "Recap: where the tracks stand; teams reread their plan"]]
    start = 5
    rest = turns_full - first
    per_rest = max(4, 25 // max(1, rest))
    for turn in range(first + 1, turns_full + 1):
        lesson2.append([f"{start}-{start + per_rest}", f"Turn {turn} ({_turn_label(scenario, turn)})"])
        start += per_rest
    lesson2.append([f"{start}-45", "Debrief: every question below, the comparison with history, the rubric"])
    plan_b = Section(
        "Two lessons",
        [
            f"Play the whole game ({turns_full} turns, {moves_full} moves a turn) over two lessons: "
            f"parley play resumes a saved game."
        ],
        subsections=[Section("Lesson 1", table=lesson1), Section("Lesson 2", table=lesson2)],
    )
    return [plan_a, plan_b]


def role_sheet(actor: Actor, scenario: Scenario) -> Section:
    """One printable page for a team: who they are, the briefing, their needs and their goals."""
    goals = [
        f"{o.text} ({o.points:+d} {'each turn' if o.when == 'each_turn' else 'at the end'})"
        + (" [secret: do not show other teams]" if o.secret else "")
        for o in actor.objectives
    ]
    needs = [
        f"{u.reason}: {u.change.split('.')[-1]} {u.by:+d} every {scenario.meta.turn_length.removeprefix('one ')}"
        for u in actor.upkeep
    ]
    moves = [f"{m.name}" for m in scenario.moves if actor.id in m.actors]
    paragraphs = [f"Leaders: {', '.join(actor.leaders)}." if actor.leaders else "", actor.briefing.basic]
    subsections = [
        Section("Background (advanced briefing)", [p for p in actor.briefing.advanced.split("\n") if p.strip()])
    ]
    if needs:
        subsections.append(Section("Your needs every turn", items=needs))
    subsections.append(Section("Your goals", items=goals))
    subsections.append(Section("Your moves", items=moves))
    return Section(f"Role sheet: {actor.name}", [p for p in paragraphs if p], subsections=subsections, new_page=True)


def build(scenario: Scenario) -> list[Section]:
    """Every section of the guide, in order."""
    meta, teaching = scenario.meta, scenario.teaching
    sections: list[Section] = []
    glance = [
        ["", ""],
        ["Teams", ", ".join(a.name for a in scenario.actors if a.playable)],
        ["A game", f"{meta.turns} turns of {meta.turn_length}, {meta.actions_per_turn} move(s) a turn"],
    ]
    for variant in scenario.variants:
        glance.append(
            [f"Variant {variant.id}", f"{variant.title}" + (f": {variant.description}" if variant.description else "")]
        )
    glance.append(["Start", f"parley play {meta.id}.yaml  ·  parley guide {meta.id}.yaml -o guide.html"])
    sections.append(Section("At a glance", [meta.summary], table=glance))
    if teaching and teaching.content_note:
        sections.append(Section("Content note", teaching.content_note.split("\n\n")))
    objectives = (
        teaching.objectives
        if teaching and teaching.objectives
        else [
            "explain what each actor needs and wants, and why their goals conflict;",
            "tell facts from sources, background and the game's inventions apart;",
            "compare the game's outcome with what really happened, and say what the model leaves out.",
        ]
    )
    sections.append(Section("Learning objectives", ["By the end, students will be able to:"], items=objectives))
    sections.append(Section("Lesson plans", subsections=lesson_plans(scenario), new_page=True))
    if teaching and teaching.places:
        places = [f"{p.name}" + (f": {p.note}" if p.note else "") for p in teaching.places]
        sections.append(
            Section(
                "Map",
                html=map_svg(teaching.places, f"Map: {meta.title}"),
                items=places,
                paragraphs=["Country outlines: Natural Earth (public domain)."],
                new_page=True,
            )
        )
    timeline = [[t.date, t.text] for t in teaching.timeline] if teaching else []
    if timeline:
        sections.append(Section("Timeline before the game", table=[["date", "what happened"], *timeline]))
    if teaching and teaching.glossary:
        sections.append(
            Section("Glossary", table=[["term", "meaning"], *[[g.term, g.definition] for g in teaching.glossary]])
        )
    for actor in scenario.actors:
        if actor.playable:
            sections.append(role_sheet(actor, scenario))
    discussion = (
        [(d.question, d.notes) for d in teaching.discussion]
        if teaching and teaching.discussion
        else [(q, "") for q in scenario.debrief.questions]
    )
    endings = "; ".join(f"{e.title}" for e in scenario.endings)
    history = "see 'What happened next' below." if scenario.debrief.what_happened_next else "see the sources."
    discussion.append(
        (
            "Our game ended one way; what really happened? Which of our decisions pushed the game towards "
            "history, and which away from it?",
            f"The game's endings: {endings}. What really happened: {history} "
            "Ask which real constraints the game left out, and whether one game's ending is a prediction (it is not).",
        )
    )
    debrief = Section("Debrief: questions and notes for leading the discussion", new_page=True)
    for number, (question, notes) in enumerate(discussion, start=1):
        debrief.subsections.append(Section(f"{number}. {question}", [notes] if notes else []))
    sections.append(debrief)
    follow = [[f.date, f.text] for f in scenario.debrief.what_happened_next]
    if follow:
        sections.append(Section("What happened next", table=[["date", "what happened"], *follow]))
    rubric = teaching.rubric if teaching and teaching.rubric else DEFAULT_RUBRIC
    sections.append(
        Section(
            "Assessment rubric",
            table=[
                ["criterion", "strong", "secure", "developing"],
                *[[r.criterion, r.strong, r.secure, r.developing] for r in rubric],
            ],
        )
    )
    sources = [f"{s.title}. {s.outlet}, {s.date}." + (f" {s.url}" if s.url else "") for s in meta.sources]
    sources += sorted({f.source for f in scenario.debrief.what_happened_next if f.source})
    sections.append(Section("Sources", items=sources or ["The scenario declares no sources."]))
    return sections


# --- Markdown -------------------------------------------------------------------------------------


def _md_section(section: Section, level: int) -> list[str]:
    lines = ["#" * level + " " + section.title, ""]
    for paragraph in section.paragraphs:
        lines += [paragraph, ""]
    if section.html:
        lines += ["(The map is drawn in the HTML guide.)", ""]
    for item in section.items:
        lines.append(f"- {item}")
    if section.items:
        lines.append("")
    if section.table:
        header, *rows = section.table
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "---|" * len(header))
        lines += ["| " + " | ".join(cell.replace("|", "/").replace("\n", " ") for cell in row) + " |" for row in rows]
        lines.append("")
    for sub in section.subsections:
        lines += _md_section(sub, level + 1)
    return lines


def markdown(scenario: Scenario) -> str:
    """The guide as Markdown."""
    lines = [f"# Teacher's guide: {scenario.meta.title}", ""]
    for section in build(scenario):
        lines += _md_section(section, 2)
    return "\n".join(lines).rstrip() + "\n"


# --- HTML -------------------------------------------------------------------------------------------

CSS = """
@page { size: A4; margin: 16mm 15mm; }
body { font: 10pt/1.35 "DejaVu Serif", Georgia, serif; color: #111; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 20pt; margin: 0 0 4mm; } h2 { font-size: 14pt; border-bottom: 1px solid #999; margin-top: 7mm; }
h3 { font-size: 11.5pt; margin: 4mm 0 1mm; } h4 { font-size: 10.5pt; margin: 3mm 0 1mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; page-break-inside: auto; }
th, td { border: 1px solid #bbb; padding: 1.2mm 2mm; vertical-align: top; text-align: left; }
th { background: #eee; } tr { page-break-inside: avoid; } td:first-child { white-space: nowrap; }
.page { page-break-before: always; break-before: page; }
.map { border: 1px solid #999; margin: 2mm 0; } .sea { fill: #eef4f8; }
.land path { fill: #e4e0d4; stroke: #8a8577; stroke-width: 0.5; }
.places circle { fill: #b22; }
.places text { font: 8px sans-serif; fill: #111; paint-order: stroke; stroke: #fff; stroke-width: 2px; }
"""


def _html_section(section: Section, level: int) -> str:
    parts = [f"<section{' class=page' if section.new_page else ''}><h{level}>{escape(section.title)}</h{level}>"]
    parts += [f"<p>{escape(p)}</p>" for p in section.paragraphs]
    parts.append(section.html)
    if section.items:
        parts.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in section.items) + "</ul>")
    if section.table:
        header, *rows = section.table
        head = "".join(f"<th>{escape(h)}</th>" for h in header) if any(header) else ""
        body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
        parts.append(f"<table>{f'<thead><tr>{head}</tr></thead>' if head else ''}<tbody>{body}</tbody></table>")
    parts += [_html_section(sub, min(6, level + 1)) for sub in section.subsections]
    parts.append("</section>")
    return "".join(parts)


def html(scenario: Scenario) -> str:
    """The guide as one self-contained HTML page (inline CSS and SVG; nothing loaded from outside)."""
    title = f"Teacher's guide: {scenario.meta.title}"
    body = "".join(_html_section(s, 2) for s in build(scenario))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{CSS}</style></head><body><h1>{escape(title)}</h1>{body}</body></html>\n"
    )
