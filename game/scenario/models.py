"""The scenario format, version 1, as pydantic models.

These models describe *what an author may write*. They check shapes and
types only; cross-references (does ``russia.munitions`` exist?) are checked
by :mod:`game.scenario.checks`, and the engine compiles a validated
:class:`Scenario` into fast runtime tables.

Every model forbids unknown keys, so a misspelt key is an error, never
silently ignored. Every field carries a description: the JSON Schema that
editors use for hover help is generated from them.
"""

# No `from __future__ import annotations` here: pydantic would compile and evaluate every field's annotation
# from its text (about 8 ms for the format's 180 fields at every start); written as objects they cost nothing.
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

FORMAT_VERSION = 1

WORLD = "world"
"""Owner name of the shared variables."""

RESERVED_TRIGGERS = frozenset({"trigger", "state", "machine"})
"""Names ``transitions`` uses on a model: a track trigger may not take them."""

PASS = "pass"
"""The move id that ends an actor's orders for the turn (a scenario's move may not take it)."""


def resolve_owner(owner: str, self_actor: str | None, target: str | None) -> str:
    """Replace the pronouns ``self`` and ``target`` by actor ids."""
    if owner == "self" and self_actor is not None:
        return self_actor
    if owner == "target" and target is not None:
        return target
    return owner


PerActor = dict[str, dict[str, str]]
"""A move's shared variable names: name -> actor id -> that actor's own variable id."""


def resolve_ref(
    ref: str, self_actor: str | None, target: str | None, per_actor: PerActor | None = None
) -> str:
    """``self.food`` -> ``russia.food`` for the bound actor.

    ``per_actor`` is a move's mapping of shared names to each actor's own variable
    (:attr:`Move.per_actor`): with ``{stock: {russia: grain_exports}}``, ``self.stock`` bound to
    russia is ``russia.grain_exports``. It applies to ``self`` and ``target`` only."""
    owner, name = ref.split(".", 1)
    actor = resolve_owner(owner, self_actor, target)
    if per_actor and owner in ("self", "target"):
        name = per_actor.get(name, {}).get(actor, name)
    return f"{actor}.{name}"


def _list() -> list[Any]:
    """A new empty list, the default of a list field.

    Default factories are plain functions rather than the builtins ``list`` and ``dict``: pydantic reads a
    factory's signature when it builds a model (does it take the validated data?), and a builtin's signature
    is parsed from its text, about 0.2 ms a field and 8 ms for the format's 40 such fields at every start."""
    return []


def _dict() -> dict[Any, Any]:
    """A new empty mapping, the default of a mapping field (see :func:`_list`)."""
    return {}


def field_keys(model: type[BaseModel]) -> dict[str, Any]:
    """A model's fields by the key an author writes (the alias where there is one, as ``if``)."""
    return {info.alias or name: info for name, info in model.model_fields.items()}

MAX_NUMBER = 1_000_000_000
"""The number model: every number an author writes (a literal in a condition, a bound, a start value,
an amount, points) is a whole number or a finite decimal between -MAX_NUMBER and MAX_NUMBER."""

# --- limits: what a file may hold (docs/security.md lists them; the JSON Schema shows them) ---
MAX_ACTORS = 64
MAX_VARIABLES = 100
"""Variables per actor, and world variables."""
MAX_TRACKS = 100
MAX_STATES = 200
"""States per track."""
MAX_TRANSITIONS = 500
"""Transitions per track."""
MAX_MOVES = 1000
MAX_EVENTS = 1000
MAX_ENDINGS = 200
MAX_FLAGS = 500
MAX_ENTRIES = 100
"""Effects in one list, objectives and upkeep per actor, leaders, sources, questions, follow-ups, bot hints."""
MAX_COST = 20
"""Entries in one move's cost."""
MAX_WEIGHT = 1_000_000.0
"""Largest bot weight or bonus, either sign."""

Amount = Annotated[
    int,
    Field(ge=-MAX_NUMBER, le=MAX_NUMBER, description=f"A whole number between -{MAX_NUMBER} and {MAX_NUMBER}."),
]
Weight = Annotated[float, Field(ge=-MAX_WEIGHT, le=MAX_WEIGHT, allow_inf_nan=False)]

