"""A coroutine function handed to a GUI toolkit as a signal's slot or a widget's event handler (ACK301): Qt and
Kivy call handlers as plain functions, so the coroutine each call makes is dropped. qasync's `@asyncSlot()` turns
it into a plain slot that schedules it; plain handlers, other toolkits' `connect` and modules that import no GUI
toolkit stay quiet."""
from __future__ import annotations

from .helpers import check_marked


def test_qt_signal_connected_to_a_coroutine_function():
    check_marked('''
        import asyncio

        from PySide6.QtWidgets import QMainWindow, QPushButton
        from qasync import asyncSlot


        class Viewer(QMainWindow):
            def __init__(self, store):
                super().__init__()
                self.store = store
                self.reload = QPushButton("Reload")
                self.export = QPushButton("Export")
                self.reload.clicked.connect(self.load_rows)  # ACK301
                self.export.clicked.connect(self.export_rows)
                self.export.pressed.connect(self.mark_busy)
                self.reload.released.connect(lambda: asyncio.ensure_future(self.load_rows()))

            async def load_rows(self):
                await self.store.rows()

            @asyncSlot()
            async def export_rows(self):
                await self.store.export()

            def mark_busy(self):
                self.setEnabled(False)
    ''', ["ACK301"])


def test_kivy_bindings_to_a_coroutine_function():
    check_marked('''
        from kivy.uix.button import Button


        async def start_scan(*_):
            pass


        def stop_scan(*_):
            pass


        def build(scanner):
            go = Button(text="Scan")
            go.bind(on_press=start_scan)  # ACK301
            go.fbind("on_release", start_scan)  # ACK301
            stop = Button(text="Stop")
            stop.bind(on_press=stop_scan, on_release=lambda *_: scanner.schedule(start_scan))
            return go, stop
    ''', ["ACK301"])


def test_connect_outside_a_gui_toolkit_is_left_alone():
    # Django's signals (5.0+) await async receivers; a database's `connect`; a project's own event bus
    check_marked('''
        from django.db.models.signals import post_save


        async def reindex(sender, instance, **kwargs):
            pass


        def wire(bus, db):
            post_save.connect(reindex)
            bus.bind(on_saved=reindex)
            db.connect(reindex)
    ''', ["ACK301"])


def test_a_slot_wrapped_by_a_decorator_of_another_module_is_left_alone():
    check_marked('''
        from PyQt5.QtWidgets import QPushButton

        from .ui_tools import scheduled


        class Toolbar:
            def __init__(self):
                self.sync = QPushButton("Sync")
                self.sync.clicked.connect(self.on_sync)

            @scheduled
            async def on_sync(self):
                pass
    ''', ["ACK301"])


def test_calling_a_qasync_slot_directly_schedules_it():
    # `@asyncSlot()` makes a plain function that starts the coroutine as a task: a bare call drops nothing
    check_marked('''
        from PyQt6.QtWidgets import QWidget
        from qasync import asyncSlot


        class Panel(QWidget):
            @asyncSlot()
            async def refresh(self):
                pass

            async def fetch(self):
                pass

            def showEvent(self, event):
                self.refresh()
                self.fetch()  # ACK301
    ''', ["ACK301"])
