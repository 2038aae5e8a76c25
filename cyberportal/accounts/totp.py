"""The code an authenticator app shows now for a TOTP secret: for the demo, the benchmark and tests,
which sign in as a person with an authenticator would."""


def current_totp_code(secret: str) -> str:
    """The code of the current time step (the middle of allauth's accepted window)."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))
