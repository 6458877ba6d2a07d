"""Synchronous device access: paramiko, netmiko, ncclient, pysnmp. Used by the CLI and by worker threads."""
from __future__ import annotations

import os
import threading

import paramiko
from ncclient import manager
from netmiko import ConnectHandler
from pysnmp.hlapi import (
    CommunityData,
    ContextData,
    ObjectIdentity,
    ObjectType,
    SnmpEngine,
    UdpTransportTarget,
    getCmd,
)

UPTIME_OID = "1.3.6.1.2.1.1.3.0"
_engine_lock = threading.Lock()


def ssh_run(host: str, command: str, timeout: float = 30) -> str:  # expect: clean
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect(host, username="netops", key_filename=os.path.expanduser("~/.ssh/netops"), timeout=10)
    try:
        _stdin, stdout, _stderr = client.exec_command(command, timeout=timeout)
        return stdout.read().decode()
    finally:
        client.close()


def netconf(host: str) -> manager.Manager:  # expect: clean
    return manager.connect(host=host, port=830, username="netops", hostkey_verify=False, timeout=20)


def snmp_uptime(host: str, community: str = "public") -> int:  # expect: clean
    with _engine_lock:
        err_ind, err_stat, _idx, binds = next(
            getCmd(
                SnmpEngine(),
                CommunityData(community),
                UdpTransportTarget((host, 161), timeout=2, retries=1),
                ContextData(),
                ObjectType(ObjectIdentity(UPTIME_OID)),
            )
        )
    if err_ind or err_stat:
        raise RuntimeError(f"{host}: {err_ind or err_stat.prettyPrint()}")
    return int(binds[0][1])


class RouterSession:  # expect: clean
    """A netmiko session kept open across several show commands."""

    def __init__(self, host: str, device_type: str = "cisco_ios") -> None:
        self.host = host
        self.conn = ConnectHandler(
            device_type=device_type, host=host, username="netops", password=os.environ["NETOPS_PASSWORD"]
        )

    def show(self, command: str) -> str:
        return self.conn.send_command(command, read_timeout=30)

    def push(self, lines: list[str]) -> str:
        out = self.conn.send_config_set(lines)
        self.conn.save_config()
        return out

    def close(self) -> None:
        self.conn.disconnect()
