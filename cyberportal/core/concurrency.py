"""Two editors saving the same record must not silently overwrite each other.

Wagtail's edit forms carry the revision the editor loaded, and Wagtail's edit view knows whether it is
out of date (`is_out_of_date`), but it refuses only autosaves with it. The guard asks the same
question on every save, with the record's row locked so no save slips in between: an outdated save is
refused with a message and the editor's form is shown again with what they typed. Every snippet viewset
of a record with revisions carries it by using `GuardedEditView` (see `GuardedSnippetViewSet`, and
`core.admin_scoping` for the state-scoped ones).
"""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

# Wagtail's cached answers about the latest revision, read again once the row is locked.
_WAGTAIL_CACHED = ("latest_revision", "latest_revision_created_at", "is_out_of_date")


class StaleEditGuardMixin:
    """For Wagtail edit views of models with RevisionMixin."""

    def form_valid(self, form):
        if not self.revision_enabled:
            return super().form_valid(form)
        with transaction.atomic():
            self.object.latest_revision_id = (
                type(self.object)
                .objects.select_for_update()
                .filter(pk=self.object.pk)
                .values_list("latest_revision_id", flat=True)
                .first()
            )
            for name in _WAGTAIL_CACHED:
                self.__dict__.pop(name, None)
            if self.is_out_of_date or self._loaded_before_first_revision():
                return self._refuse_stale(form)
            return super().form_valid(form)

    def _loaded_before_first_revision(self) -> bool:
        """Wagtail's form leaves `loaded_revision_id` out when the record had no revision as it was
        opened, and Wagtail's check then lets the save through even if another editor has saved one
        since: the first two editors of a record would overwrite each other."""
        posted = self.request.POST
        return (
            not posted.get("loaded_revision_id")
            and not posted.get("overwrite_revision_id")
            and self.latest_revision is not None
        )

    def _refuse_stale(self, form):
        message = _(
            "Someone else saved this record after you opened it; your changes were NOT saved. "
            "Copy what you changed, reload the page to see their version, and apply your changes again."
        )
        form.add_error(None, message)
        self.produced_error_code = "stale_edit"
        self.produced_error_message = message  # Wagtail shows it above the form
        # The form shown again must still carry the revision the editor loaded: with the newer one, the
        # next save, or Wagtail's autosave of the re-rendered form, would overwrite the other editor's
        # changes after all. Only a reload brings in their version.
        loaded = self.request.POST.get("loaded_revision_id", "")
        self.object.latest_revision_id = int(loaded) if loaded.isdigit() else None
        self.__dict__["latest_revision_created_at"] = self.request.POST.get("loaded_revision_created_at", "")
        return self.form_invalid(form)


class GuardedEditView(StaleEditGuardMixin, EditView):
    """Wagtail's snippet edit view, refusing a save made from an outdated copy."""


class GuardedSnippetViewSet(SnippetViewSet):
    edit_view_class = GuardedEditView
