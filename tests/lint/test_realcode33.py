"""Shapes found wrong or overclaimed on real async applications (realcode33: bots, home-automation integrations,
a media server): each beside the real anti-pattern of its kind, which is still reported."""
from __future__ import annotations

import textwrap

from asynccheck.lint import lint_source

from .helpers import ALL, check_marked


def messages(source: str, code: str) -> list:
    report = lint_source(textwrap.dedent(source), "example.py", ALL)
    return sorted((f.line, f.message) for f in report.findings if f.code == code)


def test_a_helper_that_blocks_only_in_an_except_clause_may_block_on_some_of_its_paths():
    # A chat bot's string table falls back to an online translation when the key is missing (`try: return
    # table[key]` / `except KeyError:` fetch and store): the request runs only when the lookup raised, so
    # each caller may block, not blocks. A helper that makes the request in its `try` body, with the handler
    # only for errors, blocks on every call; the `else:` and `finally:` of a `try` run without an exception
    # and stay "blocks"
    found = messages('''
        import requests

        _strings = {"en": {}}


        def text_for(key, lang):
            try:
                return _strings[lang][key]
            except KeyError:
                value = requests.get(f"https://translate.example/{key}", timeout=5).text
                _strings.setdefault(lang, {})[key] = value
                return value


        def fetch_text(key):
            try:
                return requests.get(f"https://translate.example/{key}", timeout=5).text
            except OSError:
                return ""


        def text_or_fetch(key):
            try:
                value = _strings["en"][key]
            except KeyError:
                return ""
            else:
                return requests.get(f"https://translate.example/{value}", timeout=5).text


        def closing(session, key):
            try:
                return _strings["en"][key]
            finally:
                session.close()
                requests.post("https://stats.example/", json={"key": key}, timeout=5)


        async def on_message(message):
            await message.reply(text_for("greeting", "de"))
            await message.reply(fetch_text("greeting"))
            await message.reply(text_or_fetch("greeting"))
            await message.reply(closing(message.session, "greeting"))
    ''', "ACK102")
    assert [line for line, _ in found] == [41, 42, 43, 44]
    assert found[0][1].startswith('`text_for("greeting", "de")` may block the event loop: on some of its paths it '
                                  'calls `requests.get(...)`')
    assert found[1][1].startswith('`fetch_text("greeting")` blocks the event loop: it calls `requests.get(...)`')
    assert found[2][1].startswith('`text_or_fetch("greeting")` blocks the event loop: it calls')
    assert found[3][1].startswith('`closing(message.session, "greeting")` blocks the event loop: it calls')


def test_a_helper_reached_only_from_an_except_clause_passes_its_path_on():
    # The same fallback one helper further (`except KeyError: value = translate(key)`, translate makes the
    # request): the caller still may block only on the paths through the handler
    found = messages('''
        import requests

        _strings = {}


        def translate(key):
            return requests.get(f"https://translate.example/{key}", timeout=5).text


        def text_for(key):
            try:
                return _strings[key]
            except KeyError:
                _strings[key] = translate(key)
                return _strings[key]


        async def on_message(message):
            await message.reply(text_for("greeting"))
            await message.reply(translate("greeting"))
    ''', "ACK102")
    assert [line for line, _ in found] == [20, 21]
    assert found[0][1].startswith('`text_for("greeting")` may block the event loop: on some of its paths it calls '
                                  '`translate()` -> `requests.get(...)`')
    assert found[1][1].startswith('`translate("greeting")` blocks the event loop: it calls `requests.get(...)`')


def test_a_spawn_under_a_throttle_on_the_clock_is_a_ticker():
    # A media server reads a player's log lines and starts a task to report progress when five seconds have
    # passed since the last report, moving the mark in the same branch (`elif now - last >= 5: last = now`):
    # at most one task per interval, however fast lines come. A branch that does not move the mark, moves
    # another one, or tests for any time at all (`> 0`) starts a task on every later line: reported
    check_marked('''
        import asyncio
        import time


        class Watcher:
            def __init__(self, player):
                self.player = player
                self.loop = asyncio.get_running_loop()
                self.reported_at = 0.0

            async def progress(self, lines, send_metadata, send_progress):
                last_title, last_report = "", 0.0
                async for line in lines:
                    now = time.time()
                    title = line.partition(":")[2]
                    if title != last_title:
                        last_title, last_report = title, now
                        asyncio.create_task(send_metadata(title))  # ACK502
                    elif now - last_report >= 5:
                        last_report = now
                        asyncio.create_task(send_progress())

            async def on_loop_clock(self, events, flush):
                async for _ in events:
                    if self.loop.time() - self.reported_at > 2.5:
                        self.reported_at = self.loop.time()
                        asyncio.create_task(flush())

            async def mark_never_moved(self, lines, send_progress):
                last_report = time.monotonic()
                async for line in lines:
                    if time.monotonic() - last_report >= 5:
                        asyncio.create_task(send_progress())  # ACK502

            async def another_mark_moved(self, lines, send_progress):
                last_report = last_seen = time.monotonic()
                async for line in lines:
                    now = time.monotonic()
                    if now - last_report >= 5:
                        last_seen = now
                        asyncio.create_task(send_progress())  # ACK502

            async def any_time_at_all(self, lines, send_progress):
                last_report = 0.0
                async for line in lines:
                    now = time.monotonic()
                    if now - last_report > 0:
                        last_report = now
                        asyncio.create_task(send_progress())  # ACK502
    ''', ["ACK502"])


