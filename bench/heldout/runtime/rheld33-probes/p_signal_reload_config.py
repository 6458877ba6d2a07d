"""A daemon whose SIGHUP handler (add_signal_handler) is logging.config.fileConfig itself."""
import asyncio
import logging.config
import os
import signal
import tempfile

CONF = os.path.join(tempfile.mkdtemp(), "log.ini")
with open(CONF, "w") as f:
    f.write("[loggers]\nkeys=root\n[handlers]\nkeys=h\n[formatters]\nkeys=\n"
            "[logger_root]\nlevel=INFO\nhandlers=h\n[handler_h]\nclass=NullHandler\nargs=()\n")


async def main():
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGHUP, logging.config.fileConfig, CONF)  # PLANT ACK103
    os.kill(os.getpid(), signal.SIGHUP)
    await asyncio.sleep(0.1)
    print("reloaded")


asyncio.run(main())
