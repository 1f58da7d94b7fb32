"""Small helpers for putting scenario labels into sentences."""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’-][^\W\d_]+)*")
_SENTENCES = re.compile(r"(?<=[.!?:;])\s+|\n+|[\"“”(]")


def proper_words(texts: Iterable[str]) -> frozenset[str]:
    """Words the author writes with a capital in the middle of a sentence, and never in lower case.

    ``"talks in Istanbul"`` makes ``Istanbul`` a proper noun; ``"the Global South"`` makes ``Global``
    and ``South`` proper nouns; ``"Food is short. We need food"`` does not make ``Food`` one.
    """
    capitalized: set[str] = set()
    lower: set[str] = set()
    for text in texts:
        for sentence in _SENTENCES.split(text):
            words = _WORD.findall(sentence)
            for number, word in enumerate(words):
                if word[0].islower():
                    lower.add(word.casefold())
                elif number > 0 and word[0].isupper():
                    capitalized.add(word)
    return frozenset(word for word in capitalized if word.casefold() not in lower)


def in_sentence(label: str, proper: frozenset[str] = frozenset()) -> str:
    """A label as it reads mid-sentence: "Food" -> "food", but "UN authority" and "NATO unity" keep their capitals.

    So do labels that start with one of the scenario's ``proper`` words ("Istanbul talks", "Global South
    support"; see :func:`proper_words` and :attr:`CompiledScenario.proper_words`).
    """
    if len(label) > 1 and label[1].isupper():
        return label
    first = _WORD.match(label)
    if first is not None and first.group(0) in proper:
        return label
    return label[:1].lower() + label[1:]


def cause_sentence(result: dict[str, object] | None) -> str:
    """What ended the game when an ``end`` effect did, as a sentence for the debrief ("" otherwise):
    ``Caused by the news: Blockade.`` or ``Caused by a move: Russia leaves the deal.``"""
    cause = (result or {}).get("cause")
    if not isinstance(cause, dict):
        return ""
    text = str(cause.get("text", "")).rstrip(".")
    kind = cause.get("kind")
    if kind == "event":
        return f"Caused by the news: {text}."
    if kind == "detected":
        return f"Caused when a covert move was detected: {text}."
    return f"Caused by {'a deal' if kind == 'deal' else 'a move'}: {text}."
