"""Demo data for the network's research survey and the editions' galleries (issue 8).

Written as rows, like the rest of the demo's past: no e-mails, no services, no tasks, the same
every time (random.Random(2024)) and safe to run again.

The survey. "ASEM-wide survey on school leadership in the digital era" ran for six weeks and is
closed: anonymous, meant for all verified teachers, with 296 responses. The demo registers about
130 verified teachers, but the survey counts the answers of the wider network too (teachers of
the partner schools who are not registered in the demo): so every verified demo teacher has an
invitation, most of them marked answered (which is all an anonymous survey records about a
person), and the responses themselves carry only the country, region and school kind, drawn from
the demo's schools. A response rate is therefore read from the invitations, never from the
number of responses. A second survey, "Teachers' use of AI in the classroom", is a draft that
staff can open from the hub.

The galleries. The 14th and 15th editions have an album each: eight photos drawn here with
Pillow (gradients and shapes in the portal's colours, with a caption; nothing is downloaded),
re-encoded by core.images.process_image (no EXIF), with the gallery's three thumbnail sizes,
and one video link with a stored thumbnail. The files get fixed names under MEDIA_ROOT
(gallery/demo/...) and are drawn only when missing, so seeding again, or another database on
the same media folder, writes nothing twice.
"""

import datetime
import io
import random
from functools import partial

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from core.images import process_image
from gallery.models import Album, MediaItem
from gallery.tasks import SIZES
from schools.models import School
from surveys.models import Answer, Choice, Invitation, Question, Response, Section, Survey
from teachers.models import TeacherProfile, User

from .common import DEMO_LOGINS

LEADERSHIP_TITLE = "ASEM-wide survey on school leadership in the digital era"
AI_TITLE = "Teachers' use of AI in the classroom"
RESPONSES = 296
ANSWERED_SHARE = 0.8  # of the invited demo teachers
LIKERT_LOW, LIKERT_HIGH = "Strongly disagree", "Strongly agree"

K = Question.Kind
# Sections of (title, description, questions); a question is (kind, text, required, extra):
# choices for single/multiple, (min, max) for numbers.
LEADERSHIP_SECTIONS = [
    (
        "You and your school",
        "A little about your work, so that answers can be compared.",
        [
            (
                K.SINGLE,
                "What is your role at school?",
                True,
                [
                    "Classroom teacher",
                    "Head of department or subject coordinator",
                    "Deputy head",
                    "Head of school",
                    "Other",
                ],
            ),
            (K.NUMBER, "How many years have you been teaching?", True, (0, 50)),
            (
                K.MULTIPLE,
                "Which digital tools does your school use for teaching?",
                True,
                [
                    "A learning management system",
                    "Video conferencing",
                    "Shared documents",
                    "A device for every student",
                    "Interactive whiteboards",
                    "AI assistants",
                ],
            ),
        ],
    ),
    (
        "Leadership in the digital era",
        "How far do you agree with each statement?",
        [
            (
                K.LIKERT,
                "Our school leadership has a clear vision for digital learning.",
                True,
                None,
            ),
            (
                K.LIKERT,
                "I receive enough professional development on digital teaching.",
                True,
                None,
            ),
            (K.LIKERT, "Teachers take part in decisions about digital tools.", True, None),
        ],
    ),
    (
        "Looking ahead",
        "",
        [
            (
                K.SINGLE,
                "What is the biggest obstacle to digital teaching at your school?",
                True,
                [
                    "Equipment",
                    "Internet connection",
                    "Time to prepare",
                    "Training",
                    "Data protection concerns",
                ],
            ),
            (
                K.NUMBER,
                "How many hours of training on digital teaching did you receive last year?",
                False,
                (0, 300),
            ),
            (K.SHORT_TEXT, "In a few words: what should school leaders do first?", False, None),
            (
                K.LONG_TEXT,
                "Describe a digital initiative at your school that you are proud of.",
                False,
                None,
            ),
        ],
    ),
]

AI_SECTIONS = [
    (
        "How you use AI today",
        "",
        [
            (
                K.SINGLE,
                "How often do you use AI tools to prepare lessons?",
                True,
                ["Never", "About once a month", "Every week", "Every day"],
            ),
            (
                K.MULTIPLE,
                "What do you use them for?",
                False,
                [
                    "Planning lessons",
                    "Feedback on students' work",
                    "Translation",
                    "Making exercises",
                    "Administrative tasks",
                ],
            ),
            (K.LIKERT, "I can tell when an AI tool's answer is wrong.", True, None),
        ],
    ),
    (
        "Your school's approach",
        "",
        [
            (
                K.SINGLE,
                "Does your school have a policy on AI in the classroom?",
                True,
                ["Yes", "It is being written", "No", "I don't know"],
            ),
            (K.LONG_TEXT, "What support would help you most?", False, None),
        ],
    ),
]

