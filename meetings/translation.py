"""A meeting's title and place carry a version per language: "Bruxelles" beside "Brussels"."""

from modeltranslation.translator import TranslationOptions, register

from common.content_languages import write_to_the_original
from meetings.models import Meeting


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "venue", "city")


write_to_the_original(Meeting)
