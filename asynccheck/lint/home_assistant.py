"""What the linter knows about Home Assistant's core objects, for custom integrations.

Home Assistant prefixes with `async_` every method that must run on its loop, coroutine function or not: most are
plain callbacks (`hass.async_create_task(...)`, `hass.config_entries.async_update_entry(...)`,
`coordinator.async_set_updated_data(...)`), so the prefix says nothing about awaiting. These tables list the ones
that are coroutine functions, whose call without `await` never runs (ACK301), the attributes of the
`HomeAssistant` object that lead to them, and its executor jobs, which run the callable they are handed on a
worker thread. knowledge.py merges these tables into its own.
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

HASS = "homeassistant.core.HomeAssistant"
CONFIG_ENTRIES = "homeassistant.config_entries.ConfigEntries"
CONFIG_ENTRY = "homeassistant.config_entries.ConfigEntry"
SERVICES = "homeassistant.core.ServiceRegistry"
COORDINATOR = "homeassistant.helpers.update_coordinator.DataUpdateCoordinator"
BUS = "homeassistant.core.EventBus"
STATES = "homeassistant.core.StateMachine"
ENTITY = "homeassistant.helpers.entity.Entity"

PROPERTIES: Dict[str, str] = {
    f"{HASS}.config_entries": CONFIG_ENTRIES,
    f"{HASS}.services": SERVICES,
    f"{HASS}.bus": BUS,
    f"{HASS}.states": STATES,
    # the loop Home Assistant runs on (whose non-thread-safe methods a thread must not call)
    f"{HASS}.loop": "asyncio.AbstractEventLoop",
    # (the coordinator keeps the `hass` it is made with)
    f"{COORDINATOR}.hass": HASS,
}

# Home Assistant's own bridge to its executor: `await hass.async_add_executor_job(api.login, user)` calls the
# callable with the arguments after it on a worker thread (the integration rules' answer to blocking I/O). The
# import variant is the same pool, kept for imports. (position, keyword) of the callable, and where it runs.
THREAD_ENTRY: Dict[str, Tuple[int, str]] = {
    f"{HASS}.async_add_executor_job": (0, "target"),
    f"{HASS}.async_add_import_executor_job": (0, "target"),
}
THREAD_ENTRY_WHERE: Dict[str, str] = {
    f"{HASS}.async_add_executor_job": "Home Assistant's executor (`hass.async_add_executor_job()`)",
    f"{HASS}.async_add_import_executor_job": "Home Assistant's import executor "
                                             "(`hass.async_add_import_executor_job()`)",
}

# Where Home Assistant starts a coroutine as a task it keeps (ACK602's task roots): spawner -> (takes the coroutine
# function, position of the coroutine). `hass` cancels its background tasks at shutdown, a config entry its own when
# it is unloaded; the integration's own handle, if it keeps one, is judged as any task's.
TASK_ROOT_SPAWNERS: Dict[str, Tuple[bool, int]] = {
    f"{HASS}.async_create_task": (False, 0),
    f"{HASS}.async_create_background_task": (False, 0),
    f"{CONFIG_ENTRY}.async_create_task": (False, 1),
    f"{CONFIG_ENTRY}.async_create_background_task": (False, 1),
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

# Callbacks that must run on Home Assistant's loop (they touch its loop-bound state without a lock): callable -> the
# way a thread reaches it. Called from a library's thread, they corrupt that state or, in recent versions, raise.
LOOP_ONLY_CALLS: Dict[str, str] = {
    "homeassistant.helpers.dispatcher.async_dispatcher_send": "`dispatcher_send(...)`",
    f"{HASS}.async_create_task": "`hass.create_task(...)`",
    **{f"{HASS}.{m}": "`hass.add_job(...)`" for m in ("async_add_job", "async_add_hass_job", "async_run_job")},
    f"{HASS}.async_create_background_task": "`asyncio.run_coroutine_threadsafe(coro, hass.loop)`",
    f"{BUS}.async_fire": "`hass.bus.fire(...)`",
    f"{STATES}.async_set": "`hass.states.set(...)`",
    f"{STATES}.async_remove": "`hass.states.remove(...)`",
    f"{COORDINATOR}.async_set_updated_data": "`hass.add_job(coordinator.async_set_updated_data, data)`",
    f"{COORDINATOR}.async_update_listeners": "`hass.add_job(coordinator.async_update_listeners)`",
    f"{ENTITY}.async_write_ha_state": "`self.schedule_update_ha_state()`",
}

# The entity classes of Home Assistant's platforms and helpers are entities: `class Meter(SensorEntity)` has the
# `async_write_ha_state` and `schedule_update_ha_state` of `Entity` (their own members add nothing the rules read).
_PLATFORMS = ("sensor binary_sensor switch light climate cover fan media_player button number select text lock "
              "alarm_control_panel camera vacuum water_heater humidifier siren update event image todo calendar "
              "valve lawn_mower date datetime time scene notify weather remote").split()
CANONICAL: Dict[str, str] = {
    **{f"homeassistant.components.{p}.{''.join(w.capitalize() for w in p.split('_'))}Entity": ENTITY
       for p in _PLATFORMS},
    "homeassistant.components.vacuum.StateVacuumEntity": ENTITY,
    "homeassistant.components.device_tracker.TrackerEntity": ENTITY,
    "homeassistant.components.device_tracker.ScannerEntity": ENTITY,
    "homeassistant.components.device_tracker.config_entry.TrackerEntity": ENTITY,
    "homeassistant.helpers.entity.ToggleEntity": ENTITY,
    "homeassistant.helpers.restore_state.RestoreEntity": ENTITY,
    "homeassistant.helpers.update_coordinator.CoordinatorEntity": ENTITY,
}

# What Home Assistant's conventions name the objects it hands an integration, for unannotated parameters of a module
# that imports it: `def __init__(self, hass, entry)` is handed the `HomeAssistant` instance (types.named_argument).
PARAMETERS_BY_NAME: Dict[str, str] = {"hass": HASS}
