"""Pramoen (ประเมิน): rubric-based evaluations for Thai educational service-area offices."""

__version__ = "0.1.0"
