"""Outcome follow-ups: what a candidate is doing 1, 3, 6 and 12 months after the course ended."""
