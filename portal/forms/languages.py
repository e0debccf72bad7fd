"""The "other languages" part of a form: the versions of its titles and places, beside the
original the form edits as before."""

from common.content_languages import ORIGINAL, OTHER_LANGUAGES, version_name, version_names
from common.languages import SPOKEN_LANGUAGES


def with_versions(fields: list[str], *translated: str) -> list[str]:
    """A ModelForm's fields followed by the versions of those of them that are translated."""
    return fields + [name for field in translated for name in version_names(field)]


class OtherLanguagesMixin:
    """Groups the versions under their field (each input named by its language alone), and
    shows the original (not the reader's version) in the field itself, since that is what a
    save of the field writes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.version_fields = []
        originals = set()
        for name in list(self.fields):
            original, _sep, code = name.rpartition("_")
            if code not in OTHER_LANGUAGES or original not in self.fields:
                continue
            field = self.fields[name]
            # Under a legend naming the field: an input's own name is its language alone.
            field.label = SPOKEN_LANGUAGES[code]
            field.help_text = ""
            field.required = False
            field.widget.attrs["lang"] = code
            self.version_fields.append(name)
            originals.add(original)
        for original in originals:
            self.initial[original] = getattr(self.instance, version_name(original, ORIGINAL))

    def main_fields(self):
        return [field for field in self if field.name not in self.version_fields]

    def language_fields(self):
        return [field for field in self if field.name in self.version_fields]

    def language_groups(self):
        """(the original's label, its versions' fields) for each translated field."""
        groups = {}
        for field in self.language_fields():
            original = field.name.rpartition("_")[0]
            groups.setdefault(self.fields[original].label, []).append(field)
        return list(groups.items())
