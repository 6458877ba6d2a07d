"""Shapes found wrong on a twenty-seventh held-out set (tutorial scripts, chat bots, notebooks turned into
scripts, code as assistants write it): each flagged shape beside the look-alikes that must stay quiet."""
from __future__ import annotations

from .helpers import check_marked, project_findings


def test_a_coroutine_printed_or_logged_as_a_value_was_taken_for_its_result():
    # `print(x)` and `logger.info("%s", x)` show `<coroutine object ...>`: nobody handing a coroutine on logs it
    # as a figure, and the body never runs
    check_marked('''
        import logging

        logger = logging.getLogger(__name__)

        async def quote(sku):
            return 12.5

        def price_label(sku):
            price = quote(sku)  # ACK301
            logger.info("price of %s is %s", sku, price)
            return price

        def show_quote(sku):
            price = quote(sku)  # ACK301
            print("quote:", price)

        async def report(sku):
            price = quote(sku)  # ACK301
            logging.warning("price %s", price)
    ''', ["ACK301"])


def test_a_coroutine_logged_beside_a_hand_off_or_a_look_alike_logger_stays_quiet():
    # handed to the loop, awaited, or given to a method that merely shares a logger's name: all keep it a
    # coroutine (or it is no coroutine at all)
    check_marked('''
        import asyncio
        import logging

        logger = logging.getLogger(__name__)

        async def quote(sku):
            return 12.5

        def quote_sync(sku):
            return 12.5

        def price_now(loop, sku):
            coro = quote(sku)
            logger.debug("running %r", coro)
            return loop.run_until_complete(coro)

        async def price_awaited(sku):
            price = quote(sku)
            logger.info("waiting for %s", sku)
            return await price

        def price_plain(sku):
            price = quote_sync(sku)
            logger.info("price %s", price)
            print(price)

        class Journal:
            def info(self, *items):
                self.items = items

        def record(journal: Journal, sku):
            pending = quote(sku)
            journal.info("queued", pending)
            return pending
    ''', ["ACK301"])


def test_a_coroutine_returned_as_a_dict_value_from_a_coroutine_function_is_never_awaited():
    # whoever awaits `summary()` gets a dict holding a coroutine where the total should be
    check_marked('''
        async def total_of(cart):
            return sum(cart)

        async def summary(cart):
            total = total_of(cart)  # ACK301
            return {"items": len(cart), "total": total}
    ''', ["ACK301"])


def test_a_coroutine_returned_in_a_dict_by_a_sync_function_or_awaited_first_stays_quiet():
    # a sync factory hands the coroutine on for its caller to await; an `async def` that awaits it first or is
    # declared to return awaitables returns results
    check_marked('''
        from typing import Awaitable

        async def total_of(cart):
            return sum(cart)

        def jobs(cart):
            total = total_of(cart)
            return {"total": total}

        async def summary(cart):
            total = await total_of(cart)
            return {"total": total}

        async def pending(cart) -> dict[str, Awaitable[int]]:
            total = total_of(cart)
            return {"total": total}
    ''', ["ACK301"])


_WRAPPERS = """
    import asyncio
    import time

    def blocking_bridge(fn):
        def bridge(*args):
            return asyncio.run(fn(*args))
        return bridge

    def offloaded(fn):
        async def run(*args):
            return await asyncio.to_thread(fn, *args)
        return run

    def traced(fn):
        def call(*args):
            started = time.perf_counter()
            try:
                return fn(*args)
            finally:
                print(fn.__name__, time.perf_counter() - started)
        return call
"""


def test_a_name_bound_to_another_modules_loop_running_wrapper_blocks_where_the_loop_calls_it(tmp_path):
    # `load_now = blocking_bridge(load)` is the decorator applied by hand: calling it on the loop runs a second
    # loop inside the running one, just as calling an `@blocking_bridge` function does
    found = project_findings(tmp_path, {"bridges.py": _WRAPPERS, "service.py": """
        from bridges import blocking_bridge

        async def load(key):
            return key

        load_now = blocking_bridge(load)

        async def handler(key):
            return load_now(key)

        def script(key):
            return load_now(key)
    """}, {"ACK108"})
    assert found == {("service.py", 9, "ACK108")}


