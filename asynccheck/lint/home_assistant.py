"""What the linter knows about Home Assistant's core objects, for custom integrations.

Home Assistant prefixes with `async_` every method that must run on its loop, coroutine function or not: most are
plain callbacks (`hass.async_create_task(...)`, `hass.config_entries.async_update_entry(...)`,
`coordinator.async_set_updated_data(...)`), so the prefix says nothing about awaiting. These tables list the ones
that are coroutine functions, whose call without `await` never runs (ACK301), and the attributes of the
`HomeAssistant` object that lead to them. knowledge.py merges these tables into its own.
"""
from __future__ import annotations

from typing import Dict, FrozenSet

HASS = "homeassistant.core.HomeAssistant"
CONFIG_ENTRIES = "homeassistant.config_entries.ConfigEntries"
SERVICES = "homeassistant.core.ServiceRegistry"
COORDINATOR = "homeassistant.helpers.update_coordinator.DataUpdateCoordinator"

PROPERTIES: Dict[str, str] = {
    f"{HASS}.config_entries": CONFIG_ENTRIES,
    f"{HASS}.services": SERVICES,
}

COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset(
    f"{kind}.{m}" for kind, methods in (
        (HASS, "async_block_till_done async_start async_stop async_run"),
        (CONFIG_ENTRIES, "async_add async_remove async_setup async_unload async_reload async_set_disabled_by "
                         "async_forward_entry_setups async_forward_entry_setup async_forward_entry_unload "
                         "async_unload_platforms async_wait_component"),
        (SERVICES, "async_call"),
        (COORDINATOR, "async_refresh async_request_refresh async_config_entry_first_refresh async_shutdown"),
    ) for m in methods.split()
)