IDENT_PATTERN = r"^[a-z][a-z0-9_]*$"
Ident = Annotated[
    str,
    Field(
        pattern=IDENT_PATTERN,
        max_length=40,
        description="An identifier: lower-case letters, digits and underscores, starting with a letter.",
    ),
]
Expr = Annotated[
    str,
    Field(
        min_length=1,
        max_length=500,
        description=(
            "A condition such as `russia.munitions < 30 and track.partnership >= 'cordial'`. "
            "Names: ACTOR.VARIABLE, world.VARIABLE, self.VARIABLE, target.VARIABLE, track.ID, "
            "flag.ID, turn, turns. Functions: min, max, abs, round, clamp, floor, ceil."
        ),
    ),
]
VarRef = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$",
        max_length=81,
        description="A variable: ACTOR.VARIABLE, world.VARIABLE, or self./target. inside a move.",
    ),
]
Text = Annotated[str, Field(max_length=4000)]
Label = Annotated[str, Field(min_length=1, max_length=120)]


class Strict(BaseModel):
    """Base for every scenario model: unknown keys are errors; values are immutable. A model dumps its fields
    under the keys an author writes (an effect's ``if``, not the attribute ``if_``), so a dump validates again
    (the batch's trip to a worker, the sweep's edited copies).

    ``defer_build``: a model's validator is built the first time it is used, not when this module is imported, and
    only :class:`Scenario`'s is needed to load a file (it holds the others' schemas), which makes every command
    that loads a scenario start faster (issue 10: ``parley validate`` <= 0.3 s)."""

    model_config = ConfigDict(extra="forbid", frozen=True, serialize_by_alias=True, defer_build=True)


# --- effects -----------------------------------------------------------------

MAX_EFFECT_TURNS = 50
"""Longest a flag effect may last (`turns`), the longest game."""


def _if_field() -> Any:
    return Field(
        default=None,
        alias="if",
        description="Only when this condition holds at the moment the effect applies (it sees the effects before "
        "it in the same list); otherwise the effect is skipped.",
    )


def _one_of(plain: str, expr: str) -> ConfigDict:
    """The JSON Schema says that an effect needs its number or its expression (editors flag neither)."""
    return ConfigDict(json_schema_extra={"anyOf": [{"required": [plain]}, {"required": [expr]}]})


def _expr_field(plain: str) -> Any:
    return Field(
        default=None,
        description=f"An expression giving the amount when the effect applies, instead of `{plain}`, e.g. "
        "`-(world.exports // 10)`; rounded to a whole number (as round() does) and kept within "
        f"±{MAX_NUMBER}.",
    )


class ChangeEffect(Strict):
    """Add to (or subtract from) a variable; the result is clamped to its bounds."""

    model_config = _one_of("by", "by_expr")
    change: VarRef = Field(description="The variable to change.")
    by: Amount | None = Field(default=None, description="How much to add; negative to subtract.")
    by_expr: Expr | None = _expr_field("by")
    if_: Expr | None = _if_field()


class SetEffect(Strict):
    """Set a variable to a value (clamped to its bounds)."""

    model_config = _one_of("to", "to_expr")
    set: VarRef = Field(description="The variable to set.")
    to: Amount | None = Field(default=None, description="The new value.")
    to_expr: Expr | None = _expr_field("to")
    if_: Expr | None = _if_field()


class TriggerEffect(Strict):
    """Fire a trigger on a track, e.g. `partnership.warm`. Nothing happens if no transition fits."""

    trigger: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$", max_length=81)] = Field(
        description="TRACK.TRIGGER"
    )
    if_: Expr | None = _if_field()


class FlagEffect(Strict):
    """Set (or clear) a flag, for good or for a number of turns."""

    flag: Ident = Field(description="The flag to set.")
    value: bool = Field(default=True, description="true to set the flag, false to clear it.")
    turns: int | None = Field(
        default=None,
        ge=1,
        le=MAX_EFFECT_TURNS,
        description="For this many turns only: the flag goes back (to `not value`) at the start of the turn N turns "
        "later, before its news, with no news item. Setting the flag again restarts the count; a flag effect "
        "without `turns` makes it last.",
    )
    if_: Expr | None = _if_field()


class ScoreEffect(Strict):
    """Give (or take) points to an actor."""

    model_config = _one_of("points", "points_expr")
    score: Ident = Field(description="The actor who gets the points (an actor id, `self` or `target`).")
    points: Amount | None = Field(default=None, description="Points to add; negative to subtract.")
    points_expr: Expr | None = _expr_field("points")
    if_: Expr | None = _if_field()


