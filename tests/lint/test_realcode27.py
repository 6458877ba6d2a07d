"""Shapes found overclaimed on real applications (realcode27): each beside the real anti-pattern of its kind,
which is still reported."""
from __future__ import annotations

from .helpers import check_marked


def test_a_textual_worker_method_called_bare_starts_a_worker():
    # textual's `@work` (bare or with arguments) makes calling the `async def` start a worker that the app
    # keeps and runs, and hand back the Worker: `self.refresh_list()` from a handler is how it is meant to be
    # used. A method under a decorator we know nothing of, or one that merely shares the name `work` but is
    # not textual's, is still a coroutine function whose coroutine the bare call drops
    check_marked('''
        from textual import work
        from textual.app import App
        import textual
        import jobs


        class Viewer(App):
            @work(exclusive=True, group="loader")
            async def refresh_list(self) -> None:
                pass

            @work
            async def tick(self) -> None:
                pass

            @textual.work(thread=True)
            async def slow(self) -> None:
                pass

            @jobs.work
            async def other(self) -> None:
                pass

            async def plain(self) -> None:
                pass

            def on_mount(self) -> None:
                self.refresh_list()
                self.tick()
                self.slow()
                self.other()  # ACK301

            async def action_go(self) -> None:
                self.refresh_list()
                self.plain()  # ACK301
    ''', ["ACK301", "ACK302"])
