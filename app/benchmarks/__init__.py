"""Benchmarks across features: `imant bench serve` (the platform under concurrent clients)
and `imant bench ingest` (a whole programme through the import service). Each prints the
figures it measured; nothing here is imported by the web app."""
