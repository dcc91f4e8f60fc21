"""Savings for the municipality: benefit reductions from small-job earnings and self-support."""
