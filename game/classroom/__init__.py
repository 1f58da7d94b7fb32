"""The classroom around the game: after-action reports, printable briefings, what-if forks and fictional names.

Everything here is a client of the engine: it reads a finished (or saved) game as plain data — the
decision log replayed on its scenario — and renders it for a teacher. Nothing here draws with pygame.
"""
