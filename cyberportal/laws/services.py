"""Writes with rules for the legislation compendium: laws and their provisions, mappings, the
moderation workflow, and committing a parsed import in one transaction.

Views, admin hooks, commands and the demo call these functions; each validates with full_clean().
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cyberportal.audit.models import AuditAction
from cyberportal.audit.services import audit_record
from cyberportal.core import policy
from cyberportal.states.models import Article, State

from .importers.parsed import ParsedLaw, ParsedProvision
from .models import (
    ConceptLabel,
    Law,
    LawStatus,
    MappingExtent,
    Provision,
    ProvisionConcept,
    ProvisionKind,
    ProvisionMapping,
    SavedSearch,
)


def moderation_workflow_ensure():
    """The moderation workflow every focal point's change goes through (accounts.services)."""
    from cyberportal.accounts.services import moderation_workflow_ensure as ensure

    return ensure()


def _check_can_edit(user, law: Law) -> None:
    if user is not None and not policy.can_edit(user, law):
        raise PermissionDenied(_("You may edit only your own state's laws."))


@transaction.atomic
def law_publish(*, law: Law, user=None) -> Law:
    """Publish the law's latest revision; only the Secretariat may."""
    if user is not None and not policy.can_publish(user, law):
        raise PermissionDenied(_("Only the Secretariat publishes laws."))
    revision = law.latest_revision or law.save_revision(user=user)
    revision.publish(user=user)
    law.refresh_from_db()
    audit_record(actor=user, action=AuditAction.PUBLISH, obj=law)
    return law


@transaction.atomic
def mapping_set(
    *,
    provision: Provision,
    article: Article,
    extent: str = MappingExtent.FULL,
    note: str = "",
    reviewed_by=None,
    user=None,
) -> ProvisionMapping:
    """Record (or update) that `provision` implements `article`; a reviewer's name and time are kept."""
    _check_can_edit(user, provision.law)
    mapping = ProvisionMapping.objects.filter(
        provision=provision, article=article
    ).first() or ProvisionMapping(provision=provision, article=article)
    mapping.extent = extent
    mapping.note = note
    if reviewed_by is not None:
        mapping.reviewed_by = reviewed_by
        mapping.reviewed_at = timezone.now()
    mapping.full_clean()
    mapping.save()
    return mapping


@dataclass
class ImportOptions:
    state: State
    user: object | None = None
    law_type: str = ""
    status: str = LawStatus.IN_FORCE
    publish: bool = False
    mappings: list[tuple[int, int, str]] = field(
        default_factory=list
    )  # (provision index, article pk, extent)
    is_example: bool = False
    confirmed: bool = False  # the editor saves although the structure confidence is low
    submit: bool = False  # send the saved draft to the Secretariat's review (core.moderation)


def _frbr_uri(parsed: ParsedLaw, state: State) -> str:
    """The AKN work URI; never with an invented year (a law without one is asked for it)."""
    if parsed.frbr_uri:
        return parsed.frbr_uri
    if not parsed.year:
        raise ValidationError(
            _("The law's year could not be determined; give it before saving (nothing was saved).")
        )
    number = "".join(c for c in (parsed.number or "") if c.isalnum() or c == "-")
    if not number:
        # A Commonwealth act is often cited by its short title and year only ("Cybercrime Act, 2024").
        number = slugify(parsed.title)[:60] or slugify(parsed.identifier)[:60]
    if not number:
        raise ValidationError(_("The law's number or title is needed for its identifier; nothing was saved."))
    return f"/akn/{state.code.lower()}/{parsed.law_type or 'act'}/{parsed.year}/{number.lower()}"


def import_needs_confirmation(parsed: ParsedLaw) -> bool:
    """True when the parser's structure confidence is under the LAW_IMPORT_MIN_CONFIDENCE setting."""
    return parsed.confidence is not None and parsed.confidence < settings.LAW_IMPORT_MIN_CONFIDENCE


def _provision_kwargs(item: ParsedProvision, language: str) -> dict:
    return {
        "kind": item.kind or ProvisionKind.ARTICLE,
        "number": item.number[:40],
        "heading": item.heading[:500],
        "text": item.text,
        "notes": "\n".join(item.notes),
        "language": item.language or language,
        "valid_from": item.valid_from,
        "valid_to": item.valid_to,
    }


