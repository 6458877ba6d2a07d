"""A document archive: uploads land in a spool, get indexed, compressed and shipped to cold storage."""
