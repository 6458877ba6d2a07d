"""A device gateway: a TCP front end, a worker pool for parsing, and a sync SDK bridged to asyncio."""
