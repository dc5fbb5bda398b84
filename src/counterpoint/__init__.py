"""counterpoint: weigh competing written assessments of relations between states, offline."""

from __future__ import annotations

__version__ = "0.2.0"

__all__ = ["__version__"]
