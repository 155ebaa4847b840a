"""The one email renderer: `<template>_subject.txt`, `.txt` and `.html`, in the recipient's language, sent
as HTML with a plain-text alternative."""

from __future__ import annotations

import contextlib
import datetime as dt

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation


def language_or_default(language: str) -> str:
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def render(template: str, context: dict, *, language: str, time_zone: dt.tzinfo | None = None) -> tuple[str, str, str]:
    """(subject, text, html) in `language` (times in `time_zone` when given)."""
    language = language_or_default(language)
    zone = timezone.override(time_zone) if time_zone is not None else contextlib.nullcontext()
    with translation.override(language), zone:
        context = {**context, "site_url": settings.SITE_URL, "language": language}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        context["subject"] = subject
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    return subject, text, html


def message(
    *, subject: str, text: str, html: str, to: str, headers: dict | None = None, reply_to: list[str] | None = None
) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(subject=subject, body=text, to=[to], headers=headers or {}, reply_to=reply_to)
    email.attach_alternative(html, "text/html")
    return email
