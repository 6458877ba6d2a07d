"""What the linter knows about the clients of healthcare systems: DICOM networking (pynetdicom) and files (pydicom),
FHIR servers (fhirpy's sync and async clients, SMART's fhirclient) and HL7 v2 over MLLP (python-hl7's asyncio
streams).

A pynetdicom application entity's `associate()` opens a TCP connection and negotiates the association before it
returns; each DIMSE service the association sends (`send_c_echo`, `send_c_store`, the N- services) and its
`release()` wait for the peer's answer; `start_server()` serves in the calling thread until shut down, unless told
`block=False`. pydicom reads and writes DICOM files by path (an in-memory buffer touches no disk). fhirpy's sync
client builds search sets and resources locally and sends one request per fetch, save or delete (iterating a search
set fetches page by page); its async twin makes coroutines of the same methods. fhirclient's model classes read
and search through the server they are handed. python-hl7's `open_hl7_connection` gives asyncio streams whose
`readmessage()` and `drain()` are coroutines.
knowledge.py merges these tables into its own; the names follow its conventions (canonical qualified names,
`<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

DICOM_AE = "pynetdicom.ae.ApplicationEntity"
DICOM_ASSOCIATION = "pynetdicom.association.Association"
_DIMSE = ("send_c_echo send_c_store send_n_action send_n_create send_n_delete send_n_event_report send_n_get "
          "send_n_set release")
DICOM_DATASET, DICOM_FILE_DATASET = "pydicom.dataset.Dataset", "pydicom.dataset.FileDataset"

FHIR_SYNC, FHIR_ASYNC = "fhirpy.SyncFHIRClient", "fhirpy.AsyncFHIRClient"
_FHIR_KINDS = ("SearchSet", "Resource", "Reference")
FHIR_SYNC_PARTS = {kind: f"fhirpy.lib.SyncFHIR{kind}" for kind in _FHIR_KINDS}
FHIR_ASYNC_PARTS = {kind: f"fhirpy.lib.AsyncFHIR{kind}" for kind in _FHIR_KINDS}
# what sends a request (the rest of a search set's methods refine the search and give a search set)
_FHIR_SEARCH_RUNS = frozenset("fetch fetch_all fetch_raw first get get_or_none count".split())
_FHIR_RESOURCE_RUNS = "save create update patch delete refresh execute is_valid"
_FHIR_REFERENCE_RUNS = "to_resource execute"
_FHIR_CLIENT_RUNS = "execute"
# fhirclient's model classes most code names (one module each, named for the class in lower case)
_SMART_MODELS = (
    "Patient Observation Encounter Condition Procedure MedicationRequest MedicationStatement Medication "
    "DiagnosticReport ImagingStudy Practitioner PractitionerRole Organization Location AllergyIntolerance "
    "Immunization DocumentReference ServiceRequest Appointment Schedule Slot Bundle CarePlan Claim Coverage "
    "EpisodeOfCare Questionnaire QuestionnaireResponse Specimen Device RelatedPerson FamilyMemberHistory Goal "
    "Communication Task Consent Composition Binary"
).split()
SMART_MODELS = tuple(f"fhirclient.models.{kind.lower()}.{kind}" for kind in _SMART_MODELS)
SMART_SEARCH = "fhirclient.models.fhirsearch.FHIRSearch"
SMART_CLIENT = "fhirclient.client.FHIRClient"

HL7_READER, HL7_WRITER = "hl7.mllp.HL7StreamReader", "hl7.mllp.HL7StreamWriter"

CANONICAL: Dict[str, str] = {
    "pynetdicom.AE": DICOM_AE, "pynetdicom.ApplicationEntity": DICOM_AE, "pynetdicom.ae.AE": DICOM_AE,
    "pynetdicom.Association": DICOM_ASSOCIATION,
    "pydicom.filereader.dcmread": "pydicom.dcmread", "pydicom.filereader.read_file": "pydicom.dcmread",
    "pydicom.read_file": "pydicom.dcmread", "pydicom.filewriter.dcmwrite": "pydicom.dcmwrite",
    "pydicom.Dataset": DICOM_DATASET, "pydicom.FileDataset": DICOM_FILE_DATASET,
    "fhirpy.lib.SyncFHIRClient": FHIR_SYNC, "fhirpy.lib.AsyncFHIRClient": FHIR_ASYNC,
    **{f"fhirpy.{name.rpartition('.')[2]}": name for name in (*FHIR_SYNC_PARTS.values(), *FHIR_ASYNC_PARTS.values())},
    "fhirclient.client.FHIRClient": SMART_CLIENT,
    "hl7.mllp.streams.HL7StreamReader": HL7_READER, "hl7.mllp.streams.HL7StreamWriter": HL7_WRITER,
    "hl7.mllp.streams.open_hl7_connection": "hl7.mllp.open_hl7_connection",
    "hl7.mllp.streams.start_hl7_server": "hl7.mllp.start_hl7_server",
}
BLOCKING_FUNCTIONS: Dict[str, str] = {
    f"{DICOM_AE}.associate": "ACK105", f"{DICOM_AE}.start_server": "ACK105",
    "pydicom.dcmread": "ACK103", "pydicom.dcmwrite": "ACK103",
    **{f"{kind}.save_as": "ACK103" for kind in (DICOM_DATASET, DICOM_FILE_DATASET)},
    **{f"{model}.{m}": "ACK102" for model in SMART_MODELS for m in ("read", "read_from")},
    **{f"{SMART_CLIENT}.{m}": "ACK102" for m in ("prepare", "handle_callback", "reauthorize")},
}
NON_BLOCKING_ARGS: Dict[str, Tuple[Tuple[Tuple[int, str, str], ...], ...]] = {
    # served from the pool's threads, not the caller's
    f"{DICOM_AE}.start_server": (((1, "block", "false"),),),
    "pydicom.dcmread": (((0, "fp", "memory"),),),
    "pydicom.dcmwrite": (((0, "filename", "memory"),),),
    **{f"{kind}.save_as": (((0, "filename", "memory"),),) for kind in (DICOM_DATASET, DICOM_FILE_DATASET)},
}
BLOCKING_METHODS: Tuple[Tuple[Tuple[str, ...], str, str], ...] = (
    ((DICOM_ASSOCIATION,), "ACK105", _DIMSE),
    ((FHIR_SYNC_PARTS["SearchSet"],), "ACK102", " ".join(sorted(_FHIR_SEARCH_RUNS))),
    ((FHIR_SYNC_PARTS["Resource"],), "ACK102", _FHIR_RESOURCE_RUNS),
    ((FHIR_SYNC_PARTS["Reference"],), "ACK102", _FHIR_REFERENCE_RUNS),
    ((FHIR_SYNC,), "ACK102", _FHIR_CLIENT_RUNS),
    ((SMART_SEARCH,), "ACK102", "perform perform_resources perform_iter perform_resources_iter"),
    (SMART_MODELS, "ACK102", "create update delete"),
)
BLOCKING_ITERATION: Dict[str, str] = {FHIR_SYNC_PARTS["SearchSet"]: "ACK102"}
FLUENT_TYPES: Dict[str, FrozenSet[str]] = {
    FHIR_SYNC_PARTS["SearchSet"]: _FHIR_SEARCH_RUNS, FHIR_ASYNC_PARTS["SearchSet"]: _FHIR_SEARCH_RUNS,
}
RETURNS: Dict[str, str] = {
    DICOM_AE: DICOM_AE, f"{DICOM_AE}.associate": DICOM_ASSOCIATION,
    "pydicom.dcmread": DICOM_FILE_DATASET, DICOM_DATASET: DICOM_DATASET,
    **{f"{client}.{method}": parts[kind] for client, parts in ((FHIR_SYNC, FHIR_SYNC_PARTS), (FHIR_ASYNC, FHIR_ASYNC_PARTS))
       for method, kind in (("resources", "SearchSet"), ("resource", "Resource"), ("reference", "Reference"))},
    FHIR_SYNC: FHIR_SYNC, FHIR_ASYNC: FHIR_ASYNC,
    **{f"{FHIR_SYNC_PARTS['SearchSet']}.{m}": FHIR_SYNC_PARTS["Resource"] for m in ("first", "get", "get_or_none")},
    f"{FHIR_SYNC_PARTS['Reference']}.to_resource": FHIR_SYNC_PARTS["Resource"],
    **{model: model for model in SMART_MODELS},
    **{f"{model}.read": model for model in SMART_MODELS},
    **{f"{model}.where": SMART_SEARCH for model in SMART_MODELS},
    SMART_CLIENT: SMART_CLIENT,
}
ASYNC_RETURNS: Dict[str, str] = {
    **{f"{FHIR_ASYNC_PARTS['SearchSet']}.{m}": FHIR_ASYNC_PARTS["Resource"] for m in ("first", "get", "get_or_none")},
    f"{FHIR_ASYNC_PARTS['Reference']}.to_resource": FHIR_ASYNC_PARTS["Resource"],
    "hl7.mllp.start_hl7_server": "asyncio.Server",
}
# Calls handed a list of (event, handler) pairs, whose handlers the library calls as plain functions on its
# association threads: callable -> (position, keyword) of the list.
HANDLER_PAIRS: Dict[str, Tuple[int, str]] = {
    f"{DICOM_AE}.start_server": (3, "evt_handlers"), f"{DICOM_AE}.associate": (8, "evt_handlers"),
    f"{DICOM_AE}.make_server": (2, "evt_handlers"),
}
UNPACKED: Dict[str, Tuple[str, ...]] = {"hl7.mllp.open_hl7_connection": (HL7_READER, HL7_WRITER)}
COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset({
    *(f"{FHIR_ASYNC_PARTS['SearchSet']}.{m}" for m in _FHIR_SEARCH_RUNS),
    *(f"{FHIR_ASYNC_PARTS['Resource']}.{m}" for m in _FHIR_RESOURCE_RUNS.split()),
    *(f"{FHIR_ASYNC_PARTS['Reference']}.{m}" for m in _FHIR_REFERENCE_RUNS.split()),
    *(f"{FHIR_ASYNC}.{m}" for m in _FHIR_CLIENT_RUNS.split()),
    "hl7.mllp.open_hl7_connection", "hl7.mllp.start_hl7_server",
    *(f"{HL7_READER}.{m}" for m in "readmessage read readline readexactly readuntil".split()),
    *(f"{HL7_WRITER}.{m}" for m in "drain wait_closed start_tls".split()),
})