class EndEffect(Strict):
    """End the game at once with one of the scenario's endings (its title, text and effects); the debrief says
    which event or move ended it. Effects after it in the same list, and the rest of the phase, do not happen."""

    end: Ident = Field(description="The ending's id (declared under `endings`; it may have no condition).")
    if_: Expr | None = _if_field()


EFFECT_KEYS = ("change", "set", "trigger", "flag", "score", "end")


def effect_kind(value: Any) -> str | None:
    """Tell which kind of effect a raw mapping (or model) is, by its leading key."""
    if isinstance(value, dict):
        for key in EFFECT_KEYS:
            if key in value:
                return key
        return None
    for key, cls in EFFECT_CLASSES.items():
        if isinstance(value, cls):
            return key
    return None


EFFECT_CLASSES: dict[str, type[Strict]] = {
    "change": ChangeEffect,
    "set": SetEffect,
    "trigger": TriggerEffect,
    "flag": FlagEffect,
    "score": ScoreEffect,
    "end": EndEffect,
}

AMOUNT_KEYS: dict[str, tuple[str, str]] = {"change": ("by", "by_expr"), "set": ("to", "to_expr"),
                                            "score": ("points", "points_expr")}  # fmt: skip
"""For each effect with an amount: the key of the number and the key of the expression (exactly one is given)."""

Effect = Annotated[
    Annotated[ChangeEffect, Tag("change")]
    | Annotated[SetEffect, Tag("set")]
    | Annotated[TriggerEffect, Tag("trigger")]
    | Annotated[FlagEffect, Tag("flag")]
    | Annotated[ScoreEffect, Tag("score")]
    | Annotated[EndEffect, Tag("end")],
    Discriminator(
        effect_kind,
        custom_error_type="effect_kind",
        custom_error_message="an effect needs one of the keys: change, set, trigger, flag, score, end",
    ),
]


# --- metadata ----------------------------------------------------------------


class Source(Strict):
    """A published source the scenario is built from."""

    title: Label = Field(description="Title of the article or document.")
    outlet: Label = Field(description="Who published it.")
    date: Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")] = Field(description="Publication date, YYYY-MM-DD.")
    url: str | None = Field(default=None, max_length=500, description="Where to read it (optional).")


class Meta(Strict):
    """What the scenario is, and how long a game lasts."""

    id: Ident = Field(description="Unique id of the scenario.")
    title: Label = Field(description="Title shown on the title screen.")
    summary: Text = Field(description="One paragraph: what the crisis is and what players decide.")
    sources: list[Source] = Field(
        default_factory=_list, max_length=MAX_ENTRIES, description="Articles and documents the scenario is built from."
    )
    turns: int = Field(ge=1, le=50, description="Number of turns in a full game.")
    turn_length: Label = Field(default="one turn", description='What one turn represents, e.g. "one month".')
    first_turn_label: Label = Field(default="Turn 1", description='Label of the first turn, e.g. "June 2024".')
    turn_labels: list[Label] | None = Field(
        default=None,
        max_length=50,
        description="Explicit labels for every turn (optional; overrides first_turn_label).",
    )
    actions_per_turn: int = Field(default=1, ge=1, le=5, description="How many moves each actor may make per turn.")


# --- actors ------------------------------------------------------------------


class Variable(Strict):
    """A number an actor (or the world) has: a resource, a need, a standing."""

    id: Ident = Field(description="Variable id, unique within its actor.")
    label: Label = Field(description="Name shown to players.")
    start: Amount = Field(description="Value at the start of the game.")
    min: Amount = Field(default=0, description="Lowest possible value.")
    max: Amount = Field(default=100, description="Highest possible value.")
    visibility: Literal["public", "private"] = Field(
        default="public", description="public: everyone sees it; private: only its actor (and the facilitator)."
    )
    critical: Amount | None = Field(
        default=None, description="Below this value the need is critical: bots weigh it three times as much."
    )
    description: Text = Field(default="", description="What the number means (shown on hover).")


class Upkeep(Strict):
    """A per-turn need: applied in every assessment phase (a war eats shells, a population eats food)."""

    change: VarRef = Field(description="The variable consumed or produced every turn.")
    by: Amount = Field(description="Change per turn, usually negative.")
    reason: Label = Field(description='Why, shown in the turn summary: "the war consumes shells".')
    condition: Expr | None = Field(default=None, description="Only when this holds (optional).")


