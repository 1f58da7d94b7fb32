"""Networked classroom play: one host process holds the game, every team plays from a browser.

- :mod:`game.net.views` – the ONE function that builds what a seat (or the public) is sent;
- :mod:`game.net.room` – a room: one engine game, its seats, bots, versions and journal;
- :mod:`game.net.guard` – claim codes, seat tokens, lockouts and rate limits;
- :mod:`game.net.journal` – the append-only, fsynced record a room resumes from;
- :mod:`game.net.server` – the Starlette app (page, assets, WebSocket) and the uvicorn thread;
- :mod:`game.net.projector` – the teacher's pygame window (join address, QR code, seats, board).

Nothing in this package is imported by the engine; it is a client of the engine API like the UI.
"""
