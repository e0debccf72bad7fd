from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse

from .exports import issue_download
from .models import Delivery, NewsletterIssue, Subscriber
from .sending import publish_issue
from .services import approve_issue, check_editable, save_draft, save_edit


@admin.register(NewsletterIssue)
class NewsletterIssueAdmin(admin.ModelAdmin):
    list_display = ["period_start", "period_end", "language", "status", "approved_by",
                    "sent_count", "updated_at"]  # fmt: skip
    list_filter = ["status", "language"]
    date_hierarchy = "period_start"
    readonly_fields = ["generated_content", "gaps", "status", "approved_by", "approved_at",
                       "published_at", "sent_count"]  # fmt: skip
    fields = ["period_start", "period_end", "language", "status", "generated_content", "gaps",
              "edited_content", "approved_by", "approved_at"]  # fmt: skip
    actions = ["approve", "publish", "redraft", "export_markdown", "export_html", "export_pdf"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        # An issue's period and language say which it is; only the editor's text changes, and
        # not once it has gone out.
        fixed = ["period_start", "period_end", "language"]
        try:
            check_editable(obj)
        except ValidationError:
            fixed.append("edited_content")
        return [*self.readonly_fields, *fixed]

    def save_model(self, request, obj, form, change):
        if change:
            if "edited_content" in form.cleaned_data:
                try:
                    save_edit(
                        issue=NewsletterIssue.objects.get(pk=obj.pk),
                        content=form.cleaned_data["edited_content"],
                        edited_by=request.user,
                    )
                except ValidationError as error:  # published meanwhile
                    self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        # A new issue is drafted from the data; what the form holds is the period and language.
        try:
            issue = save_draft(
                first=obj.period_start, last=obj.period_end, language=obj.language,
                drafted_by=request.user,
            )  # fmt: skip
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        obj.pk = issue.pk
        obj.refresh_from_db()

    @admin.action(description="Approve the selected drafts")
    def approve(self, request, queryset):
        for issue in queryset:
            try:
                approve_issue(issue=issue, approved_by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{issue}: {' '.join(error.messages)}", messages.ERROR)

    @admin.action(description="Publish to the subscribers (approved issues)")
    def publish(self, request, queryset):
        for issue in queryset:
            try:
                queued = publish_issue(issue=issue, published_by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{issue}: {' '.join(error.messages)}", messages.ERROR)
                continue
            self.message_user(request, f"{issue}: sending to {queued} subscriber(s).")

    @admin.action(description="Draft again from the data (the editor's version is kept)")
    def redraft(self, request, queryset):
        settled = queryset.exclude(status=NewsletterIssue.Status.DRAFT)
        if settled.exists() and "confirm" not in request.POST:
            return TemplateResponse(
                request,
                "admin/newsletters/confirm_redraft.html",
                {**self.admin_site.each_context(request), "issues": queryset,
                 "settled": settled, "opts": self.model._meta},
            )  # fmt: skip
        for issue in queryset:
            save_draft(first=issue.period_start, last=issue.period_end, language=issue.language,
                       confirm=True, drafted_by=request.user)  # fmt: skip
        self.message_user(request, f"{queryset.count()} issue(s) drafted again.")

    def _download(self, queryset, fmt):
        return issue_download(queryset.first(), fmt)

    @admin.action(description="Download as Markdown (first selected)")
    def export_markdown(self, request, queryset):
        return self._download(queryset, "md")

    @admin.action(description="Download as HTML for a mailing tool (first selected)")
    def export_html(self, request, queryset):
        return self._download(queryset, "html")

    @admin.action(description="Download as PDF (first selected)")
    def export_pdf(self, request, queryset):
        return self._download(queryset, "pdf")


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "language", "confirmed_at", "created_at"]
    list_filter = ["language", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["issue", "subscriber", "status", "attempts", "sent_at", "last_error"]
    list_filter = ["status", "issue"]
    list_select_related = ["issue", "subscriber"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
