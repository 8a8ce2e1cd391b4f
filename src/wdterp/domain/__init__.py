"""Bounded contexts: SQLAlchemy models and services. Nothing here knows of HTTP."""
