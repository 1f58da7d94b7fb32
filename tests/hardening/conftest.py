"""The interface fixtures, for the hardening tests that open the Load screen."""

from tests.ui.conftest import make_app

__all__ = ["make_app"]
