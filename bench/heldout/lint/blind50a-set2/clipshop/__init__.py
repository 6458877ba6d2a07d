"""Clip shop: uploads, renders and delivers short clips; storage and mail behind small factories."""
from .stores import BlobStore, MailConn, ftp_session, make_store, slot_for
from .hooks import on_completed, retry_async

__all__ = ["BlobStore", "MailConn", "ftp_session", "make_store", "slot_for", "on_completed", "retry_async"]
