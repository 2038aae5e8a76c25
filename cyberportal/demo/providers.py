"""Demo service providers: a dozen well-known providers with their public law-enforcement pages, every
entry labelled as an example to verify before use (retention periods and legal bases are illustrative)."""

from __future__ import annotations

import datetime

from cyberportal.providers.services import provider_save

MLAT = "MLAT or letter rogatory; Budapest Convention Art. 31"
VOLUNTARY = "Voluntary disclosure under the provider's policy (example)"
PRESERVE = "Request from a law-enforcement authority; Budapest Convention Art. 29"
EMERGENCY = "Danger of death or serious physical injury (provider's policy)"

# name: (website, LE portal, guidelines, emergency contact, data locations, languages, notification)
PROVIDERS = {
    "Google": (
        "https://www.google.com",
        "https://lers.google.com",
        "https://policies.google.com/terms/information-requests",
        "https://lers.google.com",
        ["US", "IE"],
        ["en", "es", "pt", "fr"],
        "notifies",
    ),
    "Meta (Facebook, Instagram)": (
        "https://about.meta.com",
        "https://www.facebook.com/records",
        "https://about.meta.com/actions/safety/audiences/law/guidelines/",
        "https://www.facebook.com/records",
        ["US", "IE"],
        ["en", "es", "pt"],
        "notifies",
    ),
    "WhatsApp": (
        "https://www.whatsapp.com",
        "https://www.whatsapp.com/records",
        "https://faq.whatsapp.com/444002211197967",
        "https://www.whatsapp.com/records",
        ["US", "IE"],
        ["en", "es", "pt"],
        "notifies",
    ),
    "Microsoft": (
        "https://www.microsoft.com",
        "https://leportal.microsoft.com",
        "https://www.microsoft.com/corporate-responsibility/law-enforcement-requests-report",
        "https://leportal.microsoft.com",
        ["US", "IE", "NL"],
        ["en", "es", "fr"],
        "on_request",
    ),
    "Apple": (
        "https://www.apple.com",
        "https://www.apple.com/legal/transparency/government-information.html",
        "https://www.apple.com/legal/privacy/law-enforcement-guidelines-outside-us.pdf",
        "exigent@apple.com",
        ["US", "IE"],
        ["en"],
        "notifies",
    ),
    "Amazon": (
        "https://www.amazon.com",
        "https://www.amazon.com/gp/help/customer/display.html?nodeId=GYSDRGWQ2C2CRYEF",
        "https://www.amazon.com/gp/help/customer/display.html?nodeId=GYSDRGWQ2C2CRYEF",
        "https://www.amazon.com/gp/help/customer/display.html?nodeId=GYSDRGWQ2C2CRYEF",
        ["US", "IE", "DE"],
        ["en"],
        "unknown",
    ),
    "X (Twitter)": (
        "https://x.com",
        "https://legalrequests.x.com",
        "https://help.x.com/rules-and-policies/x-law-enforcement-support",
        "https://legalrequests.x.com",
        ["US", "IE"],
        ["en", "es"],
        "notifies",
    ),
    "TikTok": (
        "https://www.tiktok.com",
        "https://www.tiktok.com/legal/page/global/law-enforcement/en",
        "https://www.tiktok.com/legal/page/global/law-enforcement/en",
        "https://www.tiktok.com/legal/page/global/law-enforcement/en",
        ["US", "SG", "IE"],
        ["en", "es", "pt"],
        "notifies",
    ),
    "Telegram": (
        "https://telegram.org",
        "",
        "https://telegram.org/privacy",
        "",
        ["AE", "NL", "SG"],
        ["en"],
        "unknown",
    ),
    "Mercado Libre": (
        "https://www.mercadolibre.com",
        "",
        "https://www.mercadolibre.com.ar/privacidad",
        "",
        ["AR", "BR", "US"],
        ["es", "pt"],
        "on_request",
    ),
    "Cloudflare": (
        "https://www.cloudflare.com",
        "https://www.cloudflare.com/trust-hub/abuse-approach/",
        "https://www.cloudflare.com/transparency/",
        "https://abuse.cloudflare.com",
        ["US"],
        ["en"],
        "notifies",
    ),
    "Discord": (
        "https://discord.com",
        "https://discord.com/safety/360044157931-working-with-law-enforcement",
        "https://discord.com/safety/360044157931-working-with-law-enforcement",
        "https://discord.com/safety/360044157931-working-with-law-enforcement",
        ["US"],
        ["en"],
        "notifies",
    ),
}
DATA_TYPES = {
    "subscriber": "While the account exists (example)",
    "access_logs": "About 90 days to a year (example)",
    "content": "Until the user deletes it (example)",
}
REQUEST_TYPES = {
    "preservation": PRESERVE,
    "emergency": EMERGENCY,
    "subscriber": f"{VOLUNTARY}; {MLAT}",
    "content": MLAT,
}


def providers_load() -> None:
    as_of = datetime.date(2026, 6, 1)
    for name, (website, portal, guidelines, contact, places, languages, notification) in PROVIDERS.items():
        provider_save(
            name=name,
            fields={
                "website": website,
                "le_portal_url": portal,
                "guidelines_url": guidelines,
                "emergency_channel": "Through the law-enforcement portal, marked as an emergency (example: verify before use)."
                if portal
                else "No published emergency channel (example: verify before use).",
                "emergency_contact": contact,
                "data_locations": places,
                "languages": languages,
                "user_notification": notification,
                "notes": "Example entry for the demo: verify every detail with the provider's own pages before use.",
                "as_of": as_of,
                "is_example": True,
            },
            data_types=DATA_TYPES
            if name != "Mercado Libre"
            else {**DATA_TYPES, "payment": "Ten years (example)"},
            request_types=REQUEST_TYPES,
        )
