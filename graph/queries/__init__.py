"""Cypher statements as named constants: data, never built from user text."""
