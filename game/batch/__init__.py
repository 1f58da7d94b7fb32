"""Headless at scale: play many seeded games on many processes and summarise them.

Import from the modules (this package imports nothing itself, so the command line
starts fast):

- :mod:`game.batch.run` – :func:`~game.batch.run.play_batch` plays N games with per-game
  seeds derived from one batch seed (:mod:`game.batch.seeds`) on a pluggable executor
  (:mod:`game.batch.executors`), streaming compact summaries (:mod:`game.batch.summary`)
  back in game order;
- :mod:`game.batch.totals` – :class:`~game.batch.totals.BatchTotals` totals them incrementally;
- :mod:`game.batch.stats` – Wilson intervals, χ² test, dominant moves;
- :mod:`game.batch.lint` – findings for scenario authors (``parley analyze``);
- :mod:`game.batch.report` – the self-contained HTML report (needs matplotlib);
- :mod:`game.batch.bench` – batch scaling and memory measurements (``parley bench``).
"""
