"""Email backends for the reminder tests (importable by a worker subprocess too)."""

import os
import time

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend


class ScriptedBackend(BaseEmailBackend):
    """Each message takes the next outcome from `script`: None delivers it to mail.outbox, an exception is raised.

    `sessions` lists, for each connection opened, how many messages went through it.
    """

    script: list = []
    sessions: list = []

    def open(self):
        ScriptedBackend.sessions.append(0)
        return True

    def send_messages(self, messages):
        if not ScriptedBackend.sessions:  # sent without opening first: a connection for these messages alone
            ScriptedBackend.sessions.append(0)
        for message in messages:
            ScriptedBackend.sessions[-1] += 1
            outcome = ScriptedBackend.script.pop(0) if ScriptedBackend.script else None
            if outcome is not None:
                raise outcome
            mail.outbox.append(message)
        return len(messages)


class SlowFileBackend(FileBackend):
    """The file-based backend with a mail server's latency, before and after the message is written.

    A worker killed in the second half has handed the message over without hearing back: the window
    in which a reminder can go out twice (docs/reminders.md).
    """

    def send_messages(self, messages):
        half = float(os.environ.get("ACCSM_TEST_MAIL_DELAY", "0.2")) / 2
        time.sleep(half)
        sent = super().send_messages(messages)
        time.sleep(half)
        return sent
