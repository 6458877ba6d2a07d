"""Clients of web services: their sync clients' API calls block the loop, their async twins' calls are coroutines."""
from __future__ import annotations

from tests.lint.helpers import check_marked

BLOCKING = ("ACK101", "ACK102", "ACK103", "ACK105", "ACK106")


def test_sync_llm_clients_block_through_their_resource_namespaces():
    check_marked('''
        import asyncio
        import anthropic
        import openai
        from openai import OpenAI

        client = OpenAI()
        claude = anthropic.Anthropic()

        async def ask(prompt: str) -> str:
            reply = client.chat.completions.create(model="m", messages=[])  # ACK102
            return reply.choices[0].message.content

        async def ask_claude(prompt: str) -> str:
            with claude.messages.stream(model="m", max_tokens=10, messages=[]) as stream:  # ACK102
                return "".join(stream.text_stream)

        async def embed(texts: list[str]):
            return openai.embeddings.create(model="m", input=texts)  # ACK102

        class Agent:
            def __init__(self, llm: "openai.AzureOpenAI") -> None:
                self.llm = llm

            async def run(self, prompt: str):
                return self.llm.beta.chat.completions.parse(model="m", messages=[])  # ACK102
    ''', BLOCKING)


def test_llm_look_alikes_stay_clean():
    check_marked('''
        import asyncio
        from openai import AsyncOpenAI, OpenAI

        client = OpenAI()
        aclient = AsyncOpenAI()

        def ask_sync(prompt: str) -> str:
            return client.chat.completions.create(model="m", messages=[]).choices[0].message.content

        async def ask(prompt: str) -> str:
            reply = await aclient.chat.completions.create(model="m", messages=[])
            return reply.choices[0].message.content

        async def ask_in_thread(prompt: str):
            return await asyncio.to_thread(client.chat.completions.create, model="m", messages=[])

        async def settings() -> bool:
            fast = client.with_options(timeout=5)
            return client.api_key.startswith("sk-") and fast is not None and client.base_url.host == "x"

        async def stream(prompt: str) -> None:
            async with aclient.beta.chat.completions.stream(model="m", messages=[]) as events:
                async for event in events:
                    print(event)
    ''', BLOCKING + ("ACK301",))


def test_async_clients_make_coroutines():
    check_marked('''
        from anthropic import AsyncAnthropic
        from slack_sdk.web.async_client import AsyncWebClient

        claude = AsyncAnthropic()
        slack = AsyncWebClient(token="x")

        async def notify(text: str) -> None:
            slack.chat_postMessage(channel="#ops", text=text)  # ACK301
            claude.messages.create(model="m", max_tokens=5, messages=[])  # ACK301
            await slack.chat_postMessage(channel="#ops", text=text)
    ''', ("ACK301",))


def test_slack_stripe_docker_and_cloud_storage():
    check_marked('''
        import docker
        import stripe
        from google.cloud import storage
        from slack_sdk import WebClient

        slack = WebClient(token="x")

        async def notify(text: str) -> None:
            slack.chat_postMessage(channel="#ops", text=text)  # ACK102

        async def charge(amount: int, customer: stripe.Customer) -> str:
            intent = stripe.PaymentIntent.create(amount=amount, currency="usd")  # ACK102
            session = stripe.checkout.Session.create(mode="payment")  # ACK102
            ok = await stripe.Customer.retrieve_async("cus_1")
            event = stripe.Webhook.construct_event("{}", "sig", "secret")
            return customer.get("email") or intent.id or session.url or event.type or ok.id

        async def deploy(image: str) -> None:
            client = docker.from_env()
            client.images.pull(image)  # ACK102
            client.close()

        async def publish(path: str) -> str:
            blob = storage.Client().bucket("reports").blob("daily.csv")
            url = blob.generate_signed_url(expiration=3600)
            blob.upload_from_filename(path)  # ACK102
            return url
    ''', BLOCKING)


def test_cpu_sampling_sleeps_only_with_an_interval():
    check_marked('''
        import asyncio
        import psutil

        async def sample() -> float:
            return psutil.cpu_percent(interval=1)  # ACK101

        async def sample_process(pid: int) -> float:
            return psutil.Process(pid).cpu_percent(0.5)  # ACK101

        async def sample_without_waiting() -> float:
            psutil.cpu_percent(interval=None)
            await asyncio.sleep(1)
            return psutil.cpu_percent() + psutil.cpu_percent(interval=0)
    ''', BLOCKING)
