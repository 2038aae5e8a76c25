"""Demo events: the programme of 2026 (workshops, courses, a meeting of the Working Group and one of
the ministers) with materials and participants by state, every one labelled as an example: the dates,
places and numbers are invented to show the capability, not a record of real activities."""

from __future__ import annotations

import datetime
import zoneinfo

from cyberportal.events.models import Event
from cyberportal.events.services import event_save
from cyberportal.states.models import State

SECRETARIAT = "OAS Technical Secretariat (REMJA Working Group on Cybercrime)"
NOTE = "Example event for the demo: dates, places and numbers are invented."


def _at(day: str, hour: int, zone: str) -> datetime.datetime:
    date = datetime.date.fromisoformat(day)
    return datetime.datetime(date.year, date.month, date.day, hour, 0, tzinfo=zoneinfo.ZoneInfo(zone))


def _groups(rows):
    """(state code, institution kind, count, women, men) -> participant groups."""
    states = {s.code: s for s in State.objects.filter(code__in={row[0] for row in rows})}
    return [
        {
            "state": states[code],
            "institution_kind": kind,
            "role": role,
            "count": count,
            "women": women,
            "men": men,
        }
        for code, kind, count, women, men, role in (
            (*row, "participant") if len(row) == 5 else row for row in rows
        )
        if code in states
    ]


def _programme(slug: str) -> dict:
    return {
        "title": "Programme (public)",
        "url": f"https://www.example.org/events/{slug}/programme.pdf",
        "visibility": "public",
        "tlp": "clear",
        "language": "en",
    }