class Objective(Strict):
    """Something an actor wants, worth points."""

    id: Ident = Field(description="Objective id, unique within its actor.")
    text: Text = Field(description="What the objective is, in words.")
    points: int = Field(ge=-100, le=100, description="Points scored when met.")
    condition: Expr = Field(description="When the objective counts as met.")
    when: Literal["end", "each_turn"] = Field(
        default="end", description="end: checked once when the game ends; each_turn: scored at every assessment."
    )
    secret: bool = Field(default=False, description="Hidden from other players until the debrief.")


class Briefing(Strict):
    """An actor's private briefing, at two reading levels."""

    basic: Text = Field(description="Short, plain-language briefing.")
    advanced: Text = Field(description="Longer briefing with quotes, sources and context.")


class ActorBot(Strict):
    """How bots playing this actor value the world (used by the heuristic and lookahead bots)."""

    values: dict[str, Weight] = Field(
        default_factory=_dict,
        max_length=MAX_ENTRIES,
        description="Weight per unit of a variable (VARIABLE reference such as world.tension or self.food); "
        "own variables weigh 1 unless given here.",
    )
    track_values: dict[str, dict[str, Weight]] = Field(
        default_factory=_dict,
        max_length=MAX_TRACKS,
        description="For a track id, how much the actor values each of its states.",
    )


class Actor(Strict):
    """A country or organisation in the scenario."""

    id: Ident = Field(description="Actor id.")
    name: Label = Field(description="Display name.")
    leaders: list[Label] = Field(
        default_factory=_list, max_length=MAX_ENTRIES, description="Leaders and officials who speak for it."
    )
    colour: Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")] = Field(description="Colour as #RRGGBB.")
    playable: bool = Field(default=True, description="false: always played by a bot.")
    briefing: Briefing = Field(description="The actor's private briefing, at two reading levels.")
    variables: list[Variable] = Field(
        default_factory=_list, max_length=MAX_VARIABLES, description="The actor's resources and needs."
    )
    upkeep: list[Upkeep] = Field(
        default_factory=_list, max_length=MAX_ENTRIES, description="Needs consumed every turn."
    )
    objectives: list[Objective] = Field(
        default_factory=_list, max_length=MAX_ENTRIES, description="What the actor wants, worth points."
    )
    bot: ActorBot = Field(default_factory=ActorBot, description="Hints for bots playing this actor.")


# --- tracks ------------------------------------------------------------------


class TrackTransition(Strict):
    """A way a track can move: a trigger takes it from one of the source states to dest."""

    trigger: Ident = Field(description="Trigger name, fired by effects as TRACK.TRIGGER.")
    source: Ident | Annotated[list[Ident], Field(max_length=MAX_STATES)] = Field(
        description="State (or list of states) the transition starts from."
    )
    dest: Ident = Field(description="State the track moves to.")
    condition: Expr | None = Field(default=None, description="The transition happens only when this holds.")


class Track(Strict):
    """A named state machine: a relationship, a sanctions regime, a programme."""

    id: Ident = Field(description="Track id, used as track.ID in conditions.")
    name: Label = Field(description="Name shown on the board.")
    description: Text = Field(default="", description="What the track means.")
    states: list[Ident] = Field(
        min_length=2, max_length=MAX_STATES, description="States in order, lowest first (conditions may compare them)."
    )
    labels: dict[str, Label] = Field(
        default_factory=_dict, max_length=MAX_STATES, description="Display label for a state id (optional)."
    )
    initial: Ident = Field(description="State at the start of the game.")
    transitions: list[TrackTransition] = Field(
        min_length=1, max_length=MAX_TRANSITIONS, description="How the track can move."
    )


class Flag(Strict):
    """A yes/no fact of the game, set by effects."""

    id: Ident = Field(description="Flag id, used as flag.ID in conditions.")
    label: Label = Field(description="What the flag means, shown to players.")
    initial: bool = Field(default=False, description="Value at the start.")


# --- moves -------------------------------------------------------------------


