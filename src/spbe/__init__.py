"""SPBE Suite: evaluation, planning, architecture and public services for Indonesian agencies."""

__version__ = "0.1.0"
