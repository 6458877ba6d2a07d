"""Finding messages shared by the per-file rules and the project index (kept free of libcst)."""
from __future__ import annotations

from typing import Dict

ADVICE: Dict[str, str] = {
    "ACK101": "use `await asyncio.sleep(...)`",
    "ACK102": "use an async client (httpx.AsyncClient, aiohttp) or `await asyncio.to_thread(...)`",
    "ACK103": "use aiofiles/anyio.Path or `await asyncio.to_thread(...)`",
    "ACK104": "use `asyncio.create_subprocess_exec` or `await asyncio.to_thread(...)`",
    "ACK105": "use the loop's async APIs or an async driver, or `await asyncio.to_thread(...)`",
    "ACK106": "await an asyncio primitive, `asyncio.wrap_future(...)`, or wait in `asyncio.to_thread(...)`",
    "ACK107": "read input in `asyncio.to_thread(...)`",
    "ACK108": "await the coroutine instead of starting another loop",
    "ACK110": "use `await asyncio.to_thread(...)` where the file system may be slow",
}
WHAT: Dict[str, str] = {
    "ACK101": "sleeps on the event loop's thread",
    "ACK102": "is a synchronous HTTP call: the event loop waits for the network",
    "ACK103": "does file-system I/O on the event loop's thread",
    "ACK104": "waits for a subprocess on the event loop's thread",
    "ACK105": "waits for the network or a database on the event loop's thread",
    "ACK106": "waits for another thread on the event loop's thread",
    "ACK107": "waits for terminal input on the event loop's thread",
    "ACK108": "starts an event loop inside a running one (RuntimeError or deadlock)",
    "ACK110": "touches the file system on the event loop's thread",
}

def blocking_message(code: str, text: str) -> str:
    return f"`{text}` {WHAT[code]}; {ADVICE[code]}"


def helper_message(code: str, text: str, steps: list, when: tuple = ()) -> str:
    path = " -> ".join(f"`{s}`" for s in steps)
    if when:  # the blocking branch depends on arguments we cannot read here
        given = "; ".join(when)
        return (f"`{text}` may block the event loop, depending on {given}: it calls {path}, which {WHAT[code]}; "
                f"{ADVICE[code]}")
    return f"`{text}` blocks the event loop: it calls {path}, which {WHAT[code]}; {ADVICE[code]}"


def coroutine_message(text: str, assigned: str = "", in_async: bool = True) -> str:
    # `await` outside a coroutine does not compile: there the advice is to run or schedule it
    advice = "add `await`" if in_async else (
        "this code is not a coroutine, so make the caller `async def` and await it, or run or schedule it "
        "(`asyncio.run(...)`, `loop.create_task(...)`, `asyncio.run_coroutine_threadsafe(...)`)")
    if assigned:
        return (f"`{assigned} = {text}` holds a coroutine that is never awaited, scheduled or passed on: "
                f"its body never runs; {advice}")
    return f"`{text}` creates a coroutine that is never awaited, so its body never runs; {advice}"
