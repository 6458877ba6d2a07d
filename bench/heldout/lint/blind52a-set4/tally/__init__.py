"""A vote-tally service for a live TV show: counters shared with sync importers, SMS gateways on threads."""
