"""The edition the staff page tests run on (Tokyo, in its own zone), a session of it, and a
client signed in as a role."""

import datetime

import pytest

from conferences.models import Session
from tests.factories import CountryFactory, EditionFactory

from ._helpers import UTC


@pytest.fixture
def as_role(client, request):
    def log_in(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return log_in


@pytest.fixture
def tokyo():
    return EditionFactory(
        number=15,
        title="ESD and AI",
        city="Tokyo",
        country=CountryFactory(code="JP"),
        time_zone="Asia/Tokyo",
        starts_on=datetime.date(2030, 11, 25),
        ends_on=datetime.date(2030, 11, 29),
        status="published",
        capacity=10,
    )


@pytest.fixture
def session(tokyo):
    return Session.objects.create(
        edition=tokyo,
        kind="workshop",
        title="Robots that help",
        starts_at=datetime.datetime(2030, 11, 26, 1, 0, tzinfo=UTC),  # 10:00 in Tokyo
        ends_at=datetime.datetime(2030, 11, 26, 3, 0, tzinfo=UTC),
        capacity=12,
    )
