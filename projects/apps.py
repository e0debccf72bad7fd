from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _grant_officer_permissions(sender, **kwargs):
    from .roles import ensure_officer_group

    ensure_officer_group()


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Projects"

    def ready(self):
        # Permissions exist only after migrate has run, so the group is kept current then.
        post_migrate.connect(_grant_officer_permissions, sender=self)
