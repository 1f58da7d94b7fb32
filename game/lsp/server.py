"""`parley lsp`: a language server for scenario files, over standard input and output.

Built on pygls. For every scenario document the editor opens or changes it publishes the
loader's diagnostics (errors) and, when there are none, the linter's (warnings), exactly
the ones ``parley validate`` prints; it completes references (actor, variable, track,
state, trigger, flag, move and event ids), shows hover text (the author's labels and
the format's field descriptions) and jumps to the definition of a reference. The
questions are answered by :mod:`game.lsp.index`; this module only speaks the protocol.

A document whose YAML cannot be read keeps the index of its last readable version, so
completion still works while a line is half typed. A scenario test file (a top-level
``tests`` list) is checked against its scenario as ``parley test`` does, with completion of the
scenario's ids and go-to-definition into the scenario (:mod:`game.lsp.suites`). Other YAML gets
no diagnostics.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from game import __version__
from game.authoring.lint import lint_checked
from game.lsp.index import Completion, Location, ScenarioIndex, build_index, word_at
from game.lsp.suites import SuiteContext, is_suite, suite_context, suite_diagnostics
from game.scenario.diagnostics import Diagnostic
from game.scenario.loader import check_text

__all__ = ["diagnostics_for", "make_server"]

SOURCE = "parley"
_SCENARIO_KEYS = ("format", "meta", "actors", "moves")
_KINDS = {
    "actor": types.CompletionItemKind.Class,
    "variable": types.CompletionItemKind.Variable,
    "track": types.CompletionItemKind.Enum,
    "state": types.CompletionItemKind.EnumMember,
    "trigger": types.CompletionItemKind.Event,
    "flag": types.CompletionItemKind.Constant,
    "move": types.CompletionItemKind.Function,
    "event": types.CompletionItemKind.Event,
    "ending": types.CompletionItemKind.Reference,
    "keyword": types.CompletionItemKind.Keyword,
    "function": types.CompletionItemKind.Function,
}


@dataclass
class _Document:
    index: ScenarioIndex | None = None
    """The index of the last version whose YAML could be read."""
    suite: SuiteContext | None = None
    """For a scenario test file: its scenario (None for a scenario, or when it cannot be found)."""


def is_scenario(index: ScenarioIndex | None) -> bool:
    """Whether a readable document looks like a scenario (not a test file or other YAML)."""
    return index is not None and isinstance(index.data, dict) and any(k in index.data for k in _SCENARIO_KEYS)


def diagnostics_for(text: str, name: str) -> list[Diagnostic]:
    """The loader's diagnostics of ``text``, then (when it has no errors) the linter's; as ``parley validate``."""
    found = check_text(text, name)
    if any(d.severity == "error" for d in found):
        return found
    return sorted([*found, *lint_checked(text, name)], key=Diagnostic.sort_key)


def _lsp_diagnostic(diagnostic: Diagnostic, lines: list[str]) -> types.Diagnostic:
    line, column = max(diagnostic.line - 1, 0), max(diagnostic.column - 1, 0)
    text = lines[line] if line < len(lines) else ""
    word = word_at(text, column)
    end = column + (len(word) if word and text.startswith(word, column) else 1)
    severity = types.DiagnosticSeverity.Error if diagnostic.severity == "error" else types.DiagnosticSeverity.Warning
    message = diagnostic.message + (f"\n{diagnostic.hint}" if diagnostic.hint else "")
    if diagnostic.suppressed:
        severity, message = types.DiagnosticSeverity.Hint, f"(suppressed) {message}"
    return types.Diagnostic(
        range=types.Range(types.Position(line, column), types.Position(line, end)),
        message=message,
        severity=severity,
        source=SOURCE,
        code=diagnostic.code,
    )


def _range(location: Location) -> types.Range:
    return types.Range(
        types.Position(location.line, location.column), types.Position(location.end_line, location.end_column)
    )


def _item(completion: Completion) -> types.CompletionItem:
    return types.CompletionItem(
        label=completion.label,
        kind=_KINDS.get(completion.kind, types.CompletionItemKind.Text),
        detail=f"{completion.kind}: {completion.detail}" if completion.detail else completion.kind,
        documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=completion.doc),
    )


def make_server() -> LanguageServer:
    """A language server with Parley's features registered (start it with ``start_io()``)."""
    server = LanguageServer("parley", __version__)
    documents: dict[str, _Document] = {}

    def refresh(ls: LanguageServer, uri: str) -> None:
        document = ls.workspace.get_text_document(uri)
        state = documents.setdefault(uri, _Document())
        index = build_index(document.source)
        if index is not None:
            state.index = index
        lines = document.source.splitlines()
        found: list[types.Diagnostic] = []
        if state.index is not None and is_suite(state.index.data) and document.path:
            state.suite = suite_context(Path(document.path))
            found = [_lsp_diagnostic(d, lines) for d in suite_diagnostics(document.source, Path(document.path))]
        elif index is None or is_scenario(index):
            name = document.path or uri
            found = [_lsp_diagnostic(d, lines) for d in diagnostics_for(document.source, name)]
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=found))

    def text_at(ls: LanguageServer, uri: str, position: types.Position) -> str:
        lines = ls.workspace.get_text_document(uri).lines
        return lines[position.line].rstrip("\r\n") if position.line < len(lines) else ""

    def suite_at(uri: str) -> tuple[ScenarioIndex, SuiteContext] | None:
        state = documents.get(uri)
        if state is None or state.index is None or state.suite is None or not is_suite(state.index.data):
            return None
        return state.index, state.suite

    def lookup(ls: LanguageServer, uri: str, position: types.Position) -> tuple[ScenarioIndex, str] | None:
        state = documents.get(uri)
        if state is None or state.index is None or not is_scenario(state.index):
            return None
        lines = ls.workspace.get_text_document(uri).lines
        text = lines[position.line].rstrip("\r\n") if position.line < len(lines) else ""
        return state.index, text

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        refresh(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        refresh(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        documents.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
        )

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[".", "'", '"']))
    def completion(ls: LanguageServer, params: types.CompletionParams) -> types.CompletionList:
        suite = suite_at(params.text_document.uri)
        if suite is not None:
            own, context = suite
            text = text_at(ls, params.text_document.uri, params.position)
            path = own.path_at(params.position.line, params.position.character)
            items = context.complete(path, text, params.position.character)
            return types.CompletionList(is_incomplete=False, items=[_item(c) for c in items])
        found = lookup(ls, params.text_document.uri, params.position)
        if found is None:
            return types.CompletionList(is_incomplete=False, items=[])
        index, text = found
        items = index.complete(text, params.position.line, params.position.character)
        return types.CompletionList(is_incomplete=False, items=[_item(c) for c in items])

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: LanguageServer, params: types.HoverParams) -> types.Hover | None:
        found = lookup(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        index, text = found
        shown = index.hover(text, params.position.line, params.position.character)
        if shown is None:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=shown))

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: LanguageServer, params: types.DefinitionParams) -> types.Location | None:
        suite = suite_at(params.text_document.uri)
        if suite is not None:
            symbol = suite[1].resolve(text_at(ls, params.text_document.uri, params.position), params.position.character)
            if symbol is None:
                return None
            return types.Location(uri=suite[1].scenario_path.resolve().as_uri(), range=_range(symbol.location))
        found = lookup(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        index, text = found
        location = index.definition(text, params.position.line, params.position.character)
        if location is None:
            return None
        return types.Location(uri=params.text_document.uri, range=_range(location))

    return server
