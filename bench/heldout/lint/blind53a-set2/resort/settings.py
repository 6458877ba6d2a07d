"""Deployment settings of the ticketing service (edited by operations, not at run time)."""
from __future__ import annotations

from typing import Final

SCAN_BACKLOG = 0
TICKET_BACKLOG = 500
RENTAL_BACKLOG: Final = 0
