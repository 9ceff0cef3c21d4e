"""Importers: one module per foreign format, each turning files into registry import records."""
