"""Lab station service: drives bench instruments, records and transcribes operator notes, signs in against LDAP."""
from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import threading
import wave
from concurrent.futures import ThreadPoolExecutor
from typing import Optional

import ldap
import ldap3
import numpy as np
import pyaudio
import pyvisa
import serial
import serial_asyncio
import sounddevice as sd
import whisper
from ldap3 import ALL, Connection, Server

log = logging.getLogger("station")
SAMPLE_RATE = 16_000
LDAP_URI = "ldaps://ldap.lab.internal"
BASE_DN = "ou=people,dc=lab,dc=internal"

rm = pyvisa.ResourceManager("@py")
speech_model = whisper.load_model("base.en")
transcribe_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="whisper")
_visa_lock = threading.Lock()


class Multimeter:  # expect: blocking-call
    def __init__(self, address: str) -> None:
        self.inst = rm.open_resource(address, read_termination="\n", timeout=5000)

    async def volts(self) -> float:
        return float(self.inst.query("MEAS:VOLT:DC?"))


class MultimeterThreaded:  # expect: clean  # near: blocking-call
    def __init__(self, address: str) -> None:
        self.inst = rm.open_resource(address, read_termination="\n", timeout=5000)

    async def volts(self) -> float:
        reply = await asyncio.to_thread(self.inst.query, "MEAS:VOLT:DC?")
        return float(reply)


async def identify(inst: pyvisa.resources.MessageBasedResource) -> str:  # expect: blocking-call
    return inst.query("*IDN?").strip()


async def guarded_query(inst: pyvisa.resources.MessageBasedResource, cmd: str) -> str:  # expect: lock-across-await
    with _visa_lock:
        return await asyncio.to_thread(inst.query, cmd)


class SharedBus:  # expect: clean  # near: lock-across-await
    def __init__(self) -> None:
        self._lock = asyncio.Lock()

    async def query(self, inst: pyvisa.resources.MessageBasedResource, cmd: str) -> str:
        async with self._lock:
            return await asyncio.to_thread(inst.query, cmd)


async def read_weight(port: serial.Serial) -> float:  # expect: blocking-call
    port.write(b"W\r\n")
    line = port.readline().decode().strip()
    return float(line.rstrip("g"))


def open_scale(device: str = "/dev/ttyUSB0") -> serial.Serial:  # expect: clean
    return serial.Serial(device, baudrate=9600, timeout=1)


async def read_weight_async(device: str = "/dev/ttyUSB0") -> float:  # expect: clean  # near: blocking-call
    reader, writer = await serial_asyncio.open_serial_connection(url=device, baudrate=9600)
    try:
        writer.write(b"W\r\n")
        await writer.drain()
        line = await reader.readline()
    finally:
        writer.close()
    return float(line.decode().strip().rstrip("g"))


async def tare_scale(device: str = "/dev/ttyUSB0") -> None:  # expect: unawaited-coroutine
    reader, writer = await serial_asyncio.open_serial_connection(url=device, baudrate=9600)
    writer.write(b"T\r\n")
    writer.drain()
    await reader.readline()
    writer.close()


async def record_note(seconds: float) -> np.ndarray:  # expect: blocking-call
    audio = sd.rec(int(seconds * SAMPLE_RATE), samplerate=SAMPLE_RATE, channels=1, dtype="float32")
    sd.wait()
    return audio[:, 0]


class LevelMeter:  # expect: unawaited-coroutine
    def __init__(self) -> None:
        self.levels: asyncio.Queue[float] = asyncio.Queue(maxsize=100)
        self.stream = sd.InputStream(samplerate=SAMPLE_RATE, channels=1, callback=self.on_audio)

    async def on_audio(self, indata, frames, time_info, status) -> None:
        await self.levels.put(float(np.sqrt(np.mean(indata**2))))

    def start(self) -> None:
        self.stream.start()


class LevelMeterBridged:  # expect: clean  # near: unawaited-coroutine
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.levels: asyncio.Queue[float] = asyncio.Queue(maxsize=100)
        self.stream = sd.InputStream(samplerate=SAMPLE_RATE, channels=1, callback=self.on_audio)

    def on_audio(self, indata, frames, time_info, status) -> None:
        level = float(np.sqrt(np.mean(indata**2)))
        self.loop.call_soon_threadsafe(self._offer, level)

    def _offer(self, level: float) -> None:
        if not self.levels.full():
            self.levels.put_nowait(level)


