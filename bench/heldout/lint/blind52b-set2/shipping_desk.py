"""A shipping desk for a small online shop: rates and labels from EasyPost and Shippo, envelopes from DocuSign for
customs paperwork, translations of customs descriptions with DeepL, weather holds from OpenWeatherMap."""
from __future__ import annotations

import asyncio
import functools
import logging
from functools import cached_property

import deepl
import easypost
import requests
import shippo
from docusign_esign import ApiClient, EnvelopeDefinition, EnvelopesApi
from pyowm import OWM

log = logging.getLogger("shipping_desk")

fetch = functools.partial(requests.get, timeout=10)


class Carriers:  # expect: clean
    def __init__(self, easypost_key: str, shippo_key: str) -> None:
        self.easypost = easypost.EasyPostClient(easypost_key)
        self.shippo = shippo.Shippo(api_key_header=shippo_key)


async def cheapest_rate(carriers: Carriers, shipment: dict) -> dict:  # expect: blocking-call
    created = carriers.easypost.shipment.create(**shipment)
    rate = min(created.rates, key=lambda r: float(r.rate))
    return {"carrier": rate.carrier, "rate": rate.rate}


async def cheapest_rate_offloaded(carriers: Carriers, shipment: dict) -> dict:  # expect: clean  # near: blocking-call
    created = await asyncio.to_thread(carriers.easypost.shipment.create, **shipment)
    rate = min(created.rates, key=lambda r: float(r.rate))
    return {"carrier": rate.carrier, "rate": rate.rate}


async def buy_label(carriers: Carriers, shipment_id: str, rate_id: str) -> str:  # expect: blocking-call
    bought = carriers.easypost.shipment.buy(shipment_id, rate={"id": rate_id})
    return bought.postage_label.label_url


async def shippo_rates(carriers: Carriers, shipment: dict) -> list:  # expect: blocking-call
    return carriers.shippo.shipments.create(shipment).rates


async def shippo_rates_async(carriers: Carriers, shipment: dict) -> list:  # expect: clean  # near: blocking-call
    created = await carriers.shippo.shipments.create_async(shipment)
    return created.rates


async def shippo_track_forgetful(carriers: Carriers, carrier: str, number: str) -> None:  # expect: unawaited-coroutine
    carriers.shippo.tracking_status.get_async(carrier, number)
    log.info("tracking %s %s", carrier, number)


async def carrier_status_page(url: str) -> int:  # expect: blocking-call
    return fetch(url).status_code


async def carrier_status_page_offloaded(url: str) -> int:  # expect: clean  # near: blocking-call
    resp = await asyncio.to_thread(fetch, url)
    return resp.status_code


class Customs:  # expect: blocking-call
    """Customs descriptions must be in the destination's language."""

    def __init__(self, auth_key: str) -> None:
        self.auth_key = auth_key

    @cached_property
    def translator(self) -> deepl.Translator:
        return deepl.Translator(self.auth_key)

    async def describe(self, text: str, country_lang: str) -> str:
        return self.translator.translate_text(text, target_lang=country_lang).text


class OffloadedCustoms:  # expect: clean  # near: blocking-call
    def __init__(self, auth_key: str) -> None:
        self.translator = deepl.Translator(auth_key)

    async def describe(self, text: str, country_lang: str) -> str:
        result = await asyncio.to_thread(self.translator.translate_text, text, target_lang=country_lang)
        return result.text


async def send_customs_form(api: ApiClient, account_id: str, envelope: EnvelopeDefinition) -> str:  # expect: blocking-call
    summary = EnvelopesApi(api).create_envelope(account_id, envelope_definition=envelope)
    return summary.envelope_id


async def weather_hold(owm: OWM, city: str) -> bool:  # expect: blocking-call
    observation = owm.weather_manager().weather_at_place(city)
    return observation.weather.status in ("Snow", "Thunderstorm")


def weather_hold_sync(owm: OWM, city: str) -> bool:  # expect: clean  # near: blocking-call
    observation = owm.weather_manager().weather_at_place(city)
    return observation.weather.status in ("Snow", "Thunderstorm")


async def weather_hold_offloaded(owm: OWM, city: str) -> bool:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(weather_hold_sync, owm, city)
