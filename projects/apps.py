from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate, post_save, pre_save


def _grant_officer_permissions(sender, **kwargs):
    from .roles import ensure_officer_group

    ensure_officer_group()


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Projects"

    def ready(self):
        # Permissions exist only after migrate has run, so the group is kept current then.
        post_migrate.connect(_grant_officer_permissions, sender=self)
        from .authentication import end_tokens_with_the_password, note_a_new_password

        pre_save.connect(note_a_new_password, sender=settings.AUTH_USER_MODEL)
        post_save.connect(end_tokens_with_the_password, sender=settings.AUTH_USER_MODEL)
