"""A deploy CLI that asks for confirmation on stdin (unless --yes) while its rollout runs under a timeout."""
import argparse
import asyncio
import sys


def confirm(question):
    sys.stdout.write(question + " [y/N] ")
    sys.stdout.flush()
    answer = sys.stdin.readline().strip().lower()
    return answer in ("y", "yes", "alpha")


async def rollout(hosts, assume_yes):
    done = []
    async with asyncio.timeout(10):
        for host in hosts:
            if not assume_yes and not confirm(f"deploy to {host}?"):  # PLANT ACK107
                print("skipped", host)
                continue
            await asyncio.sleep(0.01)
            done.append(host)
    return done


parser = argparse.ArgumentParser(prog="deploy")
parser.add_argument("hosts", nargs="*", default=["web1"])
parser.add_argument("--yes", action="store_true")
args = parser.parse_args()
print("\ndeployed", asyncio.run(rollout(args.hosts, args.yes)))