def test_a_spawn_when_a_rising_count_reaches_one_value_runs_once():
    # The same reader restarts playback when the count of lost packets reaches 100 (`lost += 1`, then
    # `if lost == 100:`): the count only goes up, so the test holds on one line at most. A count the loop sets
    # back to zero, one tested with `>=`, one that also goes down, or an attribute another method sets back
    # reaches the value again: reported
    check_marked('''
        import asyncio


        async def watch(lines, restart):
            lost = 0
            async for line in lines:
                if "lost packet" in line:
                    lost += 1
                    if lost == 100:
                        asyncio.create_task(restart())


        async def watch_reset(lines, restart):
            lost = 0
            async for line in lines:
                if "lost packet" in line:
                    lost += 1
                    if lost == 100:
                        lost = 0
                        asyncio.create_task(restart())  # ACK502


        async def watch_at_least(lines, restart):
            lost = 0
            async for line in lines:
                lost += 1
                if lost >= 100:
                    asyncio.create_task(restart())  # ACK502


        async def watch_up_and_down(lines, restart):
            lost = 0
            async for line in lines:
                if "lost packet" in line:
                    lost += 1
                else:
                    lost -= 1
                if lost == 3:
                    asyncio.create_task(restart())  # ACK502


        class Watcher:
            def __init__(self):
                self.lost = 0

            def on_recovered(self):
                self.lost = 0

            async def watch(self, lines, restart):
                async for line in lines:
                    self.lost += 1
                    if self.lost == 100:
                        asyncio.create_task(restart())  # ACK502
    ''', ["ACK502"])


def test_a_noqa_for_a_peers_code_on_the_open_judges_the_reads_of_that_file():
    # A GitHub action reads a category file in a coroutine and silences the open the way flake8-async and ruff
    # report it (`with open(...) as f:  # noqa: ASYNC230`): that judged the file's I/O, and its read, the dump
    # into it and the loop over its lines are that same I/O. A file opened on a line with no noqa, one handed in
    # as a parameter, or a call that also touches such a file are still reported
    check_marked('''
        import io
        import json
        import shutil


        async def choose(workspace, category, log: io.TextIOWrapper):
            with open(f"{workspace}/{category}") as cat_file:  # noqa: ASYNC230
                new = json.loads(cat_file.read())
            with open(f"{workspace}/{category}.new") as fresh:  # ACK103
                new += json.loads(fresh.read())  # ACK103
            out = open(f"{workspace}/out.json", "w")  # noqa: ACK103
            json.dump(new, out)
            shutil.copyfileobj(fresh, out)  # ACK103
            with open(f"{workspace}/{category}.log") as lines:  # noqa
                for line in lines:
                    new.append(line)
            log.write(f"{len(new)} entries")  # ACK103
            return new
    ''', ["ACK103"])


def test_disk_usage_is_a_look_at_the_file_system_not_file_io():
    # A bot's usage command reports free space with `shutil.disk_usage(".")`: one statvfs call, the metadata
    # look `os.statvfs` and `os.stat` are (ACK110, where the file system may be slow), not a read or write of
    # files (ACK103), which a copy still is
    check_marked('''
        import os
        import shutil


        async def usage(event, backup):
            total, used, free = shutil.disk_usage(".")  # ACK110
            blocks = os.statvfs(".").f_bavail  # ACK110
            shutil.copyfile("config.env", backup)  # ACK103
            await event.reply(f"{free} free, {blocks} blocks")
    ''', ["ACK103", "ACK110"])


