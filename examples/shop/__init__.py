"""A small shop backend with the asyncio mistakes asynccheck finds. Lint it: `asynccheck lint examples/`."""
from .notify import send_receipt

__all__ = ["send_receipt"]