def _identity_from_document(law: Law, parsed: ParsedLaw) -> None:
    """Dates, status and the source's own URI as the document states them (an AKN export carries them)."""
    law.enacted_on = parsed.dates.get("enacted")
    law.published_on = parsed.dates.get("published")
    law.in_force_on = parsed.dates.get("in_force")
    law.repealed_on = parsed.dates.get("repealed")
    law.source_uri = parsed.source_uri[:300]
    if parsed.status in LawStatus.values:
        law.status = parsed.status
    law.title_en = parsed.extra.get("titleEn", law.title_en)[:500]
    law.source_url = parsed.extra.get("sourceUrl", law.source_url)[:500]
    law.gazette_reference = parsed.extra.get("gazette", law.gazette_reference)[:300]


def _restore_mappings(parsed: ParsedLaw, created: list[Provision], user) -> None:
    """Mappings an Akoma Ntoso export carried. A reviewed mapping stays reviewed when the importer may
    review mappings, or on the command line (no user: the operator), keeping its review time."""
    from cyberportal.states.models import Article

    trusted = user is None or policy.can_review_mappings(user)
    for item in parsed.mappings:
        article = Article.objects.filter(instrument__slug=item.instrument, number=item.article).first()
        if article is None or not 0 <= item.provision_index < len(created):
            continue  # the instrument is not loaded here; the preview listed the mapping
        mapping = mapping_set(
            provision=created[item.provision_index],
            article=article,
            extent=item.extent if item.extent in MappingExtent.values else MappingExtent.FULL,
            note=item.note,
            reviewed_by=user if item.reviewed_at and trusted and user is not None else None,
        )
        if item.reviewed_at and trusted:
            mapping.reviewed_at = item.reviewed_at
            mapping.save(update_fields=["reviewed_at"])


@transaction.atomic
def law_import(*, parsed: ParsedLaw, options: ImportOptions) -> Law:
    """Save a parsed law with its provisions (and those it inserts into a code) in one transaction.

    Anything invalid raises ValidationError and, the transaction being atomic, nothing is saved.
    """
    state = options.state
    if options.user is not None and not policy.can_edit(options.user, Law(state=state)):
        raise PermissionDenied(_("You may import laws only for your own state."))
    if not parsed.provisions:
        raise ValidationError(_("No provisions to save."))
    if import_needs_confirmation(parsed) and not options.confirmed:
        raise ValidationError(
            _(
                "The structure confidence is %(value)s, under %(min)s: check the preview and confirm the "
                "import explicitly. Nothing was saved."
            )
            % {"value": parsed.confidence, "min": settings.LAW_IMPORT_MIN_CONFIDENCE}
        )
    uri = _frbr_uri(parsed, state)
    if Law.objects.filter(frbr_uri=uri).exists():
        raise ValidationError(
            _("A law with the FRBR work URI %(uri)s already exists; nothing was saved.") % {"uri": uri}
        )
    law = Law(
        state=state,
        title=parsed.title[:500] or parsed.identifier or uri,
        identifier=(parsed.identifier or uri)[:120],
        law_type=options.law_type or parsed.law_type or "act",
        status=options.status,
        year=parsed.year,
        source_url=parsed.source_url[:500] if parsed.source_url.startswith(("http://", "https://")) else "",
        frbr_uri=uri,
        language=parsed.language,
        is_example=options.is_example,
        live=False,
    )
    _identity_from_document(law, parsed)
    law.full_clean()
    law.save()
    created: list[Provision] = []
    for position, item in enumerate(parsed.provisions):
        parent = created[item.parent_index] if item.parent_index is not None else None
        provision = Provision(
            law=law, parent=parent, sort_order=position, **_provision_kwargs(item, law.language)
        )
        provision.full_clean()
        provision.save()
        created.append(provision)
    for amendment in parsed.amendments:
        _insert_into_code(amending=law, amendment=amendment, state=state, language=parsed.language)
    for index_, article_pk, extent in options.mappings:
        if not 0 <= index_ < len(created):
            raise ValidationError(
                _("Mapping refers to provision %(n)s, which does not exist.") % {"n": index_}
            )
        mapping_set(
            provision=created[index_],
            article=Article.objects.get(pk=article_pk),
            extent=extent,
            reviewed_by=options.user
            if options.user is not None and policy.can_review_mappings(options.user)
            else None,
        )
    _restore_mappings(parsed, created, options.user)
    provision_concepts_refresh(provisions=Provision.objects.filter(pk__in=[p.pk for p in created]))
    revision = law.save_revision(user=options.user)
    audit_record(
        actor=options.user,
        action=AuditAction.CREATE,
        obj=law,
        changes={"provisions": law.provisions.count(), "imported": True},
    )
    if options.publish:
        if options.user is not None and not policy.can_publish(options.user, law):
            raise PermissionDenied(_("Only the Secretariat publishes laws."))
        revision.publish(user=options.user)
        law.refresh_from_db()
    elif options.submit:
        law_submit(law=law, user=options.user)
    return law


