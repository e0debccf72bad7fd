"""A mail backend for tests that fails on cue, like a real SMTP server can."""

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend


class ScriptedBackend(BaseEmailBackend):
    """Sends into mail.outbox, except to addresses given an error in `failures`."""

    failures: dict[str, Exception] = {}
    opened = 0

    connected = False

    def open(self):
        # Like the SMTP backend: a session is opened on first use and kept until close().
        if self.connected:
            return False
        self.connected = True
        ScriptedBackend.opened += 1
        return True

    def close(self):
        self.connected = False

    def send_messages(self, messages):
        self.open()
        for message in messages:
            error = self.failures.get(message.to[0])
            if error is not None:
                raise error
            mail.outbox.append(message)
        return len(messages)
