"""What the linter knows about the media tools a bot or a pipeline drives from Python: yt-dlp (and youtube-dl,
whose API it kept) and pydub.

A `YoutubeDL` is made without a request; `extract_info()` fetches the page and the format manifests (and, with
`download=True`, the media itself), `download()` fetches and writes the files. pydub reads an audio file whole
into memory when a segment is made from it, running ffmpeg to decode it unless it is a WAV; `export()` encodes
(with ffmpeg again) and writes it. A segment's effects (`normalize()`, `fade_in()`, slicing) compute in memory
and give a new segment. knowledge.py merges these tables into its own; the names follow its conventions
(canonical qualified names, `<type>.<method>`).
"""
from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

YTDL = "yt_dlp.YoutubeDL"
AUDIO_SEGMENT = "pydub.AudioSegment"
_AUDIO_READERS = ("from_file", "from_mp3", "from_wav", "from_ogg", "from_flv", "from_file_using_temporary_files")

CANONICAL: Dict[str, str] = {
    "yt_dlp.YoutubeDL.YoutubeDL": YTDL, "youtube_dl.YoutubeDL": YTDL, "youtube_dl.YoutubeDL.YoutubeDL": YTDL,
    "pydub.audio_segment.AudioSegment": AUDIO_SEGMENT,
}
BLOCKING_FUNCTIONS: Dict[str, str] = {
    **{f"{AUDIO_SEGMENT}.{m}": "ACK103" for m in _AUDIO_READERS},
    f"{AUDIO_SEGMENT}.export": "ACK103",
}
BLOCKING_METHODS: Tuple[Tuple[Tuple[str, ...], str, str], ...] = (
    ((YTDL,), "ACK102", "extract_info download download_with_info_file process_ie_result process_info urlopen"),
)
RETURNS: Dict[str, str] = {
    YTDL: YTDL,
    **{f"{AUDIO_SEGMENT}.{m}": AUDIO_SEGMENT for m in _AUDIO_READERS},
}
# a segment's methods give a new segment, but for these
FLUENT_TYPES: Dict[str, FrozenSet[str]] = {
    AUDIO_SEGMENT: frozenset({"export", "get_array_of_samples", "get_dc_offset", "get_frame"}),
}
