"""A small media service laid out as a package: its modules import each other."""
