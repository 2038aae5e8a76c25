"""The roles and visibility levels every capability shares (see DESIGN.md, "Who uses it")."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a signed-in user may do. An anonymous visitor has no role."""

    EXPERT = "expert", _("Expert")
    FOCAL_POINT = "focal_point", _("Focal point")
    SECRETARIAT = "secretariat", _("Secretariat")


class Visibility(models.TextChoices):
    """Who may see a record that can be restricted."""

    PUBLIC = "public", _("Public")
    EXPERTS = "experts", _("Vetted experts")
    STATE = "state", _("Own state and Secretariat")
    SECRETARIAT = "secretariat", _("Secretariat only")


VISITOR = "visitor"  # the role name used in the permission matrix for anonymous users
