"""Offline copies of the directory: vCard 4.0 (RFC 6350), CSV and a dated printable PDF.

Exporters only format what they are given; the views hand them lists from
`selectors.contacts_visible_to`, so an export never holds a contact its reader could not see on screen.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cyberportal.core.spreadsheet import SafeWriter

from .models import Authority, Contact

CRLF = "\r\n"


def _escape(value: str) -> str:
    """RFC 6350 §3.4 escaping of a text value."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace("\n", "\\n")
        .replace("\r", "")
        .replace(",", "\\,")
        .replace(";", "\\;")
    )


def _fold(line: str) -> str:
    """Fold lines longer than 75 octets (RFC 6350 §3.2) without splitting a UTF-8 character."""
    out, current = [], ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode()) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return (CRLF + " ").join(out)


def _vcard(lines: list[str]) -> str:
    return "".join(_fold(line) + CRLF for line in ["BEGIN:VCARD", "VERSION:4.0", *lines, "END:VCARD"])


PHONE_TYPES = {"office": "work,voice", "mobile": "cell,voice", "hotline": "work,voice", "fax": "fax"}


def contact_vcard(contact: Contact) -> str:
    authority = contact.authority
    lines = [
        f"UID:urn:cyberportal:contact:{contact.pk}",
        f"KIND:{'org' if contact.is_desk else 'individual'}",
        f"FN:{_escape(contact.name)}",
        f"ORG:{_escape(authority.name)}",
        f"LANG;PREF=1:{_escape(contact.language)}" if contact.language else "",
    ]
    if contact.title:
        lines.append(f"TITLE:{_escape(contact.title)}")
    for code in contact.languages_spoken:
        if code != contact.language:
            lines.append(f"LANG:{_escape(code)}")
    for phone in contact.phones.all():
        lines.append(f'TEL;VALUE=uri;TYPE="{PHONE_TYPES.get(phone.kind, "voice")}":tel:{phone.number}')
    for index, email in enumerate(contact.emails.all(), start=1):
        lines.append(f"EMAIL;PREF={index}:{email.address}")
    if authority.address:
        lines.append(f"ADR;TYPE=work:;;{_escape(authority.address)};;;;{authority.state.code}")
    if authority.website:
        lines.append(f"URL:{authority.website}")
    if authority.time_zone:
        lines.append(f"TZ:{authority.time_zone}")
    roles = ", ".join(contact.role_labels)
    notes = [roles] if roles else []
    if contact.available_247:
        notes.append(_("Available 24/7"))
    if contact.secure_channel:
        notes.append(contact.secure_channel)
    if contact.is_stale():
        notes.append(_("Not verified within the period: check before relying on it."))
    if contact.last_verified_at:
        notes.append(_("Last verified: %(date)s") % {"date": contact.last_verified_at.date().isoformat()})
    if contact.is_example:
        notes.append(_("Example entry, not a real contact."))
    if notes:
        lines.append(f"NOTE:{_escape(' — '.join(notes))}")
    lines.append(f"REV:{timezone.now().strftime('%Y%m%dT%H%M%SZ')}")
    return _vcard([line for line in lines if line])


def contacts_vcard(contacts: Iterable[Contact]) -> str:
    return "".join(contact_vcard(c) for c in contacts)


def authority_vcard(authority: Authority, contacts: Iterable[Contact]) -> str:
    """The authority itself as an organisation card, followed by its contacts the reader may see."""
    lines = [
        f"UID:urn:cyberportal:authority:{authority.pk}",
        "KIND:org",
        f"FN:{_escape(authority.name)}",
        f"ORG:{_escape(authority.name)}",
    ]
    if authority.address:
        lines.append(f"ADR;TYPE=work:;;{_escape(authority.address)};;;;{authority.state.code}")
    if authority.website:
        lines.append(f"URL:{authority.website}")
    for code in authority.request_languages:
        lines.append(f"LANG:{_escape(code)}")
    if authority.time_zone:
        lines.append(f"TZ:{authority.time_zone}")
    return _vcard(lines) + contacts_vcard(contacts)


CSV_HEADER = [
    "state",
    "authority",
    "authority_en",
    "authority_kind",
    "contact",
    "title",
    "roles",
    "phones",
    "emails",
    "languages",
    "available_247",
    "last_verified",
    "next_due",
    "stale",
    "example",
]


def contacts_csv(contacts: Iterable[Contact]) -> str:
    buffer = io.StringIO()
    writer = SafeWriter(buffer)
    writer.writerow(CSV_HEADER)
    for c in contacts:
        writer.writerow(
            [
                c.authority.state.code,
                c.authority.name,
                c.authority.name_en,
                c.authority.kind,
                c.name,
                c.title,
                " ".join(c.role_codes),
                " ".join(p.number for p in c.phones.all()),
                " ".join(e.address for e in c.emails.all()),
                " ".join(c.languages_spoken),
                "yes" if c.available_247 else "no",
                c.last_verified_at.date().isoformat() if c.last_verified_at else "",
                c.next_due.isoformat() if c.next_due else "",
                "yes" if c.is_stale() else "no",
                "yes" if c.is_example else "no",
            ]
        )
    return buffer.getvalue()


def contacts_pdf(contacts: list[Contact], *, title: str, reader: str, generated_at) -> bytes:
    """A dated, printable directory for the day the portal cannot be reached."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    from cyberportal.core.pdf import REGULAR, Heading, PortalDocument
    from cyberportal.core.pdf import styles as pdf_styles

    styles = pdf_styles()
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    buffer = io.BytesIO()
    stamp = generated_at.strftime("%Y-%m-%d %H:%M %Z")

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(REGULAR, 7)
        canvas.drawString(15 * mm, 8 * mm, f"{title} — {stamp} — {doc.page}")
        canvas.restoreState()

    doc = PortalDocument(
        buffer,
        pagesize=A4,
        language=translation.get_language() or "en",
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=title,
    )
    story = [
        Heading(escape(title), styles["Title"]),
        Paragraph(
            escape(_("Generated on %(date)s for %(reader)s.") % {"date": stamp, "reader": reader}), small
        ),
        Paragraph(
            escape(
                _(
                    "Check entries marked “not verified” before relying on them. Do not leave this copy unattended."
                )
            ),
            small,
        ),
        Spacer(1, 4 * mm),
    ]
    header = [_("State"), _("Authority"), _("Contact"), _("Phones"), _("E-mail"), _("Verified")]
    rows = [[Paragraph(escape(h), small) for h in header]]
    for c in contacts:
        verified = c.last_verified_at.date().isoformat() if c.last_verified_at else "—"
        if c.is_stale():
            verified += " " + _("(not verified)")
        name = c.name + (f" — {c.title}" if c.title else "")
        if c.available_247:
            name += " — 24/7"
        if c.is_example:
            name += " " + _("(example)")
        cells = [
            c.authority.state.code,
            c.authority.name,
            name + "\n" + ", ".join(c.role_labels),
            "\n".join(p.display for p in c.phones.all()),
            "\n".join(e.address for e in c.emails.all()),
            verified,
        ]
        rows.append([Paragraph(escape(str(v)).replace("\n", "<br/>"), small) for v in cells])
    table = Table(rows, colWidths=[12 * mm, 38 * mm, 50 * mm, 32 * mm, 38 * mm, 20 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(table)
    if not contacts:
        story.append(Paragraph(escape(_("No contact to show.")), styles["BodyText"]))
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
