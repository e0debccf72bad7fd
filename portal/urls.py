from django.urls import path

from .views import dashboard, downloads, home, meetings, my_work, newsletters, projects

urlpatterns = [
    path("", home.home, name="home"),
    path("favicon.ico", home.favicon, name="favicon"),
    path("my-work/", my_work.my_work, name="my-work"),
    path("deliverables/<int:pk>/submit/", my_work.submit, name="deliverable-submit"),
    path("deliverables/<int:pk>/approve/", projects.approve, name="deliverable-approve"),
    path("action-items/<int:pk>/done/", my_work.complete_action, name="action-item-done"),
    path("meetings/<int:pk>.ics", my_work.meeting_ics, name="meeting-ics"),
    path("projects/<int:pk>/meetings/new/", meetings.meeting_new, name="meeting-new"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/guests/", meetings.guest_add, name="meeting-guest-add"),
    path(
        "meetings/<int:pk>/guests/<int:guest_pk>/remove/",
        meetings.guest_remove,
        name="meeting-guest-remove",
    ),
    path("meetings/<int:pk>/attendance/", meetings.attendance, name="meeting-attendance"),
    path("meetings/<int:pk>/action-items/", meetings.action_item_add, name="meeting-action-add"),
    path("calendar/renew/", my_work.renew_feed, name="calendar-renew"),
    path("projects/", projects.project_list, name="project-list"),
    path("projects/<int:pk>/", projects.project_detail, name="project-detail"),
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
