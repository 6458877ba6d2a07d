"""A media bot: downloads clips, transcodes them, mails and publishes the results."""
from __future__ import annotations

import asyncio
import imaplib
import smtplib
import subprocess
from email.message import EmailMessage
from functools import partial

import aiosmtplib
import paho.mqtt.publish as mqtt_publish
import pika
import yagmail
import yt_dlp
from PIL import Image
from pydub import AudioSegment

FFMPEG = "/usr/bin/ffmpeg"


async def fetch_clip(url: str) -> str:  # expect: blocking-call
    with yt_dlp.YoutubeDL({"outtmpl": "/tmp/%(id)s.%(ext)s"}) as ydl:
        info = ydl.extract_info(url, download=True)
    return info["id"]


async def fetch_clip_offloaded(url: str) -> dict:  # expect: clean  # near: blocking-call
    def _download():
        with yt_dlp.YoutubeDL({"quiet": True}) as ydl:
            return ydl.extract_info(url, download=True)

    return await asyncio.to_thread(_download)


async def transcode(src: str, dst: str) -> int:  # expect: blocking-call
    proc = subprocess.run([FFMPEG, "-y", "-i", src, dst], capture_output=True)
    return proc.returncode


async def transcode_async(src: str, dst: str) -> int:  # expect: clean  # near: blocking-call
    proc = await asyncio.create_subprocess_exec(FFMPEG, "-y", "-i", src, dst)
    return await proc.wait()


async def probe_duration(path: str) -> float:  # expect: blocking-call
    out = subprocess.check_output(["ffprobe", "-show_entries", "format=duration", "-of", "csv=p=0", path])
    return float(out)


async def make_thumbnail(src: str, dst: str) -> None:  # expect: blocking-call
    img = Image.open(src)
    img.thumbnail((256, 256))
    img.save(dst)


async def thumbnail_offloaded(src: str, dst: str) -> None:  # expect: clean  # near: blocking-call
    def work():
        with Image.open(src) as img:
            img.thumbnail((256, 256))
            img.save(dst)

    await asyncio.get_running_loop().run_in_executor(None, work)


async def normalize_audio(path: str) -> str:  # expect: blocking-call
    seg = AudioSegment.from_file(path)
    out = path.replace(".wav", ".norm.mp3")
    seg.normalize().export(out, format="mp3")
    return out


async def mail_report(to: str, body: str) -> None:  # expect: blocking-call
    msg = EmailMessage()
    msg["To"], msg["Subject"] = to, "report"
    msg.set_content(body)
    with smtplib.SMTP("smtp.example.invalid", 587) as smtp:
        smtp.starttls()
        smtp.send_message(msg)


async def mail_report_async(to: str, body: str) -> None:  # expect: clean  # near: blocking-call
    msg = EmailMessage()
    msg["To"], msg["Subject"] = to, "report"
    msg.set_content(body)
    await aiosmtplib.send(msg, hostname="smtp.example.invalid", port=587, start_tls=True)


class Notifier:  # expect: blocking-call
    def __init__(self, user: str, password: str) -> None:
        self.yag = yagmail.SMTP(user, password)

    async def notify(self, to: str, text: str) -> None:
        self.yag.send(to=to, subject="clip ready", contents=text)


async def unread_count(host: str, user: str, pw: str) -> int:  # expect: blocking-call
    box = imaplib.IMAP4_SSL(host)
    box.login(user, pw)
    _, data = box.search(None, "UNSEEN")
    box.logout()
    return len(data[0].split())


async def announce(topic: str, payload: str) -> None:  # expect: blocking-call
    mqtt_publish.single(topic, payload, hostname="mqtt.example.invalid")


async def announce_offloaded(topic: str, payload: str) -> None:  # expect: clean  # near: blocking-call
    await asyncio.to_thread(partial(mqtt_publish.single, topic, payload, hostname="mqtt.example.invalid"))


class JobPublisher:  # expect: blocking-call
    def __init__(self, url: str) -> None:
        self._params = pika.URLParameters(url)

    async def publish(self, body: bytes) -> None:
        conn = pika.BlockingConnection(self._params)
        ch = conn.channel()
        ch.basic_publish(exchange="", routing_key="jobs", body=body)
        conn.close()


def build_message(to: str, body: str) -> EmailMessage:  # expect: clean  # near: blocking-call
    msg = EmailMessage()
    msg["To"] = to
    msg.set_content(body)
    return msg


def send_digest_sync(to: str, body: str) -> None:  # expect: clean  # near: blocking-call
    # only used by the nightly cron script, never from the bot's loop
    with smtplib.SMTP("smtp.example.invalid") as smtp:
        smtp.send_message(build_message(to, body))


async def image_size(data: bytes) -> tuple[int, int]:  # expect: ?blocking-call
    import io
    with Image.open(io.BytesIO(data)) as img:
        return img.size
