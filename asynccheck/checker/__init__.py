"""The runtime checker's API.

    import asynccheck
    with asynccheck.watch() as session:          # a Session, started; stopped (and uninstalled) on exit
        asyncio.run(main())
    for finding in session.findings: ...         # asynccheck.findings.Finding, source="runtime"

``Session(config, raise_on_finding=False, track_origins=False)``; ``watch(config=None, **overrides)`` builds one
from a Config plus overrides (``stall_ms=50``, ``select=[...]``, ``ignore=[...]``).

For a test runner (the pytest plugin is built on this):

- ``start()`` once per process (one Session may be installed at a time; a second ``start`` raises
  RuntimeError). Under pytest-xdist start one in each worker, never in the controller: findings are plain
  data (``Finding.to_dict()``/``from_dict()``) and travel on the test reports.
- ``drain()`` returns what happened since the previous drain: one Finding per site (code, path, line) with the
  count and longest duration of that window. Drain before a phase (setup/call/teardown) to drop what belongs
  to no test, and after it to get what the phase caused; stamp the test yourself with
  ``finding.with_(test=nodeid)``. ``collect()`` before the last drain of a test runs the garbage collector so
  coroutines never awaited and tasks dropped in that test are reported in it, not later.
- ``stall_ms`` can be read and set while running (a marker asking for a longer threshold for one test).
- ``findings`` is the whole run so far, one per site with its total count; ``report()`` the same as a Report.
- ``listeners`` (callables taking a Finding) are told of each occurrence as it happens, on the thread where it
  happened; keep them short.
- ``stop()`` collects what only shows at the end and uninstalls; every patched object is the original again.

Findings use the catalogue's codes (``asynccheck.rules``) and the same Finding record as the linter.
"""
from asynccheck.checker.session import Session, watch

__all__ = ["Session", "watch"]
