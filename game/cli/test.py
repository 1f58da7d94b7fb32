"""`parley test SCENARIO [TESTS...]`: run the scenario's YAML tests; exit 0 when it has none or all pass."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.authoring.scenario_tests import find_test_files, load_tests, run_file
from game.cli.errors import UserError
from game.cli.files import load_compiled
from game.files import FileProblem, probe, shown
from game.scenario.report import render, source_lines


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the command."""
    parser = commands.add_parser(
        "test",
        help="run a scenario's tests (NAME.tests.yaml beside it, or tests/NAME*.yaml)",
        description="Each test plays a seed with listed decisions and checks variables, tracks, flags, scores or "
        "the ending. A failure points at the test's line. Exit 0 when the scenario has no tests or all pass.",
    )
    parser.add_argument("scenario", metavar="SCENARIO", help="scenario YAML file")
    parser.add_argument("tests", nargs="*", metavar="TESTS", help="test files (default: the ones found beside it)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print failures and the summary only")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run every test file; print one line per test and every failure."""
    compiled, _ = load_compiled(args.scenario)
    scenario = Path(args.scenario)
    files = [Path(p) for p in args.tests] or find_test_files(scenario)
    for path in files:
        try:
            probe(path, "test file")
        except FileProblem as exc:
            raise UserError(str(exc) if exc.reason != "no such file" else f"{shown(path)}: no such test file") from None
    if not files:
        stem = scenario.stem
        print(f"{args.scenario}: no tests (looked for {scenario.with_name(stem + '.tests.yaml')} and "
              f"{scenario.parent / 'tests' / (stem + '*.yaml')})")  # fmt: skip
        return 0
    passed = failed = 0
    for path in files:
        loaded = load_tests(path)
        lines = source_lines(path)
        if loaded.problems:
            failed += 1
            for problem in loaded.problems:
                print("\n".join(render(problem, lines)), file=sys.stderr)
            continue
        assert loaded.tests is not None
        if loaded.tests.scenario not in (None, compiled.meta.id):
            print(f"{path}: skipped (its tests are for scenario '{loaded.tests.scenario}')")
            continue
        for result in run_file(compiled, loaded):
            if result.passed:
                passed += 1
                if not args.quiet:
                    print(f"ok    {result.name}")
                continue
            failed += 1
            print(f"FAIL  {result.name}", file=sys.stderr)
            for failure in result.failures:
                print("\n".join(render(failure, lines)), file=sys.stderr)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0
