"""Shapes from the ninth round on real projects (bench/real/real51-labels.tsv): each overclaimed shape beside the
true case next to it, which must still be found."""
from __future__ import annotations

from .helpers import check_marked


def test_instance_lock_that_every_taker_polls_is_not_said_to_block_the_loop():
    # a threading lock shared across loops and threads, taken by polling: a task waiting for it sleeps on the loop
    check_marked('''
        import asyncio
        import threading
        from contextlib import asynccontextmanager

        class Store:
            def __init__(self) -> None:
                self._lock = threading.Lock()
                self._init_lock = threading.Lock()

            @asynccontextmanager
            async def guard(self):
                lock = self._lock
                while not lock.acquire(blocking=False):
                    await asyncio.sleep(0.01)
                try:
                    yield
                finally:
                    lock.release()

            async def ensure_tables(self, create) -> None:
                while not self._init_lock.acquire(False):
                    await asyncio.sleep(0.01)
                try:
                    await create()
                finally:
                    self._init_lock.release()
    ''', ["ACK201"])


def test_polled_lock_that_another_method_takes_with_a_blocking_acquire_is_still_found():
    check_marked('''
        import asyncio
        import threading

        class Store:
            def __init__(self) -> None:
                self._lock = threading.Lock()
                self._other = threading.Lock()

            async def flush(self, sink) -> None:
                while not self._lock.acquire(blocking=False):  # ACK201
                    await asyncio.sleep(0.01)
                try:
                    await sink()
                finally:
                    self._lock.release()

            def snapshot(self) -> None:
                with self._lock:
                    pass

            async def drain(self, sink) -> None:
                while not self._other.acquire(blocking=False):  # ACK201
                    await asyncio.sleep(0.01)
                try:
                    await sink()
                finally:
                    self._other.release()

            def reset(self) -> None:
                self._other.acquire()
                self._other.release()

        async def spin(lock: threading.Lock, job) -> None:
            while not lock.acquire(blocking=False):  # ACK201
                await asyncio.sleep(0.05)
            try:
                await job()
            finally:
                lock.release()
    ''', ["ACK201"])


def test_helper_that_reads_a_file_only_for_a_prefixed_name_is_clean_for_a_literal_without_the_prefix():
    # litellm's get_secret: only an "oidc/azure/..." secret name reads a token file; env-var names never do
    check_marked('''
        import os

        def get_secret(secret_name: str, default=None):
            if secret_name.startswith("os.environ/"):
                secret_name = secret_name.replace("os.environ/", "")
            if secret_name.startswith("oidc/"):
                provider = secret_name.split("/")[1]
                if provider == "azure":
                    with open(os.environ["AZURE_FEDERATED_TOKEN_FILE"]) as f:
                        return f.read()
            return os.environ.get(secret_name, default)

        def get_secret_str(secret_name: str):
            value = get_secret(secret_name)
            return value if isinstance(value, str) else None

        def load_from(source: str) -> str:
            if not source.startswith(("file://", "/")):
                return source
            with open(source.removeprefix("file://")) as f:
                return f.read()

        async def handler(configured: str):
            key = get_secret_str("OPENAI_API_KEY")
            base = get_secret("os.environ/OPENAI_API_BASE")
            inline = load_from("sk-inline-token")
            from_config = get_secret_str(configured)  # ACK103
            oidc = get_secret_str("oidc/azure/api://token")  # ACK103
            rewritten = get_secret("os.environ/oidc/azure/x")  # ACK103
            path = load_from("file:///run/secrets/token")  # ACK103
            return key, base, inline, from_config, oidc, rewritten, path
    ''', ["ACK103"])


def test_prefix_test_on_a_parameter_rebound_to_another_value_decides_nothing():
    check_marked('''
        import os

        def read_token(name: str):
            name = os.environ.get("TOKEN_NAME", name)
            if name.startswith("file:"):
                with open(name[5:]) as f:
                    return f.read()
            return None

        def read_lower(name: str):
            name = name.lower()
            if name.startswith("file:"):
                with open(name[5:]) as f:
                    return f.read()
            return None

        async def handler():
            a = read_token("API_KEY")  # ACK103
            b = read_lower("FILE:/etc/token")  # ACK103
            return a, b
    ''', ["ACK103"])
