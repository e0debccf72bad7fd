from django.contrib import admin

from .models import NewsletterIssue


@admin.register(NewsletterIssue)
class NewsletterIssueAdmin(admin.ModelAdmin):
    list_display = ["period_start", "period_end", "language", "status", "approved_by", "updated_at"]
    list_filter = ["status", "language"]
    date_hierarchy = "period_start"
    readonly_fields = ["generated_content", "approved_by", "approved_at"]
    fields = ["period_start", "period_end", "language", "status", "generated_content",
              "edited_content", "approved_by", "approved_at"]  # fmt: skip
