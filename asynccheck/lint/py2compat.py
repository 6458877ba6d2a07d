"""The standard names that Python 2/3 compatibility layers re-export, for code from before Python 3 only:
`six.moves` (and python-future's `future.moves`) give `urllib.request`, `http.client`, `queue`... under their own
module, so `six.moves.urllib.request.urlopen(url)` is `urllib.request.urlopen(url)` to every rule.

knowledge.CANONICAL takes these as prefixes: a name under one is renamed to the standard module's.
"""
from __future__ import annotations

from typing import Dict

_SIX_MOVES = {
    "urllib": "urllib", "urllib.request": "urllib.request", "urllib.parse": "urllib.parse",
    "urllib.error": "urllib.error", "urllib_parse": "urllib.parse", "urllib_error": "urllib.error",
    "http_client": "http.client", "http_cookiejar": "http.cookiejar", "queue": "queue",
    "xmlrpc_client": "xmlrpc.client", "configparser": "configparser", "cPickle": "pickle",
    "socketserver": "socketserver", "_thread": "_thread", "builtins": "builtins",
    "input": "builtins.input", "getoutput": "subprocess.getoutput", "getcwd": "os.getcwd",
}
_FUTURE_MOVES = ("urllib", "urllib.request", "urllib.parse", "urllib.error", "http.client", "queue",
                 "xmlrpc.client", "configparser", "socketserver", "_thread", "pickle", "subprocess")

CANONICAL: Dict[str, str] = {
    **{f"six.moves.{old}": new for old, new in _SIX_MOVES.items()},
    **{f"future.moves.{name}": name for name in _FUTURE_MOVES},
}
