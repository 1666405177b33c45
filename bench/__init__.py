"""Benchmark of the site build as the contract grows (issue 8): see bench/README.md."""
