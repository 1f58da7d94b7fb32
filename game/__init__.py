"""Parley: a diplomacy simulation for classrooms."""

__version__ = "0.1.0"
