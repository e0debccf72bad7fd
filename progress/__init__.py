"""Where projects stand: objectives and deliverables by status, what is late, what comes next.

A floor above deliverables and meetings, which it counts; below the reminders, the newsletter and
the pages, which read it.
"""
