"""What the linter knows about the media tools a bot or a pipeline drives from Python: yt-dlp (and youtube-dl,
whose API it kept), pydub, moviepy, Pillow's images and fonts, and audio tag readers (mutagen, tinytag, eyeD3).

A `YoutubeDL` is made without a request; `extract_info()` fetches the page and the format manifests (and, with
`download=True`, the media itself), `download()` fetches and writes the files. pydub reads an audio file whole
into memory when a segment is made from it, running ffmpeg to decode it unless it is a WAV; `export()` encodes
(with ffmpeg again) and writes it. A segment's effects (`normalize()`, `fade_in()`, slicing) compute in memory
and give a new segment. moviepy opens a video or audio file by running ffmpeg on it to read its format and keeps
that reader process to decode frames; `write_videofile()` (and the other writers) encodes the whole clip through
an ffmpeg process it waits for. A clip's edits (`subclip()`, `resize()`, `fx()`, `set_audio()`, the `with_*` and
`subclipped()` of moviepy 2) only describe a new clip. A Pillow image's methods give a new image in memory
(`convert()`, `resize()`, `ImageOps.fit(im, size)`), as do its constructors (`Image.new()`, `Image.fromarray()`),
and each can be saved to a file (knowledge.py's `PIL.Image.Image.save`); a TrueType font is read from its file when
loaded. A mutagen file type (`MP3(path)`, `mutagen.File(path)`, `ID3(path)`) reads the file's header and tags
when it is made from a path or a file object (made with nothing, it is an empty tag set), and `save()` writes them
back into the file; tinytag's `TinyTag.get()` and eyeD3's `load()` read the file they are named. knowledge.py merges these tables into its own; the names follow its conventions
(canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

YTDL = "yt_dlp.YoutubeDL"
AUDIO_SEGMENT = "pydub.AudioSegment"
_AUDIO_READERS = ("from_file", "from_mp3", "from_wav", "from_ogg", "from_flv", "from_file_using_temporary_files")

# moviepy 1 exports its clips from `moviepy.editor`, moviepy 2 from the package
_CLIP_MODULES = {"VideoFileClip": "moviepy.video.io.VideoFileClip", "AudioFileClip": "moviepy.audio.io.AudioFileClip"}
FILE_CLIPS = tuple(f"moviepy.{kind}" for kind in _CLIP_MODULES)
_CLIP_WRITERS = ("write_videofile", "write_audiofile", "write_gif", "write_images_sequence", "save_frame")
_CLIP_NOT_EDITS = frozenset({*_CLIP_WRITERS, "close", "get_frame", "iter_frames", "to_soundarray", "preview",
                             "show", "duration", "size", "fps", "reader", "audio"})

PIL_IMAGE = "PIL.Image.Image"
_PIL_MAKERS = ("new", "frombytes", "frombuffer", "fromarray", "merge", "composite", "blend", "alpha_composite")
_PIL_OPS = ("fit pad contain cover grayscale invert mirror flip exif_transpose autocontrast equalize expand crop "
            "scale posterize solarize colorize").split()
# an image's methods that give no new image: they write it, change it in place, or read something out of it
_PIL_NOT_IMAGES = frozenset((
    "save show close load verify seek tell thumbnail paste putalpha putdata putpixel putpalette getpixel getdata "
    "tobytes tobitmap getbbox getextrema histogram entropy split getbands getexif getcolors getpalette getxmp "
    "apply_transparency").split())
_PIL_FONT_LOADERS = ("truetype", "load", "load_path")

# mutagen's file types, by the module that defines each (every one is a `mutagen.FileType`, whose `save()` writes)
MUTAGEN_FILE = "mutagen.FileType"
_MUTAGEN_TYPES = (
    "mp3.MP3 mp3.EasyMP3 flac.FLAC mp4.MP4 easymp4.EasyMP4 oggvorbis.OggVorbis oggopus.OggOpus oggflac.OggFLAC "
    "oggspeex.OggSpeex oggtheora.OggTheora wave.WAVE aiff.AIFF asf.ASF apev2.APEv2File monkeysaudio.MonkeysAudio "
    "musepack.Musepack wavpack.WavPack trueaudio.TrueAudio optimfrog.OptimFROG aac.AAC ac3.AC3 dsf.DSF dsdiff.DSDIFF "
    "smf.SMF id3.ID3FileType"
).split()
_MUTAGEN_TAGS = ("mutagen.id3.ID3", "mutagen.easyid3.EasyID3", "mutagen.apev2.APEv2")
_MUTAGEN_READERS = (*(f"mutagen.{t}" for t in _MUTAGEN_TYPES), *_MUTAGEN_TAGS)

CANONICAL: Dict[str, str] = {
    **{f"moviepy.editor.{kind}": f"moviepy.{kind}" for kind in _CLIP_MODULES},
    **{f"{module}.{kind}": f"moviepy.{kind}" for kind, module in _CLIP_MODULES.items()},
    "yt_dlp.YoutubeDL.YoutubeDL": YTDL, "youtube_dl.YoutubeDL": YTDL, "youtube_dl.YoutubeDL.YoutubeDL": YTDL,
    "pydub.audio_segment.AudioSegment": AUDIO_SEGMENT,
    "mutagen._file.FileType": MUTAGEN_FILE, "mutagen._file.File": "mutagen.File",
    "tinytag.tinytag.TinyTag": "tinytag.TinyTag",
}
BLOCKING_FUNCTIONS: Dict[str, str] = {
    **{f"{AUDIO_SEGMENT}.{m}": "ACK103" for m in _AUDIO_READERS},
    f"{AUDIO_SEGMENT}.export": "ACK103",
    **{f"PIL.ImageFont.{f}": "ACK103" for f in _PIL_FONT_LOADERS},
    **{clip: "ACK104" for clip in FILE_CLIPS},
    **{f"{clip}.{m}": "ACK104" for clip in FILE_CLIPS for m in _CLIP_WRITERS},
    **{reader: "ACK103" for reader in _MUTAGEN_READERS},
    f"{MUTAGEN_FILE}.save": "ACK103", f"{MUTAGEN_FILE}.load": "ACK103",
    "mutagen.File": "ACK103", "tinytag.TinyTag.get": "ACK103", "eyed3.load": "ACK103",
}
BLOCKING_METHODS: Tuple[Tuple[Tuple[str, ...], str, str], ...] = (
    ((YTDL,), "ACK102", "extract_info download download_with_info_file process_ie_result process_info urlopen"),
)
RETURNS: Dict[str, str] = {
    YTDL: YTDL,
    **{f"{AUDIO_SEGMENT}.{m}": AUDIO_SEGMENT for m in _AUDIO_READERS},
    **{clip: clip for clip in FILE_CLIPS},
    **{f"PIL.Image.{f}": PIL_IMAGE for f in _PIL_MAKERS},
    **{f"PIL.ImageOps.{f}": PIL_IMAGE for f in _PIL_OPS},
    # (a tag set, `ID3`, is not a `FileType`, but it is read, changed and saved back the same way)
    **{reader: MUTAGEN_FILE for reader in _MUTAGEN_READERS},
    "mutagen.File": MUTAGEN_FILE,
}
# a font read from an in-memory buffer (`ImageFont.truetype(io.BytesIO(blob), 24)`) touches no file
NON_BLOCKING_ARGS: Dict[str, Tuple[Tuple[Tuple[int, str, str], ...], ...]] = {
    "PIL.ImageFont.truetype": (((0, "font", "memory"),),),
    # a tag set made with nothing (`ID3()`, to fill and save later) reads no file; nor does one read from a buffer
    **{reader: (((0, "filething", "memory_or_absent"),),) for reader in _MUTAGEN_READERS},
    "mutagen.File": (((0, "filething", "memory"),),),
}
# a segment's methods give a new segment, but for these
FLUENT_TYPES: Dict[str, FrozenSet[str]] = {
    AUDIO_SEGMENT: frozenset({"export", "get_array_of_samples", "get_dc_offset", "get_frame"}),
    # a clip's edits give a new clip (of the same reader) without decoding
    **{clip: _CLIP_NOT_EDITS for clip in FILE_CLIPS},
    PIL_IMAGE: _PIL_NOT_IMAGES,
}
