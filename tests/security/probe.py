"""Requests of the security tests: the URL of a route in the scenario world, a request that
changes nothing (a rolled-back savepoint, the client's cookies put back), what came back."""

import copy
import re

from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client

_PARAM_NAMES = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>")


def route_kwargs(route, world) -> dict:
    namespace, _, name = route.key.rpartition(":")
    found = {}
    for match in _PARAM_NAMES.finditer(route.route):
        param = match[1] or match[2]
        prefixed = [
            value
            for (scope, key), value in world.kwargs.items()
            if key == param
            and scope
            and scope.startswith(f"{namespace}:")
            and name.startswith(tuple(scope.split(":", 1)[1].split("|")))
        ]
        if prefixed:
            found[param] = prefixed[0]
        elif (namespace or None, param) in world.kwargs:
            found[param] = world.kwargs[(namespace or None, param)]
        else:
            found[param] = world.kwargs[(None, param)]
    return found


def code_of(response) -> str:
    status = response.status_code
    if 300 <= status < 400:
        login = resolve_url(settings.LOGIN_URL)
        return "L" if response.get("Location", "").startswith(login) else "R"
    return {403: "D", 404: "D", 400: "4", 405: "M", 429: "T"}.get(
        status, "A" if status < 300 else "X"
    )


def body_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("latin-1") + response.get("Location", "")


class _Rollback(Exception):
    def __init__(self, response):
        self.response = response


def _rolled_back(client: Client, send):
    """send() in a savepoint that is rolled back, the client's cookies put back; the response
    carries .body, read before the rollback."""
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            response = send()
            response.body = body_of(response)
            raise _Rollback(response)
    except _Rollback as done:
        return done.response
    finally:
        client.cookies = cookies


def fetch(client: Client, path: str):
    """GET the path (POST when the view takes only POST), changing nothing."""

    def send():
        response = client.get(path)
        return client.post(path) if response.status_code == 405 else response

    return _rolled_back(client, send)


def submit(client: Client, url: str, data: dict, method: str = "post"):
    """Send the form data (POST, or GET for a search) and follow the redirects, changing
    nothing; the response has .body (the last page's) and .chain (every status on the way)."""
    send = client.get if method == "get" else client.post
    response = _rolled_back(client, lambda: send(url, data, follow=True))
    response.chain = [status for _, status in response.redirect_chain] + [response.status_code]
    return response
