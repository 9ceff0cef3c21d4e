"""DPG Registry: a standard-based registry of digital public goods."""

__version__ = "0.1.0"
