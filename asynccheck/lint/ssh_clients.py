"""What the linter knows about asyncssh, the asyncio SSH client of fleet and deploy tooling: its connections,
remote processes, SFTP sessions and channel streams, and which of their calls are coroutine functions, so that a
dropped `conn.run(...)`, `conn.wait_closed()` or `sftp.put(...)` is ACK301. knowledge.py merges these tables.

asyncssh wraps its makers (`connect()`, `create_process()`, `start_sftp_client()`, `SFTPClient.open()`, the port
forwarders) in an awaitable async context manager: calling one returns the wrapper, not a coroutine, so none of
them is listed as a coroutine function. `close()`, `disconnect()`, `abort()` and a writer's `write()` are plain.
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

CONNECTION = "asyncssh.SSHClientConnection"
SERVER_CONNECTION = "asyncssh.SSHServerConnection"
PROCESS = "asyncssh.SSHClientProcess"
SFTP = "asyncssh.SFTPClient"
SFTP_FILE = "asyncssh.SFTPClientFile"
READER = "asyncssh.SSHReader"
WRITER = "asyncssh.SSHWriter"

CANONICAL: Dict[str, str] = {
    "asyncssh.connection.SSHClientConnection": CONNECTION,
    "asyncssh.connection.SSHServerConnection": SERVER_CONNECTION,
    "asyncssh.process.SSHClientProcess": PROCESS,
    "asyncssh.sftp.SFTPClient": SFTP,
    "asyncssh.sftp.SFTPClientFile": SFTP_FILE,
    "asyncssh.stream.SSHReader": READER,
    "asyncssh.stream.SSHWriter": WRITER,
}

# What `await x` and `async with x as y` give for each maker alike (the wrapper allows both).
_MADE: Dict[str, str] = {
    "asyncssh.connect": CONNECTION,
    "asyncssh.connect_reverse": SERVER_CONNECTION,
    f"{CONNECTION}.create_process": PROCESS,
    f"{CONNECTION}.start_sftp_client": SFTP,
    f"{SFTP}.open": SFTP_FILE,
}
RETURNS: Dict[str, str] = dict(_MADE)
ASYNC_RETURNS: Dict[str, str] = dict(_MADE)
# `reader, writer = await conn.open_connection(...)` (a process's stdin/stdout/stderr are attributes, not listed)
UNPACKED: Dict[str, Tuple[str, ...]] = {
    f"{CONNECTION}.open_connection": (READER, WRITER),
    f"{CONNECTION}.open_unix_connection": (READER, WRITER),
}

_SFTP_CALLS = (
    "get put copy mget mput mcopy remote_copy glob makedirs rmtree stat lstat setstat statvfs truncate chown "
    "chmod utime exists lexists getatime getmtime getsize isdir isfile islink remove unlink rename posix_rename "
    "readdir listdir mkdir rmdir realpath getcwd chdir readlink symlink link wait_closed"
)

COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset(
    f"{kind}.{m}" for kind, methods in (
        (CONNECTION, "run create_session open_session create_connection open_connection create_unix_connection "
                     "open_unix_connection wait_closed"),
        (SERVER_CONNECTION, "wait_closed"),
        (PROCESS, "wait communicate redirect redirect_stdin redirect_stdout redirect_stderr wait_closed"),
        (SFTP, _SFTP_CALLS),
        (SFTP_FILE, "read write seek tell stat setstat truncate chmod utime fsync close"),
        (READER, "read readline readuntil readexactly"),
        (WRITER, "drain wait_closed"),
    ) for m in methods.split()
) | frozenset({"asyncssh.scp", "asyncssh.run_client", "asyncssh.get_server_host_key",
               "asyncssh.get_server_auth_methods"})
