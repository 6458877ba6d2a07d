"""DICOM: verification and C-STORE to the PACS, and a storage SCP that receives studies from the modalities."""
from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from pydicom import dcmread
from pydicom.dataset import Dataset
from pynetdicom import AE, evt
from pynetdicom.association import Association
from pynetdicom.sop_class import CTImageStorage, MRImageStorage, Verification

log = logging.getLogger("imaging_hub.dicom")


def make_ae(title: str = "IMGHUB") -> AE:  # expect: clean
    ae = AE(ae_title=title)
    ae.add_requested_context(Verification)
    ae.add_requested_context(CTImageStorage)
    ae.add_requested_context(MRImageStorage)
    return ae


def echo_sync(ae: AE, host: str, port: int) -> bool:  # expect: clean
    assoc = ae.associate(host, port)
    if not assoc.is_established:
        return False
    status = assoc.send_c_echo()
    assoc.release()
    return status.Status == 0x0000


async def echo(ae: AE, host: str, port: int) -> bool:  # expect: blocking-call
    assoc = ae.associate(host, port)
    if not assoc.is_established:
        return False
    status = assoc.send_c_echo()
    assoc.release()
    return status.Status == 0x0000


async def echo_offloaded(ae: AE, host: str, port: int) -> bool:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(echo_sync, ae, host, port)


async def store_series(paths: list[Path], host: str, port: int) -> int:  # expect: blocking-call
    assoc = make_ae().associate(host, port, ae_title="PACS")
    sent = 0
    try:
        for path in paths:
            ds = await asyncio.to_thread(dcmread, path)
            status = assoc.send_c_store(ds)
            sent += status.Status == 0x0000
    finally:
        assoc.release()
    return sent


async def describe(path: Path) -> dict:  # expect: blocking-call
    ds = dcmread(path, stop_before_pixels=True)
    return {"patient": str(ds.PatientName), "modality": ds.Modality, "study": ds.StudyInstanceUID}


async def describe_offloaded(path: Path) -> dict:  # expect: clean  # near: blocking-call
    ds = await asyncio.to_thread(dcmread, path, stop_before_pixels=True)
    return {"patient": str(ds.PatientName), "modality": ds.Modality, "study": ds.StudyInstanceUID}


class PacsLink:  # expect: blocking-call
    """Holds an association open between sends."""

    def __init__(self, assoc: Association) -> None:
        self.assoc = assoc

    async def push(self, ds: Dataset) -> bool:
        return self.assoc.send_c_store(ds).Status == 0x0000


class StorageScp:  # expect: unawaited-coroutine
    """Receives studies; each instance is indexed by the loop's catalogue."""

    def __init__(self, catalogue) -> None:
        self.catalogue = catalogue
        self.ae = AE(ae_title="IMGHUB")
        self.ae.add_supported_context(CTImageStorage)
        self.ae.add_supported_context(MRImageStorage)

    async def on_store(self, event) -> int:
        ds = event.dataset
        ds.file_meta = event.file_meta
        await self.catalogue.index(ds)
        return 0x0000

    def start(self) -> None:
        self.ae.start_server(("0.0.0.0", 11112), block=False, evt_handlers=[(evt.EVT_C_STORE, self.on_store)])


class BridgedStorageScp:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, catalogue, loop: asyncio.AbstractEventLoop) -> None:
        self.catalogue = catalogue
        self.loop = loop
        self.ae = AE(ae_title="IMGHUB")
        self.ae.add_supported_context(CTImageStorage)

    def on_store(self, event) -> int:
        ds = event.dataset
        ds.file_meta = event.file_meta
        asyncio.run_coroutine_threadsafe(self.catalogue.index(ds), self.loop).result(timeout=30)
        return 0x0000

    def start(self) -> None:
        self.ae.start_server(("0.0.0.0", 11112), block=False, evt_handlers=[(evt.EVT_C_STORE, self.on_store)])


async def run_scp_forever(ae: AE) -> None:  # expect: blocking-call
    log.info("storage SCP listening on 11112")
    ae.start_server(("0.0.0.0", 11112), evt_handlers=[(evt.EVT_C_ECHO, lambda event: 0x0000)])


async def run_scp_in_background(ae: AE) -> None:  # expect: clean  # near: blocking-call
    server = ae.start_server(("0.0.0.0", 11112), block=False, evt_handlers=[(evt.EVT_C_ECHO, lambda event: 0x0000)])
    try:
        await asyncio.Event().wait()
    finally:
        await asyncio.to_thread(server.shutdown)
