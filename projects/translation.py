"""The project's content that carries a version per language: its title and its objectives'."""

from modeltranslation.translator import TranslationOptions, register

from common.content_languages import write_to_the_original
from projects.models import Objective, Project


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("title",)


@register(Objective)
class ObjectiveTranslation(TranslationOptions):
    fields = ("title",)


write_to_the_original(Project)
write_to_the_original(Objective)
