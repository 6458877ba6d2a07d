"""An infrastructure bot: provisions and inspects servers across providers from chat commands."""
from __future__ import annotations

import asyncio
from typing import Any

import libvirt
import openstack
import salt.client
from cloudflare import AsyncCloudflare, Cloudflare
from hcloud import Client as HetznerClient
from linode_api4 import LinodeClient
from napalm import get_network_driver
from proxmoxer import ProxmoxAPI
from pydo import Client as DigitalOcean


async def hetzner_servers(client: HetznerClient) -> list[str]:  # expect: blocking-call
    return [s.name for s in client.servers.get_all()]


async def droplets(client: DigitalOcean) -> list[dict[str, Any]]:  # expect: blocking-call
    return client.droplets.list()["droplets"]


async def linodes(client: LinodeClient) -> list[Any]:  # expect: blocking-call
    return list(client.linode.instances())


async def vms(proxmox: ProxmoxAPI, node: str) -> list[dict[str, Any]]:  # expect: blocking-call
    return proxmox.nodes(node).qemu.get()


async def local_domains(uri: str = "qemu:///system") -> list[str]:  # expect: blocking-call
    conn = libvirt.open(uri)
    return [d.name() for d in conn.listAllDomains()]


async def openstack_servers(cloud: str) -> list[str]:  # expect: blocking-call
    conn = openstack.connect(cloud=cloud)
    return [s.name for s in conn.compute.servers()]


async def salt_ping(target: str) -> dict[str, Any]:  # expect: blocking-call
    return salt.client.LocalClient().cmd(target, "test.ping")


async def switch_facts(hostname: str, user: str, password: str) -> dict[str, Any]:  # expect: blocking-call
    driver = get_network_driver("eos")
    with driver(hostname, user, password) as device:
        return device.get_facts()


async def dns_records(cf: Cloudflare, zone: str) -> list[Any]:  # expect: blocking-call
    return list(cf.dns.records.list(zone_id=zone))


async def dns_records_async(cf: AsyncCloudflare, zone: str) -> list[Any]:  # expect: clean  # near: blocking-call
    return [r async for r in cf.dns.records.list(zone_id=zone)]


async def hetzner_offloaded(client: HetznerClient) -> list[str]:  # expect: clean  # near: blocking-call
    servers = await asyncio.to_thread(client.servers.get_all)
    return [s.name for s in servers]
