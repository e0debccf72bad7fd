from django import template

from partners import naming

register = template.Library()

register.filter("name_of", naming.name_of)
