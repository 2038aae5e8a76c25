"""Time zones for people: each state's capital's zone, and a short picker grouped by region.

The tz database lists a country's zones in geographical order (Brazil starts with America/Araguaina,
the United States with America/New_York only by chance), so "the first zone" is not the state's time.
CAPITAL_ZONES names the zone of each capital; the picker offers about a hundred zones people live in,
the Americas first, with city, country and UTC offset in the reader's language (CLDR, through Babel),
instead of the ~600 raw IANA names.
"""

from __future__ import annotations

import datetime
import zoneinfo
from functools import lru_cache

from babel import Locale
from babel.core import UnknownLocaleError, get_global
from babel.dates import get_timezone_location
from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# The zone of each capital: the 35 OAS member states, then other states with more than one zone.
CAPITAL_ZONES: dict[str, str] = {
    # OAS member states
    "AG": "America/Antigua",
    "AR": "America/Argentina/Buenos_Aires",
    "BB": "America/Barbados",
    "BO": "America/La_Paz",
    "BR": "America/Sao_Paulo",  # Brasília keeps São Paulo's time
    "BS": "America/Nassau",
    "BZ": "America/Belize",
    "CA": "America/Toronto",  # Ottawa
    "CL": "America/Santiago",
    "CO": "America/Bogota",
    "CR": "America/Costa_Rica",
    "CU": "America/Havana",
    "DM": "America/Dominica",
    "DO": "America/Santo_Domingo",
    "EC": "America/Guayaquil",  # Quito
    "GD": "America/Grenada",
    "GT": "America/Guatemala",
    "GY": "America/Guyana",
    "HN": "America/Tegucigalpa",
    "HT": "America/Port-au-Prince",
    "JM": "America/Jamaica",
    "KN": "America/St_Kitts",
    "LC": "America/St_Lucia",
    "MX": "America/Mexico_City",
    "NI": "America/Managua",
    "PA": "America/Panama",
    "PE": "America/Lima",
    "PY": "America/Asuncion",
    "SR": "America/Paramaribo",
    "SV": "America/El_Salvador",
    "TT": "America/Port_of_Spain",
    "US": "America/New_York",  # Washington, D.C.
    "UY": "America/Montevideo",
    "VC": "America/St_Vincent",
    "VE": "America/Caracas",
    # Elsewhere, where a state has several zones
    "AU": "Australia/Sydney",  # Canberra
    "CD": "Africa/Kinshasa",
    "CN": "Asia/Shanghai",  # Beijing
    "DE": "Europe/Berlin",
    "ES": "Europe/Madrid",
    "FM": "Pacific/Pohnpei",
    "GL": "America/Nuuk",
    "ID": "Asia/Jakarta",
    "KI": "Pacific/Tarawa",
    "KZ": "Asia/Almaty",  # Astana shares Almaty's time
    "MN": "Asia/Ulaanbaatar",
    "MY": "Asia/Kuala_Lumpur",
    "NZ": "Pacific/Auckland",  # Wellington
    "PF": "Pacific/Tahiti",
    "PG": "Pacific/Port_Moresby",
    "PT": "Europe/Lisbon",
    "RU": "Europe/Moscow",
    "UA": "Europe/Kyiv",
    "UZ": "Asia/Tashkent",
    "FR": "Europe/Paris",
    "GB": "Europe/London",
}

# CLDR region codes; their names come from CLDR in the reader's language.
NORTHERN_AMERICA, CENTRAL_AMERICA, CARIBBEAN, SOUTH_AMERICA = "021", "013", "029", "005"
EUROPE, AFRICA, ASIA, OCEANIA = "150", "002", "142", "009"

# The picker: the Americas first (every OAS capital and the main zones of the states with several),
# then the zones most of the world's other capitals keep.
PICKER_ZONES: list[tuple[str, list[str]]] = [
    (
        NORTHERN_AMERICA,
        [
            "America/St_Johns",
            "America/Halifax",
            "America/Toronto",
            "America/New_York",
            "America/Chicago",
            "America/Winnipeg",
            "America/Regina",
            "America/Denver",
            "America/Edmonton",
            "America/Phoenix",
            "America/Los_Angeles",
            "America/Vancouver",
            "America/Anchorage",
            "Pacific/Honolulu",
        ],
    ),
    (
        CENTRAL_AMERICA,
        [
            "America/Mexico_City",
            "America/Cancun",
            "America/Chihuahua",
            "America/Hermosillo",
            "America/Tijuana",
            "America/Belize",
            "America/Guatemala",
            "America/El_Salvador",
            "America/Tegucigalpa",
            "America/Managua",
            "America/Costa_Rica",
            "America/Panama",
        ],
    ),
    (
        CARIBBEAN,
        [
            "America/Antigua",
            "America/Nassau",
            "America/Barbados",
            "America/Havana",
            "America/Dominica",
            "America/Santo_Domingo",
            "America/Grenada",
            "America/Port-au-Prince",
            "America/Jamaica",
            "America/St_Kitts",
            "America/St_Lucia",
            "America/St_Vincent",
            "America/Port_of_Spain",
            "America/Puerto_Rico",
        ],
    ),
    (
        SOUTH_AMERICA,
        [
            "America/Argentina/Buenos_Aires",
            "America/La_Paz",
            "America/Sao_Paulo",
            "America/Manaus",
            "America/Rio_Branco",
            "America/Noronha",
            "America/Santiago",
            "America/Bogota",
            "America/Guayaquil",
            "Pacific/Galapagos",
            "America/Guyana",
            "America/Asuncion",
            "America/Lima",
            "America/Paramaribo",
            "America/Montevideo",
            "America/Caracas",
        ],
    ),
    (
        EUROPE,
        [
            "Europe/London",
            "Europe/Lisbon",
            "Europe/Madrid",
            "Europe/Paris",
            "Europe/Brussels",
            "Europe/Berlin",
            "Europe/Rome",
            "Europe/Vienna",
            "Europe/Warsaw",
            "Europe/Athens",
            "Europe/Kyiv",
            "Europe/Istanbul",
            "Europe/Moscow",
        ],
    ),
    (
        AFRICA,
        ["Africa/Abidjan", "Africa/Lagos", "Africa/Cairo", "Africa/Johannesburg", "Africa/Nairobi"],
    ),
    (
        ASIA,
        [
            "Asia/Dubai",
            "Asia/Karachi",
            "Asia/Kolkata",
            "Asia/Bangkok",
            "Asia/Jakarta",
            "Asia/Shanghai",
            "Asia/Singapore",
            "Asia/Manila",
            "Asia/Seoul",
            "Asia/Tokyo",
        ],
    ),
    (OCEANIA, ["Australia/Perth", "Australia/Sydney", "Pacific/Auckland", "Pacific/Fiji"]),
]


