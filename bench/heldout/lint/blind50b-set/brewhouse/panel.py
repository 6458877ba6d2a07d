"""The operator panel: Tk on the main thread, the controller's asyncio loop on a helper thread."""
from __future__ import annotations

import asyncio
import threading
import tkinter as tk
from tkinter import ttk

from .state import AlarmBus, MashTimer, PumpCommands, TempBoard


class LoopThread(threading.Thread):  # expect: clean
    """Runs the controller's loop; the panel hands it coroutines."""

    def __init__(self) -> None:
        super().__init__(daemon=True, name="controller-loop")
        self.loop = asyncio.new_event_loop()

    def run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def submit(self, coro):
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)


class MashPanel:  # expect: thread-unsafe-capture
    """Buttons for the mash steps; Tk runs their commands on the main thread."""

    def __init__(self, root: tk.Tk, controller: LoopThread, timer: MashTimer) -> None:
        self.controller = controller
        self.timer = timer
        ttk.Button(root, text="Start rest", command=self.start_rest).pack()
        ttk.Button(root, text="Skip rest", command=self.skip).pack()

    def start_rest(self) -> None:
        self.controller.submit(self._rest(45))

    async def _rest(self, minutes: float) -> None:
        self.timer.start(minutes)
        await self.timer.done.wait()

    def skip(self) -> None:
        self.timer.done.set()


class BoilPanel:  # expect: clean  # near: thread-unsafe-capture
    """The boil's buttons: each hands its work to the controller's loop."""

    def __init__(self, root: tk.Tk, controller: LoopThread, timer: MashTimer) -> None:
        self.controller = controller
        self.timer = timer
        ttk.Button(root, text="Start boil", command=lambda: self.controller.loop.call_soon_threadsafe(
            self.timer.start, 60)).pack()
        ttk.Button(root, text="End boil", command=self.end).pack()

    def end(self) -> None:
        self.controller.loop.call_soon_threadsafe(self.timer.done.set)
        self.controller.loop.call_soon_threadsafe(self.timer.cancel)


class TempDisplay:  # expect: clean  # near: thread-unsafe-capture
    """Redraws every second with `after`; reads the board's dict only (the loop replaces entries whole)."""

    def __init__(self, root: tk.Tk, board: TempBoard) -> None:
        self.root = root
        self.board = board
        self.label = ttk.Label(root)
        self.label.pack()
        root.after(1000, self.refresh)

    def refresh(self) -> None:
        readings = list(self.board.latest.values())
        self.label.configure(text="  ".join(f"{r.vessel} {r.celsius:.1f}" for r in readings))
        self.root.after(1000, self.refresh)


class AlarmTicker:  # expect: thread-unsafe-capture
    """Shows the newest alarm; polls the bus from Tk's `after`."""

    def __init__(self, root: tk.Tk, alarms: AlarmBus) -> None:
        self.root = root
        self.alarms = alarms
        self.label = ttk.Label(root, foreground="red")
        self.label.pack()
        root.after(500, self.poll)

    def poll(self) -> None:
        try:
            text = self.alarms._alarms.get_nowait()
        except asyncio.QueueEmpty:
            text = None
        if text:
            self.label.configure(text=text)
        self.root.after(500, self.poll)


def pump_toggle(root: tk.Tk, pumps: PumpCommands, name: str) -> tk.Checkbutton:  # expect: clean  # near: thread-unsafe-capture
    state = tk.BooleanVar(root)
    return tk.Checkbutton(root, text=name, variable=state, command=lambda: pumps.switch(name, state.get()))


async def run_bottling_panel(root: tk.Tk, orders: asyncio.Queue) -> None:  # expect: clean  # near: thread-unsafe-capture
    """The bottling line's small panel runs Tk from the loop itself: its commands run inside root.update()."""
    ttk.Button(root, text="Fill next", command=lambda: orders.put_nowait("fill")).pack()
    ttk.Button(root, text="Cap", command=lambda: orders.put_nowait("cap")).pack()
    while True:
        root.update()
        await asyncio.sleep(1 / 30)


def main() -> None:  # expect: thread-unsafe-capture
    root = tk.Tk()
    root.title("Brewhouse")
    controller = LoopThread()
    controller.start()
    timer = MashTimer(controller.loop)
    MashPanel(root, controller, timer)
    BoilPanel(root, controller, timer)
    root.protocol("WM_DELETE_WINDOW", lambda: (controller.loop.stop(), root.destroy()))
    root.mainloop()
