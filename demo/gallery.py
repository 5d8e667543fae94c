"""The galleries. The 14th and 15th editions have an album each: eight photos drawn here with
Pillow (gradients and shapes in the portal's colours, with a caption; nothing is downloaded),
re-encoded by core.images.process_image (no EXIF), with the gallery's three thumbnail sizes,
and one video link with a stored thumbnail. The files get fixed names under MEDIA_ROOT
(gallery/demo/...) and are drawn only when missing, so seeding again, or another database on
the same media folder, writes nothing twice.
"""

import io
import random
from functools import partial

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from PIL import Image, ImageDraw, ImageFont

from core.images import process_image
from gallery.models import Album, MediaItem
from gallery.services import album_create, video_add
from gallery.thumbnails import SIZES

from .common import staff_user

TEAL, TEAL_DARK, AMBER, SAND, LINK = "#0b4f6c", "#083a50", "#ffc857", "#f6f4ef", "#0b5f83"
CORAL, SAGE = "#e07a5f", "#81b29a"
PHOTO_SIZE = (1200, 800)
OUTDOORS = {3, 6}  # the school visit and the evening out, in both albums
CREDIT = "ASEF / ClassNet"

ALBUMS = {
    14: (
        "Helsinki 2018: Reprogramming STEM Education",
        "Four days at Finlandia Hall on gender equality in STEM: plenaries, workshops, school "
        "visits and the collaboration fair.",
        [
            "Opening plenary at Finlandia Hall",
            "Keynote: reprogramming STEM education",
            "Workshop: coding clubs where every girl takes part",
            "School visit at a Helsinki upper secondary school",
            "Collaboration fair: partner classes found across two continents",
            "Capacity training on inclusive science lessons",
            "Welcome dinner by the sea",
            "The 14th ClassNet Awards ceremony",
        ],
        "https://www.youtube.com/watch?v=CNdemo14hel",
        "Highlights of the 14th ClassNet Conference in Helsinki",
    ),
    15: (
        "Tokyo 2019: ESD and AI",
        "The 15th edition at the United Nations University in Tokyo: education for sustainable "
        "development, artificial intelligence and the teachers who bring them together.",
        [
            "Opening plenary at the United Nations University",
            "Keynote on sustainable development and AI",
            "Workshop: AI literacy for teachers",
            "School visit in Shibuya",
            "Collaboration fair in the main hall",
            "Group work: sustainability projects with AI tools",
            "An evening walk through Harajuku",
            "Reporting back and next steps",
        ],
        "https://www.youtube.com/watch?v=CNdemo15tok",
        "Highlights of the 15th ClassNet Conference in Tokyo",
    ),
}
SCHEMES = [
    (TEAL, LINK, AMBER),
    (TEAL_DARK, TEAL, SAND),
    (LINK, SAGE, AMBER),
    (TEAL, CORAL, SAND),
    (TEAL_DARK, LINK, CORAL),
    (SAGE, TEAL, AMBER),
    (CORAL, AMBER, TEAL_DARK),
    (TEAL_DARK, TEAL_DARK, AMBER),
]


def _font(size: int) -> ImageFont.ImageFont:
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)


def _centred(draw: ImageDraw.ImageDraw, width: int, y: int, text: str, size: int, colour: str):
    """Centred, and small enough to stay clear of the sides a gallery card crops off."""
    font = _font(size)
    while draw.textlength(text, font=font) > width * 0.8 and size > 14:
        size -= 2
        font = _font(size)
    x = (width - draw.textlength(text, font=font)) / 2
    draw.text((x, y), text, font=font, fill=_rgb(colour))


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _gradient(size: tuple[int, int], top: str, bottom: str) -> Image.Image:
    strip = Image.new("RGB", (1, 2))
    strip.putpixel((0, 0), _rgb(top))
    strip.putpixel((0, 1), _rgb(bottom))
    return strip.resize(size, Image.Resampling.BILINEAR)


