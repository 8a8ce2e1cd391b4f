"""Engine, sessions, one transaction per call, and the Alembic migrations."""
