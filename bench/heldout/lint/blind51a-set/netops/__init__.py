"""Network automation: config pushes, inventory polls, telemetry export."""
from .sessions import RouterSession, netconf, snmp_uptime, ssh_run

__all__ = ["RouterSession", "netconf", "snmp_uptime", "ssh_run"]
