"""Shapes found missing on a fortieth held-out set (web backends and chat bots): each flagged shape beside the
look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked


def test_a_discord_clients_loop_is_an_event_loop_so_a_task_it_starts_and_drops_dangles():
    check_marked('''
        import asyncio
        import discord
        from discord.ext import commands

        async def refresh() -> None:
            await asyncio.sleep(60)

        class Feeds(commands.Cog):
            def __init__(self, bot: commands.Bot) -> None:
                self.bot = bot
                self.poller = None

            @commands.Cog.listener()
            async def on_ready(self) -> None:
                self.bot.loop.create_task(refresh())  # ACK302

            @commands.Cog.listener()
            async def on_resumed(self) -> None:
                self.poller = self.bot.loop.create_task(refresh())

        class Relay(discord.Client):
            async def setup_hook(self) -> None:
                self.loop.create_task(refresh())  # ACK302

            async def on_ready(self) -> None:
                self.ticker = self.loop.create_task(refresh())

        @commands.command()
        async def reload(ctx: commands.Context) -> None:
            ctx.bot.loop.create_task(refresh())  # ACK302
            kept = ctx.bot.loop.create_task(refresh())
            await kept
    ''', ["ACK302"])


def test_a_cogs_unannotated_bot_is_the_bot_by_the_frameworks_convention():
    check_marked('''
        import asyncio
        from discord.ext import commands

        async def refresh() -> None:
            await asyncio.sleep(60)

        class Music(commands.Cog):
            def __init__(self, bot) -> None:
                self.bot = bot

            async def cog_load(self) -> None:
                self.bot.loop.create_task(refresh())  # ACK302

        class Scheduler:
            """Not a cog: its `bot` is whatever the caller hands it, and a name is not a type."""

            def __init__(self, bot) -> None:
                self.bot = bot

            async def start(self) -> None:
                self.bot.loop.create_task(refresh())

        class Stats(commands.Cog):
            def __init__(self, bot, runner) -> None:
                self.bot = bot
                self.runner = runner

            async def cog_load(self) -> None:
                self.runner.loop.create_task(refresh())
    ''', ["ACK302"])
