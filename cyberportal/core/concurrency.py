"""Two editors saving the same record must not silently overwrite each other.

Wagtail's edit forms carry the id of the revision the editor loaded (`loaded_revision_id`). On save
we lock the record's row and compare it with the latest revision: if someone else saved in between,
the save is refused with a message and the editor's form is shown again with what they typed.
"""

from django.db import transaction
from django.utils.translation import gettext as _


class StaleEditGuardMixin:
    """For Wagtail edit views of models with RevisionMixin."""

    def form_valid(self, form):
        with transaction.atomic():
            latest = (
                type(self.object)
                .objects.select_for_update()
                .filter(pk=self.object.pk)
                .values_list("latest_revision_id", flat=True)
                .first()
            )
            loaded = self.request.POST.get("loaded_revision_id", "")
            if str(latest or "") != loaded:
                message = _(
                    "Someone else saved this record after you opened it; your changes were NOT saved. "
                    "Copy what you changed, reload the page to see their version, and apply your changes again."
                )
                form.add_error(None, message)
                self.produced_error_code = "stale_edit"
                self.produced_error_message = message  # Wagtail shows it above the form
                # The form shown again must still carry the revision the editor loaded: with the newer
                # one, the next save, or Wagtail's autosave of the re-rendered form, would overwrite
                # the other editor's changes after all. Only a reload brings in their version.
                self.object.latest_revision_id = int(loaded) if loaded.isdigit() else None
                self.__dict__["latest_revision_created_at"] = self.request.POST.get(
                    "loaded_revision_created_at", ""
                )
                return self.form_invalid(form)
            return super().form_valid(form)
