"""What the linter knows about asyncssh, the asyncio SSH client of fleet and deploy tooling: its connections,
remote processes, SFTP sessions and channel streams, and which of their calls are coroutine functions, so that a
dropped `conn.run(...)`, `conn.wait_closed()` or `sftp.put(...)` is ACK301. And about the sync side it replaces:
paramiko's transport, channels and the file objects `exec_command` returns, and `scp` over them, whose calls wait
on the SSH socket (ACK105). knowledge.py merges these tables.

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

# paramiko below its SSHClient: the transport (`client.get_transport()`, or made over a socket) negotiates, logs in
# and opens channels, each a round trip; a channel's commands and reads wait for the server. The three file objects
# `exec_command` returns read (and iterate) the remote command's output as it arrives. scp's client copies over
# a transport's channel.
PARAMIKO_TRANSPORT = "paramiko.Transport"
PARAMIKO_CHANNEL = "paramiko.Channel"
PARAMIKO_CHANNEL_FILE = "paramiko.ChannelFile"
SCP_CLIENT = "scp.SCPClient"
PARAMIKO_CANONICAL: Dict[str, str] = {
    "paramiko.transport.Transport": PARAMIKO_TRANSPORT,
    "paramiko.channel.Channel": PARAMIKO_CHANNEL,
    **{f"paramiko.{where}{kind}": PARAMIKO_CHANNEL_FILE for where in ("", "channel.")
       for kind in ("ChannelFile", "ChannelStdinFile", "ChannelStderrFile")},
}
CANONICAL.update(PARAMIKO_CANONICAL)
BLOCKING_METHODS: Tuple[Tuple[Tuple[str, ...], str, str], ...] = (
    ((PARAMIKO_TRANSPORT,), "ACK105",
     "connect start_client start_server accept open_session open_channel open_sftp_client open_x11_channel "
     "open_forward_agent_channel auth_password auth_publickey auth_interactive auth_interactive_dumb auth_none "
     "auth_gssapi_with_mic auth_gssapi_keyex renegotiate_keys send_ignore global_request request_port_forward "
     "cancel_port_forward"),
    ((PARAMIKO_CHANNEL,), "ACK105",
     "exec_command invoke_shell invoke_subsystem get_pty resize_pty request_x11 request_forward_agent "
     "update_environment set_environment_variable recv recv_stderr send send_stderr sendall sendall_stderr "
     "recv_exit_status"),
    ((PARAMIKO_CHANNEL_FILE,), "ACK105", "read readline readlines readinto write writelines flush"),
    ((SCP_CLIENT,), "ACK105", "put get putfo getfo"),
)
BLOCKING_ITERATION: Dict[str, str] = {PARAMIKO_CHANNEL_FILE: "ACK105"}
RETURNS.update({
    PARAMIKO_TRANSPORT: PARAMIKO_TRANSPORT,
    SCP_CLIENT: SCP_CLIENT,
    "paramiko.SSHClient.get_transport": PARAMIKO_TRANSPORT,
    "paramiko.SSHClient.invoke_shell": PARAMIKO_CHANNEL,
    **{f"{PARAMIKO_TRANSPORT}.{m}": PARAMIKO_CHANNEL for m in ("open_session", "open_channel", "accept")},
    f"{PARAMIKO_TRANSPORT}.open_sftp_client": "paramiko.SFTPClient",
    f"{PARAMIKO_CHANNEL}.makefile": PARAMIKO_CHANNEL_FILE,
    f"{PARAMIKO_CHANNEL}.makefile_stderr": PARAMIKO_CHANNEL_FILE,
})
# `stdin, stdout, stderr = client.exec_command(cmd)`
UNPACKED_SYNC: Dict[str, Tuple[str, ...]] = {
    "paramiko.SSHClient.exec_command": (PARAMIKO_CHANNEL_FILE,) * 3,
}
# `stdout.channel.recv_exit_status()`
PROPERTIES: Dict[str, str] = {f"{PARAMIKO_CHANNEL_FILE}.channel": PARAMIKO_CHANNEL}
