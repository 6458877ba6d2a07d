"""A caching proxy: per-key locks, a refresh queue, background refreshers."""
