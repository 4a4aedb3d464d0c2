"""Composition, demand and segregation indicators."""
