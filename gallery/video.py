"""Video links: which host, and the player we may load when the visitor asks for it."""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


@dataclass(frozen=True)
class VideoLink:
    url: str
    host: str  # e.g. "www.youtube.com": shown on the play button
    player: str  # "youtube", "vimeo" or "" (unknown host: a plain link only)
    video_id: str


def parse_video_url(url: str) -> VideoLink:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    bare = host.removeprefix("www.").removeprefix("m.")
    video_id = ""
    player = ""
    if bare in {"youtube.com", "youtube-nocookie.com"}:
        if parts.path == "/watch":
            video_id = (parse_qs(parts.query).get("v") or [""])[0]
        elif parts.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parts.path.split("/")[2]
        player = "youtube"
    elif bare == "youtu.be":
        video_id = parts.path.lstrip("/").split("/")[0]
        player = "youtube"
    elif bare in {"vimeo.com", "player.vimeo.com"}:
        digits = [p for p in parts.path.split("/") if p.isdigit()]
        video_id = digits[0] if digits else ""
        player = "vimeo"
    if not _ID.match(video_id) or (player == "vimeo" and not video_id.isdigit()):
        player, video_id = "", ""
    return VideoLink(url=url, host=host, player=player, video_id=video_id)