# What a focal point may change in a law's details outside the admin (the API's write scope); the
# provisions, the state and the visibility are edited in the admin only.
DRAFT_FIELDS = ("title_en", "summary", "summary_language", "source_url", "gazette_reference", "status",
                "enacted_on", "published_on", "in_force_on", "repealed_on")  # fmt: skip


@transaction.atomic
def law_draft_submit(*, law: Law, user, changes: dict):
    """Save `changes` to the law's details as a draft revision (the published law stays what readers
    see) and send it to the Secretariat's review, as the admin's "Submit to the Secretariat" does.
    Returns the revision. Unknown fields or invalid values raise ValidationError naming them."""
    if not (policy.can_submit_for_review(user) and policy.can_edit(user, law)):
        raise PermissionDenied(_("You may submit only your own state's laws."))
    unknown = sorted(set(changes) - set(DRAFT_FIELDS))
    if unknown:
        raise ValidationError({name: _("This field cannot be changed here.") for name in unknown})
    if law.workflow_in_progress:
        raise ValidationError(_("This law is already waiting for the Secretariat's review."))
    draft = law.get_latest_revision_as_object() if law.latest_revision_id else law
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.full_clean()
    revision = draft.save_revision(user=user)
    law.refresh_from_db()
    law_submit(law=law, user=user)
    return revision


def law_submit(*, law: Law, user) -> None:
    """Send the law's latest draft to the Secretariat's review (the one moderation workflow)."""
    if not (policy.can_submit_for_review(user) and policy.can_edit(user, law)):
        raise PermissionDenied(_("You may submit only your own state's laws."))
    workflow = law.get_workflow()
    if workflow is None:
        raise ValidationError(_("No review workflow is set up; ask the Secretariat."))
    if not law.workflow_in_progress:
        workflow.start(law, user)


def _insert_into_code(*, amending: Law, amendment, state: State, language: str) -> None:
    """Add the articles an amending law inserts to the code it amends, with the amending law as source.

    The code is found by its identifier within the state, or created as a draft so that an editor can
    complete its details; an existing article with the same number keeps its older text with an end date.
    """
    code = Law.objects.filter(state=state, identifier__iexact=amendment.code_name[:120]).first()
    if code is None:
        slug = "".join(c for c in amendment.code_name.lower() if c.isalnum())[:40] or "code"
        code = Law(
            state=state,
            title=amendment.code_name[:500],
            identifier=amendment.code_name[:120],
            law_type="code",
            status=LawStatus.IN_FORCE,
            frbr_uri=f"/akn/{state.code.lower()}/act/code/{slug}",
            language=language,
            live=False,
        )
        code.full_clean()
        code.save()
    start = (
        amending.in_force_on
        or amending.enacted_on
        or (datetime.date(amending.year, 1, 1) if amending.year else None)
    )
    last = code.provisions.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0
    created: list[Provision] = []
    for offset, item in enumerate(amendment.provisions, start=1):
        # Only a substitution ends the older wording; an insertion (a numeral added to article 58) keeps it.
        if item.kind == ProvisionKind.ARTICLE and amendment.action == "replace":
            older = code.provisions.filter(kind=item.kind, number__iexact=item.number, valid_to__isnull=True)
            if start is not None:
                older.update(valid_to=start)
        provision = Provision(
            law=code,
            parent=created[item.parent_index] if item.parent_index is not None else None,
            sort_order=last + offset,
            source_law=amending,
            **{**_provision_kwargs(item, language), "valid_from": start},
        )
        provision.full_clean()
        provision.save()
        created.append(provision)
    provision_concepts_refresh(provisions=Provision.objects.filter(pk__in=[p.pk for p in created]))
    code.save_revision()  # the code's history records the articles the amending law inserted


