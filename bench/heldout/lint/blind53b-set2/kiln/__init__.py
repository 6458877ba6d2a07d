"""A ceramics studio's kiln controller: firing schedules, a shared database and the vendor's HTTP bridge."""
from .pools import Pool, firing_db, kiln_http, open_bridge, pooled
from .pools import BridgeSession as Bridge

__all__ = ["Bridge", "Pool", "firing_db", "kiln_http", "open_bridge", "pooled"]
