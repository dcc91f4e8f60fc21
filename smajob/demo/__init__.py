"""Believable demo data for Aalborg: `flask smajob seed-demo`."""
