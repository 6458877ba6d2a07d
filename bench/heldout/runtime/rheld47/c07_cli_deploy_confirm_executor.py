"""A deploy CLI that reads its confirmation from stdin in the loop's executor, under a timeout."""
import argparse
import asyncio
import sys


def confirm(question):
    sys.stdout.write(question + " [y/N] ")
    sys.stdout.flush()
    answer = sys.stdin.readline().strip().lower()
    return answer in ("y", "yes", "alpha")


async def rollout(hosts, assume_yes):
    loop = asyncio.get_running_loop()
    done = []
    async with asyncio.timeout(10):
        for host in hosts:
            if not assume_yes and not await loop.run_in_executor(None, confirm, f"deploy to {host}?"):
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
