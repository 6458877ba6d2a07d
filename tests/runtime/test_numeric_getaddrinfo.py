"""`socket.getaddrinfo()` of an address written in digits, with a numeric port or none, asks no resolver: the C
library answers at once (asyncio skips the call for such addresses, and the linter leaves them alone), so it is not
ACK105. A host name, or a service name for the port, is looked up and stays a finding."""
from __future__ import annotations

import textwrap

from tests.runtime.test_programs import checked

PROGRAM = '''
import asyncio
import socket


async def main():
    socket.getaddrinfo("127.0.0.1", 8080)
    socket.getaddrinfo("::1", "8080", flags=socket.AI_NUMERICHOST)
    socket.getaddrinfo(None, 0, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    socket.getaddrinfo(b"10.1.2.3", None)
    socket.getaddrinfo("localhost", 8080)  # a name: looked up
    socket.getaddrinfo("127.0.0.1", "http")  # a service name: looked up
    await asyncio.sleep(0)


asyncio.run(main())
print("done")
'''


def test_numeric_addresses_are_not_looked_up_and_names_are(tmp_path):
    program = tmp_path / "resolve.py"
    program.write_text(textwrap.dedent(PROGRAM))
    proc, data = checked(tmp_path, "--select", "ACK105", str(program))
    assert proc.returncode == 0 and proc.stdout == "done\n", proc.stderr
    found = sorted((f["code"], f["line"]) for f in data["findings"])
    assert found == [("ACK105", 11), ("ACK105", 12)]
