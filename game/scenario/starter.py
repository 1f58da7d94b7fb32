"""The starter scenario `parley new` writes: a small, commented, complete scenario to edit.

It uses every part of the format once (a world variable, needs with upkeep,
objectives, a track, a flag, an action, a deal, a covert move, scripted,
random and conditional events, endings and the debrief), loads with no errors
and no lint warnings, and plays with any number of actors from 2 to 8.
"""

from __future__ import annotations

import re
import unicodedata

from game.scenario.checks import RESERVED_OWNERS
from game.scenario.models import IDENT_PATTERN

MIN_ACTORS = 2
MAX_ACTORS = 8
DEFAULT_ACTORS = ("northland", "southland")
COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf")


class StarterError(ValueError):
    """A scenario name or actor list the starter cannot use; the message says why."""


def to_ident(text: str) -> str:
    """An id for a name: ``"Türkiye"`` -> ``turkiye``, ``"Black Sea Grain"`` -> ``black_sea_grain``.

    Accents are dropped (the id is plain ASCII); the name itself keeps them. Empty when nothing is left.
    """
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    ident = re.sub(r"[^a-z0-9]+", "_", plain.casefold()).strip("_")
    if ident[:1].isdigit():
        ident = f"n_{ident}"
    return ident[:40].rstrip("_")


def named(text: str, what: str) -> tuple[str, str]:
    """``(id, display name)`` for a name as the author gave it.

    An id (``north_korea``) gets a name made from it (``North Korea``); anything else (``UN``,
    ``Türkiye``, ``Global South``) is the name, kept exactly as written, and its id is derived.
    """
    text = text.strip()
    if re.match(IDENT_PATTERN, text) and len(text) <= 40:
        return text, display_name(text)
    ident = to_ident(text)
    if not ident or not re.match(IDENT_PATTERN, ident):
        raise StarterError(f"{what} {text!r} has no letters or digits to make an id from")
    if '"' in text or "\\" in text or not text.isprintable():
        raise StarterError(f"{what} {text!r}: a name cannot hold quotes, backslashes or control characters")
    return ident, text


def check_ident(text: str, what: str) -> str:
    """``text`` if it is a valid id, else :class:`StarterError` saying what a valid one looks like."""
    if not re.match(IDENT_PATTERN, text) or len(text) > 40:
        fixed = re.sub(r"[^a-z0-9_]+", "_", text.strip().lower()).strip("_")
        hint = f"; try '{fixed}'" if fixed and re.match(IDENT_PATTERN, fixed) and len(fixed) <= 40 else ""
        raise StarterError(
            f"{what} {text!r} is not an id: use lower-case letters, digits and underscores, starting with a "
            f"letter (at most 40){hint}"
        )
    return text


def parse_actors(spec: str | None) -> list[str]:
    """``"usa,ussr,cuba"`` -> ids, checked: valid, unique, not reserved, 2 to 8 of them."""
    return list(parse_named_actors(spec))


def parse_named_actors(spec: str | None) -> dict[str, str]:
    """``"UN,Türkiye,russia"`` -> id -> display name (``un: UN``, ``turkiye: Türkiye``, ``russia: Russia``), checked."""
    if spec is None:
        return {a: display_name(a) for a in DEFAULT_ACTORS}
    pairs = [named(part, "actor") for part in spec.split(",") if part.strip()]
    actors = [ident for ident, _ in pairs]
    if not MIN_ACTORS <= len(actors) <= MAX_ACTORS:
        raise StarterError(f"a scenario needs {MIN_ACTORS} to {MAX_ACTORS} actors, got {len(actors)}")
    for actor in actors:
        if actor in RESERVED_OWNERS:
            raise StarterError(f"'{actor}' cannot be an actor id: conditions use it for something else")
    if len(set(actors)) != len(actors):
        twice = next(a for a in actors if actors.count(a) > 1)
        raise StarterError(f"actor '{twice}' is named twice")
    return dict(pairs)


def display_name(ident: str) -> str:
    """``north_korea`` -> ``North Korea``."""
    return " ".join(word.capitalize() for word in ident.split("_"))


def starter_text(
    name: str, actors: list[str], names: dict[str, str] | None = None, title: str | None = None
) -> str:
    """The YAML of a starter scenario called ``name`` with these actors (``names``: id -> display name)."""
    check_ident(name, "scenario name")
    shown = {a: (names or {}).get(a) or display_name(a) for a in actors}
    everyone = ", ".join(actors)
    title = title or display_name(name)
    parts = [_HEADER.format(name=name, title=_quoted(title))]
    parts.append("actors:\n")
    for index, actor in enumerate(actors):
        others = [shown[a] for a in actors if a != actor]
        parts.append(_actor(actor, index, others, shown[actor]))
    scores = "".join(f"      - {{score: {actor}, points: 1}}\n" for actor in actors)
    parts.append(_REST.format(everyone=everyone, scores=scores))
    return "".join(parts)


