"""A small observatory's control service: mount, dome and camera drivers, an async API over them, frame channels."""
from .aio import AsyncMount, open_async_mount
from .channels import FrameChannel, SkyAlerts, bounded_channel
from .drivers import CameraDriver, DomeControl, MountLink, open_mount, pool_for

__all__ = [
    "AsyncMount",
    "CameraDriver",
    "DomeControl",
    "FrameChannel",
    "MountLink",
    "SkyAlerts",
    "bounded_channel",
    "open_async_mount",
    "open_mount",
    "pool_for",
]
