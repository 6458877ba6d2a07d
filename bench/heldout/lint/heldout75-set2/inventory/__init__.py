"""Inventory service, laid out as a package."""
