from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "Erasmus+ project tracker"
admin.site.site_title = "Erasmus+ tracker"
admin.site.index_title = "Projects, partners and deadlines"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
]
