from django import template

from newsletters import writing

register = template.Library()

register.filter("in_words", writing.number)
register.filter("ordinal_word", writing.ordinal)
register.filter("listing", writing.listing)
register.filter("month_year", writing.month)
register.filter("long_date", writing.day)
# Every piece of data the newsletter template inserts goes through this: text, never markup.
register.filter("text", writing.markdown_text)


@register.simple_tag
def period(start, end):
    return writing.period(start, end)


@register.filter
def when(meeting):
    """'13-14 September 2018': a meeting's days, or 'January 2019' while only the month is
    known."""
    if not meeting.dates_confirmed:
        return writing.month(meeting.start_date)
    return writing.period(meeting.start_date, meeting.end_date)


@register.filter
def country_list(countries):
    """Country names in the active language and its alphabetical order, as a list."""
    return writing.listing(sorted(str(country.name) for country in countries))


@register.filter
def place(meeting):
    """Where a meeting was: Meeting.place, as every other reader writes it."""
    return meeting.place
