"""What the linter knows about the libraries of interactive programs: pygame's clock and waits, matplotlib's
pyplot pause, the prompts of prompt_toolkit (and questionary, built on it) and Rich's console, and a desktop's
clipboard, speech, sounds, screen and journal (pyperclip, pyttsx3, playsound, simpleaudio, mss, pyautogui,
systemd's journal).

A game's frame limiter and a live plot's refresh both sleep on the calling thread: `clock.tick(60)` waits out
what is left of the frame (SDL_Delay; `tick_busy_loop` spins instead), `plt.pause(0.2)` runs the GUI's event
loop for that long (or sleeps, with no figure shown). A prompt_toolkit prompt waits for the user at the terminal;
its `prompt_async()` is the coroutine to await instead. A questionary question (`questionary.text(...)`,
`select(...)`) is made without waiting; its `ask()` waits for the answer (`ask_async()` is the coroutine). pyperclip
runs the platform's clipboard program (xclip, xsel, wl-paste, pbpaste) for each copy or paste; pyttsx3's
`runAndWait()` speaks what was queued and returns when it is said; `playsound()` plays the file to its end (unless
told `block=False`); a simpleaudio play object's `wait_done()` waits for the end of the sound; mss's `shot()` grabs
the screen and writes a PNG; pyautogui's `locate*OnScreen()` grab the screen and search it for the image;
a systemd journal reader reads the journal's files as it is iterated. knowledge.py merges these tables into its own; the names
follow its conventions (canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

PYGAME_CLOCK = "pygame.time.Clock"
PROMPT_SESSION = "prompt_toolkit.PromptSession"
# a Rich console's `input()` prints its prompt and reads a line, as `input()` does
RICH_CONSOLE = "rich.console.Console"

CANONICAL: Dict[str, str] = {
    "prompt_toolkit.shortcuts.PromptSession": PROMPT_SESSION,
    "prompt_toolkit.shortcuts.prompt.PromptSession": PROMPT_SESSION,
}
QUESTION = "questionary.Question"
_QUESTION_MAKERS = "text password confirm select rawselect checkbox autocomplete path press_any_key_to_continue form"
CANONICAL.update({"questionary.question.Question": QUESTION, "questionary.form.Form": QUESTION})
RETURNS: Dict[str, str] = {PYGAME_CLOCK: PYGAME_CLOCK, PROMPT_SESSION: PROMPT_SESSION, RICH_CONSOLE: RICH_CONSOLE,
                           "rich.get_console": RICH_CONSOLE,
                           **{f"questionary.{maker}": QUESTION for maker in _QUESTION_MAKERS.split()}}

BLOCKING_FUNCTIONS: Dict[str, str] = {
    # `wait` sleeps, `delay` spins on the processor: both hold the thread for the milliseconds asked
    "pygame.time.wait": "ACK101", "pygame.time.delay": "ACK101",
    # runs the figure's GUI event loop for the interval (a plain sleep when no figure is shown)
    "matplotlib.pyplot.pause": "ACK101",
    # the shortcut functions make a session and wait for its answer
    **{f"prompt_toolkit.{where}prompt": "ACK107" for where in ("", "shortcuts.", "shortcuts.prompt.")},
    **{f"prompt_toolkit.{where}confirm": "ACK107" for where in ("shortcuts.", "shortcuts.prompt.")},
    **{f"prompt_toolkit.{where}choice": "ACK107" for where in ("", "shortcuts.", "shortcuts.choice_input.")},
    # a list of questions asked one after the other
    **{f"questionary.{f}": "ACK107" for f in ("prompt", "unsafe_prompt")},
    **{f"pyperclip.{f}": "ACK104" for f in ("copy", "paste", "waitForPaste", "waitForNewPaste")},
    "playsound.playsound": "ACK106",
    **{f"pyautogui.{f}": "ACK109" for f in ("locateOnScreen", "locateAllOnScreen", "locateCenterOnScreen",
                                            "locateOnWindow", "pixelMatchesColor")},
    "pyautogui.sleep": "ACK101",
}
SOUND_PLAY = "simpleaudio.PlayObject"
MSS = "mss.base.MSSBase"
JOURNAL = "systemd.journal.Reader"
CANONICAL.update({"pyttsx3.engine.Engine": "pyttsx3.Engine", "mss.mss": MSS, "mss.factory.mss": MSS,
                  "simpleaudio.shiny.PlayObject": SOUND_PLAY, "simpleaudio.shiny.WaveObject": "simpleaudio.WaveObject",
                  "systemd.journal.Reader": JOURNAL})
RETURNS.update({"pyttsx3.init": "pyttsx3.Engine", "simpleaudio.WaveObject.play": SOUND_PLAY,
                "simpleaudio.play_buffer": SOUND_PLAY, MSS: MSS, JOURNAL: JOURNAL})
BLOCKING_ITERATION: Dict[str, str] = {JOURNAL: "ACK103"}
# Tk: every widget and the root window derive from `Misc`, whose `mainloop()` runs Tk's event loop until the
# window closes and whose `wait_*` run it until a window goes, a variable changes or a window shows: each waits for
# the user. (`update()` runs it only until the events already queued are handled: the step a coroutine that drives
# Tk beside asyncio takes each round, `root.update()` then `await asyncio.sleep(...)`, so it is not one.)
TK_MISC = "tkinter.Misc"
# Tk objects belong to the thread that made the interpreter: a call of theirs moved to a worker thread fails or
# crashes, so the fix and the advice never offload one
THREAD_AFFINE = ("tkinter.",)
TK_WHAT = "runs Tk's event loop until the user closes the window or answers, and the event loop waits meanwhile"
TK_ADVICE = ("let a Tk callback open the dialog or wait, and drive Tk from a coroutine a step at a time "
             "(`root.update()` then `await asyncio.sleep(...)`, as async-tkinter-loop does) instead of `mainloop()`")
# Tk's standard dialogs are modal: each runs Tk's event loop until the user answers
_TK_DIALOGS = {"messagebox": "showinfo showwarning showerror askquestion askokcancel askyesno askyesnocancel "
                             "askretrycancel",
               "filedialog": "askopenfilename askopenfilenames askopenfile askopenfiles asksaveasfilename "
                             "asksaveasfile askdirectory",
               "simpledialog": "askstring askinteger askfloat",
               "colorchooser": "askcolor"}
BLOCKING_FUNCTIONS_TK: Dict[str, str] = {f"tkinter.{module}.{f}": "ACK107" for module, names in _TK_DIALOGS.items()
                                         for f in names.split()}
BLOCKING_METHODS: Tuple[Tuple[Tuple[str, ...], str, str], ...] = (
    ((TK_MISC,), "ACK107", "mainloop wait_window wait_variable waitvar wait_visibility"),
    ((PYGAME_CLOCK,), "ACK101", "tick tick_busy_loop"),
    # (with `in_thread=True` the prompt runs on a thread of its own, and the caller still waits for it)
    ((PROMPT_SESSION,), "ACK107", "prompt"),
    ((QUESTION,), "ACK107", "ask unsafe_ask"),
    ((RICH_CONSOLE,), "ACK107", "input"),
    (("pyttsx3.Engine",), "ACK106", "runAndWait startLoop"),
    ((SOUND_PLAY,), "ACK106", "wait_done"),
    ((MSS,), "ACK103", "shot save"),
    ((JOURNAL,), "ACK103", "get_next get_previous seek_tail seek_head seek_realtime"),
    ((JOURNAL,), "ACK106", "wait"),
)
# a clock ticked without a frame rate (or with 0) only measures the time since the last tick
NON_BLOCKING_ARGS: Dict[str, Tuple[Tuple[Tuple[int, str, str], ...], ...]] = {
    **{f"{PYGAME_CLOCK}.{m}": (((0, "framerate", "false_or_absent"),),) for m in ("tick", "tick_busy_loop")},
    "playsound.playsound": (((1, "block", "false"),),),
}
COROUTINE_FUNCTIONS: FrozenSet[str] = frozenset({f"{PROMPT_SESSION}.prompt_async", f"{QUESTION}.ask_async",
                                                 f"{QUESTION}.unsafe_ask_async",
                                                 "questionary.prompt_async", "questionary.unsafe_prompt_async"})
