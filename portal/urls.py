from django.urls import path

from .views import dashboard, downloads, home, my_work, newsletters, projects, work_plan

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
    path("projects/<int:pk>/work-plan/", work_plan.work_plan, name="work-plan"),
    path(
        "projects/<int:pk>/work-plan/packages/new/",
        work_plan.package_form,
        name="work-plan-package-new",
    ),
    path(
        "projects/<int:pk>/work-plan/packages/<int:item>/edit/",
        work_plan.package_form,
        name="work-plan-package-edit",
    ),
    path(
        "projects/<int:pk>/work-plan/packages/<int:item>/move/",
        work_plan.package_move,
        name="work-plan-package-move",
    ),
    path(
        "projects/<int:pk>/work-plan/packages/<int:item>/remove/",
        work_plan.package_remove,
        name="work-plan-package-remove",
    ),
    path(
        "projects/<int:pk>/work-plan/deliverables/new/",
        work_plan.deliverable_form,
        name="work-plan-deliverable-new",
    ),
    path(
        "projects/<int:pk>/work-plan/deliverables/<int:item>/edit/",
        work_plan.deliverable_form,
        name="work-plan-deliverable-edit",
    ),
    path(
        "projects/<int:pk>/work-plan/deliverables/<int:item>/move/",
        work_plan.deliverable_move,
        name="work-plan-deliverable-move",
    ),
    path(
        "projects/<int:pk>/work-plan/deliverables/<int:item>/remove/",
        work_plan.deliverable_remove,
        name="work-plan-deliverable-remove",
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
