"""A vibration-analysis service: numpy/scipy steps behind an async job API, files on a shared volume."""
from __future__ import annotations

import asyncio
import logging
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Protocol

import h5py
import numpy as np
import numpy.typing as npt
from scipy import io as sio
from scipy import signal
from scipy.io import wavfile

log = logging.getLogger("spectra")
Signal = npt.NDArray[np.float64]


class ResultSink(Protocol):  # expect: clean
    async def put(self, job_id: str, payload: dict) -> None: ...

    def url_for(self, job_id: str) -> str: ...


@dataclass
class Job:  # expect: clean
    job_id: str
    source: Path
    rate: int = 25_600
    window: str = "hann"


def welch_psd(samples: Signal, rate: int) -> tuple[Signal, Signal]:  # expect: clean
    return signal.welch(samples, fs=rate, nperseg=4096)


def load_capture(path: Path) -> Signal:  # expect: clean
    if path.suffix == ".npy":
        return np.load(path)
    if path.suffix == ".mat":
        return sio.loadmat(path)["x"].ravel()
    _rate, data = wavfile.read(path)
    return data.astype(np.float64)


async def spectrum(job: Job, sink: ResultSink) -> None:  # expect: blocking-call
    samples = load_capture(job.source)
    freqs, psd = await asyncio.to_thread(welch_psd, samples, job.rate)
    await sink.put(job.job_id, {"freqs": freqs.tolist(), "psd": psd.tolist()})


async def spectrum_ok(job: Job, sink: ResultSink) -> None:  # expect: clean  # near: blocking-call
    samples = await asyncio.to_thread(load_capture, job.source)
    freqs, psd = await asyncio.to_thread(welch_psd, samples, job.rate)
    await sink.put(job.job_id, {"freqs": freqs.tolist(), "psd": psd.tolist()})


async def peak_summary(job: Job, sink: ResultSink, samples: Signal) -> None:  # expect: clean  # near: blocking-call
    rms = float(np.sqrt(np.mean(samples[:4096] ** 2)))
    log.info("job %s rms %.3f, results at %s", job.job_id, rms, sink.url_for(job.job_id))
    await sink.put(job.job_id, {"rms": rms})


async def save_envelope(job: Job, samples: Signal, out_dir: Path) -> Path:  # expect: blocking-call
    env = np.abs(signal.hilbert(samples[: 1 << 14]))
    target = out_dir / f"{job.job_id}-env.npy"
    np.save(target, env)
    return target


async def export_raw(samples: Signal, out: Path) -> None:  # expect: blocking-call
    samples.astype(np.float32).tofile(out)


async def export_raw_ok(samples: Signal, out: Path) -> None:  # expect: clean  # near: blocking-call
    await asyncio.to_thread(samples.astype(np.float32).tofile, out)


class Archive:  # expect: blocking-call
    """One HDF5 file per machine, opened lazily."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.handle: Optional[h5py.File] = None

    def _open(self, machine: str) -> h5py.File:
        return h5py.File(self.root / f"{machine}.h5", "a")

    async def append(self, machine: str, name: str, samples: Signal) -> None:
        if self.handle is None:
            self.handle = self._open(machine)
        self.handle.create_dataset(name, data=samples, compression="gzip")
        self.handle.flush()


async def fit_all(pool: ProcessPoolExecutor, jobs: list[Job]) -> list:  # expect: blocking-call
    futures = [pool.submit(load_capture, job.source) for job in jobs]
    return [f.result() for f in futures]


async def fit_all_ok(pool: ProcessPoolExecutor, jobs: list[Job]) -> list:  # expect: clean  # near: blocking-call
    loop = asyncio.get_running_loop()
    return await asyncio.gather(*(loop.run_in_executor(pool, load_capture, job.source) for job in jobs))


class Calibrations:  # expect: lock-across-await
    """Sensor gains, reloaded by an admin thread and read by the jobs."""

    def __init__(self, fetch_gains) -> None:
        self._guard = threading.RLock()
        self._gains: dict[str, float] = {}
        self._fetch = fetch_gains

    @property
    def guard(self) -> threading.RLock:
        return self._guard

    async def gain(self, sensor: str) -> float:
        with self.guard:
            if sensor not in self._gains:
                self._gains[sensor] = await self._fetch(sensor)
            return self._gains[sensor]


class CalibrationsOk:  # expect: clean  # near: lock-across-await
    def __init__(self, fetch_gains) -> None:
        self._guard = asyncio.Lock()
        self._gains: dict[str, float] = {}
        self._fetch = fetch_gains

    @property
    def guard(self) -> asyncio.Lock:
        return self._guard

    async def gain(self, sensor: str) -> float:
        async with self.guard:
            if sensor not in self._gains:
                self._gains[sensor] = await self._fetch(sensor)
            return self._gains[sensor]


@dataclass
class Models:  # expect: clean
    baseline: dict[str, Signal] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


async def compare_to_baseline(models: Models, machine: str, psd: Signal, sink: ResultSink) -> None:  # expect: lock-across-await
    with models.lock:
        base = models.baseline.setdefault(machine, psd)
        score = float(np.linalg.norm(psd - base) / (np.linalg.norm(base) + 1e-12))
        await sink.put(machine, {"drift": score})


async def compare_to_baseline_ok(models: Models, machine: str, psd: Signal, sink: ResultSink) -> None:  # expect: clean  # near: lock-across-await
    with models.lock:
        base = models.baseline.setdefault(machine, psd)
    score = float(np.linalg.norm(psd - base) / (np.linalg.norm(base) + 1e-12))
    await sink.put(machine, {"drift": score})


async def notify_done(sink: ResultSink, job: Job, peaks: list[float]) -> None:  # expect: unawaited-coroutine
    sink.put(job.job_id, {"peaks": peaks, "state": "done"})
    log.info("job %s done: %s", job.job_id, sink.url_for(job.job_id))


async def run_batch(jobs: list[Job], sink: ResultSink) -> None:  # expect: cancellation-swallowed
    for job in jobs:
        try:
            await spectrum_ok(job, sink)
        except asyncio.CancelledError:
            log.warning("batch cancelled at %s", job.job_id)
            break
        except Exception:
            log.exception("job %s failed", job.job_id)


async def run_batch_ok(jobs: list[Job], sink: ResultSink) -> None:  # expect: clean  # near: cancellation-swallowed
    for job in jobs:
        try:
            await spectrum_ok(job, sink)
        except asyncio.CancelledError:
            log.warning("batch cancelled at %s", job.job_id)
            raise
        except Exception:
            log.exception("job %s failed", job.job_id)


async def design_filter(order: int, cutoff: float, rate: int) -> Signal:  # expect: clean  # near: blocking-call
    sos = signal.butter(order, cutoff, fs=rate, output="sos")
    return np.asarray(sos)
