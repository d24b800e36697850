"""The directory import in the admin (directory managers only): upload a file, read the dry-run report per record
(would be created, updated, unchanged or refused, in the admin's language), then "Import" applies exactly the
previewed file: its bytes wait in the session under their SHA-256, and the confirmation names that hash, so a
second upload in another tab cannot slip in between preview and import. The management command `import_services`
prints the same report."""

from __future__ import annotations

import base64
from pathlib import Path

from django import forms
from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from home import tabular
from home.admin_screens import AdminScreenMixin

from .importer import MAX_BYTES, REQUIRED_COLUMNS, run_import
from .permissions import is_directory_manager

SESSION_KEY = "resources_import"


def can_import(user) -> bool:
    return is_directory_manager(user) and user.has_perm("resources.add_service")


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"))
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[
            ("auto", _("From the file name (.json or .csv)")),
            ("csv", "CSV"),
            ("json", "HSDS 3.0 JSON"),
        ],
        initial="auto",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext(
            "The CSV template or HSDS 3.0 JSON, UTF-8, at most %(size)s MB."
        ) % {"size": MAX_BYTES // tabular.MB}


class ConfirmForm(forms.Form):
    sha256 = forms.RegexField(regex=r"^[0-9a-f]{64}$", widget=forms.HiddenInput)


def _kind(name: str, chosen: str) -> str:
    if chosen in ("csv", "json"):
        return chosen
    return "json" if Path(name or "").suffix.lower() == ".json" else "csv"


class DirectoryImportView(AdminScreenMixin, TemplateView):
    template_name = "resources/admin/import.html"
    page_title = _("Import services")
    header_icon = "upload"

    def user_may_open(self, user) -> bool:
        return can_import(user)

    def get_breadcrumb_trail(self):
        return [{"url": reverse("wagtailsnippets_resources_service:list"), "label": gettext("Services")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", UploadForm())
        report = context.get("report")
        context["report_rows"] = [(entry, report.label(entry)) for entry in report.entries] if report else []
        context.update(
            action_url=reverse("resources_import"),
            required_columns=", ".join(REQUIRED_COLUMNS),
            max_mb=MAX_BYTES // tabular.MB,
        )
        return context

    def post(self, request, *args, **kwargs):
        if "sha256" in request.POST:
            return self._apply()
        return self._preview()

    def _render(self, status=200, **context):
        return self.render_to_response(self.get_context_data(**context), status=status)

    def _preview(self):
        form = UploadForm(self.request.POST, self.request.FILES)
        if not form.is_valid():
            return self._render(400, form=form)
        upload = form.cleaned_data["file"]
        kind = _kind(upload.name, form.cleaned_data["format"])
        report = run_import(upload, kind, dry_run=True)
        self.request.session.pop(SESSION_KEY, None)
        if not report.ok:
            return self._render(400, form=form, report=report)
        upload.seek(0)
        self.request.session[SESSION_KEY] = {
            "sha256": report.sha256,
            "kind": kind,
            "name": upload.name[:200],
            "data": base64.b64encode(upload.read(MAX_BYTES + 1)).decode("ascii"),
        }
        confirm = ConfirmForm(initial={"sha256": report.sha256})
        return self._render(form=UploadForm(), report=report, confirm=confirm, file_name=upload.name)

    def _stored_file(self) -> tuple[bytes, dict] | None:
        confirm = ConfirmForm(self.request.POST)
        stored = self.request.session.get(SESSION_KEY)
        if not confirm.is_valid() or not stored or stored.get("sha256") != confirm.cleaned_data["sha256"]:
            return None
        data = base64.b64decode(stored["data"])
        return (data, stored) if tabular.digest(data) == stored["sha256"] else None

    def _apply(self):
        found = self._stored_file()
        if found is None:
            messages.error(
                self.request,
                gettext("The previewed file is no longer available: upload it again. Nothing was imported."),
            )
            return self._render(400)
        data, stored = found
        report = run_import(data, stored["kind"], dry_run=False)
        self.request.session.pop(SESSION_KEY, None)
        if report.written:
            messages.success(self.request, report.summary())
        return self._render(200 if report.ok else 400, report=report, file_name=stored["name"])