# slug: (fields, topics, materials, participant rows)
EVENTS = {
    "workshop-electronic-evidence-lima-2026": (
        {
            "title": "Taller regional sobre prueba electrónica y cadena de custodia",
            "kind": "workshop",
            "text_language": "es",
            "summary": "Taller práctico para fiscales y policías de la región andina: obtención, preservación "
            "y presentación en juicio de la prueba electrónica, con casos simulados.",
            "starts_at": _at("2026-03-10", 9, "America/Lima"),
            "ends_at": _at("2026-03-12", 17, "America/Lima"),
            "time_zone": "America/Lima",
            "venue": "Ministerio Público, Sala de Conferencias",
            "city": "Lima",
            "host": "PE",
            "languages": ["es"],
            "organisers": f"{SECRETARIAT}\nMinisterio Público del Perú",
            "partners": "Council of Europe (C-PROC)",
            "agenda": "09:00 Apertura\n09:30 La prueba electrónica en el proceso penal\n"
            "14:00 Caso simulado: preservación de datos en el extranjero\n16:30 Conclusiones",
        },
        ["evidence", "training"],
        ["programme", "experts"],
        [
            ("PE", "prosecution", 14, 7, 7),
            ("PE", "police", 10, 3, 7),
            ("CO", "prosecution", 6, 3, 3),
            ("EC", "prosecution", 5, 2, 3),
            ("BO", "police", 4, 1, 3),
            ("CL", "prosecution", 3, 2, 1),
            ("PE", "other", 2, 1, 1, "speaker"),
        ],
    ),
    "course-cybercrime-for-judges-bogota-2026": (
        {
            "title": "Curso de ciberdelito para jueces",
            "kind": "course",
            "text_language": "es",
            "summary": "Curso de tres días para jueces penales: los delitos del Convenio de Budapest, la "
            "admisibilidad de la prueba electrónica y la cooperación internacional.",
            "starts_at": _at("2026-05-18", 8, "America/Bogota"),
            "ends_at": _at("2026-05-20", 16, "America/Bogota"),
            "time_zone": "America/Bogota",
            "venue": "Escuela Judicial Rodrigo Lara Bonilla",
            "city": "Bogotá",
            "host": "CO",
            "languages": ["es"],
            "organisers": SECRETARIAT,
            "partners": "Escuela Judicial Rodrigo Lara Bonilla",
        },
        ["legislation", "evidence"],
        ["programme"],
        [
            ("CO", "judiciary", 22, 12, 10),
            ("PA", "judiciary", 6, 4, 2),
            ("CR", "judiciary", 5, 3, 2),
            ("DO", "judiciary", 4, 2, 2),
            ("GT", "judiciary", 3, 1, 2),
        ],
    ),
    "online-course-247-network-2026": (
        {
            "title": "Online course: the 24/7 network and preservation requests",
            "kind": "course",
            "format": "online",
            "online_url": "https://www.example.org/learning/247-network",
            "summary": "Four sessions of two hours for the points of contact of the 24/7 network: sending, "
            "receiving and following up preservation requests, in English and Spanish.",
            "starts_at": _at("2026-06-02", 10, "America/New_York"),
            "ends_at": _at("2026-06-23", 12, "America/New_York"),
            "time_zone": "America/New_York",
            "languages": ["en", "es"],
            "organisers": SECRETARIAT,
        },
        ["network_247", "cooperation"],
        ["programme", "experts"],
        [
            ("AR", "prosecution", 4, 2, 2),
            ("BR", "police", 6, 2, 4),
            ("MX", "prosecution", 5, 3, 2),
            ("JM", "police", 3, 1, 2),
            ("TT", "police", 3, 2, 1),
            ("CL", "central_authority", 2, 1, 1),
            ("US", "prosecution", 2, 1, 1, "speaker"),
        ],
    ),
    "working-group-meeting-2026": (
        {
            "title": "Meeting of the REMJA Working Group on Cybercrime (2026)",
            "kind": "working_group",
            "format": "hybrid",
            "online_url": "https://www.example.org/meetings/working-group-2026",
            "summary": "The Working Group reviews the implementation of its recommendations and prepares "
            "those it will send to the ministers.",
            "starts_at": _at("2026-07-14", 9, "America/New_York"),
            "ends_at": _at("2026-07-15", 18, "America/New_York"),
            "time_zone": "America/New_York",
            "venue": "OAS Headquarters, Hall of the Americas",
            "city": "Washington, D.C.",
            "host": "US",
            "languages": ["en", "es", "pt", "fr"],
            "organisers": SECRETARIAT,
            "agenda": "Opening\nReports of the states on the recommendations\nThe cooperation portal\n"
            "Draft recommendations\nClosing",
        },
        ["cooperation", "portal", "strategy"],
        ["programme", "secretariat"],
        [
            ("AR", "ministry", 2, 1, 1),
            ("BR", "ministry", 2, 1, 1),
            ("CA", "ministry", 2, 1, 1),
            ("CO", "central_authority", 2, 1, 1),
            ("MX", "ministry", 3, 2, 1),
            ("US", "ministry", 3, 1, 2),
            ("PE", "prosecution", 2, 1, 1),
            ("CL", "ministry", 1, 0, 1),
        ],
    ),
    "caribbean-workshop-port-of-spain-2026": (
        {
            "title": "Caribbean workshop on cybercrime legislation and investigation",
            "kind": "workshop",
            "summary": "Prosecutors and police officers of the Caribbean states work on the offences of the "
            "Budapest Convention and on requests to service providers.",
            "starts_at": _at("2026-09-08", 9, "America/Port_of_Spain"),
            "ends_at": _at("2026-09-10", 16, "America/Port_of_Spain"),
            "time_zone": "America/Port_of_Spain",
            "venue": "Hyatt Regency, Conference Centre",
            "city": "Port of Spain",
            "host": "TT",
            "languages": ["en"],
            "organisers": f"{SECRETARIAT}\nMinistry of the Attorney General and Legal Affairs",
            "partners": "Council of Europe (GLACY-e)\nCARICOM IMPACS",
        },
        ["legislation", "private_sector"],
        ["programme", "experts"],
        [
            ("TT", "prosecution", 8, 5, 3),
            ("TT", "police", 9, 3, 6),
            ("JM", "prosecution", 5, 3, 2),
            ("BB", "police", 4, 2, 2),
            ("BS", "police", 3, 1, 2),
            ("GY", "prosecution", 3, 2, 1),
            ("SR", "police", 2, 1, 1),
        ],
    ),
    "workshop-service-providers-mexico-2026": (
        {
            "title": "Taller sobre cooperación con proveedores de servicios",
            "kind": "workshop",
            "text_language": "es",
            "format": "hybrid",
            "online_url": "https://www.example.org/meetings/providers-2026",
            "summary": "Cómo pedir a los proveedores la preservación y la entrega de datos: canales, "
            "fundamentos jurídicos y solicitudes de emergencia.",
            "starts_at": _at("2026-10-06", 9, "America/Mexico_City"),
            "ends_at": _at("2026-10-07", 15, "America/Mexico_City"),
            "time_zone": "America/Mexico_City",
            "city": "Ciudad de México",
            "host": "MX",
            "languages": ["es", "en"],
            "organisers": SECRETARIAT,
        },
        ["private_sector", "evidence"],
        ["programme"],
        [
            ("MX", "prosecution", 12, 6, 6),
            ("MX", "police", 8, 2, 6),
            ("GT", "prosecution", 4, 2, 2),
            ("HN", "police", 3, 1, 2),
            ("SV", "prosecution", 3, 2, 1),
        ],
    ),
    "remja-2026": (
        {
            "title": "Meeting of Ministers of Justice or Other Ministers or Attorneys General of the Americas (REMJA), 2026",
            "kind": "ministers",
            "summary": "The ministers consider the recommendations of the Working Group on Cybercrime.",
            "starts_at": _at("2026-11-17", 9, "America/New_York"),
            "ends_at": _at("2026-11-18", 18, "America/New_York"),
            "time_zone": "America/New_York",
            "venue": "OAS Headquarters",
            "city": "Washington, D.C.",
            "host": "US",
            "languages": ["en", "es", "pt", "fr"],
            "organisers": "OAS General Secretariat",
        },
        ["strategy", "cooperation"],
        ["programme"],
        [("AR", "ministry", 3, 2, 1), ("BR", "ministry", 3, 1, 2), ("CO", "ministry", 2, 1, 1)],
    ),
}

MATERIALS = {
    "programme": None,  # built per event
    "experts": {
        "title": "Case studies and exercises (vetted experts)",
        "visibility": "experts",
        "tlp": "amber",
        "language": "en",
    },
    "secretariat": {
        "title": "Secretariat's evaluation of the meeting",
        "visibility": "secretariat",
        "tlp": "amber_strict",
        "language": "en",
    },
}


def events_load() -> None:
    """Create the demo's events once; an event already there (same slug) is left as it is."""
    states = {s.code: s for s in State.objects.all()}
    for slug, (fields, topics, materials, rows) in EVENTS.items():
        if Event.objects.filter(slug=slug).exists():
            continue
        fields = dict(fields)
        host = fields.pop("host", "")
        fields["host_state"] = states.get(host)
        fields["is_example"] = True
        fields["summary"] = f"{fields.get('summary', '')}\n\n{NOTE}".strip()
        children = []
        for key in materials:
            if key == "programme":
                children.append(_programme(slug))
            else:
                children.append(MATERIALS[key] | {"url": f"https://www.example.org/events/{slug}/{key}.pdf"})
        event_save(slug=slug, fields=fields, topics=topics, materials=children, participations=_groups(rows))
