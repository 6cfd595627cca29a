"""Evaluation: benchmark loaders and metrics, written from their published definitions."""
