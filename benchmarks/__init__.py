"""Benchmarks of diplograph: a synthetic event generator and the store benchmark.

Run from the repository root, e.g. ``python -m benchmarks.store_bench --sizes 1000,10000``.
"""