@transaction.atomic
def thesaurus_load(concepts: dict | None = None, instrument_slug: str = "cets-185") -> int:
    """Add the starting thesaurus (see `thesaurus.py`); labels the Secretariat already has are kept."""
    from .models import Concept, ConceptLabel
    from .thesaurus import BROADER, CONCEPTS

    created, changed = 0, set()
    for slug, (numbers, labels) in (concepts or CONCEPTS).items():
        concept, was_created = Concept.objects.get_or_create(slug=slug)
        created += was_created
        concept.articles.add(*Article.objects.filter(instrument__slug=instrument_slug, number__in=numbers))
        for language, texts in labels.items():
            for position, text in enumerate(texts):
                label = ConceptLabel.objects.filter(concept=concept, language=language, text=text).first()
                if label is None:
                    label = ConceptLabel(
                        concept=concept, language=language, text=text, preferred=position == 0
                    )
                    label.full_clean()
                    label.save()
                    changed.add(concept.pk)
    if concepts is None:
        # Only where the Secretariat set nothing: its own choices in the admin are kept.
        for narrower, broader in BROADER.items():
            Concept.objects.filter(slug=narrower, broader__isnull=True).update(
                broader=Concept.objects.filter(slug=broader).first()
            )
    if changed:
        provision_concepts_refresh(concepts=sorted(changed))
    return created


REFRESH_CHUNK = 2000


@transaction.atomic
def provision_concepts_refresh(*, provisions=None, concepts=None) -> int:
    """Record which concepts each provision names (`ProvisionConcept`), for search.

    Call it after writing provisions (`provisions`: a queryset of them) and after changing the thesaurus
    (`concepts`: the concepts whose labels changed, or None for all); with neither, everything is
    recomputed (`manage.py refresh_provision_concepts`). Returns the number of matches recorded.
    """
    from .search import concept_matches, label_index

    labels = (
        ConceptLabel.objects.all() if concepts is None else ConceptLabel.objects.filter(concept__in=concepts)
    )
    labels = label_index(labels.values_list("concept_id", "text"))
    if provisions is not None and not isinstance(provisions, models.QuerySet):
        # A published revision's provisions come as modelcluster's in-memory list: read them again.
        provisions = Provision.objects.filter(pk__in=[p.pk for p in provisions if p.pk])
    rows = Provision.objects.all() if provisions is None else provisions
    stale = ProvisionConcept.objects.all()
    if provisions is not None:
        stale = stale.filter(provision__in=rows.values("pk"))
    if concepts is not None:
        stale = stale.filter(concept__in=concepts)
    # Derived rows with nothing hanging off them: one DELETE, without loading each row to send it
    # a signal (a thesaurus change may touch 100,000 of them).
    stale._raw_delete(stale.db)
    if not labels:
        return 0
    recorded, batch = 0, []
    for pk, concept_id in concept_matches(
        rows.order_by().values_list("pk", "heading", "text").iterator(chunk_size=REFRESH_CHUNK), labels
    ):
        batch.append(ProvisionConcept(provision_id=pk, concept_id=concept_id))
        if len(batch) >= REFRESH_CHUNK:
            recorded += len(ProvisionConcept.objects.bulk_create(batch, ignore_conflicts=True))
            batch = []
    recorded += len(ProvisionConcept.objects.bulk_create(batch, ignore_conflicts=True))
    return recorded


def saved_search_create(*, user, query: str, name: str = "") -> SavedSearch:
    """Keep a search of the legislation for `user`: only the search form's own parameters, a non-empty
    text, at most SavedSearch.MAX_PER_USER per user. The name defaults to the searched text."""
    from django.http import QueryDict

    from .forms import SearchForm

    if not policy.can_save_searches(user):
        raise PermissionDenied
    params = QueryDict(query or "")
    kept = QueryDict(mutable=True)
    for key in SearchForm.base_fields:
        value = params.get(key, "").strip()
        if value:
            kept[key] = value
    text = kept.get("q", "")
    if not text:
        raise ValidationError({"query": _("Only a search with words to look for can be saved.")})
    name = (name or "").strip() or text
    if len(name) > 200:
        raise ValidationError({"name": _("The name is too long: at most 200 characters.")})
    with transaction.atomic():
        # The user's row locked: two saves at once cannot both pass the limit.
        get_user_model().objects.select_for_update().filter(pk=user.pk).exists()
        count = SavedSearch.objects.filter(user=user).count()
        if count >= SavedSearch.MAX_PER_USER:
            raise ValidationError(
                _("You already have %(limit)d saved searches: delete one before saving another.")
                % {"limit": SavedSearch.MAX_PER_USER}
            )
        return SavedSearch.objects.create(user=user, name=name, query=kept.urlencode())


def saved_search_delete(*, user, pk: int) -> None:
    """Delete one of `user`'s own saved searches; another user's is as if it did not exist."""
    deleted, _rows = SavedSearch.objects.filter(user=user, pk=pk).delete()
    if not deleted:
        raise SavedSearch.DoesNotExist
