"""Benchmarks: `make bench` runs every bench_*.py here and prints one JSON object per line.

Each figure is a ratio against a baseline measured in the same run, with the absolute median.
"""
