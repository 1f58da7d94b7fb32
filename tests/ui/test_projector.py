"""The projector setting: at 1920x1080 no text under 24 px, headings at 36 px or more, on every screen."""

from __future__ import annotations

import re
from collections.abc import Callable

import pygame

from game.ui import theme
from game.ui.app import App
from game.ui.catalogue import load_entry
from game.ui.flow import Flow
from game.ui.screens.board import BoardScreen
from game.ui.screens.debrief import TABS, DebriefScreen
from game.ui.screens.pause import PauseScreen, SettingsScreen
from game.ui.screens.title import TitleScreen
from game.ui.session import Session
from tests.ui.conftest import ROOT, button, click, frame

SUMMIT = ROOT / "scenarios" / "pyongyang_summit.yaml"


def used_sizes(app: App) -> set[int]:
    """Pixel sizes of every font the screens drew with so far: our own and pygame_gui's."""
    sizes = {point for point, _bold in app.fonts._cache}
    dictionary = app.manager.get_theme().get_font_dictionary()
    default = dictionary.default_font.size
    for font_id in dictionary.loaded_fonts:
        match = re.search(r"_(\d+)$", font_id)
        if match and int(match.group(1)) != default:
            sizes.add(int(match.group(1)))
    return sizes


def test_the_projector_setting_keeps_text_large_on_every_screen(make_app: Callable[..., App]) -> None:
    app = make_app(size=(1920, 1080), projector=True, seed=2)
    assert app.scale == theme.PROJECTOR_SCALE
    app.go(TitleScreen(app))
    frame(app)
    entry = load_entry(SUMMIT)
    assert entry.compiled is not None
    first = entry.compiled.actors[0]
    seats = dict.fromkeys(entry.compiled.actors, "heuristic") | {first: "human"}
    Flow(app, Session.start(entry.compiled, str(SUMMIT), entry.sha256, seats, 2), briefed=True).advance()
    assert isinstance(app.screen, BoardScreen)
    frame(app)
    app.push(PauseScreen(app))
    frame(app)
    app.pop()
    session = Session.start(entry.compiled, str(SUMMIT), entry.sha256, dict.fromkeys(entry.compiled.actors, "random"),
                            2)  # fmt: skip
    while session.proceed().kind != "over":
        session.new_turn()
    flow = Flow(app, session, briefed=True)
    from game.ui.screens.resolution import ResolutionScreen

    app.go(ResolutionScreen(app, flow, 1))
    frame(app)
    debrief = DebriefScreen(app, flow)
    app.go(debrief)
    for index in range(len(TABS)):
        debrief.select(index)
        frame(app)
    sizes = used_sizes(app)
    assert min(sizes) >= theme.BODY_MIN_PX, sorted(sizes)
    assert app.fonts.get(21, bold=True).get_height() >= theme.HEADING_MIN_PX  # the header bar's title
    assert theme.point_size(21, app.scale, True, True) >= theme.HEADING_MIN_PX
    assert theme.point_size(26, app.scale, True, True) >= theme.HEADING_MIN_PX  # dialog titles
    heading = theme.scaled_theme(theme.load_theme_data(), app.scale, True)["#heading"]["font"]
    assert int(heading["size"]) >= theme.HEADING_MIN_PX


def test_the_settings_offer_the_projector_setting(make_app: Callable[..., App]) -> None:
    app = make_app()
    app.go(TitleScreen(app))
    frame(app)
    app.push(PauseScreen(app))
    frame(app)
    click(app, button(app, "Settings"))
    assert isinstance(app.screen, SettingsScreen)
    click(app, button(app, "Projector"))
    assert app.projector and app.scale == theme.PROJECTOR_SCALE
    assert app.fonts.get(13).size("x")[1] >= theme.BODY_MIN_PX
    assert pygame.display.get_init()


def test_changing_the_scale_back_and_forth_reuses_each_theme(make_app: Callable[..., App]) -> None:
    """A theme is built once per scale: a class that toggles 100 % / 150 % all lesson does not pile up managers."""
    app = make_app()
    app.go(TitleScreen(app))
    frame(app)
    first = app.manager
    for scale in (1.5, 1.25, 1.0, 1.5, 1.0) * 4:
        app.set_scale(scale)
        frame(app)
    assert app.manager is first
    managers = {id(manager) for manager, _fonts in app._themes.values()}
    assert len(managers) == 3
    live = [widget for widget in app.manager.get_root_container().elements if widget.alive()]
    assert live and all(b.widget.alive() for b in app.screen.buttons)  # the title rebuilt on the reused manager
