"""Tavle: real-time workshop boards for large groups."""