# Likert means by region (and a nudge for vocational schools on the first statement): Asian
# schools report a clearer vision from their leaders, European teachers more say in decisions.
LIKERT_MEANS = {
    "asia": [3.8, 3.1, 3.0],
    "europe": [3.3, 2.7, 3.7],
}
MULTIPLE_LIKELIHOOD = [0.7, 0.8, 0.9, 0.35, 0.55, 0.2]
OBSTACLE_WEIGHTS = {"asia": [4, 3, 3, 3, 1], "europe": [2, 1, 5, 3, 4]}
ROLE_WEIGHTS = [70, 14, 7, 4, 5]

FIRST_STEPS = [
    "Give teachers time to try things out",
    "Train us before buying new tools",
    "Ask teachers what they need",
    "A clear plan for the next three years",
    "Reliable Wi-Fi in every classroom",
    "Share what works between schools",
    "Protect students' data first",
    "Lead by example and use the tools themselves",
    "Fewer platforms, used well",
    "Time in the timetable for collaboration",
]
INITIATIVES = [
    "Our students run a weekly video call with a partner class in another country. They plan "
    "the agenda themselves and present their projects in English.",
    "We built a shared digital library of lesson plans in three languages. Any teacher can add "
    "to it, and new colleagues start from it.",
    "A group of older students trains the younger ones and their teachers in using the school's "
    "learning platform. It started small and now every class takes part.",
    "Students measure air quality around the school with simple sensors and publish the data "
    "online, comparing it with a school in Asia.",
    "Every Friday afternoon teachers meet for thirty minutes to show each other one digital "
    "tool they tried in class that week.",
    "Our vocational students repair donated laptops and give them to families who need one for "
    "homework.",
    "We wrote a short, clear policy on AI tools together with students and parents.",
]


def _add_sections(survey: Survey, sections: list) -> list[Question]:
    questions = []
    position = 0
    for section_position, (title, description, items) in enumerate(sections):
        section = Section.objects.create(
            survey=survey, title=title, description=description, position=section_position
        )
        for kind, text, required, extra in items:
            question = Question.objects.create(
                section=section,
                kind=kind,
                text=text,
                required=required,
                scale_low_label=LIKERT_LOW if kind == K.LIKERT else "",
                scale_high_label=LIKERT_HIGH if kind == K.LIKERT else "",
                number_min=extra[0] if kind == K.NUMBER else None,
                number_max=extra[1] if kind == K.NUMBER else None,
                position=position,
            )
            position += 1
            if kind in (K.SINGLE, K.MULTIPLE):
                Choice.objects.bulk_create(
                    Choice(question=question, label=label, position=index)
                    for index, label in enumerate(extra)
                )
            questions.append(question)
    return questions


def _staff() -> User | None:
    email = next(login.email for login in DEMO_LOGINS if login.role == "staff")
    return User.objects.filter(email=email).first()


def _likert(rng: random.Random, mean: float) -> int:
    return max(1, min(5, round(rng.gauss(mean, 0.95))))


def _answers_for(rng: random.Random, questions, choices, school: dict) -> tuple[list, list]:
    """One respondent's answers: Answer rows (unsaved) and, for multiple choice, the chosen
    Choice objects (a list beside each Answer, or None)."""
    region = school["country__region"]
    role, years, tools, *likerts, obstacle, hours, first_step, initiative = questions
    rows: list[tuple[Answer, list | None]] = []
    rows.append(
        (Answer(question=role, choice=rng.choices(choices[role.pk], ROLE_WEIGHTS)[0]), None)
    )
    rows.append((Answer(question=years, number=max(1, min(40, round(rng.gauss(14, 8))))), None))
    picked = [
        c for c, p in zip(choices[tools.pk], MULTIPLE_LIKELIHOOD, strict=True) if rng.random() < p
    ] or [choices[tools.pk][2]]
    rows.append((Answer(question=tools), picked))
    for index, question in enumerate(likerts):
        mean = LIKERT_MEANS[region][index]
        if index == 0 and school["kind"] == "vocational":
            mean -= 0.3
        rows.append((Answer(question=question, number=_likert(rng, mean)), None))
    rows.append(
        (
            Answer(
                question=obstacle,
                choice=rng.choices(choices[obstacle.pk], OBSTACLE_WEIGHTS[region])[0],
            ),
            None,
        )
    )
    if rng.random() < 0.85:
        mean_hours = 22 if region == "asia" else 16
        rows.append(
            (
                Answer(question=hours, number=max(0, min(120, round(rng.gauss(mean_hours, 10))))),
                None,
            )
        )
    if rng.random() < 0.3:
        rows.append((Answer(question=first_step, text=rng.choice(FIRST_STEPS)), None))
    if rng.random() < 0.08:
        rows.append((Answer(question=initiative, text=rng.choice(INITIATIVES)), None))
    return rows


