"""A job queue with leases: a worker holds a lease on its job and a heartbeat thread renews it against the
broker; when a renewal is refused the heartbeat tells the worker its lease is lost, and the worker stops."""
import asyncio
import threading


class Broker:
    def __init__(self, grants):
        self.grants = grants
        self.lock = threading.Lock()

    def renew(self, job_id):
        with self.lock:
            self.grants -= 1
            return self.grants >= 0


def heartbeat(broker, job_id, lease_lost, stop):
    while not stop.wait(0.02):
        if not broker.renew(job_id):
            lease_lost.set()  # PLANT ACK401
            return


async def run_job(job_id, lease_lost):
    done = 0
    while not lease_lost.is_set() and done < 50:
        await asyncio.sleep(0.01)
        done += 1
    return done


async def main():
    broker = Broker(grants=3)
    lease_lost = asyncio.Event()
    stop = threading.Event()
    beat = threading.Thread(target=heartbeat, args=(broker, "job-9", lease_lost, stop), daemon=True)
    beat.start()
    done = await run_job("job-9", lease_lost)
    stop.set()
    await asyncio.to_thread(beat.join)
    print("lease lost" if lease_lost.is_set() else "finished", done < 50)


asyncio.run(main())
