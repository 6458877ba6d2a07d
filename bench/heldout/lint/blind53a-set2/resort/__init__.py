"""The resort's ticketing channels."""
