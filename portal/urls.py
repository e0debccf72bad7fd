from django.urls import path

from .views import (
    dashboard,
    downloads,
    home,
    my_work,
    newsletters,
    partners,
    projects,
    search,
    setup,
)

urlpatterns = [
    path("", home.home, name="home"),
    path("favicon.ico", home.favicon, name="favicon"),
    path("my-work/", my_work.my_work, name="my-work"),
    path("deliverables/<int:pk>/submit/", my_work.submit, name="deliverable-submit"),
    path("deliverables/<int:pk>/approve/", projects.approve, name="deliverable-approve"),
    path("action-items/<int:pk>/done/", my_work.complete_action, name="action-item-done"),
    path("meetings/<int:pk>.ics", my_work.meeting_ics, name="meeting-ics"),
    path("calendar/renew/", my_work.renew_feed, name="calendar-renew"),
    path("search/", search.search_page, name="search"),
    path("projects/", projects.project_list, name="project-list"),
    path("projects/new/", setup.project_new, name="project-new"),
    path("projects/<int:pk>/", projects.project_detail, name="project-detail"),
    path("projects/<int:pk>/edit/", setup.project_edit, name="project-edit"),
    path("projects/<int:pk>/copy/", setup.project_copy, name="project-copy"),
    path("projects/<int:pk>/partners/", partners.partners, name="project-partners"),
    path("projects/<int:pk>/partners/search/", partners.partner_search, name="partner-search"),
    path(
        "projects/<int:pk>/partners/add/<int:organisation_pk>/",
        partners.partner_add,
        name="partner-add",
    ),
    path(
        "projects/<int:pk>/partners/<int:partnership_pk>/",
        partners.partner_edit,
        name="partner-edit",
    ),
    path(
        "projects/<int:pk>/partners/<int:partnership_pk>/remove/",
        partners.partner_remove,
        name="partner-remove",
    ),
    path(
        "projects/<int:pk>/organisations/new/",
        partners.organisation_new,
        name="organisation-new",
    ),
    path(
        "projects/<int:pk>/deliverables.<str:fmt>",
        downloads.project_deliverables,
        name="project-deliverables-download",
    ),
    path(
        "my-work/deliverables.<str:fmt>",
        downloads.my_work_deliverables,
        name="my-work-deliverables-download",
    ),
    path("objectives/<int:pk>/status/", dashboard.objective_status, name="objective-status"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path(
        "dashboard/projects/<int:pk>/objectives/",
        dashboard.project_objectives,
        name="dashboard-objectives",
    ),
    path("dashboard/newsletters/new/", newsletters.new_issue, name="newsletter-new"),
    path("dashboard/newsletters/<int:pk>/", newsletters.issue_detail, name="newsletter-issue"),
    path("dashboard/newsletters/<int:pk>/approve/", newsletters.approve, name="newsletter-approve"),
    path("dashboard/newsletters/<int:pk>/publish/", newsletters.publish, name="newsletter-publish"),
    path(
        "dashboard/newsletters/<int:pk>/export.<str:fmt>",
        newsletters.export,
        name="newsletter-export",
    ),
]
