"""Imaging hub of a radiology group: HL7 v2 feeds over MLLP, DICOM nodes and a FHIR server, behind one asyncio service."""
