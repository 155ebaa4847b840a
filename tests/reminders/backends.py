"""Email backends for the reminder tests (importable by a worker subprocess too)."""

import os
import time

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend


class ScriptedBackend(BaseEmailBackend):
    """Each message takes the next outcome from `script`: None delivers it to mail.outbox, an exception is raised."""

    script: list = []

    def send_messages(self, messages):
        for message in messages:
            outcome = ScriptedBackend.script.pop(0) if ScriptedBackend.script else None
            if outcome is not None:
                raise outcome
            mail.outbox.append(message)
        return len(messages)


class SlowFileBackend(FileBackend):
    """The file-based backend, with the latency of a mail server, so a test can kill a worker mid-batch."""

    def send_messages(self, messages):
        time.sleep(float(os.environ.get("ACCSM_TEST_MAIL_DELAY", "0.2")))
        return super().send_messages(messages)
