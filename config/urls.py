from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from deliverables.views import DeliverableViewSet, SubmissionViewSet, WorkPackageViewSet
from grants.views import ProjectBudgetView
from meetings.views import ActionItemViewSet, GuestViewSet, MeetingViewSet
from newsletters.views import NewsletterIssueViewSet
from outreach.views import DisseminationEntryViewSet, ResultViewSet
from portal.views.accounts import PasswordResetView
from progress.views import ProjectProgressView
from projects.organisation_views import OrganisationViewSet, PersonViewSet
from projects.views import (
    MeView,
    ObjectiveViewSet,
    PartnershipViewSet,
    ProjectViewSet,
    TokenView,
)
from reminders.views import calendar_feed

admin.site.site_header = "Erasmus+ project tracker"
admin.site.site_title = "Erasmus+ tracker"
admin.site.index_title = "Projects, partners and deadlines"


class ApiRouter(DefaultRouter):
    """Any id reaches its view, so a malformed one ("0.5", "abc") is answered as a missing row
    is, 404 in JSON, rather than by the site's HTML page for an address that does not exist."""

    include_format_suffixes = False  # JSON only: `1.json` is not a way to ask for JSON

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        name = getattr(viewset, "lookup_url_kwarg", None) or getattr(viewset, "lookup_field", "pk")
        return f"(?P<{lookup_prefix}{name}>[^/]+)"


router = ApiRouter()
router.register("projects", ProjectViewSet, basename="project")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("people", PersonViewSet, basename="person")
router.register("partnerships", PartnershipViewSet, basename="partnership")
router.register("objectives", ObjectiveViewSet, basename="objective")
router.register("work-packages", WorkPackageViewSet, basename="work-package")
router.register("deliverables", DeliverableViewSet, basename="deliverable")
router.register("submissions", SubmissionViewSet, basename="submission")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("action-items", ActionItemViewSet, basename="action-item")
router.register("meeting-guests", GuestViewSet, basename="meeting-guest")
router.register("newsletters", NewsletterIssueViewSet, basename="newsletter")
router.register("dissemination", DisseminationEntryViewSet, basename="dissemination")
router.register("results", ResultViewSet, basename="result")

api = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("me/", MeView.as_view(), name="api-me"),
    # Any text reaches the view, which answers a malformed id 404 in JSON, as the router does.
    path("projects/<str:pk>/progress/", ProjectProgressView.as_view(), name="project-progress"),
    path("projects/<str:pk>/budget/", ProjectBudgetView.as_view(), name="project-budget"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include(router.urls)),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include(api)),
    path("reminders/", include("reminders.urls")),
    path("newsletter/", include("newsletters.urls")),
    path("calendar/<uuid:token>.ics", calendar_feed, name="calendar-feed"),
    # Before Django's own: the reset mail goes through Celery, within the mail limits.
    path("accounts/password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("portal.urls")),
]

# JSON under /api/, the product's own pages elsewhere (common/errors.py).
handler400 = "common.errors.bad_request"
handler403 = "common.errors.permission_denied"
handler404 = "common.errors.page_not_found"
handler500 = "common.errors.server_error"
