"""Time zones of schools: each ASEM country's main IANA zone, used where a school gave none.

A school in a country of several zones (Australia, Indonesia, Kazakhstan, Russia, ...) can set
its own zone; the default is the zone of the capital or of most of the population.
"""

import zoneinfo
from functools import cache

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


def timezone_choices() -> list[tuple[str, str]]:
    """Every zone, sorted, for a select."""
    return [(name, name.replace("_", " ")) for name in sorted(available_timezones())]