def _draw_photo(number: int, index: int, heading: str, caption: str) -> bytes:
    """A scene in the portal's colours: a screen or a skyline, people, a caption band."""
    rng = random.Random(f"{number}-{index}")  # noqa: S311 - the same picture every time
    width, height = PHOTO_SIZE
    top, bottom, accent = SCHEMES[index % len(SCHEMES)]
    image = _gradient(PHOTO_SIZE, top, bottom).convert("RGBA")
    layer = Image.new("RGBA", PHOTO_SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    # Soft light circles in the background.
    for _ in range(6):
        x, y, r = rng.randrange(width), rng.randrange(height // 2), rng.randrange(60, 220)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*_rgb(SAND), rng.randrange(18, 45)))
    if index in OUTDOORS:
        # Outdoors: a skyline of lit buildings.
        x = rng.randrange(-40, 0)
        while x < width:
            w, h = rng.randrange(70, 160), rng.randrange(120, 340)
            draw.rectangle((x, 470 - h, x + w, 480), fill=(*_rgb(TEAL_DARK), 230))
            for wy in range(470 - h + 20, 450, 34):
                for wx in range(x + 14, x + w - 20, 30):
                    if rng.random() < 0.6:
                        draw.rectangle((wx, wy, wx + 12, wy + 16), fill=(*_rgb(AMBER), 220))
            x += w + rng.randrange(6, 30)
    else:
        # A screen on the stage.
        left = rng.randrange(140, 420)
        draw.rounded_rectangle(
            (left, 90, left + rng.randrange(380, 620), 330), radius=18, fill=(*_rgb(SAND), 210)
        )
        draw.rectangle((left + 30, 130, left + 260, 150), fill=(*_rgb(accent), 255))
        for line in range(3):
            draw.rectangle(
                (left + 30, 180 + line * 38, left + 330 - line * 50, 196 + line * 38),
                fill=(*_rgb(TEAL), 160),
            )
    # The audience: rows of heads and shoulders.
    for row, y in enumerate((470, 540, 610)):
        step = 86 + row * 6
        for x in range(rng.randrange(-30, 40), width + 60, step):
            colour = rng.choice([AMBER, CORAL, SAGE, SAND, LINK])
            draw.ellipse((x, y, x + 44, y + 44), fill=(*_rgb(colour), 235))
            draw.rounded_rectangle(
                (x - 16, y + 48, x + 60, y + 140), radius=24, fill=(*_rgb(colour), 200)
            )
    # The caption band.
    draw.rectangle((0, height - 130, width, height), fill=(*_rgb(TEAL_DARK), 225))
    _centred(draw, width, height - 112, heading.upper(), 24, AMBER)
    _centred(draw, width, height - 76, caption, 36, SAND)
    image = Image.alpha_composite(image, layer).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def _draw_video_thumbnail(heading: str, title: str) -> bytes:
    size = (960, 640)  # the photos' 3:2, so that a gallery card crops them alike
    image = _gradient(size, TEAL_DARK, LINK)
    draw = ImageDraw.Draw(image)
    cx, cy = size[0] // 2, size[1] // 2 - 30
    draw.ellipse((cx - 70, cy - 70, cx + 70, cy + 70), fill=_rgb(AMBER))
    draw.polygon([(cx - 22, cy - 38), (cx - 22, cy + 38), (cx + 42, cy)], fill=_rgb(TEAL_DARK))
    _centred(draw, size[0], size[1] - 150, heading.upper(), 22, AMBER)
    _centred(draw, size[0], size[1] - 114, title, 30, SAND)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def _store(name: str, data: bytes) -> str:
    if not default_storage.exists(name):
        stored = default_storage.save(name, ContentFile(data))
        assert stored == name, f"the demo file {name} was stored as {stored}"  # noqa: S101
    return name


def _encode(image: Image.Image, side: int) -> bytes:
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    copy.convert("RGB").save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def _photo_files(stem: str, draw) -> dict[str, str]:
    """The photo re-encoded by process_image and its thumbnails (gallery.tasks.SIZES), under
    fixed names: drawn only when one is missing."""
    names = {"image": f"{stem}.jpg"} | {
        field: f"{stem}-{side}.jpg" for field, side in SIZES.items()
    }
    if all(default_storage.exists(name) for name in names.values()):
        return names
    processed = process_image(ContentFile(draw(), name="demo.jpg")).image
    data = processed.read()
    _store(names["image"], data)
    with Image.open(io.BytesIO(data)) as stored:
        stored.load()
        for field, side in SIZES.items():
            _store(names[field], _encode(stored, side))
    return names


@transaction.atomic
def seed_gallery(editions: dict) -> None:
    """An album for the 14th and for the 15th edition: eight photos and a video each."""
    staff = staff_user()
    for number, (title, description, captions, video_url, video_title) in ALBUMS.items():
        edition = editions[number]
        if Album.objects.filter(edition=edition, title=title).exists():
            continue
        album = album_create(by=staff, title=title, description=description, edition=edition)
        heading = f"ClassNet Conference · {edition.city} {edition.starts_on.year}"
        items = []
        for index, caption in enumerate(captions):
            names = _photo_files(
                f"gallery/demo/{number}-{index + 1:02d}",
                partial(_draw_photo, number, index, heading, caption),
            )
            items.append(
                MediaItem(
                    album=album,
                    kind=MediaItem.Kind.PHOTO,
                    caption=caption,
                    credit=CREDIT,
                    licence=MediaItem.Licence.CC_BY,
                    consent_confirmed=True,
                    uploaded_by=staff,
                    image=names["image"],
                    thumb_small=names["thumb_small"],
                    thumb_medium=names["thumb_medium"],
                    thumb_large=names["thumb_large"],
                    processing=MediaItem.Processing.READY,
                    position=index,
                )
            )
        # demo-direct: photo_add stores each upload under a new name and leaves the thumbnails
        # to the gallery.make_thumbnails task after commit (never run inside a test's
        # transaction, nor before `make run` starts its worker); the demo's photos are drawn
        # once under fixed names, re-encoded by process_image as photo_add would, and ready.
        MediaItem.objects.bulk_create(items)
        video = video_add(
            album=album,
            by=staff,
            url=video_url,
            caption=video_title,
            credit=CREDIT,
            licence=MediaItem.Licence.CC_BY,
            consent=True,
        )
        # demo-direct: video_add would store the thumbnail under a new name on every seed; the
        # demo's is drawn once under a fixed name (re-encoded by process_image) and attached.
        thumbnail = f"gallery/demo/{number}-video.jpg"
        if not default_storage.exists(thumbnail):
            processed = process_image(
                ContentFile(_draw_video_thumbnail(heading, video_title), name="video.jpg"),
                thumbnail_side=320,
            )
            _store(thumbnail, processed.image.read())
        MediaItem.objects.filter(pk=video.pk).update(video_thumbnail=thumbnail)
