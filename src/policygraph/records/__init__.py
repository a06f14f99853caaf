"""Curated records: YAML files with positions, checked and turned into typed records."""
