"""An online shop's order service: search, e-mail, analytics, and the order pipeline."""
