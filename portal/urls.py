from django.urls import path

from .views import dashboard, downloads, home, invitations, my_work, newsletters, people, projects

urlpatterns = [
    path("", home.home, name="home"),
    path("favicon.ico", home.favicon, name="favicon"),
    path("my-work/", my_work.my_work, name="my-work"),
    path("deliverables/<int:pk>/submit/", my_work.submit, name="deliverable-submit"),
    path("deliverables/<int:pk>/approve/", projects.approve, name="deliverable-approve"),
    path("action-items/<int:pk>/done/", my_work.complete_action, name="action-item-done"),
    path("meetings/<int:pk>.ics", my_work.meeting_ics, name="meeting-ics"),
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
    path("people/", people.people_list, name="people"),
    path("people/new/", people.person_new, name="person-new"),
    path("people/<int:pk>/", people.person_detail, name="person-detail"),
    path("people/<int:pk>/edit/", people.person_edit, name="person-edit"),
    path("people/<int:pk>/login/<str:action>/", people.login_action, name="person-login-action"),
    path("invitation/<str:token>/", invitations.invitation, name="invitation"),
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
