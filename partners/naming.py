"""How a login is named to others: on pages, in notices and in e-mails alike."""


def name_of(user) -> str:
    """A person's name where one is known: their contact record's, their account's, else the
    login; empty for nobody. Callers load `person` with the user so that this costs no query."""
    if user is None:
        return ""
    person = getattr(user, "person", None)
    return (person and person.full_name) or user.get_full_name() or user.get_username()
