"""The runtime checker's API.

    import asynccheck
    with asynccheck.watch() as session:
        asyncio.run(main())
    for finding in session.findings: ...

``Session.drain()`` returns the findings since the previous drain (one per occurrence): a test runner calls it
after each test phase to attribute findings to that phase. ``Session.listeners`` get every occurrence as it
happens. Findings use the catalogue's codes and the same Finding record as the linter.
"""
from asynccheck.checker.session import Session, watch

__all__ = ["Session", "watch"]