class MoveBot(Strict):
    """Hints for bots considering this move."""

    bonus: Weight = Field(default=0.0, description="Extra value bots give this move (when `when` holds).")
    when: Expr | None = Field(default=None, description="The bonus applies only when this holds.")
    reason: Label | None = Field(default=None, description="Why a bot would choose it, shown in the log.")
    accept: Weight = Field(
        default=0.0,
        description="Deals: extra value (in points) a bot answering the proposal gives accepting it (when `when` "
        "holds), e.g. for a deal that pays only once another party signs a deal of its own.",
    )


class DealParty(Strict):
    """One counterparty of a deal among several parties: it must accept, and it gives and gets its terms."""

    actor: Ident = Field(description="The party (an actor id): it is asked, and the deal needs its yes.")
    gives: list[Effect] = Field(
        default_factory=_list, max_length=MAX_ENTRIES, description="What this party gives (when every party accepts)."
    )
    gets: list[Effect] = Field(
        default_factory=_list, max_length=MAX_ENTRIES, description="What this party gets (when every party accepts)."
    )


class SecretTerms(Strict):
    """The secret half of a deal: known only to its parties (and the facilitator) until the debrief."""

    log: Label = Field(description="What the secret half is, told only to the parties; may use {actor} and {target}.")
    effects: list[Effect] = Field(
        default_factory=_list, max_length=MAX_ENTRIES, description="What happens, in secret, when the deal is made."
    )


class Move(Strict):
    """A diplomatic move an actor can make in the diplomacy phase."""

    id: Ident = Field(description="Move id.")
    name: Label = Field(description="Name shown on the move card.")
    description: Text = Field(default="", description="What the move is, shown on the card.")
    actors: list[Ident] = Field(min_length=1, max_length=MAX_ACTORS, description="Actors who may make this move.")
    targets: list[Ident] = Field(
        default_factory=_list,
        max_length=MAX_ACTORS,
        description="Possible target actors (empty: the move has no target).",
    )
    kind: Literal["action", "deal"] = Field(
        default="action", description="deal: a proposal the target must accept in the same turn."
    )
    condition: Expr | None = Field(default=None, description="The move is available only when this holds.")
    cost: dict[str, Amount] = Field(
        default_factory=_dict,
        max_length=MAX_COST,
        description="Paid when the move resolves: VARIABLE -> amount. The move is unavailable if unaffordable.",
    )
    effects: list[Effect] = Field(
        default_factory=_list, max_length=MAX_ENTRIES, description="What happens when the move resolves."
    )
    offer: list[Effect] = Field(
        default_factory=_list, max_length=MAX_ENTRIES, description="Deals: what the proposer gives (on acceptance)."
    )
    ask: list[Effect] = Field(
        default_factory=_list, max_length=MAX_ENTRIES, description="Deals: what the target gives (on acceptance)."
    )
    parties: list[DealParty] = Field(
        default_factory=_list,
        max_length=MAX_ACTORS,
        description="Deals among several parties (instead of targets): each party must accept; the deal takes "
        "effect only when every one has accepted, and one no stops it.",
    )
    secret: SecretTerms | None = Field(
        default=None,
        description="Deals: a secret half, seen only by the deal's parties (and the facilitator) until the debrief.",
    )
    visibility: Literal["public", "covert"] = Field(
        default="public", description="covert: others learn of it only if it is detected."
    )
    detection: float | Expr = Field(
        default=0.0, description="Covert moves: chance (0-1) of detection, a number or an expression."
    )
    on_detect: list[Effect] = Field(
        default_factory=_list, max_length=MAX_ENTRIES, description="Covert moves: what happens when detected."
    )
    log: Label = Field(description="Log line; may use {actor} and {target}.")
    uses_per_game: int | None = Field(
        default=None, ge=1, le=MAX_NUMBER, description="How often an actor may make it per game."
    )
    bot: MoveBot = Field(default_factory=MoveBot, description="Hints for bots.")
    per_actor: dict[Ident, Annotated[dict[Ident, Ident], Field(max_length=MAX_ACTORS)]] = Field(
        default_factory=_dict,
        max_length=MAX_VARIABLES,
        description="Shared names for each actor's own variable, when their ids differ: NAME -> {ACTOR: VARIABLE}. "
        "In this move `self.NAME` (and `target.NAME`) means that actor's variable, in the cost, the condition, "
        "the effects and the bot hints; an actor not listed keeps its variable called NAME.",
    )


# --- events, endings, debrief --------------------------------------------------


