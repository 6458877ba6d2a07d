"""A vehicle-fleet backend: shared helpers and the services that use them."""
