"""Shapes found wrong or overclaimed on real async code (realcode36: a Discord moderation bot, a Discord
modmail bot, a research agent, an asyncio monitor, a MySQL driver, a FastAPI cache): each beside the real
anti-pattern of its kind, which is still reported."""
from __future__ import annotations

from .helpers import check_marked


def test_extension_loaders_in_a_module_written_for_discord_py_1():
    # A modmail bot pinned to discord.py 1.6 unloads plugins from an async command with
    # `self.bot.unload_extension(...)`: a plain call before 2.0. Its module's own entry point says which version
    # it is written for: a plain `def setup(bot): bot.add_cog(...)`, which 2.0 no longer accepts
    check_marked('''
        from discord.ext import commands


        class Plugins(commands.Cog):
            def __init__(self, bot):
                self.bot = bot

            @commands.command()
            async def unload(self, ctx, name):
                self.bot.unload_extension(name)
                await ctx.send("unloaded")


        def setup(bot):
            bot.add_cog(Plugins(bot))
    ''', ["ACK301"])


def test_extension_loaders_in_a_module_written_for_discord_py_2_are_still_reported():
    # The same command beside 2.0's `async def setup`, or in a module with no entry point of its own: the
    # dropped loader is a coroutine that never runs
    check_marked('''
        from discord.ext import commands


        class Plugins(commands.Cog):
            def __init__(self, bot):
                self.bot = bot

            @commands.command()
            async def unload(self, ctx, name):
                self.bot.unload_extension(name)  # ACK301
                await ctx.send("unloaded")


        async def setup(bot):
            await bot.add_cog(Plugins(bot))
    ''', ["ACK301"])
    check_marked('''
        from discord.ext import commands


        class Loader(commands.Cog):
            def __init__(self, bot):
                self.bot = bot

            @commands.command()
            async def load(self, ctx, name):
                self.bot.load_extension(name)  # ACK301
                ctx.send("loaded")  # ACK301


        def setup(bot):
            print("a plain helper named setup that loads nothing")
    ''', ["ACK301"])


def test_a_spawn_under_a_latch_reset_only_after_the_task_is_awaited_runs_one_at_a_time():
    # A chat adapter streams a reply into a card: on the first text of each card it opens the card and starts
    # the task that pushes updates; at a tool boundary it awaits that task before it clears the card, so the
    # next card's task starts only after the last one ended, and the variable that holds it is read before it is
    # bound again (ACK302's "the next round rebinds it"). A latch cleared without waiting for the task (or
    # a spawn whose branch never sets what it tests) starts a task on many passes: still reported
    check_marked('''
        import asyncio


        async def stream(chunks, open_card, push):
            card = None
            sender = None
            text = ""
            async for chunk in chunks:
                if chunk == "break":
                    if card and sender:
                        await sender
                        card = None
                        sender = None
                    continue
                for part in chunk.parts:
                    text += part
                    if card is None:
                        card = await open_card()
                        if not card:
                            return
                        sender = asyncio.create_task(push(card, text))
            if sender:
                await sender


        async def stream_no_wait(chunks, open_card, push):
            card = None
            async for chunk in chunks:
                if chunk == "break":
                    card = None
                    continue
                for part in chunk.parts:
                    if card is None:
                        card = await open_card()
                        sender = asyncio.create_task(push(card, part))  # ACK502  # ACK302


        async def stream_unlatched(chunks, open_card, push):
            card = None
            async for chunk in chunks:
                for part in chunk.parts:
                    if card is None:
                        sender = asyncio.create_task(push(part))  # ACK502  # ACK302
                        card = part
    ''', ["ACK502", "ACK302"])
