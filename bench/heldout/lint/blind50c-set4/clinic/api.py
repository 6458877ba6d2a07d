"""The public booking API."""
from __future__ import annotations

import asyncio
import csv
import io
import logging
from datetime import datetime
from typing import Annotated

import bcrypt
from fastapi import Depends, FastAPI, HTTPException, UploadFile
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import select
from sqlalchemy.orm import Session

from .db import count_rows, get_db
from .jobs import send_reminder

log = logging.getLogger(__name__)
app = FastAPI()
DbSession = Annotated[Session, Depends(get_db)]


class Booking:
    id: int
    patient: str
    at: datetime


@app.get("/bookings/{booking_id}")
async def read_booking(booking_id: int, db: DbSession) -> dict:  # expect: blocking-call
    booking = db.get(Booking, booking_id)
    if booking is None:
        raise HTTPException(404)
    return {"id": booking.id, "patient": booking.patient}


@app.get("/bookings/{booking_id}/sync")
def read_booking_sync(booking_id: int, db: DbSession) -> dict:  # expect: clean  # near: blocking-call
    booking = db.get(Booking, booking_id)
    if booking is None:
        raise HTTPException(404)
    return {"id": booking.id, "patient": booking.patient}


@app.get("/stats")
async def stats(db: Session = Depends(get_db)) -> dict:  # expect: blocking-call
    return {"bookings": count_rows(db, Booking)}


@app.get("/stats/offloaded")
async def stats_offloaded(db: Session = Depends(get_db)) -> dict:  # expect: clean  # near: blocking-call
    total = await run_in_threadpool(count_rows, db, Booking)
    return {"bookings": total}


@app.post("/import")
async def import_bookings(file: UploadFile) -> dict:  # expect: blocking-call
    raw = file.file.read()
    rows = list(csv.DictReader(io.StringIO(raw.decode())))
    return {"rows": len(rows)}


@app.post("/import/async")
async def import_bookings_async(file: UploadFile) -> dict:  # expect: clean  # near: blocking-call
    raw = await file.read()
    rows = list(csv.DictReader(io.StringIO(raw.decode())))
    return {"rows": len(rows)}


@app.post("/staff/password")
async def set_password(staff_id: int, password: str, db: DbSession) -> dict:  # expect: blocking-call
    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=12))
    await run_in_threadpool(db.execute, select(Booking).where(Booking.id == staff_id))
    return {"ok": bool(hashed)}


@app.post("/staff/password/offloaded")
async def set_password_offloaded(staff_id: int, password: str) -> dict:  # expect: clean  # near: blocking-call
    hashed = await asyncio.to_thread(bcrypt.hashpw, password.encode(), bcrypt.gensalt(rounds=12))
    return {"ok": bool(hashed)}


@app.post("/bookings/{booking_id}/remind")
async def remind(booking_id: int) -> dict:  # expect: blocking-call
    result = send_reminder.delay(booking_id)
    return {"sent": result.get(timeout=10)}


@app.post("/bookings/{booking_id}/remind/later")
async def remind_later(booking_id: int) -> dict:  # expect: clean, ?blocking-call  # near: blocking-call
    result = send_reminder.apply_async((booking_id,), countdown=3600)
    return {"task": result.id}