class Event(Strict):
    """Something that happens in the news phase: scripted, conditional or random."""

    id: Ident = Field(description="Event id.")
    title: Label = Field(description="Headline.")
    news: Text = Field(description="News text shown to everyone.")
    turn: int | None = Field(default=None, ge=1, le=MAX_NUMBER, description="Fires on this turn (scripted).")
    from_turn: int | None = Field(default=None, ge=1, le=MAX_NUMBER, description="Cannot fire before this turn.")
    to_turn: int | None = Field(default=None, ge=1, le=MAX_NUMBER, description="Cannot fire after this turn.")
    condition: Expr | None = Field(default=None, description="Fires only when this holds.")
    chance: float | None = Field(default=None, ge=0.0, le=1.0, description="Probability per turn (random event).")
    repeat: bool = Field(default=False, description="May fire more than once.")
    effects: list[Effect] = Field(default_factory=_list, max_length=MAX_ENTRIES, description="What the event does.")
    source: Literal["article", "background", "fictional"] = Field(
        default="fictional",
        description="article: reported in the source; background: known fact; fictional: plausible.",
    )


class Ending(Strict):
    """A way the game can end, with its narrative."""

    id: Ident = Field(description="Ending id.")
    title: Label = Field(description="Headline of the ending.")
    text: Text = Field(description="Narrative shown at the debrief.")
    condition: Expr | None = Field(
        default=None,
        description="When this ending happens (leave it out for an ending reached only by an `end` effect).",
    )
    at: Literal["any_turn", "time_up"] = Field(
        default="any_turn",
        description="any_turn: ends the game early when it holds; time_up: chosen when turns run out.",
    )
    effects: list[Effect] = Field(
        default_factory=_list, max_length=MAX_ENTRIES, description="Final effects, e.g. score bonuses."
    )


class Followup(Strict):
    """What actually happened next."""

    date: Annotated[str, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")] = Field(
        description="YYYY, YYYY-MM or YYYY-MM-DD."
    )
    text: Text = Field(description="What happened.")
    source: str | None = Field(default=None, max_length=300, description="Where it was reported (optional).")


class Debrief(Strict):
    """The after-action discussion."""

    questions: list[Text] = Field(default_factory=_list, max_length=MAX_ENTRIES, description="Reflection questions.")
    what_happened_next: list[Followup] = Field(
        default_factory=_list, max_length=MAX_ENTRIES, description="The real events after the scenario."
    )


# --- real or fictional names ---------------------------------------------------


class Alias(Strict):
    """A real name and the fictional one shown instead when a game is played with fictional names."""

    real: Label = Field(
        description="The real name exactly as the scenario's texts write it (case matters), e.g. `Vladimir Putin`, "
        "`Russia` or the adjective `Russian`. It is replaced wherever it stands as a whole word."
    )
    fictional: Label = Field(description="What replaces it with `--names fictional`, e.g. `President Varov`.")
    kind: Literal["actor", "leader", "place", "track", "term"] = Field(
        default="term",
        description="What the name is: an actor's name, a leader, a place, a track or state label, or another term.",
    )


class Place(Strict):
    """A place on the teacher's guide map."""

    name: Label = Field(description="Name shown on the map.")
    lat: float = Field(ge=-90, le=90, description="Latitude in degrees (north positive).")
    lon: float = Field(ge=-180, le=180, description="Longitude in degrees (east positive).")
    note: Text = Field(default="", description="Why the place matters (shown in the guide's list of places).")


class DatedEvent(Strict):
    """An entry of the guide's timeline of the crisis."""

    date: Annotated[str, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")] = Field(
        description="YYYY, YYYY-MM or YYYY-MM-DD."
    )
    text: Text = Field(description="What happened.")


class GlossaryEntry(Strict):
    """A term students meet in the briefings."""

    term: Label = Field(description="The term.")
    definition: Text = Field(description="What it means, in plain words.")


class DiscussionNote(Strict):
    """A debrief question with notes for the teacher leading the discussion."""

    question: Text = Field(description="The question, as asked.")
    notes: Text = Field(description="What to listen for and where to take the discussion.")


class RubricRow(Strict):
    """One criterion of the assessment rubric, at three levels."""

    criterion: Label = Field(description="What is assessed.")
    strong: Text = Field(description="What strong work looks like.")
    secure: Text = Field(description="What secure work looks like.")
    developing: Text = Field(description="What developing work looks like.")


