"""A parcel-map service for a county's permit office: geocoding, parcel lookups, elevation tiles, map renders."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import rasterio
from geopy.adapters import AioHTTPAdapter
from geopy.distance import geodesic
from geopy.extra.rate_limiter import AsyncRateLimiter, RateLimiter
from geopy.geocoders import Nominatim
from osgeo import gdal
from pyproj import Transformer
from rasterio.windows import Window
from shapely.geometry import Point, mapping

log = logging.getLogger("parcel_maps")

DATA = Path("/srv/gis")
TO_WEB = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)


def sync_geocoder() -> Nominatim:  # expect: clean
    return Nominatim(user_agent="permit-office/2.1", timeout=5)


async def geocode_permit(address: str) -> tuple[float, float] | None:  # expect: blocking-call
    location = sync_geocoder().geocode(address, country_codes="us")
    return (location.latitude, location.longitude) if location else None


async def geocode_permit_async(address: str) -> tuple[float, float] | None:  # expect: clean  # near: blocking-call
    async with Nominatim(user_agent="permit-office/2.1", adapter_factory=AioHTTPAdapter) as geocoder:
        location = await geocoder.geocode(address, country_codes="us")
    return (location.latitude, location.longitude) if location else None


async def batch_geocode(addresses: list[str]) -> list:  # expect: blocking-call
    geocode = RateLimiter(sync_geocoder().geocode, min_delay_seconds=1)
    return [geocode(a) for a in addresses]


async def batch_geocode_async(addresses: list[str]) -> list:  # expect: clean  # near: blocking-call
    async with Nominatim(user_agent="permit-office/2.1", adapter_factory=AioHTTPAdapter) as geocoder:
        geocode = AsyncRateLimiter(geocoder.geocode, min_delay_seconds=1)
        return [await geocode(a) for a in addresses]


async def reverse_lookup(lat: float, lon: float) -> str:  # expect: unawaited-coroutine
    async with Nominatim(user_agent="permit-office/2.1", adapter_factory=AioHTTPAdapter) as geocoder:
        pending = geocoder.reverse((lat, lon), exactly_one=True)
        log.debug("reverse geocoding %s,%s", lat, lon)
    return "unknown"


async def distance_to_office(lat: float, lon: float) -> float:  # expect: clean  # near: blocking-call
    return geodesic((lat, lon), (44.9778, -93.2650)).km


async def setback_zone(lat: float, lon: float, metres: float) -> dict:  # expect: clean  # near: blocking-call
    x, y = TO_WEB.transform(lon, lat)
    return mapping(Point(x, y).buffer(metres))


@dataclass
class ParcelStore:  # expect: clean
    path: Path = DATA / "parcels.gpkg"
    _frame: gpd.GeoDataFrame | None = field(default=None, repr=False)

    @property
    def frame(self) -> gpd.GeoDataFrame:
        if self._frame is None:
            self._frame = gpd.read_file(self.path, layer="parcels")
        return self._frame

    def load(self) -> gpd.GeoDataFrame:
        return gpd.read_file(self.path, layer="parcels")


async def parcel_at(store: ParcelStore, lat: float, lon: float) -> dict | None:  # expect: blocking-call
    hits = store.load().cx[lon:lon, lat:lat]
    return hits.iloc[0].to_dict() if len(hits) else None


async def parcels_in_ward(store: ParcelStore, ward: str) -> int:  # expect: blocking-call
    return int((store.frame["ward"] == ward).sum())


async def parcel_at_offloaded(store: ParcelStore, lat: float, lon: float) -> dict | None:  # expect: clean  # near: blocking-call
    frame = await asyncio.to_thread(store.load)
    hits = frame.cx[lon:lon, lat:lat]
    return hits.iloc[0].to_dict() if len(hits) else None


async def export_permits(rows: list[dict], out: Path) -> None:  # expect: blocking-call
    frame = gpd.GeoDataFrame(rows, geometry=[Point(r["lon"], r["lat"]) for r in rows], crs="EPSG:4326")
    frame.to_file(out, driver="GPKG")


async def export_permits_offloaded(rows: list[dict], out: Path) -> None:  # expect: clean  # near: blocking-call
    frame = gpd.GeoDataFrame(rows, geometry=[Point(r["lon"], r["lat"]) for r in rows], crs="EPSG:4326")
    await asyncio.to_thread(frame.to_file, out, driver="GPKG")


async def elevation(lat: float, lon: float) -> float:  # expect: blocking-call
    with rasterio.open(DATA / "dem.tif") as src:
        row, col = src.index(lon, lat)
        return float(src.read(1, window=Window(col, row, 1, 1))[0, 0])


def reproject_sync(src: Path, dst: Path) -> None:  # expect: clean
    gdal.Warp(str(dst), str(src), dstSRS="EPSG:3857", format="COG")


async def reproject_upload(src: Path, dst: Path) -> Path:  # expect: clean  # near: blocking-call
    await asyncio.get_running_loop().run_in_executor(None, reproject_sync, src, dst)
    return dst


async def reproject_inline(src: Path, dst: Path) -> Path:  # expect: blocking-call
    ds = gdal.Open(str(src))
    gdal.Translate(str(dst), ds, format="COG")
    return dst


class TileRenderer:  # expect: dangling-task
    """Renders map tiles; warms the cache of a zoom level around a new permit."""

    def __init__(self, render) -> None:
        self.render = render
        self.cache: dict[tuple[int, int, int], bytes] = {}

    async def _render_one(self, tile: tuple[int, int, int]) -> None:
        self.cache[tile] = await self.render(*tile)

    def warm(self, tiles: list[tuple[int, int, int]]) -> None:
        [asyncio.create_task(self._render_one(t)) for t in tiles[:9]]


class TrackedTileRenderer:  # expect: clean  # near: dangling-task
    def __init__(self, render) -> None:
        self.render = render
        self.cache: dict[tuple[int, int, int], bytes] = {}
        self.inflight: dict[tuple[int, int, int], asyncio.Task] = {}

    async def _render_one(self, tile: tuple[int, int, int]) -> None:
        self.cache[tile] = await self.render(*tile)

    def warm(self, tiles: list[tuple[int, int, int]]) -> None:
        for t in tiles[:9]:
            if t not in self.inflight:
                task = asyncio.create_task(self._render_one(t))
                self.inflight[t] = task
                task.add_done_callback(lambda _done, t=t: self.inflight.pop(t, None))
