"""Expert spaces: members, discussion threads with replies and attachments, a versioned document
library, and per-user notification settings. Who sees what is decided by TLP 2.0 labels in policy.py.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelsearch import index

from cyberportal.core.models import Example


class PrivateStorage(FileSystemStorage):
    """Files kept outside MEDIA_ROOT, with no URL: they leave only through the permission-checking views."""

    def __init__(self, **kwargs):
        super().__init__(location=settings.SPACES_PRIVATE_ROOT, **kwargs)

    def url(self, name):
        raise ValueError("Space files have no public URL; use the download view.")


def private_storage():
    return PrivateStorage()


class TLP(models.TextChoices):
    """Traffic Light Protocol 2.0 labels, from least to most restricted (FIRST, 2022)."""

    CLEAR = "clear", "TLP:CLEAR"
    GREEN = "green", "TLP:GREEN"
    AMBER = "amber", "TLP:AMBER"
    AMBER_STRICT = "amber_strict", "TLP:AMBER+STRICT"
    RED = "red", "TLP:RED"


TLP_RANK = {value: rank for rank, value in enumerate(TLP.values)}


class SpaceKind(models.TextChoices):
    WORKING_GROUP = "working_group", _("Working group")
    CONTACTS = "contacts_24_7", _("24/7 points of contact")
    CENTRAL_AUTHORITIES = "central_authorities", _("Central authorities")
    TRAINING = "training", _("Training cohort")
    OTHER = "other", _("Other")


class Space(Example):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=SpaceKind.choices, default=SpaceKind.OTHER)
    description = models.TextField(_("description"), blank=True)
    is_open = models.BooleanField(
        _("open to every vetted expert"),
        default=False,
        help_text=_(
            "Open spaces can be joined by any vetted user; the others by invitation of the Secretariat."
        ),
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("space")
        verbose_name_plural = _("spaces")

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    MEMBER = "member", _("Member")
    # Keeps the space's labels in order: may raise an item's label (policy.can_change_label).
    MODERATOR = "moderator", _("Moderator")


class Membership(models.Model):
    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="space_memberships",
    )
    joined_at = models.DateTimeField(_("joined on"), auto_now_add=True)
    # The member's read marker: what is newer is "new" on their home (accounts:home). Set on opening the space.
    last_seen_at = models.DateTimeField(_("last visit"), default=timezone.now)
    role = models.CharField(
        _("role in the space"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["space", "user"], name="spaces_membership_unique")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} in {self.space}"


class Labelled(models.Model):
    """What threads and documents share: a space, an author (and their affiliation when written), a TLP
    label and, for TLP:RED, the named recipients. policy.py reads these fields and nothing else."""

    space = models.ForeignKey(Space, verbose_name=_("space"), on_delete=models.PROTECT, related_name="+")
    tlp = models.CharField(
        _("TLP label"), max_length=16, choices=TLP.choices, default=TLP.AMBER, db_index=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    # The author's affiliation when they wrote, for TLP:AMBER+STRICT (it must not move if they change jobs).
    author_state = models.ForeignKey(
        "states.State", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    author_organisation = models.ForeignKey(
        "states.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("named recipients (TLP:RED)"),
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated on"), auto_now=True)

    class Meta:
        abstract = True


class Thread(index.Indexed, Labelled, Example):
    title = models.CharField(_("title"), max_length=250)
    body = models.TextField(_("message"))

    # Full-text search (modelsearch); who may open a result is decided afterwards by spaces.policy.
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("body"),
        index.RelatedFields("replies", [index.SearchField("body")]),
        index.FilterField("id"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")

    def __str__(self) -> str:
        return self.title


class Reply(models.Model):
    """A reply takes its thread's label: it can be seen by exactly those who see the thread."""

    thread = models.ForeignKey(
        Thread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self) -> str:
        return f"{self.thread}: {self.author}"


class Attachment(models.Model):
    thread = models.ForeignKey(
        Thread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="attachments"
    )
    reply = models.ForeignKey(
        Reply,
        verbose_name=_("reply"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to="attachments/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class DocumentCategory(models.TextChoices):
    MANUAL = "manual", _("Manual")
    GOOD_PRACTICE = "good_practice", _("Good practice")
    MODEL_LEGISLATION = "model_legislation", _("Model legislation")
    PRESENTATION = "presentation", _("Presentation")
    OTHER = "other", _("Other")


class Document(index.Indexed, Labelled, Example):
    title = models.CharField(_("title"), max_length=250)
    category = models.CharField(_("category"), max_length=24, choices=DocumentCategory.choices)
    description = models.TextField(_("description"), blank=True)

    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("description"),
        index.FilterField("id"),
    ]
    language = models.CharField(
        _("language"), max_length=10, blank=True, help_text=_("BCP 47 code, e.g. es, en, pt-BR.")
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title


class DocumentVersion(models.Model):
    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), storage=private_storage, upload_to="documents/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="spaces_version_unique")]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("At once, one e-mail per item")
    DAILY = "daily", _("A daily digest")
    OFF = "off", _("No e-mail")


class NotificationSetting(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_notifications"
    )
    frequency = models.CharField(
        _("e-mail notifications"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return f"{self.user}: {self.frequency}"


class NotificationKind(models.TextChoices):
    THREAD = "thread", _("New thread")
    REPLY = "reply", _("New reply")
    MENTION = "mention", _("You were mentioned")
    DOCUMENT = "document", _("New document or version")
    LABEL = "label", _("The label of your item was changed")


class Notification(models.Model):
    """One thing a user should hear about; e-mailed at once or in the daily digest (see tasks.py)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_notices")
    kind = models.CharField(max_length=10, choices=NotificationKind.choices)
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind}"

    @property
    def item(self):
        return self.thread or self.document
