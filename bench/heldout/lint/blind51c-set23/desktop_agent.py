"""A desktop assistant daemon: clipboard, speech, sounds, screenshots and system notifications."""
from __future__ import annotations

import asyncio
import shutil
import webbrowser
from typing import Any

import mss
import pyautogui
import pyperclip
import pyttsx3
import simpleaudio
from playsound import playsound
from plyer import notification
from systemd import journal


async def paste_text() -> str:  # expect: blocking-call
    return pyperclip.paste()


async def say(text: str) -> None:  # expect: blocking-call
    engine = pyttsx3.init()
    engine.say(text)
    engine.runAndWait()


async def chime(path: str) -> None:  # expect: blocking-call
    playsound(path)


async def beep(wave: simpleaudio.WaveObject) -> None:  # expect: blocking-call
    wave.play().wait_done()


async def beep_and_go(wave: simpleaudio.WaveObject) -> Any:  # expect: clean  # near: blocking-call
    return wave.play()


async def screenshot(path: str) -> None:  # expect: blocking-call
    with mss.mss() as sct:
        sct.shot(output=path)


async def click_ok(x: int, y: int) -> None:  # expect: ?blocking-call
    pyautogui.click(x, y)


async def locate_button(image: str) -> Any:  # expect: blocking-call
    return pyautogui.locateOnScreen(image, confidence=0.9)


async def toast(title: str, message: str) -> None:  # expect: ?blocking-call
    notification.notify(title=title, message=message, timeout=5)


async def recent_errors(unit: str) -> list[str]:  # expect: blocking-call
    reader = journal.Reader()
    reader.add_match(_SYSTEMD_UNIT=unit)
    reader.seek_tail()
    return [entry["MESSAGE"] for entry in reader]


async def open_docs(url: str) -> bool:  # expect: clean  # near: blocking-call
    return webbrowser.open(url)


async def has_ffmpeg() -> bool:  # expect: clean  # near: blocking-call
    return shutil.which("ffmpeg") is not None


async def say_offloaded(text: str) -> None:  # expect: clean  # near: blocking-call
    def speak() -> None:
        engine = pyttsx3.init()
        engine.say(text)
        engine.runAndWait()

    await asyncio.to_thread(speak)
