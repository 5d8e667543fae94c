"""The edition the selection tests decide on, and a client signed in as staff."""

import pytest

from ....factories import EditionFactory


@pytest.fixture
def edition():
    return EditionFactory(number=17, status="applications_open", capacity=2)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client
