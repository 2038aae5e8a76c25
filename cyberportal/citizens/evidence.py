"""The portal's general advice to a victim of a cybercrime, the same in every state: what to keep as
evidence, and what usually happens after a report. A state adds its own notes in its guide."""

from django.utils.translation import gettext_lazy as _

EVIDENCE_CHECKLIST = [
    _("Delete nothing: keep the messages, e-mails, posts, files and call logs, even if they upset you."),
    _(
        "Take screenshots that show the date and time, the web address (URL) of the page, and the "
        "sender's profile, username or number."
    ),
    _(
        "Write down the web addresses of the pages, profiles and posts involved, and every username, "
        "phone number and e-mail address the offender used."
    ),
    _("Keep e-mails whole: save them or forward them with their full headers, not only their text."),
    _(
        "If money is involved: keep receipts, bank or card statements, transfer references, and the "
        "wallet addresses and transaction IDs of any cryptocurrency payment; tell your bank at once."
    ),
    _(
        "Write down what happened, in order: the dates and times (with the time zone), what was said or "
        "done, and what you lost."
    ),
    _(
        "Leave the devices involved as they are: do not reset, wipe or repair them before the authority "
        "says so; if one may be infected, disconnect it from the Internet."
    ),
    _(
        "Do not reply to, pay or threaten the offender, and do not try to investigate or break into "
        "their accounts yourself."
    ),
    _(
        "If an account of yours was taken over: change its password from a device you trust and turn on "
        "two-step verification, then tell the service (the platform, your bank)."
    ),
    _(
        "Keep copies of everything in a safe place (a USB drive or a second account) and bring them "
        "when you report."
    ),
]

WHAT_HAPPENS_NEXT = [
    _("You will usually be given a report or case number: keep it, and quote it whenever you follow up."),
    _("The authority assesses your report and may contact you for more information or a formal statement."),
    _(
        "Depending on the case, it opens an investigation, passes the report to the competent authority "
        "(in your country or abroad), or records it so that similar cases can be linked."
    ),
    _(
        "Investigations take time, especially when evidence is held abroad, and you may not be told of "
        "every step: ask the authority how to follow your report."
    ),
]
