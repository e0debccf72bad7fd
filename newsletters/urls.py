from django.urls import path

from . import pages

app_name = "newsletters"
urlpatterns = [
    path("subscribe/", pages.subscribe, name="subscribe"),
    path("confirm/<str:token>/", pages.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", pages.unsubscribe, name="unsubscribe"),
]
