"""A plugin host calls each plugin's sync describe(); the metrics plugin fetches its numbers with a loop of its own."""
import asyncio

CACHED = {"metrics": "metrics: 0 samples (cached)"}


class MetricsPlugin:
    name = "metrics"

    async def fetch_count(self):
        await asyncio.sleep(0.01)
        return 42

    def describe(self):
        loop = asyncio.new_event_loop()
        try:
            return f"metrics: {loop.run_until_complete(self.fetch_count())} samples"
        except RuntimeError:
            return CACHED[self.name]
        finally:
            loop.close()


class HealthPlugin:
    name = "health"

    def describe(self):
        return "health: ok"


async def serve_descriptions(plugins):
    out = []
    for plugin in plugins:
        out.append(plugin.describe())  # PLANT ACK108
        await asyncio.sleep(0)
    return out


print(asyncio.run(serve_descriptions([HealthPlugin(), MetricsPlugin()])))
