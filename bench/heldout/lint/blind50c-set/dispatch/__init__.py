"""Ride dispatch: matching riders to drivers, pricing, notifications and vehicle telemetry."""
from .store import RideStore, open_store
from .geo import eta_minutes

__all__ = ["RideStore", "open_store", "eta_minutes"]