class Teaching(Strict):
    """The teacher's kit: what `parley guide` prints beside the scenario's own texts."""

    objectives: list[Text] = Field(default_factory=_list, description="Learning objectives: students will ...")
    content_note: Text = Field(default="", description="What to tell a class before playing (war, living people).")
    glossary: list[GlossaryEntry] = Field(default_factory=_list, description="Terms and their meanings.")
    places: list[Place] = Field(default_factory=_list, description="Places for the map.")
    timeline: list[DatedEvent] = Field(
        default_factory=_list, description="The crisis before the game starts (what happened next is in the debrief)."
    )
    discussion: list[DiscussionNote] = Field(default_factory=_list, description="Debrief questions with notes.")
    rubric: list[RubricRow] = Field(default_factory=_list, description="Assessment rubric (default: a generic one).")


class Variant(Strict):
    """A lesson variant: the same scenario cut to fit a class period (fewer turns, fewer moves a turn)."""

    id: Ident = Field(description="Variant id, chosen with `--variant ID` or at setup.")
    title: Label = Field(description='Name shown at setup, e.g. "One lesson (45 minutes)".')
    description: Text = Field(default="", description="Who the variant is for and what it leaves out.")
    turns: int | None = Field(default=None, ge=1, le=50, description="Number of turns (default: meta.turns).")
    actions_per_turn: int | None = Field(
        default=None, ge=1, le=5, description="Moves per actor per turn (default: meta.actions_per_turn)."
    )
    minutes: int | None = Field(
        default=None, ge=5, le=600, description="Estimated minutes for a whole game, briefing and debrief included."
    )
    default: bool = Field(
        default=False, description="Chosen at setup unless the teacher picks another (at most one variant)."
    )
    start: dict[VarRef, Amount] = Field(
        default_factory=_dict,
        max_length=MAX_VARIABLES,
        description="Start values that differ in this variant, by `world.ID` or `ACTOR.ID` (within min..max).",
    )
    tracks: dict[Ident, Ident] = Field(
        default_factory=_dict, max_length=MAX_TRACKS, description="Start state of a track in this variant, by track id."
    )
    flags: dict[Ident, bool] = Field(
        default_factory=_dict, max_length=MAX_FLAGS, description="Start value of a flag in this variant, by flag id."
    )
    points: dict[VarRef, Annotated[int, Field(ge=-100, le=100)]] = Field(
        default_factory=_dict,
        max_length=MAX_VARIABLES,
        description="Points of an objective in this variant, by `ACTOR.OBJECTIVE` (-100..100).",
    )


class Scenario(Strict):
    """A complete scenario file."""

    format: Literal[1] = Field(description="Scenario format version; must be 1.")
    meta: Meta = Field(description="Title, summary, sources, and how many turns a game lasts.")
    world: list[Variable] = Field(
        default_factory=_list, max_length=MAX_VARIABLES, description="Shared variables, used as world.ID."
    )
    actors: list[Actor] = Field(
        min_length=2, max_length=MAX_ACTORS, description="The actors, in the order they act and resolve."
    )
    tracks: list[Track] = Field(
        default_factory=_list, max_length=MAX_TRACKS, description="State machines: relationships, regimes, programmes."
    )
    flags: list[Flag] = Field(default_factory=_list, max_length=MAX_FLAGS, description="Yes/no facts set by effects.")
    moves: list[Move] = Field(min_length=1, max_length=MAX_MOVES, description="Moves actors can make.")
    events: list[Event] = Field(
        default_factory=_list, max_length=MAX_EVENTS, description="Events in the news phase, checked in this order."
    )
    endings: list[Ending] = Field(default_factory=_list, max_length=MAX_ENDINGS, description="Ways the game ends.")
    debrief: Debrief = Field(default_factory=Debrief, description="Questions and what happened next.")
    teaching: Teaching | None = Field(
        default=None, description="The teacher's kit printed by `parley guide` (optional)."
    )
    variants: list[Variant] = Field(
        default_factory=_list,
        description="Lesson variants (optional): shorter or longer games from the same file, chosen at setup.",
    )
    aliases: list[Alias] = Field(
        default_factory=_list,
        description="Fictional names for the real ones (`--names fictional`): every text shown replaces each real "
        "name by its fictional one, longer names first, so `North Korean` can be declared beside `North Korea`.",
    )
