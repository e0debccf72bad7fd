"""What the installed apps declare in a module of an agreed name, such as `<app>/db_rules.py`.

The database's rules and views are gathered this way rather than registered: an app says what it
needs by having the module, and nothing else has to know of it.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps


def collected(module: str, name: str) -> list:
    """The list `name` of every installed app's `<app>.<module>`, joined in the apps' order
    (INSTALLED_APPS), so that what one app declares may rely on what an earlier one did."""
    found = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.{module}"
        if find_spec(module_name) is not None:
            found.extend(getattr(import_module(module_name), name, []))
    return found
