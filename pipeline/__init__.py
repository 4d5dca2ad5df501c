"""Rasd pipeline: read news articles, extract geocoded conflict events, store, export.

Stages (one module each): readers -> normalize -> extract -> (gazetteer) -> dedupe -> store -> export.
"""
__version__ = "0.1.0"
