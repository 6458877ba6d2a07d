"""Shapes the lead's blind sets of session 52 (bench/heldout/lint/blind52c-*) showed missing: a sync exit stack
calls its callbacks as it unwinds and drops what they return, so a coroutine function registered there never runs
(ACK301). Look-alikes: the async stack's `push_async_callback`, a plain method on either stack."""
from __future__ import annotations

from .helpers import check_marked


def test_exit_stack_callbacks_drop_a_coroutine():
    check_marked('''
        import contextlib


        class Session:
            async def close(self) -> None: ...

            def forget(self) -> None: ...


        async def serve(session: Session, work) -> None:
            with contextlib.ExitStack() as stack:
                stack.callback(session.close)  # ACK301
                stack.callback(session.forget)
                await work()


        def on_exit(session: Session) -> contextlib.ExitStack:
            stack = contextlib.ExitStack()
            stack.push(session.close)  # ACK301
            return stack


        async def serve_async(session: Session, work) -> None:
            async with contextlib.AsyncExitStack() as stack:
                stack.push_async_callback(session.close)
                stack.callback(session.forget)
                stack.callback(session.close)  # ACK301
                await work()
    ''', ["ACK301"])