def test_cancelling_and_awaiting_a_task_held_at_a_literal_index_is_the_cancel_idiom():
    # A home-automation scripting engine reaps tasks it is handed as ("cancel", task) pairs on a queue:
    # `cmd[1].cancel()` then `await cmd[1]` under `except asyncio.CancelledError: pass`, the idiom written with
    # a name (`task.cancel(); await task`) that is left alone. Awaiting another element than the one cancelled,
    # or something else as well, can swallow the reaper's own cancellation: reported
    check_marked('''
        import asyncio


        async def reaper(commands):
            while True:
                cmd = await commands.get()
                if cmd[0] == "cancel":
                    try:
                        cmd[1].cancel()
                        await cmd[1]
                    except asyncio.CancelledError:
                        pass


        class Reaper:
            def __init__(self):
                self.tasks = {}

            async def stop(self, name):
                try:
                    self.tasks["reader"].cancel()
                    await self.tasks["reader"]
                except asyncio.CancelledError:
                    pass
                await self.flush(name)

            async def stop_other(self, name):
                try:
                    self.tasks["reader"].cancel()
                    await self.tasks["writer"]
                except asyncio.CancelledError:  # ACK601
                    pass
                await self.flush(name)

            async def flush(self, name):
                await asyncio.sleep(0)


        async def reaper_waits_more(commands):
            while True:
                cmd = await commands.get()
                try:
                    cmd[1].cancel()
                    await cmd[1]
                    await commands.join()
                except asyncio.CancelledError:  # ACK601
                    pass
    ''', ["ACK601", "ACK602"])


def test_a_spawn_whose_own_branch_then_sleeps_a_long_interval_is_paced():
    # A scripting engine's kernel housekeeper starts its shutdown when the last client leaves and then sleeps
    # (`create_task(self.shutdown()); await asyncio.sleep(10000)`, the shutdown cancels it): every pass that
    # spawns pauses for the interval. A sleep in another branch, or `sleep(0)`, paces nothing: reported
    check_marked('''
        import asyncio


        class Kernel:
            def __init__(self, inbox):
                self.inbox = inbox
                self.clients = 0

            async def shutdown(self):
                await asyncio.sleep(0)

            async def housekeep(self):
                while True:
                    msg = await self.inbox.get()
                    if msg == "left":
                        self.clients -= 1
                        if self.clients == 0:
                            asyncio.create_task(self.shutdown())
                            await asyncio.sleep(10000)

            async def housekeep_other_branch(self):
                while True:
                    msg = await self.inbox.get()
                    if msg == "left":
                        asyncio.create_task(self.shutdown())  # ACK502
                    else:
                        await asyncio.sleep(5)

            async def housekeep_yields(self):
                while True:
                    msg = await self.inbox.get()
                    if msg == "left":
                        asyncio.create_task(self.shutdown())  # ACK502
                        await asyncio.sleep(0)
    ''', ["ACK502"])


def test_a_task_filed_in_a_module_registry_another_handler_cancels_is_the_cancel_idiom():
    # A chat bot runs each request as a task filed under the user (`user_tasks[user_id] = task`) and awaits it;
    # its /cancel command cancels the filed task (`task = user_tasks[user_id]; task.cancel()`). Catching
    # CancelledError around `await task` is the cancel idiom, as with a `self._task` another method cancels. A
    # registry nobody cancels (only emptied) though others are, or a task filed nowhere, still report
    check_marked('''
        import asyncio

        user_tasks = {}
        user_jobs = {}
        uploads = {}


        async def handle(update, work):
            task = asyncio.create_task(work())
            user_tasks[update.user] = task
            try:
                await task
            except asyncio.CancelledError:
                await update.reply("Canceled")
            finally:
                user_tasks.pop(update.user, None)


        async def cancel(update):
            if update.user in user_tasks:
                task = user_tasks[update.user]
                task.cancel()


        async def cancel_all():
            for job in user_jobs.values():
                job.cancel()


        async def handle_job(update, work):
            job = asyncio.create_task(work())
            user_jobs[update.user] = job
            try:
                await job
            except asyncio.CancelledError:
                await update.reply("Canceled")


        async def handle_upload(update, work):
            task = asyncio.create_task(work())
            uploads[update.user] = task
            try:
                await task
            except asyncio.CancelledError:  # ACK602
                await update.reply("Canceled")
            finally:
                del uploads[update.user]


        async def handle_unfiled(update, work):
            task = asyncio.create_task(work())
            try:
                await task
            except asyncio.CancelledError:  # ACK602
                await update.reply("Canceled")
    ''', ["ACK601", "ACK602"])


def test_the_fix_leaves_the_io_of_a_file_whose_open_a_noqa_judged():
    # `--fix` rewrites what the report shows and nothing it silences: the dump into a file opened on a
    # `# noqa: ASYNC230` line stays as written, the dump into another file is handed to a thread
    from asynccheck.lint.fix import fix_source
    from asynccheck.lint.results import Knowledge

    source = textwrap.dedent('''
        import json


        async def dump(path, data):
            out = open(path, "w")  # noqa: ASYNC230
            json.dump(data, out)
            other = open(path + ".bak", "w")
            json.dump(data, other)
    ''')
    after, applied = fix_source(source.encode(), "example", False, ALL.enabled, Knowledge(), frozenset({"example"}),
                                unsafe=True)
    assert applied == 2
    assert "    json.dump(data, out)\n" in after
    assert "await asyncio.to_thread(json.dump, data, other)" in after
