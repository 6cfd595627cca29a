"""Heuristic vocabularies as data, one module per kind."""
