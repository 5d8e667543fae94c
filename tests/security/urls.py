"""Every route of the URLconf, walked from get_resolver() (not a hand list), with sample kwargs.

The authorisation matrix (test_authz_matrix.py) maps each route's name to what a role gets; this
module finds the routes, so a new URL without a matrix entry fails that test."""

import re
from dataclasses import dataclass

# Sample values for each path converter: objects that do not exist (an anonymous visitor must be
# sent to log in, or get a 404, before any object is looked up or shown).
SAMPLE = {
    "int": "999999",
    "slug": "no-such-thing",
    "str": "no-such-thing",
    "path": "1",
    "uuid": "00000000-0000-0000-0000-000000000000",
}
_PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")


@dataclass(frozen=True)
class Route:
    key: str  # namespace:name, or the route itself when unnamed
    route: str
    module: str

    @property
    def sample_path(self) -> str:
        path = _PARAM.sub(lambda m: SAMPLE.get(m["conv"] or "str", "x"), self.route)
        path = re.sub(r"^\^|\$$", "", path)  # the admin's regex routes
        path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)
        return "/" + path.replace("\\", "")

    @property
    def is_admin(self) -> bool:
        return self.module.startswith("django.contrib.admin") or self.route.startswith(
            "back-office/"
        )


def all_routes() -> list[Route]:
    from django.urls import get_resolver
    from django.urls.resolvers import URLResolver
    from django.views.static import serve

    found: list[Route] = []

    def walk(patterns, prefix="", namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
                continue
            route = prefix + str(pattern.pattern)
            if pattern.callback is serve:
                # uploaded files served in development only (classnet/urls.py, DEBUG): present
                # when the URLconf was first imported with DEBUG on, as at test collection
                continue
            if pattern.name:
                key = f"{namespace}:{pattern.name}" if namespace else pattern.name
            else:
                key = route
            found.append(Route(key, route, pattern.callback.__module__))

    walk(get_resolver().url_patterns)
    return found