def is_valid_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
        return False
    return bool(name)


def state_zones(alpha2: str) -> list[str]:
    """A state's zones with its capital's first (the tz database's order is geographical)."""
    code = alpha2.upper()
    zones = list(get_global("territory_zones").get(code, []))
    capital = CAPITAL_ZONES.get(code)
    if capital:
        return [capital] + [z for z in zones if z != capital]
    return zones


def default_zone(alpha2: str, zones: list[str] | None = None) -> str:
    """The zone a state's hours are read in when nothing else is said: its capital's.

    Rule for states outside CAPITAL_ZONES: the first of its recorded zones, else CLDR's first, else UTC.
    """
    capital = CAPITAL_ZONES.get(alpha2.upper())
    if capital:
        return capital
    for zone in [*(zones or []), *state_zones(alpha2)]:
        if is_valid_zone(zone):
            return zone
    return "UTC"


def _locale(language: str | None) -> Locale:
    try:
        return Locale.parse((language or translation.get_language() or "en").split("-")[0])
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def utc_offset(zone: str, moment: datetime.datetime | None = None) -> str:
    """ "UTC−03:00" for São Paulo: the offset at `moment` (now by default), with a real minus sign."""
    moment = moment or datetime.datetime.now(datetime.UTC)
    offset = moment.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset() or datetime.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "\u2212"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_label(zone: str, language: str | None = None, moment: datetime.datetime | None = None) -> str:
    """ "São Paulo (Brasil) · UTC−03:00": city and country in the reader's language, and the offset."""
    if not is_valid_zone(zone):
        return zone
    if zone == "UTC":
        return "UTC"
    locale = _locale(language)
    try:
        city = get_timezone_location(zone, locale=locale, return_city=True)
    except (LookupError, ValueError):
        city = zone.rsplit("/", 1)[-1].replace("_", " ")
    territory = get_global("zone_territories").get(zone, "")
    country = locale.territories.get(territory, "") if territory else ""
    place = f"{city} ({country})" if country and country != city else city
    return f"{place} · {utc_offset(zone, moment)}"


@lru_cache(maxsize=32)
def _grouped(language: str, hour: str) -> tuple:
    locale = _locale(language)
    moment = datetime.datetime.fromisoformat(hour)
    groups = []
    for region, zones in PICKER_ZONES:
        options = tuple((zone, zone_label(zone, language, moment)) for zone in zones if is_valid_zone(zone))
        groups.append((locale.territories.get(region, region), options))
    groups.append(("UTC", (("UTC", "UTC"),)))
    return tuple(groups)


def grouped_choices(language: str | None = None, extra: list[str] | tuple = ()) -> list:
    """Choices for a <select> with optgroups, the Americas first; `extra` zones (a value already saved
    that the short list lacks) come first so that a form never loses it."""
    language = (language or translation.get_language() or "en").split("-")[0]
    hour = datetime.datetime.now(datetime.UTC).replace(minute=0, second=0, microsecond=0).isoformat()
    choices: list = [(region, list(options)) for region, options in _grouped(language, hour)]
    listed = {zone for _region, options in choices for zone, _label in options}
    missing = [z for z in extra if z and z not in listed and is_valid_zone(z)]
    return [(z, zone_label(z, language)) for z in missing] + choices


def picker_zones() -> set[str]:
    return {zone for _region, zones in PICKER_ZONES for zone in zones} | {"UTC"}


class TimeZoneChoiceField(forms.ChoiceField):
    """A time zone picked by name from the short grouped list; any valid IANA name is still accepted
    (a browser's own zone, a value saved before), so nobody is refused for living in Araguaína."""

    def __init__(self, *, blank_label: str = "", **kwargs):
        self.blank_label = blank_label
        super().__init__(choices=self._choices_for, **kwargs)

    def _choices_for(self):
        blank = [("", self.blank_label)] if self.blank_label or not self.required else []
        return blank + grouped_choices(extra=[str(self.initial or "")])

    def set_current(self, value: str) -> None:
        """Keep a saved value that the short list lacks among the choices."""
        blank = [("", self.blank_label)] if self.blank_label or not self.required else []
        self.choices = blank + grouped_choices(extra=[value] if value else [])

    def valid_value(self, value) -> bool:
        return is_valid_zone(str(value))

    def validate(self, value):
        forms.Field.validate(self, value)
        if value and not is_valid_zone(value):
            raise forms.ValidationError(
                _("“%(value)s” is not a time zone."), code="invalid_choice", params={"value": str(value)[:64]}
            )
