"""What the linter knows about the SDKs a shop's shipping and paperwork code calls: carriers' aggregators (EasyPost,
Shippo), DocuSign's eSignature API and OpenWeatherMap through pyowm.

EasyPost's client (`EasyPostClient(key)`) reaches each kind of object through a service (`client.shipment`,
`client.tracker`), every method of which is one request. Shippo's client (the generated SDK, `shippo.Shippo`)
reaches them through namespaces (`client.shipments.create(...)`) whose methods are requests, each with an `*_async`
twin that makes a coroutine. DocuSign's API classes (`EnvelopesApi(api_client)`) are generated too: every public
method sends one request, as do the client's token calls. pyowm's managers (`owm.weather_manager()`, made without a
request) send one request per query.
knowledge.py merges these tables into its own; the names follow its conventions (canonical qualified names,
`<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

EASYPOST = "easypost.EasyPostClient"
# the services of an EasyPost client, under a name of the linter's own
EASYPOST_SERVICE = "easypost.services.base_service.BaseService"
_EASYPOST_SETTINGS = frozenset(
    "api_key api_base timeout requests_session subscribe_to_request_hook subscribe_to_response_hook "
    "unsubscribe_from_request_hook unsubscribe_from_response_hook unsubscribe_from_all_request_hooks "
    "unsubscribe_from_all_response_hooks".split()
)
SHIPPO = "shippo.Shippo"
_SHIPPO_SETTINGS = frozenset({"sdk_configuration"})
_DOCUSIGN_APIS = ("EnvelopesApi", "TemplatesApi", "AccountsApi", "UsersApi", "BulkEnvelopesApi", "FoldersApi",
                  "GroupsApi", "SigningGroupsApi", "PowerFormsApi", "BillingApi", "DiagnosticsApi")
DOCUSIGN_APIS = tuple(f"docusign_esign.{kind}" for kind in _DOCUSIGN_APIS)
DOCUSIGN_CLIENT = "docusign_esign.ApiClient"
OWM = "pyowm.OWM"
_OWM_MANAGERS = {
    "weather_manager": "pyowm.weatherapi25.weather_manager.WeatherManager",
    "airpollution_manager": "pyowm.airpollutionapi30.airpollution_manager.AirPollutionManager",
    "uvindex_manager": "pyowm.uvindexapi30.uvindex_manager.UVIndexManager",
    "geocoding_manager": "pyowm.geocodingapi10.geocoding_manager.GeocodingManager",
}
_OWM_LOCAL = frozenset({"weather_api_version", "airpollution_api_version", "uvindex_api_version",
                        "geocoding_api_version", "API_key", "config"})


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


CANONICAL: Dict[str, str] = {
    "easypost.easypost_client.EasyPostClient": EASYPOST,
    "shippo.sdk.Shippo": SHIPPO,
    **{f"docusign_esign.apis.{_snake(kind)}.{kind}": f"docusign_esign.{kind}" for kind in _DOCUSIGN_APIS},
    "docusign_esign.client.api_client.ApiClient": DOCUSIGN_CLIENT,
    "pyowm.owm.OWM": OWM,
}
BLOCKING_FUNCTIONS: Dict[str, str] = {
    f"{DOCUSIGN_CLIENT}.{m}": "ACK102" for m in ("request_jwt_user_token", "request_jwt_application_token",
                                                   "generate_access_token", "get_user_info", "call_api")
}
BLOCKING_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    EASYPOST_SERVICE: ("ACK102", frozenset()),
    SHIPPO: ("ACK102", _SHIPPO_SETTINGS),
    **{api: ("ACK102", frozenset({"api_client"})) for api in DOCUSIGN_APIS},
    **{manager: ("ACK102", _OWM_LOCAL) for manager in _OWM_MANAGERS.values()},
}
ITEM_TYPES: Dict[str, Tuple[str, FrozenSet[str]]] = {
    EASYPOST: (EASYPOST_SERVICE, _EASYPOST_SETTINGS),
    SHIPPO: (SHIPPO, _SHIPPO_SETTINGS),
}
# Shippo's `*_async` methods make coroutines (sdks.ASYNC_SUFFIXED's convention)
ASYNC_SUFFIXED: FrozenSet[str] = frozenset({SHIPPO})
RETURNS: Dict[str, str] = {
    EASYPOST: EASYPOST, SHIPPO: SHIPPO, DOCUSIGN_CLIENT: DOCUSIGN_CLIENT,
    **{api: api for api in DOCUSIGN_APIS},
    OWM: OWM, **{f"{OWM}.{method}": manager for method, manager in _OWM_MANAGERS.items()},
}
