"""A deliverable's title carries a version per language."""

from modeltranslation.translator import TranslationOptions, register

from common.content_languages import write_to_the_original
from deliverables.models import Deliverable


@register(Deliverable)
class DeliverableTranslation(TranslationOptions):
    fields = ("title",)


write_to_the_original(Deliverable)