def _seed_leadership(rng: random.Random, staff: User | None) -> None:
    now = timezone.now()
    opens_at = (now - datetime.timedelta(days=150)).replace(
        hour=8, minute=0, second=0, microsecond=0
    )
    closes_at = opens_at + datetime.timedelta(days=42)
    survey = Survey.objects.create(
        title=LEADERSHIP_TITLE,
        introduction=(
            "How do schools across Asia and Europe lead the move to digital teaching? This "
            "survey asks teachers of the ClassNet network about their school's vision, their "
            "training and the obstacles they meet. It takes about ten minutes. Your answers are "
            "anonymous: nobody, staff included, can see who gave them."
        ),
        status=Survey.Status.CLOSED,
        anonymous=True,
        audience=Survey.Audience.ALL,
        opens_at=opens_at,
        closes_at=closes_at,
        created_by=staff,
    )
    questions = _add_sections(survey, LEADERSHIP_SECTIONS)
    choices: dict[int, list[Choice]] = {}
    for choice in Choice.objects.filter(question__section__survey=survey).order_by(
        "question__position", "position"
    ):
        choices.setdefault(choice.question_id, []).append(choice)

    # Invitations: every verified demo teacher; most answered, the rest were reminded.
    reminder = opens_at + datetime.timedelta(days=21)
    invitations = []
    for user_id in (
        TeacherProfile.objects.verified().order_by("user__email").values_list("user_id", flat=True)
    ):
        answered_at = None
        if rng.random() < ANSWERED_SHARE:
            answered_at = opens_at + datetime.timedelta(minutes=rng.randrange(42 * 24 * 60))
        reminded = answered_at is None or answered_at > reminder
        invitations.append(
            Invitation(
                survey=survey,
                user_id=user_id,
                invited_at=opens_at,
                reminded_at=reminder if reminded else None,
                answered_at=answered_at,
            )
        )
    Invitation.objects.bulk_create(invitations)

    # Responses from the demo's schools, some countries answering more than others.
    schools = list(
        School.objects.filter(status=School.Status.VERIFIED)
        .order_by("country__code", "name")
        .values("country_id", "country__code", "country__region", "kind")
    )
    keenness = {
        code: rng.uniform(0.4, 2.0) for code in sorted({s["country__code"] for s in schools})
    }
    weights = [keenness[s["country__code"]] for s in schools]
    drawn = rng.choices(schools, weights, k=RESPONSES)
    responses = Response.objects.bulk_create(
        Response(
            survey=survey,
            respondent=None,
            country_id=school["country_id"],
            region=school["country__region"],
            school_kind=school["kind"],
            submitted_at=opens_at + datetime.timedelta(minutes=rng.randrange(42 * 24 * 60)),
        )
        for school in drawn
    )
    if responses and responses[0].pk is None:  # a backend that returns no ids
        responses = list(survey.responses.order_by("pk"))

    rows = []
    for response, school in zip(responses, drawn, strict=True):
        for answer, picked in _answers_for(rng, questions, choices, school):
            answer.response = response
            rows.append((answer, picked))
    answers = Answer.objects.bulk_create([answer for answer, _picked in rows])
    if answers and answers[0].pk is None:
        answers = list(Answer.objects.filter(response__survey=survey).order_by("pk"))
    Through = Answer.choices.through
    Through.objects.bulk_create(
        Through(answer_id=answer.pk, choice_id=choice.pk)
        for answer, (_answer, picked) in zip(answers, rows, strict=True)
        for choice in picked or []
    )


@transaction.atomic
def seed_surveys(editions: dict) -> None:
    """The closed leadership survey with its responses, and a draft to open (see the module)."""
    staff = _staff()
    if not Survey.objects.filter(title=LEADERSHIP_TITLE).exists():
        _seed_leadership(random.Random(2024), staff)  # noqa: S311 - the same demo every time
    if not Survey.objects.filter(title=AI_TITLE).exists():
        survey = Survey.objects.create(
            title=AI_TITLE,
            introduction=(
                "AI tools arrived in classrooms quickly. Tell us how you use them, what worries "
                "you and what would help. Five questions, anonymous."
            ),
            status=Survey.Status.DRAFT,
            anonymous=True,
            audience=Survey.Audience.ALL,
            created_by=staff,
        )
        _add_sections(survey, AI_SECTIONS)


# ---------------------------------------------------------------------------------------------
# Galleries

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
    staff = _staff()
    for number, (title, description, captions, video_url, video_title) in ALBUMS.items():
        edition = editions[number]
        if Album.objects.filter(edition=edition, title=title).exists():
            continue
        album = Album.objects.create(
            edition=edition, title=title, description=description, created_by=staff
        )
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
        thumbnail = f"gallery/demo/{number}-video.jpg"
        if not default_storage.exists(thumbnail):
            processed = process_image(
                ContentFile(_draw_video_thumbnail(heading, video_title), name="video.jpg"),
                thumbnail_side=320,
            )
            _store(thumbnail, processed.image.read())
        items.append(
            MediaItem(
                album=album,
                kind=MediaItem.Kind.VIDEO,
                caption=video_title,
                credit=CREDIT,
                licence=MediaItem.Licence.CC_BY,
                consent_confirmed=True,
                uploaded_by=staff,
                video_url=video_url,
                video_thumbnail=thumbnail,
                processing=MediaItem.Processing.READY,
                position=len(captions),
            )
        )
        MediaItem.objects.bulk_create(items)