def _quoted(text: str) -> str:
    """Text safe inside the template's double quotes (names are checked to hold no quotes or backslashes)."""
    return text.replace("\\", "").replace('"', "'")


def _actor(actor: str, index: int, others: list[str], name: str) -> str:
    first = index == 0
    text = _ACTOR.format(id=actor, name=name, colour=COLOURS[index % len(COLOURS)], others=" and ".join(others))
    if first:
        return _FIRST_ACTOR_COMMENT + text
    return "\n" + text


_HEADER = """\
# yaml-language-server: $schema=schema.json
# {title}: a starter scenario written by `parley new`.
#
# Every part of the format is used once below. Change the names, numbers and texts to fit your
# case, one section at a time, and check the file after each change:
#   parley validate {name}.yaml     errors (with the line) and warnings about parts that can never matter
#   parley run {name}.yaml          one game played by bots, told turn by turn
#   parley play {name}.yaml --watch the classroom interface; it reloads the file when you save it
# docs/authoring.md walks through building a scenario from a news text; its reference section lists
# every key. The first line lets editors with the YAML extension complete and check keys (schema.json).
format: 1

meta:
  id: {name}                      # the scenario's id: lower-case letters, digits, underscores
  title: "{title}"
  summary: >-
    One paragraph for the title screen: what the crisis is, who is involved, and what the
    players decide. Replace this text.
  sources:                        # the articles or documents the scenario is built from
    - title: "Replace with the article you are working from"
      outlet: "Publisher"
      date: "2025-01-15"
  turns: 5                        # a 45-minute lesson fits 4 to 7 turns
  turn_length: "one month"
  first_turn_label: "January 2025"  # later turns count on: February 2025, March 2025, ...
  actions_per_turn: 1             # moves each actor makes per turn (1 to 5)

# Shared numbers that everyone sees; conditions use them as world.ID.
world:
  - id: tension
    label: Tension
    start: 30
    min: 0
    max: 100
    description: "How close the crisis is to open conflict."

"""

_FIRST_ACTOR_COMMENT = """\
  # Each actor is a country or organisation that a student (or a bot) plays. Its variables are
  # its needs and resources; upkeep uses them up every turn; objectives score points.
"""

_ACTOR = """\
  - id: {id}
    name: "{name}"
    leaders: ["The leader of {name}"]
    colour: "{colour}"
    briefing:                     # private: only this actor's player reads it
      basic: >-
        You lead {name}. You need resources, and every month uses some up. You can trade
        with {others}, put pressure on them in secret, or open talks.
      advanced: >-
        A longer briefing for confident readers: the history of the crisis, quotes from the
        source, what {name} fears and what it can offer. Replace this text.
    variables:
      - id: resources
        label: Resources
        start: 50
        min: 0
        max: 100
        critical: 25              # below this, bots treat the need as urgent
        description: "What {name} needs most: money, food, fuel or weapons."
      - id: standing
        label: Standing
        start: 50
        description: "How much the others trust {name}."
    upkeep:                       # applied in every assessment phase
      - change: self.resources
        by: -5
        reason: "the month's needs use up resources"
    objectives:
      - id: secure
        text: "End the game with at least 50 resources"
        points: 3
        condition: "self.resources >= 50"
      - id: respected
        text: "Keep standing at 50 or more every month"
        points: 1
        when: each_turn           # scored at every assessment, not only at the end
        condition: "self.standing >= 50"
        secret: true              # hidden from the others until the debrief
    bot:                          # how bots playing this actor weigh the world
      values: {{world.tension: -0.3}}
      track_values:
        relations: {{hostile: -3, tense: -1, neutral: 0, friendly: 1, agreement: 3}}
"""

