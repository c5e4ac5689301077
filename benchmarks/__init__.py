"""Benchmarks: credguard against the checkers users would pick instead.

Plain scripts, not part of the test suite (``tests/test_benchmarks.py`` only
runs the runner in ``--quick`` mode on a tiny corpus so it cannot rot).
Run ``python benchmarks/run.py`` from the repository root; see
``docs/performance.md``.
"""
