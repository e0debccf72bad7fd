from django import template

from newsletters import sentences, writing

register = template.Library()

register.filter("in_words", writing.number)
register.filter("ordinal_word", writing.ordinal)
register.filter("listing", writing.listing)
register.filter("month_year", writing.month)
register.filter("long_date", writing.day)
# Every piece of data the newsletter template inserts goes through this: text, never markup.
register.filter("text", writing.markdown_text)
register.filter("partners_sentence", sentences.partners_sentence)
register.filter("agenda_title", sentences.agenda_title)
register.filter("due", sentences.due)


@register.simple_tag
def period(start, end):
    return writing.period(start, end)


@register.simple_tag
def issue_name(start, end):
    """'September–October 2018': what an issue covers."""
    return writing.months(start, end)


@register.filter
def when(meeting):
    """'13–14 September 2018': a meeting's days, or 'January 2019' while only the month is
    known."""
    if not meeting.dates_confirmed:
        return writing.month(meeting.start_date)
    return writing.period(meeting.start_date, meeting.end_date)


@register.filter
def place(meeting):
    """Where a meeting was: Meeting.place, as every other reader writes it."""
    return sentences.place_label(meeting)


@register.filter
def agenda_line(meeting):
    """'Coordination meeting of the Erasmus+ project COCADE, Marseille'."""
    place = sentences.place_label(meeting)
    title = sentences.agenda_title(meeting)
    return f"{title}, {place}" if place else title


@register.filter
def held_sentence(meeting, ordinal=None):
    return sentences.held_sentence(meeting, ordinal)