_REST = """\

# Tracks are state machines for relationships or regimes. States are listed lowest first, so
# conditions can compare them: track.relations >= 'friendly'. Effects fire triggers.
tracks:
  - id: relations
    name: Relations
    description: "How the actors get on."
    states: [hostile, tense, neutral, friendly, agreement]
    labels: {{agreement: "A signed agreement"}}
    initial: neutral
    transitions:
      - {{trigger: warm, source: hostile, dest: tense}}
      - {{trigger: warm, source: tense, dest: neutral}}
      - {{trigger: warm, source: neutral, dest: friendly}}
      - {{trigger: sign, source: friendly, dest: agreement, condition: "flag.talks_open"}}
      - {{trigger: cool, source: agreement, dest: friendly}}
      - {{trigger: cool, source: friendly, dest: neutral}}
      - {{trigger: cool, source: neutral, dest: tense}}
      - {{trigger: cool, source: tense, dest: hostile}}

# Flags are yes/no facts that effects set; conditions read them as flag.ID.
flags:
  - id: talks_open
    label: "Talks are open"

# Moves are what actors do in the diplomacy phase. self is the actor making the move, target
# the actor it is aimed at. Effects apply in order when the move resolves.
moves:
  - id: build_up                  # an action: no target, no one to agree
    name: Build up resources
    description: "Spend the month on your own needs. The others grow nervous."
    actors: [{everyone}]
    effects:
      - {{change: self.resources, by: 8}}
      - {{change: world.tension, by: 3}}
    log: "{{actor}} builds up its resources"
    bot: {{reason: "resources come first"}}

  - id: trade                     # a deal: the target accepts or rejects it in the same turn
    name: Offer a trade
    description: "Both sides gain resources; relations warm."
    actors: [{everyone}]
    targets: [{everyone}]         # an actor never targets itself
    kind: deal
    cost: {{self.resources: 3}}     # paid by the proposer when the deal goes through
    offer:                        # what the proposer gives
      - {{change: target.resources, by: 8}}
    ask:                          # what the proposer gets
      - {{change: self.resources, by: 8}}
    effects:
      - {{trigger: relations.warm}}
      - {{change: world.tension, by: -4}}
    log: "{{actor}} offers {{target}} a trade"
    bot: {{reason: "a trade helps both sides"}}

  - id: pressure                  # covert: the others learn of it only if it is detected
    name: Pressure in secret
    description: "Squeeze the target's resources quietly. If it comes out, trust collapses."
    actors: [{everyone}]
    targets: [{everyone}]
    visibility: covert
    detection: 0.4                # a chance, or a condition such as "0.2 if flag.talks_open else 0.5"
    effects:
      - {{change: target.resources, by: -6}}
      - {{change: self.resources, by: 4}}
    on_detect:
      - {{change: self.standing, by: -12}}
      - {{trigger: relations.cool}}
      - {{change: world.tension, by: 8}}
    log: "{{actor}} secretly puts pressure on {{target}}"

  - id: denounce
    name: Denounce in public
    description: "Blame the target in front of the world: your standing rises, theirs falls."
    actors: [{everyone}]
    targets: [{everyone}]
    condition: "world.tension >= 20"  # available only when this holds
    effects:
      - {{change: self.standing, by: 4}}
      - {{change: target.standing, by: -6}}
      - {{trigger: relations.cool}}
      - {{change: world.tension, by: 6}}
    log: "{{actor}} denounces {{target}}"

  - id: open_talks
    name: Open talks
    description: "Start talks on an agreement. Signing needs friendly relations."
    actors: [{everyone}]
    condition: "not flag.talks_open"
    effects:
      - {{flag: talks_open}}
      - {{change: self.standing, by: 3}}
      - {{change: world.tension, by: -5}}
    log: "{{actor}} opens talks"
    bot: {{bonus: 2, when: "track.relations >= 'neutral'", reason: "talks could settle the crisis"}}

  - id: sign_agreement
    name: Sign the agreement
    description: "Put the agreement on the table. Both sides must agree."
    actors: [{everyone}]
    targets: [{everyone}]
    kind: deal
    condition: "flag.talks_open and track.relations == 'friendly'"
    effects:
      - {{trigger: relations.sign}}
      - {{change: self.standing, by: 5}}
      - {{change: target.standing, by: 5}}
    uses_per_game: 1
    log: "{{actor}} proposes that {{target}} sign the agreement"
    bot: {{bonus: 3, reason: "sign while relations are friendly"}}

# Events happen in the news phase: on a set turn, by chance, or when a condition holds.
events:
  - id: crisis_breaks
    title: "The crisis breaks"
    news: "Replace with the news that starts the scenario, from your source."
    turn: 1
    source: article               # article: from the source; background: known fact; fictional
    effects:
      - {{change: world.tension, by: 5}}
  - id: incident
    title: "An incident at the border"
    news: "A minor incident raises fears on all sides."
    chance: 0.3                   # per turn, from turn 2 on
    from_turn: 2
    effects:
      - {{change: world.tension, by: 10}}
  - id: mediation
    title: "A neutral country offers to mediate"
    news: "With tension this high, a neutral country offers its good offices."
    condition: "world.tension >= 70"
    repeat: true                  # may happen again on a later turn
    effects:
      - {{change: world.tension, by: -10}}

# Endings are checked at every assessment (any_turn) or when the turns run out (time_up), in
# file order; the first whose condition holds ends the game.
endings:
  - id: conflict
    title: "Open conflict"
    text: "Tension boiled over. Replace with what this ending means."
    condition: "world.tension >= 95 or track.relations == 'hostile'"
  - id: agreement
    title: "An agreement"
    text: "The actors signed an agreement. Replace with what this ending means."
    condition: "track.relations == 'agreement'"
    at: time_up
    effects:                      # everyone gains a point
{scores}  - id: stalemate
    title: "No agreement"
    text: "No war, no agreement: the crisis will return."
    condition: "track.relations != 'agreement'"
    at: time_up

# The debrief is the most important part of a classroom simulation.
debrief:
  questions:
    - "Which of your needs drove your choices, and did that change during the game?"
    - "What did you not know about the others that mattered?"
    - "Why might an actor prefer a deal to acting alone, even at a price?"
  what_happened_next:
    - date: "2025"
      text: "Replace with what really happened after the events of the scenario, and cite the source."
"""
