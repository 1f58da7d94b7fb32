"""Continue the autosaved game: from the title screen's Continue entry or ``parley play --resume``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.classroom.autosave_paths import autosave_dir, has_autosave

if TYPE_CHECKING:
    from game.ui.app import App


def can_continue(app: App) -> bool:
    """True when an autosaved game waits in the app's autosave folder."""
    return app.options.autosave and has_autosave(autosave_dir(app.options.save_dir))


def continue_game(app: App) -> None:
    """Restore the autosaved game exactly and show its next screen (or a screen that says why it cannot)."""
    from game.classroom.autosave import read_autosave
    from game.ui.flow import Flow
    from game.ui.saves import SaveError
    from game.ui.screens.error import MessageScreen
    from game.ui.screens.title import TitleScreen

    try:
        session = read_autosave(autosave_dir(app.options.save_dir))
    except SaveError as exc:
        app.go(MessageScreen(app, "The last game cannot be continued", "Parley could not restore it:", [str(exc)],
                             lambda: TitleScreen(app)))  # fmt: skip
        return
    flow = Flow(app, session, briefed=True)
    app.notify(f"Continued: {session.compiled.meta.title}, turn {session.game.turn}")
    flow.next()
