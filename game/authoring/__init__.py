"""Tools for scenario authors that stand above the engine and the bots: the linter (facts a file
implies, board fit), a scenario's own tests (which play games), and live reloading (which replays
them). The format itself (models, loader, diagnostics, schema) stays in :mod:`game.scenario`."""