class LevelMeterUnsafe:  # expect: thread-unsafe-capture
    def __init__(self) -> None:
        self.levels: asyncio.Queue[float] = asyncio.Queue(maxsize=100)
        self.stream = sd.InputStream(samplerate=SAMPLE_RATE, channels=1, callback=self.on_audio)

    def on_audio(self, indata, frames, time_info, status) -> None:
        if not self.levels.full():
            self.levels.put_nowait(float(np.sqrt(np.mean(indata**2))))


async def capture_chunk(frames: int = 1024) -> bytes:  # expect: blocking-call
    pa = pyaudio.PyAudio()
    stream = pa.open(format=pyaudio.paInt16, channels=1, rate=SAMPLE_RATE, input=True, frames_per_buffer=frames)
    try:
        return stream.read(frames, exception_on_overflow=False)
    finally:
        stream.close()
        pa.terminate()


async def transcribe(path: str) -> str:  # expect: blocking-call
    result = speech_model.transcribe(path, fp16=False)
    return result["text"].strip()


async def transcribe_offloaded(path: str) -> str:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    result = await loop.run_in_executor(transcribe_pool, lambda: speech_model.transcribe(path, fp16=False))
    return result["text"].strip()


async def note_duration(path: str) -> float:  # expect: blocking-call
    with wave.open(path, "rb") as w:
        return w.getnframes() / w.getframerate()


async def upload_duration(data: bytes) -> float:  # expect: clean  # near: blocking-call
    with wave.open(io.BytesIO(data), "rb") as w:
        return w.getnframes() / w.getframerate()


async def ldap_sign_in(uid: str, password: str) -> bool:  # expect: blocking-call
    server = Server(LDAP_URI, get_info=ALL, connect_timeout=5)
    conn = Connection(server, user=f"uid={uid},{BASE_DN}", password=password)
    try:
        return conn.bind()
    finally:
        conn.unbind()


def ldap_groups(uid: str) -> list[str]:  # expect: clean
    conn = Connection(Server(LDAP_URI), auto_bind=True)
    conn.search(BASE_DN, f"(&(objectClass=groupOfNames)(member=uid={uid},{BASE_DN}))", attributes=["cn"])
    return [e.cn.value for e in conn.entries]


async def groups_for(uid: str) -> list[str]:  # expect: clean  # near: blocking-call
    return await asyncio.to_thread(ldap_groups, uid)


async def legacy_password_check(dn: str, password: str) -> bool:  # expect: blocking-call
    handle = ldap.initialize(LDAP_URI)
    handle.set_option(ldap.OPT_NETWORK_TIMEOUT, 5)
    try:
        handle.simple_bind_s(dn, password)
        return True
    except ldap.INVALID_CREDENTIALS:
        return False
    finally:
        handle.unbind_s()


class Directory:  # expect: blocking-call
    def __init__(self) -> None:
        self._conn: Optional[ldap3.Connection] = None

    @property
    def conn(self) -> ldap3.Connection:
        if self._conn is None:
            self._conn = Connection(Server(LDAP_URI), auto_bind=True)
        return self._conn

    async def mail_of(self, uid: str) -> Optional[str]:
        self.conn.search(BASE_DN, f"(uid={uid})", attributes=["mail"])
        return self.conn.entries[0].mail.value if self.conn.entries else None


class Sampler:  # expect: cancellation-swallowed
    def __init__(self, meter: MultimeterThreaded, period: float = 1.0) -> None:
        self.meter = meter
        self.period = period
        self.samples: list[float] = []

    async def run(self) -> None:
        while True:
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                self.samples.append(await asyncio.wait_for(self.meter.volts(), timeout=5))
            await asyncio.sleep(self.period)


class SamplerOwner:  # expect: clean  # near: cancellation-swallowed
    def __init__(self, sampler: Sampler) -> None:
        self.sampler = sampler
        self.task: Optional[asyncio.Task] = None

    def start(self) -> None:
        self.task = asyncio.get_running_loop().create_task(self.sampler.run())

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
            self.task = None


async def calibrate_all(addresses: list[str]) -> None:  # expect: dangling-task, blocking-call
    for address in addresses:
        meter = MultimeterThreaded(address)
        asyncio.create_task(meter.volts())
    await asyncio.sleep(0)
