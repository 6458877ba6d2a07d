"""Handlers a library runs on its own worker threads because of a decorator (ACK401): pygls's `@server.thread()`.
Without the decorator the handler runs on the loop's thread; a hand-back through `call_soon_threadsafe` is safe."""
from __future__ import annotations

from .helpers import check_marked


def test_a_pygls_thread_handler_touching_loop_objects():
    check_marked('''
        import asyncio

        from pygls.server import LanguageServer

        lsp = LanguageServer("docs-lsp", "v0.3")
        indexed = asyncio.Event()
        loop = asyncio.new_event_loop()


        @lsp.thread()
        @lsp.feature("workspace/didChangeWatchedFiles")
        def rebuild_index(ls, params):
            indexed.set()  # ACK401


        @lsp.thread()
        @lsp.feature("workspace/didSave")
        def rebuild_on_save(ls, params):
            loop.call_soon_threadsafe(indexed.set)


        @lsp.feature("textDocument/didOpen")
        def opened(ls, params):
            indexed.set()
    ''', ["ACK401", "ACK402"])
