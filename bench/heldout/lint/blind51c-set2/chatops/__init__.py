"""A chat-ops bot: slash commands that open tickets, page the on-call engineer, and look things up in GitHub."""
from .clients import Clients, tracker_for

__all__ = ["Clients", "tracker_for"]
