"""Exports of a session: pure functions from session state to text (no Textual)."""
