"""The classroom interface (pygame-ce with pygame_gui): screens over the engine's public API.

No rule lives here: the interface reads the engine's state, views, move options and previews,
and submits decisions through :class:`~game.ui.session.Session`.
"""
