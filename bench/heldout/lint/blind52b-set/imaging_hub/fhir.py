"""FHIR: patients and observations mirrored to the hospital's FHIR server."""
from __future__ import annotations

import asyncio
import logging
import os

from fhirclient import client as smart_client
from fhirclient.models.patient import Patient
from fhirpy import AsyncFHIRClient, SyncFHIRClient

log = logging.getLogger("imaging_hub.fhir")

FHIR_URL = os.environ.get("FHIR_URL", "https://fhir.example.invalid/r4")


class FhirGateway:  # expect: clean
    def __init__(self, token: str) -> None:
        self._sync = SyncFHIRClient(FHIR_URL, authorization=f"Bearer {token}")
        self._async = AsyncFHIRClient(FHIR_URL, authorization=f"Bearer {token}")

    @property
    def client(self) -> SyncFHIRClient:
        return self._sync

    @property
    def aclient(self) -> AsyncFHIRClient:
        return self._async


async def patient_by_mrn(gw: FhirGateway, mrn: str):  # expect: blocking-call
    return gw.client.resources("Patient").search(identifier=mrn).first()


async def patient_by_mrn_async(gw: FhirGateway, mrn: str):  # expect: clean  # near: blocking-call
    return await gw.aclient.resources("Patient").search(identifier=mrn).first()


async def record_dose(gw: FhirGateway, patient_id: str, dlp: float) -> None:  # expect: unawaited-coroutine
    obs = gw.aclient.resource(
        "Observation",
        status="final",
        code={"text": "CT dose length product"},
        subject={"reference": f"Patient/{patient_id}"},
        valueQuantity={"value": dlp, "unit": "mGy.cm"},
    )
    obs.save()


async def record_dose_awaited(gw: FhirGateway, patient_id: str, dlp: float) -> None:  # expect: clean  # near: unawaited-coroutine
    obs = gw.aclient.resource(
        "Observation",
        status="final",
        subject={"reference": f"Patient/{patient_id}"},
        valueQuantity={"value": dlp, "unit": "mGy.cm"},
    )
    await obs.save()


def record_dose_sync(gw: FhirGateway, patient_id: str, dlp: float) -> None:  # expect: clean  # near: unawaited-coroutine
    obs = gw.client.resource("Observation", status="final", subject={"reference": f"Patient/{patient_id}"},
                             valueQuantity={"value": dlp, "unit": "mGy.cm"})
    obs.save()


async def legacy_patient(patient_id: str) -> dict:  # expect: blocking-call
    smart = smart_client.FHIRClient(settings={"app_id": "imaging_hub", "api_base": FHIR_URL})
    return Patient.read(patient_id, smart.server).as_json()


async def mirror_patients(gw: FhirGateway, ids: list[str]) -> None:  # expect: dangling-task
    for pid in ids[:20]:
        asyncio.get_running_loop().create_task(gw.aclient.reference("Patient", pid).to_resource())
    log.info("mirroring %d patients", len(ids))


async def mirror_patients_gathered(gw: FhirGateway, ids: list[str]) -> list:  # expect: clean  # near: dangling-task
    tasks = [asyncio.create_task(gw.aclient.reference("Patient", pid).to_resource()) for pid in ids[:20]]
    return await asyncio.gather(*tasks)