def test_names_bound_to_another_modules_harmless_wrappers_stay_quiet(tmp_path):
    # a wrapper that hands the work to a thread, or one that calls the function it wraps and returns what that
    # gives (a coroutine the caller awaits), runs no loop of its own
    found = project_findings(tmp_path, {"bridges.py": _WRAPPERS, "service.py": """
        import time

        from bridges import offloaded, traced

        def read_slowly(key):
            time.sleep(0.1)
            return key

        async def load(key):
            return key

        read_in_thread = offloaded(read_slowly)
        timed_load = traced(load)

        async def handler(key):
            first = await read_in_thread(key)
            return first, await timed_load(key)
    """}, {"ACK108", "ACK101", "ACK301"})
    assert found == set()


def test_a_chat_bot_reply_written_without_await_never_reaches_the_chat():
    # the frameworks' reply, send and edit methods are requests made as coroutines: a handler that forgets the
    # `await` answers nothing (reached through the attributes a handler's argument leads to)
    check_marked('''
        import discord
        from aiogram import types
        from discord.ext import commands
        from telegram import Update
        from telegram.ext import ContextTypes

        async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            update.effective_message.reply_text("welcome")  # ACK301
            context.bot.send_chat_action(update.effective_chat.id, "typing")  # ACK301

        async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            update.callback_query.answer()  # ACK301

        async def on_message(message: discord.Message) -> None:
            if message.content == "!ping":
                message.channel.send("pong")  # ACK301

        async def greet(ctx: commands.Context) -> None:
            ctx.reply("hello")  # ACK301

        async def slash(interaction: discord.Interaction) -> None:
            interaction.response.defer()  # ACK301

        async def echo(message: types.Message) -> None:
            message.answer(message.text)  # ACK301
    ''', ["ACK301"])


def test_chat_bot_calls_awaited_made_by_old_sync_handlers_or_on_look_alike_objects_stay_quiet():
    # python-telegram-bot before 20 had sync handlers calling the same methods plainly; an untyped argument or a
    # class of the project's own that shares the names says nothing about the framework
    check_marked('''
        import discord
        from telegram import Update
        from telegram.ext import CallbackContext

        async def start(update: Update, context: CallbackContext) -> None:
            await update.message.reply_text("welcome")
            sent = context.bot.send_message(update.effective_chat.id, "x")
            await sent

        def start_v13(update: Update, context: CallbackContext) -> None:
            update.message.reply_text("welcome")
            context.bot.send_message(update.effective_chat.id, "x")

        class Message:
            def reply_text(self, text: str) -> None:
                print(text)

        async def local(message: Message) -> None:
            message.reply_text("plain")

        async def untyped(ws) -> None:
            ws.send("frame")

        async def on_message(message: discord.Message) -> None:
            await message.channel.send("pong")
            message.content.strip()
    ''', ["ACK301"])


def test_discord_handlers_written_without_annotations_get_what_the_framework_hands_them():
    # discord.py's own examples leave handler arguments bare: the registering decorator says what they are
    check_marked('''
        import discord
        from discord import app_commands
        from discord.ext import commands

        bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())

        @bot.event
        async def on_message(message):
            if message.content.startswith("!hi"):
                message.reply("hello")  # ACK301

        @bot.command()
        async def ping(ctx, times: int = 1):
            ctx.send("pong" * times)  # ACK301

        @bot.tree.command()
        async def info(interaction):
            interaction.response.send_message("v1")  # ACK301

        class Greeter(commands.Cog):
            @commands.Cog.listener()
            async def on_member_join(self, member):
                member.send("welcome")  # ACK301

            @commands.command()
            async def wave(self, ctx):
                ctx.send("o/")  # ACK301
    ''', ["ACK301"])


def test_handlers_of_other_registries_and_arguments_past_the_framework_ones_stay_untyped():
    # a project's own `bot.event` registry, an event discord.py hands nothing known, and a command's own
    # arguments (`member` here is the user's text, not a discord object) say nothing about sends
    check_marked('''
        import discord
        from discord.ext import commands

        class Bot:
            def event(self, fn):
                return fn

        mine = Bot()
        bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())

        @mine.event
        async def on_message(message):
            message.reply("hello")

        @bot.event
        async def on_raw_typing(payload):
            payload.send("x")

        @bot.command()
        async def poke(ctx, member):
            member.send("poke")
            await ctx.send("done")
    ''', ["ACK301"])
