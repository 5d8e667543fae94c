"""Time zones of schools: each ASEM country's main IANA zone, used where a school gave none.

A school in a country of several zones (Australia, Indonesia, Kazakhstan, Russia, ...) can set
its own zone; the default is the zone of the capital or of most of the population.
"""

import zoneinfo
from functools import cache
from importlib import resources

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

COUNTRY_TIMEZONES: dict[str, str] = {
    # Europe
    "AT": "Europe/Vienna",
    "BE": "Europe/Brussels",
    "BG": "Europe/Sofia",
    "HR": "Europe/Zagreb",
    "CY": "Asia/Nicosia",
    "CZ": "Europe/Prague",
    "DK": "Europe/Copenhagen",
    "EE": "Europe/Tallinn",
    "FI": "Europe/Helsinki",
    "FR": "Europe/Paris",
    "DE": "Europe/Berlin",
    "GR": "Europe/Athens",
    "HU": "Europe/Budapest",
    "IE": "Europe/Dublin",
    "IT": "Europe/Rome",
    "LV": "Europe/Riga",
    "LT": "Europe/Vilnius",
    "LU": "Europe/Luxembourg",
    "MT": "Europe/Malta",
    "NL": "Europe/Amsterdam",
    "NO": "Europe/Oslo",
    "PL": "Europe/Warsaw",
    "PT": "Europe/Lisbon",
    "RO": "Europe/Bucharest",
    "SK": "Europe/Bratislava",
    "SI": "Europe/Ljubljana",
    "ES": "Europe/Madrid",
    "SE": "Europe/Stockholm",
    "CH": "Europe/Zurich",
    "GB": "Europe/London",
    # Asia (with Australia, New Zealand and the Russian Federation)
    "AU": "Australia/Sydney",
    "BD": "Asia/Dhaka",
    "BN": "Asia/Brunei",
    "KH": "Asia/Phnom_Penh",
    "CN": "Asia/Shanghai",
    "IN": "Asia/Kolkata",
    "ID": "Asia/Jakarta",
    "JP": "Asia/Tokyo",
    "KZ": "Asia/Almaty",
    "KR": "Asia/Seoul",
    "LA": "Asia/Vientiane",
    "MY": "Asia/Kuala_Lumpur",
    "MN": "Asia/Ulaanbaatar",
    "MM": "Asia/Yangon",
    "NZ": "Pacific/Auckland",
    "PK": "Asia/Karachi",
    "PH": "Asia/Manila",
    "RU": "Europe/Moscow",
    "SG": "Asia/Singapore",
    "TH": "Asia/Bangkok",
    "VN": "Asia/Ho_Chi_Minh",
}

FALLBACK_TIMEZONE = "UTC"


@cache
def available_timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_timezone(value: str) -> None:
    """An IANA zone name such as Europe/Helsinki (blank is allowed by the field)."""
    if value and value not in available_timezones():
        raise ValidationError(
            _("%(value)s is not a time zone. Use a name like Europe/Helsinki or Asia/Tokyo."),
            code="invalid_timezone",
            params={"value": value},
        )


def country_timezone(code: str) -> str:
    """The main time zone of an ASEM country, by ISO code."""
    return COUNTRY_TIMEZONES.get(str(code).upper(), FALLBACK_TIMEZONE)


@cache
def zones_by_country() -> dict[str, list[tuple[str, str]]]:
    """{country code: [(zone, where)]} from tzdata's zone1970.tab: the zones in use since 1970
    (no aliases, no Etc/GMT+5), each with the region it is for ("Java, Sumatra")."""
    table = resources.files("tzdata").joinpath("zoneinfo", "zone1970.tab").read_text("utf-8")
    zones: dict[str, list[tuple[str, str]]] = {}
    for line in table.splitlines():
        if not line or line.startswith("#"):
            continue
        codes, _coordinates, zone, *comment = line.split("\t")
        for code in codes.split(","):
            zones.setdefault(code, []).append((zone, comment[0] if comment else ""))
    return zones


@cache
def _rules(zone: str) -> bytes:
    """The zone's compiled rules: a link (Europe/Zagreb) has the same as its zone (Belgrade)."""
    return resources.files("tzdata").joinpath("zoneinfo", *zone.split("/")).read_bytes()


@cache
def country_zone_choices(code: str) -> tuple[tuple[str, str], ...]:
    """The zones of one country for a select: its usual zone first (by the name the country
    knows, Europe/Zagreb rather than the Europe/Belgrade it links to), then its others."""
    code = str(code).upper()
    usual = country_timezone(code)
    listed = zones_by_country().get(code, [])
    where_usual = next((where for zone, where in listed if _rules(zone) == _rules(usual)), "")
    others = [(zone, where) for zone, where in listed if _rules(zone) != _rules(usual)]
    return ((usual, where_usual), *others)


def country_zone_options(code: str) -> list[tuple[str, str]]:
    """One country's zones as (zone, label) options: "Asia/Makassar (Borneo (east, south), …)"."""
    return [
        (zone, f"{zone.replace('_', ' ')} ({where})" if where else zone.replace("_", " "))
        for zone, where in country_zone_choices(code)
    ]


def timezone_choices(countries) -> list[tuple[str, list[tuple[str, str]]]]:
    """Zones grouped by country, for a select with optgroups: each of the countries given as
    (code, name) pairs (schools.selectors.country_codes_and_names) with its zones."""
    return [(str(name), country_zone_options(code)) for code, name in countries]


def zone_is_of_country(zone: str, code: str) -> bool:
    return zone in {name for name, _where in country_zone_choices(code)}


def zone_refusal(zone: str, country) -> str | None:
    """Why the zone cannot be a school's or an edition's in that country (None when it can)."""
    if not zone or zone_is_of_country(zone, country.code):
        return None
    return _("%(zone)s is not a time zone of %(country)s: choose one listed under it.") % {
        "zone": zone,
        "country": country.name,
    }
