"""A web shop's backend package: clients, repositories and the checkout service."""
from .clients import make_http, make_cache, PaymentClient

__all__ = ["make_http", "make_cache", "PaymentClient"]
