"""Small helpers for putting scenario labels into sentences."""

from __future__ import annotations


def in_sentence(label: str) -> str:
    """A label as it reads mid-sentence: "Food" -> "food", but "UN authority" and "NATO unity" keep their capitals."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]
