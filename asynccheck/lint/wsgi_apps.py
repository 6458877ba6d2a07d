"""WSGI frameworks' views, seen from asyncio: a plain view function runs on the WSGI server's worker thread
(werkzeug's threaded server, as `app.run()` starts it, gunicorn's or waitress's workers, an ASGI adapter's thread
pool), never on an asyncio loop's, wherever the app is served from. Loop objects a view touches are touched off
the loop's thread.
"""
from __future__ import annotations

from typing import Dict, Tuple

_FLASK_WHERE = "a WSGI server's worker thread (a Flask view, or a hook Flask calls around one)"
_FLASK_APPS = ("flask.Flask", "flask.Blueprint", "flask.app.Flask", "flask.blueprints.Blueprint")
_FLASK_REGISTERS = ("route", "get", "post", "put", "delete", "patch", "before_request", "after_request",
                    "teardown_request", "errorhandler")

# Decorators that register a function the server calls on its worker threads: decorator -> where it runs.
THREAD_HANDLER_DECORATORS: Dict[str, str] = {
    f"{app}.{how}": _FLASK_WHERE for app in _FLASK_APPS for how in _FLASK_REGISTERS
}
# Calls that register one: callable -> (position, keyword) of the function.
THREAD_ENTRY: Dict[str, Tuple[int, str]] = {f"{app}.add_url_rule": (2, "view_func") for app in _FLASK_APPS}
THREAD_ENTRY_WHERE: Dict[str, str] = {name: _FLASK_WHERE for name in THREAD_ENTRY}
