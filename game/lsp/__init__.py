"""The language server of ``parley lsp``: diagnostics, completion, hover and go-to-definition for scenario files.

:mod:`game.lsp.index` knows what a scenario document defines and where (pure, no protocol);
:mod:`game.lsp.server` speaks the Language Server Protocol with pygls.
"""
