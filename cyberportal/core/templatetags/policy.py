"""Templates ask the policy module by name, never compare roles: `{% if user|can:"use_admin" %}`."""

from django import template

from cyberportal.core import policy

register = template.Library()


@register.filter
def can(user, action: str) -> bool:
    """`policy.can_<action>(user)`; an unknown name is an error, so a typo cannot show a link to everyone."""
    check = getattr(policy, f"can_{action}", None)
    if not callable(check):
        raise template.TemplateSyntaxError(f"core.policy has no can_{action}")
    return check(user)


@register.filter
def must_use_second_factor(user) -> bool:
    return policy.must_use_second_factor(user)
