"""The access matrix: who may do what, on every route of the portal, in one table (ASVS 8.1.1, 8.2.x).

Each row is a route (by name) and an HTTP method, with the answer each role must get:

    anonymous · API token (a read-only schedule client) · focal point of country A (Viet Nam) ·
    focal point of country B (Thailand) · secretariat · superuser

Answers: a status code, or
    login  a redirect to the sign-in page (an anonymous visitor on a signed-in page)
    admin  a redirect to the admin's sign-in page
    302    any other redirect (after a successful form, to a language, …)

The objects a route names belong to country A (tests/access_matrix_world.py), so focal point B's answer
shows that the route is scoped: another country's object is a 404, never a 403 that confirms it exists.
POSTs send an empty or minimal body: they test who gets past the door, not what a valid form does; the
mass-assignment tests at the end send real bodies. Each request runs in a savepoint that is rolled back,
so a delete or a status change in one row does not change the next.

The route list comes from Django's URL resolver: a route without a row here fails
`test_every_route_has_a_row`. Admin routes follow one rule (ADMIN_RULE), listed route by route too.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access_matrix_world import ROLES, build_world

pytestmark = pytest.mark.django_db

# --- How a route's URL is built: each parameter names an object of the world (or a literal). -------------
ARGS = {
    "meetings:detail": {"pk": "meeting"},
    "meetings:chairmanship": {"ordinal": 23},
    "workplan:plan": {"pk": "work_plan"},
    "workplan:timeline": {"pk": "work_plan"},
    "workplan:summary": {"pk": "work_plan"},
    "workplan:export_xlsx": {"pk": "work_plan"},
    "workplan:export_pdf": {"pk": "work_plan"},
    "workplan:propose": {"pk": "work_plan"},
    "workplan:proposals": {"pk": "work_plan"},
    "workplan:attention": {"pk": "work_plan"},
    "workplan:next_plan": {"pk": "work_plan"},
    "workplan:adopt": {"pk": "work_plan"},
    "workplan:carry_over": {"pk": "work_plan"},
    "workplan:initiative": {"pk": "initiative"},
    "workplan:initiative_edit": {"pk": "initiative"},
    "workplan:initiative_agenda": {"pk": "initiative"},
    "workplan:initiative_decision": {"pk": "initiative"},
    "workplan:initiative_progress": {"pk": "initiative"},
    "documents:detail": {"pk": "document"},
    "documents:download": {"pk": "document"},
    "documents:version_download": {"pk": "document", "number": 1},
    "documents:add_version": {"pk": "document"},
    "documents:set_status": {"pk": "document"},
    "documents:add_step": {"pk": "declaration"},
    "documents:delete_step": {"pk": "declaration", "step_pk": "declaration_step"},
    "documents:edit": {"pk": "document"},
    "documents:delete": {"pk": "document"},
    "documents:meeting_zip": {"meeting_pk": "meeting"},
    "my:delegation": {"meeting_pk": "meeting"},
    "my:participant_add": {"meeting_pk": "meeting"},
    "my:participants_import": {"meeting_pk": "meeting"},
    "my:participants_copy": {"meeting_pk": "meeting"},
    "my:nomination_letter": {"meeting_pk": "meeting"},
    "my:participant_edit": {"pk": "participant_a"},
    "my:participant_withdraw": {"pk": "participant_a"},
    "my:import_template": {"file_format": "csv"},
    "registrations:nomination_letter": {"pk": "delegation_a"},
    "accreditation:participant": {"pk": "participant_a"},
    "accreditation:photo": {"pk": "participant_a"},
    "accreditation:decide": {"pk": "participant_a", "decision": "return"},
    "accreditation:meeting": {"pk": "meeting"},
    "accreditation:question_add": {"pk": "meeting"},
    "accreditation:question_delete": {"pk": "meeting", "question_pk": "accreditation_question"},
    "accreditation:export_csv": {"pk": "meeting"},
    "accreditation:export_xlsx": {"pk": "meeting"},
    "accreditation:letters": {"meeting_pk": "meeting"},
    "accreditation:letter_pdf": {"pk": "issued_letter_a"},
    "accreditation:letter_issue": {"pk": "letter_request_a"},
    "accreditation:letter_decline": {"pk": "letter_request_a"},
    "accreditation:verify": {"code": "letter_code"},
    "registrations:delegation_history": {"pk": "delegation_a"},
    "registrations:invitation_letter": {"pk": "confirmed_a", "language": "en"},
    "registrations:waiting_list": {"meeting_pk": "meeting"},
    "registrations:waiting_list_decide": {"pk": "waitlisted_a", "decision": "accept"},
    "registrations:arrivals": {"meeting_pk": "meeting"},
    "registrations:arrivals_csv": {"meeting_pk": "meeting"},
    "registrations:letter_template": {"chairmanship_pk": "chairmanship"},
    "registrations:letter_template_preview": {"chairmanship_pk": "chairmanship", "language": "vi"},
    "accounts:invitation_accept": {"token": "invitation_token"},
    "accounts:focal_point_deactivate": {"pk": "focal_point_record_a"},
    "accounts:focal_point_activate": {"pk": "focal_point_record_a"},
    "accounts:invitation_resend": {"pk": "invitation"},
    "accounts:invitation_revoke": {"pk": "invitation"},
    "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
    "secretariat:meeting": {"pk": "meeting"},
    "secretariat:meeting_edit": {"pk": "meeting"},
    "secretariat:meeting_publish": {"pk": "draft_meeting"},
    "secretariat:meeting_postpone": {"pk": "meeting"},
    "secretariat:meeting_cancel": {"pk": "meeting"},
    "secretariat:meeting_reschedule": {"pk": "meeting"},
    "secretariat:meeting_unpublish": {"pk": "meeting"},
    "secretariat:meeting_conclude": {"pk": "meeting"},
    "secretariat:meeting_duplicate": {"pk": "meeting"},
    "secretariat:meeting_delete": {"pk": "draft_meeting"},
    "secretariat:agenda_add": {"pk": "meeting"},
    "secretariat:agenda_reorder": {"pk": "meeting"},
    "secretariat:agenda_edit": {"pk": "meeting", "item_pk": "agenda_item"},
    "secretariat:agenda_move": {"pk": "meeting", "item_pk": "agenda_item"},
    "secretariat:agenda_delete": {"pk": "meeting", "item_pk": "agenda_item"},
    "secretariat:registrations": {"pk": "meeting"},
    "secretariat:participant_add": {"pk": "meeting"},
    "secretariat:participant_edit": {"pk": "meeting", "participant_pk": "participant_a"},
    "secretariat:participant_status": {"pk": "meeting", "participant_pk": "participant_a"},
    "secretariat:participants_bulk_status": {"pk": "meeting"},
    "secretariat:export_csv": {"pk": "meeting"},
    "secretariat:export_xlsx": {"pk": "meeting"},
    "secretariat:export_pdf": {"pk": "meeting"},
    "secretariat:export_badges": {"pk": "meeting"},
    "secretariat:chairmanship_hand_over": {"pk": "chairmanship"},
    "secretariat:venue": {"pk": "meeting"},
    "secretariat:door_staff_add": {"pk": "meeting"},
    "secretariat:door_staff_remove": {"pk": "meeting", "door_pk": "door_staff_record"},
    "secretariat:badge_colours": {"pk": "meeting"},
    "secretariat:attendance": {"pk": "meeting"},
    "secretariat:attendance_summary": {"pk": "meeting"},
    "secretariat:attendance_export": {"pk": "meeting", "kind": "xlsx"},
    "venue:check_in": {"pk": "meeting"},
    "venue:certificate_verify": {"code": "certificate_code"},
    "venue:certificate_download": {"token": "certificate_token"},
    "secretariat:certificate_pdf": {"pk": "meeting", "participant_pk": "confirmed_a"},
    "secretariat:certificates_email": {"pk": "meeting"},
    "secretariat:certificate_signatory": {"pk": "meeting"},
    "venue:scan": {"pk": "meeting"},
    "venue:search": {"pk": "meeting"},
    "logistics:travel": {"pk": "participant_a"},
    "secretariat:logistics": {"pk": "meeting"},
    "secretariat:hotel_add": {"pk": "meeting"},
    "secretariat:hotel_delete": {"pk": "meeting", "hotel_pk": "hotel_record"},
    "secretariat:liaison_officer": {"pk": "meeting", "delegation_pk": "delegation_a"},
    "secretariat:logistics_export": {"pk": "meeting", "sheet": "transfers", "kind": "pdf"},
    "venue:photo": {"pk": "meeting", "participant_pk": "participant_a"},
    "api:attendance-detail": {"pk": "attendance_a"},
    "api:accreditation-detail": {"pk": "participant_a"},
    "api:letter-request-detail": {"pk": "letter_request_a"},
    "reminders:rule": {"kind": "meeting_approaching"},
    "reminders:meeting": {"pk": "meeting"},
    "reminders:send_now": {"pk": "reminder"},
    "outbox:retry": {"pk": "outbox_email"},
    "privacy:person": {"pk": "participant_a"},
    "privacy:export": {"pk": "participant_a"},
    "privacy:erase": {"pk": "participant_a"},
    "api:member-state-detail": {"code": "VN"},
    "api:chairmanship-detail": {"ordinal": 23},
    "api:meeting-detail": {"pk": "meeting"},
    "api:meeting-cancel": {"pk": "meeting"},
    "api:meeting-conclude": {"pk": "meeting"},
    "api:meeting-postpone": {"pk": "meeting"},
    "api:meeting-publish": {"pk": "draft_meeting"},
    "api:meeting-agenda-order": {"pk": "meeting"},
    "api:agenda-item-detail": {"pk": "agenda_item"},
    "api_portal:token_revoke": {"pk": "api_token_record"},
    "api_portal:feed_revoke": {"pk": "calendar_feed_a"},
    "api:change-detail": {"pk": "schedule_change"},
    "api:delegation-detail": {"pk": "delegation_a"},
    "api:participant-detail": {"pk": "participant_a"},
    "api:participant-set-status": {"pk": "participant_a"},
    "api:participant-withdraw": {"pk": "participant_a"},
    "api:document-detail": {"pk": "document"},
    "api:document-versions": {"pk": "document"},
    "api:document-version-file": {"pk": "document", "number": 1},
    "api:work-plan-detail": {"pk": "work_plan"},
    "api:priority-area-detail": {"pk": "priority_area"},
    "api:initiative-detail": {"pk": "initiative"},
    "api:catch-all": {"path": "no-such-thing/"},
    "api:decision-detail": {"pk": "decision"},
    "api:action-item-detail": {"pk": "action_item_a"},
    "api:procedure-detail": {"pk": "procedure_a"},
    "circulars:detail": {"pk": "circular"},
    "proceedings:record": {"pk": "record_meeting"},
    "proceedings:report_circulate": {"pk": "record_meeting"},
    "proceedings:report_adopt": {"pk": "record_meeting"},
    "proceedings:report_comments": {"pk": "record_meeting"},
    "proceedings:report_comment": {"pk": "report_circulation"},
    "proceedings:procedure_comments": {"pk": "procedure_a"},
    "api:meeting-reschedule": {"pk": "meeting"},
    "api:meeting-unpublish": {"pk": "meeting"},
    "proceedings:report": {"pk": "record_meeting"},
    "proceedings:matters_arising": {"pk": "meeting"},
    "proceedings:summary_save": {"pk": "record_item"},
    "proceedings:decision_add": {"pk": "record_item"},
    "proceedings:action_add": {"pk": "record_item"},
    "proceedings:decision_edit": {"pk": "decision"},
    "proceedings:decision_delete": {"pk": "decision"},
    "proceedings:action": {"pk": "action_item_a"},
    "proceedings:action_edit": {"pk": "action_item_a"},
    "proceedings:action_delete": {"pk": "action_item_a"},
    "proceedings:procedure": {"pk": "procedure_a"},
    "proceedings:procedure_close": {"pk": "procedure_a"},
    "calendar:chairmanship": {"ordinal": 23},
    "calendar:meeting": {"pk": "meeting"},
    "calendar:private": {"token": "calendar_token"},
    "webhooks:detail": {"pk": "webhook_a"},
    "exportjobs:job": {"pk": "export_job_a"},
    "exportjobs:progress": {"pk": "export_job_a"},
    "exportjobs:download": {"pk": "export_job_a"},
    "exportjobs:again": {"pk": "export_job_a"},
    "webhooks:send_test": {"pk": "webhook_a"},
    "webhooks:switch": {"pk": "webhook_a"},
    "webhooks:delete": {"pk": "webhook_a"},
}

# --- The table. ------------------------------------------------------------------------------------------
# fmt: off
MATRIX: dict[tuple[str, str], str] = {
    # route, method                                   anon   token  fp A   fp B   secr.  super
    # Public pages and machine endpoints outside the language prefix
    ('favicon', 'GET'):                                                 "302    302    302    302    302    302",
    ('favicon', 'POST'):                                                "302    302    302    302    302    302",
    ('healthz', 'GET'):                                                 "200    200    200    200    200    200",
    ('healthz', 'POST'):                                                "405    405    405    405    405    405",
    ('healthz_floor', 'GET'):                                           "200    200    200    200    200    200",
    ('healthz_floor', 'POST'):                                          "405    405    405    405    405    405",
    ('home', 'GET'):                                                    "200    200    200    200    200    200",
    ('home', 'POST'):                                                   "200    200    200    200    200    200",
    ('search', 'GET'):                                                  "200    200    200    200    200    200",
    ('search', 'POST'):                                                 "405    405    405    405    405    405",
    ('meetings:archive', 'GET'):                                        "200    200    200    200    200    200",
    ('meetings:archive', 'POST'):                                       "200    200    200    200    200    200",
    ('meetings:chairmanship', 'GET'):                                   "200    200    200    200    200    200",
    ('meetings:chairmanship', 'POST'):                                  "200    200    200    200    200    200",
    ('meetings:detail', 'GET'):                                         "200    200    200    200    200    200",
    ('meetings:detail', 'POST'):                                        "200    200    200    200    200    200",
    ('set_language', 'GET'):                                            "302    302    302    302    302    302",
    ('set_language', 'POST'):                                           "302    302    302    302    302    302",
    # Signing in, passwords, two-step sign-in
    ('login', 'GET'):                                                   "200    200    200    200    200    200",
    ('login', 'POST'):                                                  "200    200    200    200    200    200",
    ('logout', 'GET'):                                                  "405    405    405    405    405    405",
    ('logout', 'POST'):                                                 "302    302    302    302    302    302",
    ('password_change', 'GET'):                                         "login  login  200    200    200    200",
    ('password_change', 'POST'):                                        "login  login  200    200    200    200",
    ('password_change_done', 'GET'):                                    "login  login  200    200    200    200",
    ('password_change_done', 'POST'):                                   "login  login  405    405    405    405",
    ('password_reset', 'GET'):                                          "200    200    200    200    200    200",
    ('password_reset', 'POST'):                                         "200    200    200    200    200    200",
    ('password_reset_complete', 'GET'):                                 "200    200    200    200    200    200",
    ('password_reset_complete', 'POST'):                                "405    405    405    405    405    405",
    ('password_reset_confirm', 'GET'):                                  "200    200    200    200    200    200",
    ('password_reset_confirm', 'POST'):                                 "200    200    200    200    200    200",
    ('password_reset_done', 'GET'):                                     "200    200    200    200    200    200",
    ('password_reset_done', 'POST'):                                    "405    405    405    405    405    405",
    ('two_factor_enrol', 'GET'):                                        "login  login  200    200    200    200",
    ('two_factor_enrol', 'POST'):                                       "login  login  200    200    200    200",
    ('two_factor_manage', 'GET'):                                       "login  login  200    200    200    200",
    ('two_factor_manage', 'POST'):                                      "login  login  200    200    200    200",
    ('two_factor_staff', 'GET'):                                        "login  login  403    403    200    200",
    ('two_factor_staff', 'POST'):                                       "login  login  403    403    200    200",
    ('two_factor_verify', 'GET'):                                       "login  login  302    302    302    302",
    ('two_factor_verify', 'POST'):                                      "login  login  302    302    302    302",
    # Focal points and invitations (accounts)
    ('accounts:time_zone', 'GET'):                                      "200    200    200    200    200    200",
    ('accounts:time_zone', 'POST'):                                     "200    200    200    200    200    200",
    ('admin:otp_totp_totpdevice_add', 'GET'):                           "admin  admin  admin  admin  admin  403",
    ('admin:otp_totp_totpdevice_delete', 'GET'):                        "admin  admin  admin  admin  admin  403",
    ('api:meeting-reschedule', 'GET'):                                  "405    405    405    405    405    405",
    ('api:meeting-reschedule', 'POST'):                                 "401    403    400    400    400    400",
    ('api:meeting-reschedule', 'PUT'):                                  "401    403    405    405    405    405",
    ('api:meeting-reschedule', 'PATCH'):                                "401    403    405    405    405    405",
    ('api:meeting-reschedule', 'DELETE'):                               "401    403    405    405    405    405",
    ('api:meeting-unpublish', 'GET'):                                   "405    405    405    405    405    405",
    ('api:meeting-unpublish', 'POST'):                                  "401    403    403    403    400    400",
    ('api:meeting-unpublish', 'PUT'):                                   "401    403    405    405    405    405",
    ('api:meeting-unpublish', 'PATCH'):                                 "401    403    405    405    405    405",
    ('api:meeting-unpublish', 'DELETE'):                                "401    403    405    405    405    405",
    ('proceedings:procedure_comments', 'GET'):                          "login  login  403    403    200    200",
    ('proceedings:procedure_comments', 'POST'):                         "login  login  403    403    200    200",
    ('proceedings:report_adopt', 'GET'):                                "login  login  403    403    405    405",
    ('proceedings:report_adopt', 'POST'):                               "login  login  403    403    302    302",
    ('proceedings:report_circulate', 'GET'):                            "login  login  403    403    405    405",
    ('proceedings:report_circulate', 'POST'):                           "login  login  403    403    422    422",
    ('proceedings:report_comment', 'GET'):                              "login  login  200    200    404    404",
    ('proceedings:report_comment', 'POST'):                             "login  login  200    200    404    404",
    ('proceedings:report_comments', 'GET'):                             "login  login  403    403    200    200",
    ('proceedings:report_comments', 'POST'):                            "login  login  403    403    200    200",
    ('proceedings:reports', 'GET'):                                     "login  login  200    200    200    200",
    ('proceedings:reports', 'POST'):                                    "login  login  200    200    200    200",
    ('accounts:focal_point_activate', 'GET'):                           "login  login  403    403    405    405",
    ('accounts:focal_point_activate', 'POST'):                          "login  login  403    403    302    302",
    ('accounts:focal_point_deactivate', 'GET'):                         "login  login  403    403    405    405",
    ('accounts:focal_point_deactivate', 'POST'):                        "login  login  403    403    302    302",
    ('accounts:focal_points', 'GET'):                                   "login  login  403    403    200    200",
    ('accounts:focal_points', 'POST'):                                  "login  login  403    403    200    200",
    ('accounts:invitation_accept', 'GET'):                              "200    200    200    200    200    200",
    ('accounts:invitation_accept', 'POST'):                             "200    200    200    200    200    200",
    ('accounts:invitation_resend', 'GET'):                              "login  login  403    403    405    405",
    ('accounts:invitation_resend', 'POST'):                             "login  login  403    403    302    302",
    ('accounts:invitation_revoke', 'GET'):                              "login  login  403    403    405    405",
    ('accounts:invitation_revoke', 'POST'):                             "login  login  403    403    302    302",
    # A focal point's own country: /my/
    ('accreditation:decide', 'GET'):                                    "login  login  403    403    405    405",
    ('accreditation:decide', 'POST'):                                   "login  login  403    403    302    302",
    ('accreditation:export_csv', 'GET'):                                "login  login  403    403    200    200",
    ('accreditation:export_csv', 'POST'):                               "login  login  403    403    200    200",
    ('accreditation:export_xlsx', 'GET'):                               "login  login  403    403    200    200",
    ('accreditation:export_xlsx', 'POST'):                              "login  login  403    403    200    200",
    ('accreditation:letter_decline', 'GET'):                            "login  login  403    403    405    405",
    ('accreditation:letter_decline', 'POST'):                           "login  login  403    403    302    302",
    ('accreditation:letter_issue', 'GET'):                              "login  login  403    403    405    405",
    ('accreditation:letter_issue', 'POST'):                             "login  login  403    403    302    302",
    ('accreditation:letter_pdf', 'GET'):                                "login  login  200    404    200    200",
    ('accreditation:letter_pdf', 'POST'):                               "login  login  200    404    200    200",
    ('accreditation:letters', 'GET'):                                   "login  login  200    200    403    403",
    ('accreditation:letters', 'POST'):                                  "login  login  200    200    403    403",
    ('accreditation:meeting', 'GET'):                                   "login  login  403    403    200    200",
    ('accreditation:meeting', 'POST'):                                  "login  login  403    403    200    200",
    ('accreditation:participant', 'GET'):                               "login  login  200    404    200    200",
    ('accreditation:participant', 'POST'):                              "login  login  200    404    200    200",
    ('accreditation:photo', 'GET'):                                     "login  login  200    404    200    200",
    ('accreditation:photo', 'POST'):                                    "login  login  200    404    200    200",
    ('accreditation:question_add', 'GET'):                              "login  login  403    403    405    405",
    ('accreditation:question_add', 'POST'):                             "login  login  403    403    302    302",
    ('accreditation:question_delete', 'GET'):                           "login  login  403    403    405    405",
    ('accreditation:question_delete', 'POST'):                          "login  login  403    403    302    302",
    ('accreditation:verify', 'GET'):                                    "200    200    200    200    200    200",
    ('accreditation:verify', 'POST'):                                   "200    200    200    200    200    200",
    ('my:delegation', 'GET'):                                           "login  login  200    200    403    403",
    ('my:delegation', 'POST'):                                          "login  login  200    200    403    403",
    ('my:home', 'GET'):                                                 "302    302    302    302    302    302",
    ('my:home', 'POST'):                                                "302    302    302    302    302    302",
    ('my:import_template', 'GET'):                                      "login  login  200    200    403    403",
    ('my:import_template', 'POST'):                                     "login  login  200    200    403    403",
    ('my:meetings', 'GET'):                                             "login  login  200    200    403    403",
    ('my:meetings', 'POST'):                                            "login  login  200    200    403    403",
    ('my:nomination_letter', 'GET'):                                    "login  login  200    200    403    403",
    ('my:nomination_letter', 'POST'):                                   "login  login  200    200    403    403",
    ('my:participant_add', 'GET'):                                      "login  login  200    200    403    403",
    ('my:participant_add', 'POST'):                                     "login  login  200    200    403    403",
    ('my:participant_edit', 'GET'):                                     "login  login  200    404    403    403",
    ('my:participant_edit', 'POST'):                                    "login  login  200    404    403    403",
    ('my:participant_withdraw', 'GET'):                                 "login  login  200    404    403    403",
    ('my:participant_withdraw', 'POST'):                                "login  login  302    404    403    403",
    ('my:participants_copy', 'GET'):                                    "login  login  200    200    403    403",
    ('my:participants_copy', 'POST'):                                   "login  login  200    200    403    403",
    ('my:participants_import', 'GET'):                                  "login  login  200    200    403    403",
    ('my:participants_import', 'POST'):                                 "login  login  200    200    403    403",
    # Registrations shared by the secretariat and focal points
    ('registrations:arrivals', 'GET'):                                  "login  login  403    403    200    200",
    ('registrations:arrivals', 'POST'):                                 "login  login  403    403    200    200",
    ('registrations:arrivals_csv', 'GET'):                              "login  login  403    403    200    200",
    ('registrations:arrivals_csv', 'POST'):                             "login  login  403    403    200    200",
    ('registrations:delegation_history', 'GET'):                        "login  login  200    404    200    200",
    ('registrations:delegation_history', 'POST'):                       "login  login  200    404    200    200",
    ('registrations:index', 'GET'):                                     "login  login  403    403    200    200",
    ('registrations:index', 'POST'):                                    "login  login  403    403    200    200",
    ('registrations:invitation_letter', 'GET'):                         "login  login  200    404    200    200",
    ('registrations:invitation_letter', 'POST'):                        "login  login  200    404    200    200",
    ('registrations:letter_template', 'GET'):                           "login  login  403    403    200    200",
    ('registrations:letter_template', 'POST'):                          "login  login  403    403    200    200",
    ('registrations:letter_template_preview', 'GET'):                   "login  login  403    403    200    200",
    ('registrations:letter_template_preview', 'POST'):                  "login  login  403    403    200    200",
    ('registrations:nomination_letter', 'GET'):                         "login  login  200    404    200    200",
    ('registrations:nomination_letter', 'POST'):                        "login  login  200    404    200    200",
    ('registrations:waiting_list', 'GET'):                              "login  login  403    403    200    200",
    ('registrations:waiting_list', 'POST'):                             "login  login  403    403    200    200",
    ('registrations:waiting_list_decide', 'GET'):                       "login  login  403    403    405    405",
    ('registrations:waiting_list_decide', 'POST'):                      "login  login  403    403    302    302",
    # The secretariat's workspace
    ('secretariat:agenda_add', 'GET'):                                  "login  login  403    403    405    405",
    ('secretariat:agenda_add', 'POST'):                                 "login  login  403    403    422    422",
    ('secretariat:agenda_delete', 'GET'):                               "login  login  403    403    200    200",
    ('secretariat:agenda_delete', 'POST'):                              "login  login  403    403    302    302",
    ('secretariat:agenda_edit', 'GET'):                                 "login  login  403    403    200    200",
    ('secretariat:agenda_edit', 'POST'):                                "login  login  403    403    200    200",
    ('secretariat:agenda_move', 'GET'):                                 "login  login  403    403    405    405",
    ('secretariat:agenda_move', 'POST'):                                "login  login  403    403    302    302",
    ('secretariat:agenda_reorder', 'GET'):                              "login  login  403    403    405    405",
    ('secretariat:agenda_reorder', 'POST'):                             "login  login  403    403    400    400",
    ('secretariat:chairmanship_hand_over', 'GET'):                      "login  login  403    403    200    200",
    ('secretariat:chairmanship_hand_over', 'POST'):                     "login  login  403    403    200    200",
    ('secretariat:chairmanship_new', 'GET'):                            "login  login  403    403    200    200",
    ('secretariat:chairmanship_new', 'POST'):                           "login  login  403    403    200    200",
    ('secretariat:chairmanships', 'GET'):                               "login  login  403    403    200    200",
    ('secretariat:chairmanships', 'POST'):                              "login  login  403    403    200    200",
    ('secretariat:dashboard', 'GET'):                                   "login  login  403    403    200    200",
    ('secretariat:dashboard', 'POST'):                                  "login  login  403    403    200    200",
    ('secretariat:export_badges', 'GET'):                               "login  login  403    403    200    200",
    ('secretariat:export_badges', 'POST'):                              "login  login  403    403    200    200",
    ('secretariat:export_csv', 'GET'):                                  "login  login  403    403    200    200",
    ('secretariat:export_csv', 'POST'):                                 "login  login  403    403    200    200",
    ('secretariat:export_pdf', 'GET'):                                  "login  login  403    403    200    200",
    ('secretariat:export_pdf', 'POST'):                                 "login  login  403    403    200    200",
    ('secretariat:export_xlsx', 'GET'):                                 "login  login  403    403    200    200",
    ('secretariat:export_xlsx', 'POST'):                                "login  login  403    403    200    200",
    ('secretariat:meeting', 'GET'):                                     "login  login  403    403    200    200",
    ('secretariat:meeting', 'POST'):                                    "login  login  403    403    200    200",
    ('secretariat:meeting_cancel', 'GET'):                              "login  login  403    403    200    200",
    ('secretariat:meeting_cancel', 'POST'):                             "login  login  403    403    200    200",
    ('secretariat:meeting_conclude', 'GET'):                            "login  login  403    403    302    302",
    ('secretariat:meeting_conclude', 'POST'):                           "login  login  403    403    302    302",
    ('secretariat:meeting_delete', 'GET'):                              "login  login  403    403    200    200",
    ('secretariat:meeting_delete', 'POST'):                             "login  login  403    403    302    302",
    ('secretariat:meeting_duplicate', 'GET'):                           "login  login  403    403    200    200",
    ('secretariat:meeting_duplicate', 'POST'):                          "login  login  403    403    200    200",
    ('secretariat:meeting_edit', 'GET'):                                "login  login  403    403    200    200",
    ('secretariat:meeting_edit', 'POST'):                               "login  login  403    403    200    200",
    ('secretariat:meeting_new', 'GET'):                                 "login  login  403    403    200    200",
    ('secretariat:meeting_new', 'POST'):                                "login  login  403    403    200    200",
    ('secretariat:meeting_postpone', 'GET'):                            "login  login  403    403    200    200",
    ('secretariat:meeting_postpone', 'POST'):                           "login  login  403    403    200    200",
    ('secretariat:meeting_reschedule', 'GET'):                          "login  login  403    403    200    200",
    ('secretariat:meeting_reschedule', 'POST'):                         "login  login  403    403    200    200",
    ('secretariat:meeting_unpublish', 'GET'):                           "login  login  403    403    200    200",
    ('secretariat:meeting_unpublish', 'POST'):                          "login  login  403    403    200    200",
    ('secretariat:meeting_publish', 'GET'):                             "login  login  403    403    302    302",
    ('secretariat:meeting_publish', 'POST'):                            "login  login  403    403    302    302",
    ('secretariat:meetings', 'GET'):                                    "login  login  403    403    200    200",
    ('secretariat:meetings', 'POST'):                                   "login  login  403    403    200    200",
    ('secretariat:participant_add', 'GET'):                             "login  login  403    403    200    200",
    ('secretariat:participant_add', 'POST'):                            "login  login  403    403    200    200",
    ('secretariat:participant_edit', 'GET'):                            "login  login  403    403    200    200",
    ('secretariat:participant_edit', 'POST'):                           "login  login  403    403    200    200",
    ('secretariat:participants_bulk_status', 'GET'):                    "login  login  403    403    405    405",
    ('secretariat:participants_bulk_status', 'POST'):                   "login  login  403    403    302    302",
    ('secretariat:participant_status', 'GET'):                          "login  login  403    403    405    405",
    ('secretariat:participant_status', 'POST'):                         "login  login  403    403    302    302",
    ('secretariat:registrations', 'GET'):                               "login  login  403    403    200    200",
    ('secretariat:registrations', 'POST'):                              "login  login  403    403    200    200",
    # Reminders (the secretariat's: one guard, 403 for everyone else signed in — SECURITY.md)
    ('reminders:index', 'GET'):                                         "login  login  403    403    200    200",
    ('reminders:index', 'POST'):                                        "login  login  403    403    200    200",
    ('reminders:meeting', 'GET'):                                       "login  login  403    403    200    200",
    ('reminders:meeting', 'POST'):                                      "login  login  403    403    200    200",
    ('reminders:rule', 'GET'):                                          "login  login  403    403    200    200",
    ('reminders:rule', 'POST'):                                         "login  login  403    403    200    200",
    ('reminders:send_now', 'GET'):                                      "405    405    405    405    405    405",
    ('reminders:send_now', 'POST'):                                     "login  login  403    403    302    302",
    # Emails not sent (the secretariat's one page of failed or stuck emails)
    ('outbox:failures', 'GET'):                                         "login  login  403    403    200    200",
    ('outbox:failures', 'POST'):                                        "login  login  403    403    200    200",
    ('outbox:retry', 'GET'):                                            "405    405    405    405    405    405",
    ('outbox:retry', 'POST'):                                           "login  login  403    403    302    302",
    # Webhooks (issue 19): the secretariat's, and a focal point's for their own country's registrations
    ('webhooks:subscriptions', 'GET'):                                  "login  login  200    200    200    200",
    ('webhooks:subscriptions', 'POST'):                                 "login  login  200    200    200    200",
    # Exports made by a worker (issue 17): focal point A's own job; nobody else's, not even the secretariat's
    ('exportjobs:job', 'GET'):                                          "login  login  200    404    404    404",
    ('exportjobs:job', 'POST'):                                         "login  login  405    405    405    405",
    ('exportjobs:progress', 'GET'):                                     "login  login  200    404    404    404",
    ('exportjobs:progress', 'POST'):                                    "login  login  405    405    405    405",
    ('exportjobs:download', 'GET'):                                     "login  login  200    404    404    404",
    ('exportjobs:download', 'POST'):                                    "login  login  405    405    405    405",
    ('exportjobs:again', 'GET'):                                        "login  login  405    405    405    405",
    ('exportjobs:again', 'POST'):                                       "login  login  302    404    404    404",
    ('webhooks:detail', 'GET'):                                         "login  login  200    404    200    200",
    ('webhooks:detail', 'POST'):                                        "login  login  200    404    200    200",
    ('webhooks:send_test', 'GET'):                                      "405    405    405    405    405    405",
    ('webhooks:send_test', 'POST'):                                     "login  login  302    404    302    302",
    ('webhooks:switch', 'GET'):                                         "405    405    405    405    405    405",
    ('webhooks:switch', 'POST'):                                        "login  login  302    404    302    302",
    ('webhooks:delete', 'GET'):                                         "405    405    405    405    405    405",
    ('webhooks:delete', 'POST'):                                        "login  login  302    404    302    302",
    # Documents
    ('circulars:detail', 'GET'):                                        "login  login  403    403    200    200",
    ('circulars:detail', 'POST'):                                       "login  login  403    403    405    405",
    ('circulars:list', 'GET'):                                          "login  login  403    403    200    200",
    ('circulars:list', 'POST'):                                         "login  login  403    403    405    405",
    ('circulars:new', 'GET'):                                           "login  login  403    403    200    200",
    ('circulars:new', 'POST'):                                          "login  login  403    403    200    200",
    ('documents:add_step', 'GET'):                                      "login  login  405    405    405    405",
    ('documents:add_step', 'POST'):                                     "login  login  403    403    400    400",
    ('documents:add_version', 'GET'):                                   "login  login  405    405    405    405",
    ('documents:add_version', 'POST'):                                  "login  login  400    400    400    400",
    ('documents:declarations', 'GET'):                                  "200    200    200    200    200    200",
    ('documents:declarations', 'POST'):                                 "405    405    405    405    405    405",
    ('documents:delete', 'GET'):                                        "login  login  403    403    200    200",
    ('documents:delete', 'POST'):                                       "login  login  403    403    302    302",
    ('documents:delete_step', 'GET'):                                   "login  login  405    405    405    405",
    ('documents:delete_step', 'POST'):                                  "login  login  403    403    302    302",
    ('documents:detail', 'GET'):                                        "200    200    200    200    200    200",
    ('documents:detail', 'POST'):                                       "405    405    405    405    405    405",
    ('documents:download', 'GET'):                                      "200    200    200    200    200    200",
    ('documents:download', 'POST'):                                     "405    405    405    405    405    405",
    ('documents:edit', 'GET'):                                          "login  login  403    403    200    200",
    ('documents:edit', 'POST'):                                         "login  login  403    403    400    400",
    ('documents:library', 'GET'):                                       "200    200    200    200    200    200",
    ('documents:library', 'POST'):                                      "405    405    405    405    405    405",
    ('documents:meeting_zip', 'GET'):                                   "200    200    200    200    200    200",
    ('documents:meeting_zip', 'POST'):                                  "405    405    405    405    405    405",
    ('documents:set_status', 'GET'):                                    "login  login  405    405    405    405",
    ('documents:set_status', 'POST'):                                   "login  login  403    403    400    400",
    ('documents:upload', 'GET'):                                        "login  login  200    200    200    200",
    ('documents:upload', 'POST'):                                       "login  login  400    400    400    400",
    ('documents:version_download', 'GET'):                              "200    200    200    200    200    200",
    ('documents:version_download', 'POST'):                             "405    405    405    405    405    405",
    # The work plan
    ('workplan:attention', 'GET'):                                      "login  login  403    403    200    200",
    ('workplan:attention', 'POST'):                                     "login  login  403    403    200    200",
    ('workplan:carry_over', 'GET'):                                     "login  login  403    403    404    404",
    ('workplan:carry_over', 'POST'):                                    "login  login  403    403    404    404",
    ('workplan:current', 'GET'):                                        "302    302    302    302    302    302",
    ('workplan:current', 'POST'):                                       "302    302    302    302    302    302",
    ('workplan:export_pdf', 'GET'):                                     "200    200    200    200    200    200",
    ('workplan:export_pdf', 'POST'):                                    "200    200    200    200    200    200",
    ('workplan:export_xlsx', 'GET'):                                    "200    200    200    200    200    200",
    ('workplan:export_xlsx', 'POST'):                                   "200    200    200    200    200    200",
    ('workplan:initiative', 'GET'):                                     "200    200    200    200    200    200",
    ('workplan:initiative', 'POST'):                                    "200    200    200    200    200    200",
    ('workplan:initiative_agenda', 'GET'):                              "login  login  403    403    200    200",
    ('workplan:initiative_agenda', 'POST'):                             "login  login  403    403    200    200",
    ('workplan:initiative_decision', 'GET'):                            "login  login  403    403    200    200",
    ('workplan:initiative_decision', 'POST'):                           "login  login  403    403    200    200",
    ('workplan:initiative_edit', 'GET'):                                "login  login  200    404    200    200",
    ('workplan:initiative_edit', 'POST'):                               "login  login  200    404    200    200",
    ('workplan:initiative_progress', 'GET'):                            "login  login  200    404    200    200",
    ('workplan:initiative_progress', 'POST'):                           "login  login  200    404    200    200",
    ('workplan:adopt', 'GET'):                                          "login  login  403    403    302    302",
    ('workplan:adopt', 'POST'):                                         "login  login  403    403    302    302",
    ('workplan:next_plan', 'GET'):                                      "login  login  403    403    200    200",
    ('workplan:next_plan', 'POST'):                                     "login  login  403    403    200    200",
    ('workplan:plan', 'GET'):                                           "200    200    200    200    200    200",
    ('workplan:plan', 'POST'):                                          "200    200    200    200    200    200",
    ('workplan:proposals', 'GET'):                                      "login  login  200    200    200    200",
    ('workplan:proposals', 'POST'):                                     "login  login  200    200    200    200",
    ('workplan:propose', 'GET'):                                        "login  login  200    200    403    403",
    ('workplan:propose', 'POST'):                                       "login  login  200    200    403    403",
    ('workplan:summary', 'GET'):                                        "200    200    200    200    200    200",
    ('workplan:summary', 'POST'):                                       "200    200    200    200    200    200",
    ('workplan:timeline', 'GET'):                                       "200    200    200    200    200    200",
    ('workplan:timeline', 'POST'):                                      "200    200    200    200    200    200",
    # The record of a meeting, action items and written procedures (proceedings): another country's is a 404
    ('proceedings:action', 'GET'):                                      "login  login  200    404    200    200",
    ('proceedings:action', 'POST'):                                     "login  login  200    404    200    200",
    ('proceedings:action_add', 'GET'):                                  "login  login  403    403    405    405",
    ('proceedings:action_add', 'POST'):                                 "login  login  403    403    422    422",
    ('proceedings:action_delete', 'GET'):                               "login  login  403    403    405    405",
    ('proceedings:action_delete', 'POST'):                              "login  login  403    403    302    302",
    ('proceedings:action_edit', 'GET'):                                 "login  login  403    403    200    200",
    ('proceedings:action_edit', 'POST'):                                "login  login  403    403    200    200",
    ('proceedings:decision_add', 'GET'):                                "login  login  403    403    405    405",
    ('proceedings:decision_add', 'POST'):                               "login  login  403    403    422    422",
    ('proceedings:decision_delete', 'GET'):                             "login  login  403    403    405    405",
    ('proceedings:decision_delete', 'POST'):                            "login  login  403    403    302    302",
    ('proceedings:decision_edit', 'GET'):                               "login  login  403    403    200    200",
    ('proceedings:decision_edit', 'POST'):                              "login  login  403    403    200    200",
    ('proceedings:matters_arising', 'GET'):                             "login  login  403    403    200    200",
    ('proceedings:matters_arising', 'POST'):                            "login  login  403    403    302    302",
    ('proceedings:procedure', 'GET'):                                   "login  login  200    404    200    200",
    ('proceedings:procedure', 'POST'):                                  "login  login  200    404    200    200",
    ('proceedings:procedure_close', 'GET'):                             "login  login  403    403    405    405",
    ('proceedings:procedure_close', 'POST'):                            "login  login  403    403    302    302",
    ('proceedings:procedure_new', 'GET'):                               "login  login  403    403    200    200",
    ('proceedings:procedure_new', 'POST'):                              "login  login  403    403    200    200",
    ('proceedings:procedures', 'GET'):                                  "login  login  200    200    200    200",
    ('proceedings:procedures', 'POST'):                                 "login  login  200    200    200    200",
    ('proceedings:record', 'GET'):                                      "login  login  403    403    200    200",
    ('proceedings:record', 'POST'):                                     "login  login  403    403    200    200",
    ('proceedings:report', 'GET'):                                      "login  login  403    403    200    200",
    ('proceedings:report', 'POST'):                                     "login  login  403    403    200    200",
    ('proceedings:record_index', 'GET'):                                "login  login  403    403    200    200",
    ('proceedings:record_index', 'POST'):                               "login  login  403    403    200    200",
    ('proceedings:summary_save', 'GET'):                                "login  login  403    403    405    405",
    ('proceedings:summary_save', 'POST'):                               "login  login  403    403    302    302",
    ('proceedings:tracker', 'GET'):                                     "login  login  200    200    200    200",
    ('proceedings:tracker', 'POST'):                                    "login  login  200    200    200    200",
    # At the venue (issue 16): the secretariat's venue pages; the door's pages answer door staff only (404 to
    # anyone else signed in: a meeting's door is no one else's business)
    ('secretariat:venue', 'GET'):                                       "login  login  403    403    200    200",
    ('secretariat:venue', 'POST'):                                      "login  login  403    403    200    200",
    ('secretariat:door_staff_add', 'GET'):                              "login  login  403    403    405    405",
    ('secretariat:door_staff_add', 'POST'):                             "login  login  403    403    200    200",
    ('secretariat:door_staff_remove', 'GET'):                           "login  login  403    403    405    405",
    ('secretariat:door_staff_remove', 'POST'):                          "login  login  403    403    302    302",
    ('secretariat:badge_colours', 'GET'):                               "login  login  403    403    405    405",
    ('secretariat:badge_colours', 'POST'):                              "login  login  403    403    200    200",
    ('secretariat:attendance', 'GET'):                                  "login  login  403    403    200    200",
    ('secretariat:attendance', 'POST'):                                 "login  login  403    403    200    200",
    ('secretariat:attendance_summary', 'GET'):                          "login  login  403    403    200    200",
    ('secretariat:attendance_summary', 'POST'):                         "login  login  403    403    200    200",
    ('secretariat:attendance_export', 'GET'):                           "login  login  403    403    200    200",
    ('secretariat:attendance_export', 'POST'):                          "login  login  403    403    200    200",
    ('secretariat:certificate_pdf', 'GET'):                             "login  login  403    403    200    200",
    ('secretariat:certificate_pdf', 'POST'):                            "login  login  403    403    200    200",
    ('secretariat:certificates_email', 'GET'):                          "login  login  403    403    405    405",
    ('secretariat:certificates_email', 'POST'):                         "login  login  403    403    302    302",
    ('secretariat:certificate_signatory', 'GET'):                       "login  login  403    403    405    405",
    ('secretariat:certificate_signatory', 'POST'):                      "login  login  403    403    200    200",
    # A certificate's verification page and its emailed download link: public, to whoever holds the code
    ('venue:certificate_verify', 'GET'):                                "200    200    200    200    200    200",
    ('venue:certificate_verify', 'POST'):                               "405    405    405    405    405    405",
    ('venue:certificate_download', 'GET'):                              "200    200    200    200    200    200",
    ('venue:certificate_download', 'POST'):                             "405    405    405    405    405    405",
    ('venue:door', 'GET'):                                              "login  login  200    200    200    200",
    ('venue:door', 'POST'):                                             "login  login  200    200    200    200",
    ('venue:check_in', 'GET'):                                          "login  login  404    404    200    200",
    ('venue:check_in', 'POST'):                                         "login  login  404    404    200    200",
    ('venue:scan', 'GET'):                                              "login  login  405    405    405    405",
    ('venue:scan', 'POST'):                                             "login  login  404    404    400    400",
    ('venue:search', 'GET'):                                            "login  login  404    404    200    200",
    ('venue:search', 'POST'):                                           "login  login  405    405    405    405",
    ('logistics:travel', 'GET'):                                        "login  login  200    404    200    200",
    ('logistics:travel', 'POST'):                                       "login  login  302    404    302    302",
    ('secretariat:hotel_add', 'GET'):                                   "login  login  403    403    405    405",
    ('secretariat:hotel_add', 'POST'):                                  "login  login  403    403    422    422",
    ('secretariat:hotel_delete', 'GET'):                                "login  login  403    403    405    405",
    ('secretariat:hotel_delete', 'POST'):                               "login  login  403    403    302    302",
    ('secretariat:liaison_officer', 'GET'):                             "login  login  403    403    405    405",
    ('secretariat:liaison_officer', 'POST'):                            "login  login  403    403    302    302",
    ('secretariat:logistics', 'GET'):                                   "login  login  403    403    200    200",
    ('secretariat:logistics', 'POST'):                                  "login  login  403    403    200    200",
    ('secretariat:logistics_export', 'GET'):                            "login  login  403    403    200    200",
    ('secretariat:logistics_export', 'POST'):                           "login  login  403    403    200    200",
    ('venue:photo', 'GET'):                                             "login  login  404    404    200    200",
    ('venue:photo', 'POST'):                                            "login  login  405    405    405    405",
    # Audit trail and personal data
    ('audit:country_trail', 'GET'):                                     "login  login  200    200    302    302",
    ('audit:country_trail', 'POST'):                                    "login  login  200    200    302    302",
    ('audit:trail', 'GET'):                                             "login  login  403    403    200    200",
    ('audit:trail', 'POST'):                                            "login  login  403    403    200    200",
    ('privacy:erase', 'GET'):                                           "405    405    405    405    405    405",
    ('privacy:erase', 'POST'):                                          "login  login  400    404    400    400",
    ('privacy:export', 'GET'):                                          "405    405    405    405    405    405",
    ('privacy:export', 'POST'):                                         "login  login  200    404    200    200",
    ('privacy:person', 'GET'):                                          "login  login  200    404    200    200",
    ('privacy:person', 'POST'):                                         "login  login  200    404    200    200",
    ('privacy:search', 'GET'):                                          "login  login  200    200    200    200",
    ('privacy:search', 'POST'):                                         "login  login  200    200    200    200",
    # The REST API (401: no credentials on a signed-in endpoint; the token is read-only: 403 on writes)
    ('api:action-item-detail', 'GET'):                                  "401    404    200    404    200    200",
    ('api:action-item-detail', 'POST'):                                 "401    403    405    405    405    405",
    ('api:action-item-detail', 'PUT'):                                  "401    403    405    405    405    405",
    ('api:action-item-detail', 'PATCH'):                                "401    403    405    405    405    405",
    ('api:action-item-detail', 'DELETE'):                               "401    403    405    405    405    405",
    ('api:action-item-list', 'GET'):                                    "401    200    200    200    200    200",
    ('api:action-item-list', 'POST'):                                   "401    403    405    405    405    405",
    ('api:action-item-list', 'PUT'):                                    "401    403    405    405    405    405",
    ('api:action-item-list', 'PATCH'):                                  "401    403    405    405    405    405",
    ('api:action-item-list', 'DELETE'):                                 "401    403    405    405    405    405",
    ('api:api-root', 'GET'):                                            "200    200    200    200    200    200",
    ('api:api-root', 'POST'):                                           "405    403    405    405    405    405",
    ('api:catch-all', 'GET'):                                           "404    404    404    404    404    404",
    ('api:catch-all', 'POST'):                                          "404    404    404    404    404    404",
    ('api:catch-all', 'PUT'):                                           "404    404    404    404    404    404",
    ('api:catch-all', 'PATCH'):                                         "404    404    404    404    404    404",
    ('api:catch-all', 'DELETE'):                                        "404    404    404    404    404    404",
    ('api:chairmanship-detail', 'GET'):                                 "200    200    200    200    200    200",
    ('api:chairmanship-detail', 'POST'):                                "405    403    405    405    405    405",
    ('api:chairmanship-detail', 'PUT'):                                 "405    403    405    405    405    405",
    ('api:chairmanship-detail', 'PATCH'):                               "405    403    405    405    405    405",
    ('api:chairmanship-detail', 'DELETE'):                              "405    403    405    405    405    405",
    ('api:chairmanship-list', 'GET'):                                   "200    200    200    200    200    200",
    ('api:chairmanship-list', 'POST'):                                  "405    403    405    405    405    405",
    ('api:chairmanship-list', 'PUT'):                                   "405    403    405    405    405    405",
    ('api:chairmanship-list', 'PATCH'):                                 "405    403    405    405    405    405",
    ('api:chairmanship-list', 'DELETE'):                                "405    403    405    405    405    405",
    ('api:change-detail', 'GET'):                                       "404    404    200    200    200    200",
    ('api:change-detail', 'POST'):                                      "405    403    405    405    405    405",
    ('api:change-detail', 'PUT'):                                       "405    403    405    405    405    405",
    ('api:change-detail', 'PATCH'):                                     "405    403    405    405    405    405",
    ('api:change-detail', 'DELETE'):                                    "405    403    405    405    405    405",
    ('api:change-list', 'GET'):                                         "200    200    200    200    200    200",
    ('api:change-list', 'POST'):                                        "405    403    405    405    405    405",
    ('api:change-list', 'PUT'):                                         "405    403    405    405    405    405",
    ('api:change-list', 'PATCH'):                                       "405    403    405    405    405    405",
    ('api:change-list', 'DELETE'):                                      "405    403    405    405    405    405",
    ('api:changes-atom', 'GET'):                                        "200    200    200    200    200    200",
    ('api:changes-atom', 'POST'):                                       "200    200    200    200    200    200",
    ('api:decision-detail', 'GET'):                                     "401    404    200    200    200    200",
    ('api:decision-detail', 'POST'):                                    "401    403    405    405    405    405",
    ('api:decision-detail', 'PUT'):                                     "401    403    405    405    405    405",
    ('api:decision-detail', 'PATCH'):                                   "401    403    405    405    405    405",
    ('api:decision-detail', 'DELETE'):                                  "401    403    405    405    405    405",
    ('api:decision-list', 'GET'):                                       "401    200    200    200    200    200",
    ('api:decision-list', 'POST'):                                      "401    403    405    405    405    405",
    ('api:decision-list', 'PUT'):                                       "401    403    405    405    405    405",
    ('api:decision-list', 'PATCH'):                                     "401    403    405    405    405    405",
    ('api:decision-list', 'DELETE'):                                    "401    403    405    405    405    405",
    ('api:delegation-detail', 'GET'):                                   "401    404    200    404    200    200",
    ('api:delegation-detail', 'POST'):                                  "401    403    405    405    405    405",
    ('api:delegation-detail', 'PUT'):                                   "401    403    405    405    405    405",
    ('api:delegation-detail', 'PATCH'):                                 "401    403    405    405    405    405",
    ('api:delegation-detail', 'DELETE'):                                "401    403    405    405    405    405",
    ('api:delegation-list', 'GET'):                                     "401    200    200    200    200    200",
    ('api:delegation-list', 'POST'):                                    "401    403    400    400    400    400",
    ('api:delegation-list', 'PUT'):                                     "401    403    405    405    405    405",
    ('api:delegation-list', 'PATCH'):                                   "401    403    405    405    405    405",
    ('api:delegation-list', 'DELETE'):                                  "401    403    405    405    405    405",
    ('api:document-detail', 'GET'):                                     "200    200    200    200    200    200",
    ('api:document-detail', 'POST'):                                    "405    403    405    405    405    405",
    ('api:document-detail', 'PUT'):                                     "405    403    405    405    405    405",
    ('api:document-detail', 'PATCH'):                                   "405    403    405    405    405    405",
    ('api:document-detail', 'DELETE'):                                  "405    403    405    405    405    405",
    ('api:document-list', 'GET'):                                       "200    200    200    200    200    200",
    ('api:document-list', 'POST'):                                      "401    403    415    415    415    415",
    ('api:document-list', 'PUT'):                                       "405    403    405    405    405    405",
    ('api:document-list', 'PATCH'):                                     "405    403    405    405    405    405",
    ('api:document-list', 'DELETE'):                                    "405    403    405    405    405    405",
    ('api:document-version-file', 'GET'):                               "200    200    200    200    200    200",
    ('api:document-version-file', 'POST'):                              "405    403    405    405    405    405",
    ('api:document-version-file', 'PUT'):                               "405    403    405    405    405    405",
    ('api:document-version-file', 'PATCH'):                             "405    403    405    405    405    405",
    ('api:document-version-file', 'DELETE'):                            "405    403    405    405    405    405",
    ('api:document-versions', 'GET'):                                   "405    405    405    405    405    405",
    ('api:document-versions', 'POST'):                                  "401    403    415    415    415    415",
    ('api:document-versions', 'PUT'):                                   "405    403    405    405    405    405",
    ('api:document-versions', 'PATCH'):                                 "405    403    405    405    405    405",
    ('api:document-versions', 'DELETE'):                                "405    403    405    405    405    405",
    ('api:initiative-detail', 'GET'):                                   "200    200    200    200    200    200",
    ('api:initiative-detail', 'POST'):                                  "405    403    405    405    405    405",
    ('api:initiative-detail', 'PUT'):                                   "405    403    405    405    405    405",
    ('api:initiative-detail', 'PATCH'):                                 "405    403    405    405    405    405",
    ('api:initiative-detail', 'DELETE'):                                "405    403    405    405    405    405",
    ('api:initiative-list', 'GET'):                                     "200    200    200    200    200    200",
    ('api:initiative-list', 'POST'):                                    "405    403    405    405    405    405",
    ('api:initiative-list', 'PUT'):                                     "405    403    405    405    405    405",
    ('api:initiative-list', 'PATCH'):                                   "405    403    405    405    405    405",
    ('api:initiative-list', 'DELETE'):                                  "405    403    405    405    405    405",
    ('api:meeting-detail', 'GET'):                                      "200    200    200    200    200    200",
    ('api:meeting-detail', 'POST'):                                     "401    403    405    405    405    405",
    ('api:meeting-detail', 'PUT'):                                      "401    403    405    405    405    405",
    ('api:meeting-detail', 'PATCH'):                                    "401    403    400    400    400    400",
    ('api:meeting-detail', 'DELETE'):                                   "401    403    403    403    400    400",
    ('api:meeting-cancel', 'GET'):                                      "405    405    405    405    405    405",
    ('api:meeting-cancel', 'POST'):                                     "401    403    400    400    400    400",
    ('api:meeting-cancel', 'PUT'):                                      "401    403    405    405    405    405",
    ('api:meeting-cancel', 'PATCH'):                                    "401    403    405    405    405    405",
    ('api:meeting-cancel', 'DELETE'):                                   "401    403    405    405    405    405",
    ('api:meeting-conclude', 'GET'):                                    "405    405    405    405    405    405",
    ('api:meeting-conclude', 'POST'):                                   "401    403    403    403    400    400",
    ('api:meeting-conclude', 'PUT'):                                    "401    403    405    405    405    405",
    ('api:meeting-conclude', 'PATCH'):                                  "401    403    405    405    405    405",
    ('api:meeting-conclude', 'DELETE'):                                 "401    403    405    405    405    405",
    ('api:meeting-postpone', 'GET'):                                    "405    405    405    405    405    405",
    ('api:meeting-postpone', 'POST'):                                   "401    403    400    400    400    400",
    ('api:meeting-postpone', 'PUT'):                                    "401    403    405    405    405    405",
    ('api:meeting-postpone', 'PATCH'):                                  "401    403    405    405    405    405",
    ('api:meeting-postpone', 'DELETE'):                                 "401    403    405    405    405    405",
    ('api:meeting-publish', 'GET'):                                     "405    405    405    405    405    405",
    ('api:meeting-publish', 'POST'):                                    "401    403    404    404    200    200",
    ('api:meeting-publish', 'PUT'):                                     "401    403    405    405    405    405",
    ('api:meeting-publish', 'PATCH'):                                   "401    403    405    405    405    405",
    ('api:meeting-publish', 'DELETE'):                                  "401    403    405    405    405    405",
    ('api:meeting-list', 'GET'):                                        "200    200    200    200    200    200",
    ('api:meeting-list', 'POST'):                                       "401    403    400    400    400    400",
    ('api:meeting-list', 'PUT'):                                        "401    403    405    405    405    405",
    ('api:meeting-list', 'PATCH'):                                      "401    403    405    405    405    405",
    ('api:meeting-list', 'DELETE'):                                     "401    403    405    405    405    405",
    ('api:member-state-detail', 'GET'):                                 "200    200    200    200    200    200",
    ('api:member-state-detail', 'POST'):                                "405    403    405    405    405    405",
    ('api:member-state-detail', 'PUT'):                                 "405    403    405    405    405    405",
    ('api:member-state-detail', 'PATCH'):                               "405    403    405    405    405    405",
    ('api:member-state-detail', 'DELETE'):                              "405    403    405    405    405    405",
    ('api:member-state-list', 'GET'):                                   "200    200    200    200    200    200",
    ('api:member-state-list', 'POST'):                                  "405    403    405    405    405    405",
    ('api:member-state-list', 'PUT'):                                   "405    403    405    405    405    405",
    ('api:member-state-list', 'PATCH'):                                 "405    403    405    405    405    405",
    ('api:member-state-list', 'DELETE'):                                "405    403    405    405    405    405",
    ('api:attendance-list', 'GET'):                                     "401    200    200    200    200    200",
    ('api:attendance-list', 'POST'):                                    "401    403    405    405    405    405",
    ('api:attendance-list', 'PUT'):                                     "401    403    405    405    405    405",
    ('api:attendance-list', 'PATCH'):                                   "401    403    405    405    405    405",
    ('api:attendance-list', 'DELETE'):                                  "401    403    405    405    405    405",
    ('api:attendance-detail', 'GET'):                                   "401    404    200    404    200    200",
    ('api:attendance-detail', 'POST'):                                  "401    403    405    405    405    405",
    ('api:attendance-detail', 'PUT'):                                   "401    403    405    405    405    405",
    ('api:attendance-detail', 'PATCH'):                                 "401    403    405    405    405    405",
    ('api:attendance-detail', 'DELETE'):                                "401    403    405    405    405    405",
    # Accreditation and letters on request (issue 16): own country's participants, no passport data.
    ('api:accreditation-detail', 'GET'):                                "401    404    200    404    200    200",
    ('api:accreditation-detail', 'POST'):                               "401    403    405    405    405    405",
    ('api:accreditation-detail', 'PUT'):                                "401    403    405    405    405    405",
    ('api:accreditation-detail', 'PATCH'):                              "401    403    405    405    405    405",
    ('api:accreditation-detail', 'DELETE'):                             "401    403    405    405    405    405",
    ('api:accreditation-list', 'GET'):                                  "401    200    200    200    200    200",
    ('api:accreditation-list', 'POST'):                                 "401    403    405    405    405    405",
    ('api:accreditation-list', 'PUT'):                                  "401    403    405    405    405    405",
    ('api:accreditation-list', 'PATCH'):                                "401    403    405    405    405    405",
    ('api:accreditation-list', 'DELETE'):                               "401    403    405    405    405    405",
    ('api:letter-request-detail', 'GET'):                               "401    404    200    404    200    200",
    ('api:letter-request-detail', 'POST'):                              "401    403    405    405    405    405",
    ('api:letter-request-detail', 'PUT'):                               "401    403    405    405    405    405",
    ('api:letter-request-detail', 'PATCH'):                             "401    403    405    405    405    405",
    ('api:letter-request-detail', 'DELETE'):                            "401    403    405    405    405    405",
    ('api:letter-request-list', 'GET'):                                 "401    200    200    200    200    200",
    ('api:letter-request-list', 'POST'):                                "401    403    400    400    400    400",
    ('api:letter-request-list', 'PUT'):                                 "401    403    405    405    405    405",
    ('api:letter-request-list', 'PATCH'):                               "401    403    405    405    405    405",
    ('api:letter-request-list', 'DELETE'):                              "401    403    405    405    405    405",
    ('api:participant-detail', 'GET'):                                  "401    404    200    404    200    200",
    ('api:participant-detail', 'POST'):                                 "401    403    405    405    405    405",
    ('api:participant-detail', 'PUT'):                                  "401    403    400    404    400    400",
    ('api:participant-detail', 'PATCH'):                                "401    403    200    404    400    400",
    ('api:participant-detail', 'DELETE'):                               "401    403    405    405    405    405",
    ('api:participant-list', 'GET'):                                    "401    200    200    200    200    200",
    ('api:participant-list', 'POST'):                                   "401    403    400    400    400    400",
    ('api:participant-list', 'PUT'):                                    "401    403    405    405    405    405",
    ('api:participant-list', 'PATCH'):                                  "401    403    405    405    405    405",
    ('api:participant-list', 'DELETE'):                                 "401    403    405    405    405    405",
    ('api:participant-set-status', 'GET'):                              "401    405    405    405    405    405",
    ('api:participant-set-status', 'POST'):                             "401    403    400    404    400    400",
    ('api:participant-set-status', 'PUT'):                              "401    403    405    405    405    405",
    ('api:participant-set-status', 'PATCH'):                            "401    403    405    405    405    405",
    ('api:participant-set-status', 'DELETE'):                           "401    403    405    405    405    405",
    ('api:participant-withdraw', 'GET'):                                "401    405    405    405    405    405",
    ('api:participant-withdraw', 'POST'):                               "401    403    200    404    400    400",
    ('api:participant-withdraw', 'PUT'):                                "401    403    405    405    405    405",
    ('api:participant-withdraw', 'PATCH'):                              "401    403    405    405    405    405",
    ('api:participant-withdraw', 'DELETE'):                             "401    403    405    405    405    405",
    ('api:priority-area-detail', 'GET'):                                "200    200    200    200    200    200",
    ('api:priority-area-detail', 'POST'):                               "405    403    405    405    405    405",
    ('api:priority-area-detail', 'PUT'):                                "405    403    405    405    405    405",
    ('api:priority-area-detail', 'PATCH'):                              "405    403    405    405    405    405",
    ('api:priority-area-detail', 'DELETE'):                             "405    403    405    405    405    405",
    ('api:priority-area-list', 'GET'):                                  "200    200    200    200    200    200",
    ('api:priority-area-list', 'POST'):                                 "405    403    405    405    405    405",
    ('api:priority-area-list', 'PUT'):                                  "405    403    405    405    405    405",
    ('api:priority-area-list', 'PATCH'):                                "405    403    405    405    405    405",
    ('api:priority-area-list', 'DELETE'):                               "405    403    405    405    405    405",
    ('api:redoc', 'GET'):                                               "200    200    200    200    200    200",
    ('api:redoc', 'POST'):                                              "405    405    405    405    405    405",
    ('api:procedure-detail', 'GET'):                                    "401    404    200    404    200    200",
    ('api:procedure-detail', 'POST'):                                   "401    403    405    405    405    405",
    ('api:procedure-detail', 'PUT'):                                    "401    403    405    405    405    405",
    ('api:procedure-detail', 'PATCH'):                                  "401    403    405    405    405    405",
    ('api:procedure-detail', 'DELETE'):                                 "401    403    405    405    405    405",
    ('api:procedure-list', 'GET'):                                      "401    200    200    200    200    200",
    ('api:procedure-list', 'POST'):                                     "401    403    405    405    405    405",
    ('api:procedure-list', 'PUT'):                                      "401    403    405    405    405    405",
    ('api:procedure-list', 'PATCH'):                                    "401    403    405    405    405    405",
    ('api:procedure-list', 'DELETE'):                                   "401    403    405    405    405    405",
    ('api:redoc-bundle', 'GET'):                                        "200    200    200    200    200    200",
    ('api:redoc-bundle', 'POST'):                                       "405    405    405    405    405    405",
    ('api:schema', 'GET'):                                              "200    200    200    200    200    200",
    ('api:schema', 'POST'):                                             "405    405    405    405    405    405",
    ('api:swagger', 'GET'):                                             "200    200    200    200    200    200",
    ('api:swagger', 'POST'):                                            "405    405    405    405    405    405",
    ('api:work-plan-detail', 'GET'):                                    "200    200    200    200    200    200",
    ('api:work-plan-detail', 'POST'):                                   "405    403    405    405    405    405",
    ('api:work-plan-detail', 'PUT'):                                    "405    403    405    405    405    405",
    ('api:work-plan-detail', 'PATCH'):                                  "405    403    405    405    405    405",
    ('api:work-plan-detail', 'DELETE'):                                 "405    403    405    405    405    405",
    ('api:work-plan-list', 'GET'):                                      "200    200    200    200    200    200",
    ('api:work-plan-list', 'POST'):                                     "405    403    405    405    405    405",
    ('api:work-plan-list', 'PUT'):                                      "405    403    405    405    405    405",
    ('api:work-plan-list', 'PATCH'):                                    "405    403    405    405    405    405",
    ('api:work-plan-list', 'DELETE'):                                   "405    403    405    405    405    405",
    ('api:agenda-item-detail', 'GET'):                                  "200    200    200    200    200    200",
    ('api:agenda-item-detail', 'POST'):                                 "401    403    405    405    405    405",
    ('api:agenda-item-detail', 'PUT'):                                  "401    403    405    405    405    405",
    ('api:agenda-item-detail', 'PATCH'):                                "401    403    403    403    200    200",
    ('api:agenda-item-detail', 'DELETE'):                               "401    403    403    403    204    204",
    ('api:agenda-item-list', 'GET'):                                    "200    200    200    200    200    200",
    ('api:agenda-item-list', 'POST'):                                   "401    403    400    400    400    400",
    ('api:agenda-item-list', 'PUT'):                                    "401    403    405    405    405    405",
    ('api:agenda-item-list', 'PATCH'):                                  "401    403    405    405    405    405",
    ('api:agenda-item-list', 'DELETE'):                                 "401    403    405    405    405    405",
    ('api:meeting-agenda-order', 'GET'):                                "405    405    405    405    405    405",
    ('api:meeting-agenda-order', 'POST'):                               "401    403    400    400    400    400",
    ('api:meeting-agenda-order', 'PUT'):                                "401    403    405    405    405    405",
    ('api:meeting-agenda-order', 'PATCH'):                              "401    403    405    405    405    405",
    ('api:meeting-agenda-order', 'DELETE'):                             "401    403    405    405    405    405",
    # API tokens and private calendar feeds (pages): the secretariat's; a focal point revokes only their own feed
    ('api_portal:feed_revoke', 'GET'):                                  "login  login  405    405    405    405",
    ('api_portal:feed_revoke', 'POST'):                                 "login  login  403    403    302    302",
    ('api_portal:guide', 'GET'):                                        "200    200    200    200    200    200",
    ('api_portal:guide', 'POST'):                                       "200    200    200    200    200    200",
    ('api_portal:private_feed', 'GET'):                                 "login  login  405    405    405    405",
    ('api_portal:private_feed', 'POST'):                                "login  login  302    302    302    302",
    ('api_portal:token_revoke', 'GET'):                                 "login  login  405    405    405    405",
    ('api_portal:token_revoke', 'POST'):                                "login  login  403    403    302    302",
    ('api_portal:tokens', 'GET'):                                       "login  login  403    403    200    200",
    ('api_portal:tokens', 'POST'):                                      "login  login  403    403    200    200",
    # Calendar feeds
    ('calendar:all', 'GET'):                                            "200    200    200    200    200    200",
    ('calendar:all', 'POST'):                                           "405    405    405    405    405    405",
    ('calendar:chairmanship', 'GET'):                                   "200    200    200    200    200    200",
    ('calendar:chairmanship', 'POST'):                                  "405    405    405    405    405    405",
    ('calendar:meeting', 'GET'):                                        "200    200    200    200    200    200",
    ('calendar:meeting', 'POST'):                                       "405    405    405    405    405    405",
    ('calendar:private', 'GET'):                                        "200    200    200    200    200    200",
    ('calendar:private', 'POST'):                                       "405    405    405    405    405    405",
    # The admin: routes that differ from ADMIN_RULE. A model whose changes carry rules is read-only there or
    # written through its service (common/admin.py): its add and delete pages are a 403 even for a superuser.
    ('admin:accounts_focalpointinvitation_add', 'GET'):                 "admin  admin  admin  admin  admin  403",
    ('admin:accounts_focalpointinvitation_delete', 'GET'):              "admin  admin  admin  admin  admin  403",
    ('admin:auditlog_logentry_add', 'GET'):                             "admin  admin  admin  admin  admin  403",
    ('admin:auditlog_logentry_delete', 'GET'):                          "admin  admin  admin  admin  admin  403",
    ('admin:autocomplete', 'GET'):                                      "admin  admin  admin  admin  admin  403",
    ('admin:axes_accessattempt_add', 'GET'):                            "admin  admin  admin  admin  admin  403",
    ('admin:axes_accessattempt_change', 'GET'):                         "admin  admin  admin  admin  admin  302",
    ('admin:axes_accessattempt_delete', 'GET'):                         "admin  admin  admin  admin  admin  302",
    ('admin:axes_accessattempt_history', 'GET'):                        "admin  admin  admin  admin  admin  302",
    ('admin:axes_accessfailurelog_add', 'GET'):                         "admin  admin  admin  admin  admin  403",
    ('admin:axes_accessfailurelog_change', 'GET'):                      "admin  admin  admin  admin  admin  302",
    ('admin:axes_accessfailurelog_delete', 'GET'):                      "admin  admin  admin  admin  admin  302",
    ('admin:axes_accessfailurelog_history', 'GET'):                     "admin  admin  admin  admin  admin  302",
    ('admin:axes_accesslog_add', 'GET'):                                "admin  admin  admin  admin  admin  403",
    ('admin:catch-all', 'GET'):                                         "admin  admin  admin  admin  admin  404",
    ('admin:documents_document_add', 'GET'):                            "admin  admin  admin  admin  admin  403",
    ('admin:documents_document_delete', 'GET'):                         "admin  admin  admin  admin  admin  403",
    ('admin:login', 'GET'):                                             "200    200    200    200    200    302",
    ('admin:logout', 'GET'):                                            "302    302    302    302    302    405",
    ('admin:meetings_chairmanship_add', 'GET'):                         "admin  admin  admin  admin  admin  403",
    ('admin:meetings_chairmanship_delete', 'GET'):                      "admin  admin  admin  admin  admin  403",
    ('admin:meetings_delegation_add', 'GET'):                           "admin  admin  admin  admin  admin  403",
    ('admin:meetings_delegation_delete', 'GET'):                        "admin  admin  admin  admin  admin  403",
    ('admin:meetings_focalpoint_add', 'GET'):                           "admin  admin  admin  admin  admin  403",
    ('admin:meetings_focalpoint_delete', 'GET'):                        "admin  admin  admin  admin  admin  403",
    ('admin:meetings_invitationlettertemplate_delete', 'GET'):          "admin  admin  admin  admin  admin  403",
    ('admin:meetings_meetingchange_add', 'GET'):                        "admin  admin  admin  admin  admin  403",
    ('admin:meetings_meetingchange_change', 'GET'):                     "admin  admin  admin  admin  admin  200",
    ('admin:meetings_meetingchange_delete', 'GET'):                     "admin  admin  admin  admin  admin  403",
    ('admin:meetings_meetingchange_history', 'GET'):                    "admin  admin  admin  admin  admin  200",
    ('admin:view_on_site', 'GET'):                                      "admin  admin  admin  admin  admin  404",
    ('admin:meetings_participant_add', 'GET'):                          "admin  admin  admin  admin  admin  403",
    ('admin:meetings_participant_delete', 'GET'):                       "admin  admin  admin  admin  admin  403",
    ('admin:outbox_dispatcherlease_add', 'GET'):                        "admin  admin  admin  admin  admin  403",
    ('admin:outbox_dispatcherlease_change', 'GET'):                     "admin  admin  admin  admin  admin  302",
    ('admin:outbox_dispatcherlease_delete', 'GET'):                     "admin  admin  admin  admin  admin  403",
    ('admin:outbox_dispatcherlease_history', 'GET'):                    "admin  admin  admin  admin  admin  302",
    ('admin:outbox_outboxemail_add', 'GET'):                            "admin  admin  admin  admin  admin  403",
    ('admin:outbox_outboxemail_delete', 'GET'):                         "admin  admin  admin  admin  admin  403",
    ('admin:webhooks_delivery_add', 'GET'):                             "admin  admin  admin  admin  admin  403",
    ('admin:webhooks_delivery_change', 'GET'):                          "admin  admin  admin  admin  admin  302",
    ('admin:webhooks_delivery_delete', 'GET'):                          "admin  admin  admin  admin  admin  403",
    ('admin:webhooks_delivery_history', 'GET'):                         "admin  admin  admin  admin  admin  302",
    ('admin:webhooks_subscription_add', 'GET'):                         "admin  admin  admin  admin  admin  403",
    ('admin:webhooks_subscription_delete', 'GET'):                      "admin  admin  admin  admin  admin  403",
    ('admin:reminders_meetingremindersetting_add', 'GET'):              "admin  admin  admin  admin  admin  403",
    ('admin:reminders_meetingremindersetting_change', 'GET'):           "admin  admin  admin  admin  admin  302",
    ('admin:reminders_meetingremindersetting_delete', 'GET'):           "admin  admin  admin  admin  admin  403",
    ('admin:reminders_meetingremindersetting_history', 'GET'):          "admin  admin  admin  admin  admin  302",
    ('admin:reminders_reminder_add', 'GET'):                            "admin  admin  admin  admin  admin  403",
    ('admin:reminders_reminder_delete', 'GET'):                         "admin  admin  admin  admin  admin  403",
    ('admin:reminders_reminderrule_add', 'GET'):                        "admin  admin  admin  admin  admin  403",
    ('admin:reminders_reminderrule_delete', 'GET'):                     "admin  admin  admin  admin  admin  403",
    ('admin:workplan_initiative_add', 'GET'):                           "admin  admin  admin  admin  admin  403",
    ('admin:workplan_initiative_delete', 'GET'):                        "admin  admin  admin  admin  admin  403",
    ('admin:workplan_priorityarea_delete', 'GET'):                      "admin  admin  admin  admin  admin  403",
    ('admin:workplan_workplan_delete', 'GET'):                          "admin  admin  admin  admin  admin  403",
}
# fmt: on

# The admin: staff (is_staff) only. The secretariat's own pages are outside it; superusers use it.
ADMIN_RULE = {"GET": "admin admin admin admin admin 200"}


# --- The engine. -----------------------------------------------------------------------------------------
API_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
PAGE_METHODS = ("GET", "POST")
SUFFIX = re.compile(r"\\\.\(\?P<format>")


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield prefix + str(pattern.pattern), name or f"{namespace}:catch-all"


def routes() -> dict[str, str]:
    """Every named route of the portal (name -> pattern), as the resolver has them. DRF's format-suffix
    variants (meetings.json) are the same views and answer like the route they extend."""
    found = {}
    for pattern, name in _walk(get_resolver().url_patterns):
        if SUFFIX.search(pattern) or pattern.endswith("<drf_format_suffix:format>"):
            continue
        found.setdefault(name, pattern)
    return found


def methods_for(name: str) -> tuple[str, ...]:
    if name.startswith("admin:"):
        return tuple(ADMIN_RULE)
    return API_METHODS if name.startswith("api:") and name not in API_READ_ONLY_EXTRAS else PAGE_METHODS


API_READ_ONLY_EXTRAS = {
    "api:schema",
    "api:swagger",
    "api:redoc",
    "api:redoc-bundle",
    "api:changes-atom",
    "api:api-root",
}


def url_for(world, name: str) -> str:
    if name == "api:catch-all":
        return "/api/v1/no-such-thing/"
    if name.startswith("admin:"):
        return _admin_url(world, name)
    kwargs = {
        key: world.pk(value) if isinstance(value, str) and value in world.objects else value
        for key, value in ARGS.get(name, {}).items()
    }
    return reverse(name, kwargs=kwargs)


def _admin_url(world, name: str) -> str:
    """Admin routes name an existing object of their model (the first one), or a missing one."""
    from django.contrib import admin

    if name == "admin:catch-all":
        return "/en/admin/no-such-page/"
    if name == "admin:app_list":
        return reverse(name, kwargs={"app_label": "meetings"})
    if name == "admin:view_on_site":
        return reverse(name, kwargs={"content_type_id": 1, "object_id": 1})
    if name == "admin:auth_user_password_change":
        return reverse(name, kwargs={"id": world.pk("user_a")})
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(prefix) and name[len(prefix) :] not in ("add", "changelist"):
            obj = model._default_manager.order_by("pk").first()
            key = "pk" if name.endswith(("_config", "_qrcode")) else "object_id"
            return reverse(name, kwargs={key: obj.pk if obj else 999999})
    return reverse(name)


def answer(response) -> str:
    if response.status_code in (301, 302):
        location = response["Location"]
        if "/admin/login/" in location:
            return "admin"
        if "/accounts/login/" in location:
            return "login"
        return "302"
    return str(response.status_code)


def request(world, role: str, method: str, url: str):
    client = world.client(role)
    with transaction.atomic():
        if method in ("GET", "DELETE"):
            response = client.generic(method, url)
        elif url.startswith("/api/"):
            response = client.generic(method, url, "{}", content_type="application/json")
        else:
            response = client.post(url, {})
        transaction.set_rollback(True)
    return response


def expected_row(name: str, method: str) -> str | None:
    if name.startswith("admin:") and (name, method) not in MATRIX:
        return ADMIN_RULE.get(method)
    return MATRIX.get((name, method))


def test_every_route_has_a_row():
    missing = [
        (name, method) for name in routes() for method in methods_for(name) if expected_row(name, method) is None
    ]
    assert missing == [], "add these routes to MATRIX in tests/test_access_matrix.py"


def test_the_matrix_names_no_route_that_does_not_exist():
    assert sorted({name for name, _method in MATRIX} - set(routes())) == []


def test_every_role_gets_the_answer_the_matrix_says(settings):
    from ops.health import record_heartbeat

    settings.HEARTBEAT_MAX_AGE_SECONDS = 3600  # the walk takes longer than a minute: keep /healthz green
    record_heartbeat("worker")
    record_heartbeat("beat")
    world = build_world()
    record = os.environ.get("ACCSM_MATRIX_RECORD")
    wrong, rows = [], []
    for name in sorted(routes()):
        for method in methods_for(name):
            url = url_for(world, name)
            got = " ".join(answer(request(world, role, method, url)) for role in ROLES)
            rows.append((name, method, got))
            expected = expected_row(name, method)
            if expected is not None and " ".join(expected.split()) != got:
                wrong.append(f"{method} {url} ({name}): expected {expected!r}, got {got!r}")
    if record:
        with Path(record).open("w") as out:
            for name, method, got in rows:
                out.write(f"    ({name!r}, {method!r}): {got!r},\n")
    assert wrong == []


# --- Mass assignment: a foreign country or a staff-only field through forms and API bodies (ASVS 15.3.3). --
@pytest.fixture
def world(db):
    return build_world()


def _json(client, method, url, body):
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def test_the_api_refuses_a_participant_in_another_countrys_delegation(world):
    from meetings.models import Participant

    client = world.client("focal_point_a")
    before = Participant.objects.count()

    response = _json(
        client, "POST", "/api/v1/participants/", {"delegation": world.pk("delegation_b"), "full_name": "X"}
    )

    assert response.status_code == 404
    assert Participant.objects.count() == before


def test_the_api_ignores_status_country_and_erasure_fields_in_a_new_participant(world):
    from meetings.models import Participant

    client = world.client("focal_point_a")
    body = {
        "delegation": world.pk("delegation_a"),
        "full_name": "Đỗ Thị Lan",
        "status": "confirmed",
        "member_state": "TH",
        "anonymised_at": "2026-01-01T00:00:00Z",
        "extra_places": 9,
    }

    response = _json(client, "POST", "/api/v1/participants/", body)

    assert response.status_code == 201, response.json()
    participant = Participant.objects.get(pk=response.json()["id"])
    assert (participant.delegation_id, participant.status, participant.anonymised_at) == (
        world.pk("delegation_a"),
        Participant.Status.REGISTERED,
        None,
    )
    assert world.objects["delegation_a"].__class__.objects.get(pk=world.pk("delegation_a")).extra_places == 0


def test_the_api_ignores_a_move_to_another_delegation_or_a_status_in_an_update(world):
    from meetings.models import Participant

    client = world.client("focal_point_a")
    url = f"/api/v1/participants/{world.pk('participant_a')}/"

    response = _json(
        client, "PATCH", url, {"delegation": world.pk("delegation_b"), "status": "confirmed", "position": "Adviser"}
    )

    assert response.status_code == 200, response.json()
    participant = Participant.objects.get(pk=world.pk("participant_a"))
    assert (participant.delegation_id, participant.status, participant.position) == (
        world.pk("delegation_a"),
        Participant.Status.REGISTERED,
        "Adviser",
    )


def test_a_focal_point_cannot_confirm_their_own_participant_through_the_api(world):
    client = world.client("focal_point_a")

    response = _json(
        client, "POST", f"/api/v1/participants/{world.pk('participant_a')}/status/", {"status": "confirmed"}
    )

    assert response.status_code == 403
    assert world.objects["participant_a"].__class__.objects.get(pk=world.pk("participant_a")).status == "registered"


def test_a_country_token_cannot_register_in_another_countrys_delegation(world):
    from api import services
    from meetings.models import Participant
    from tests.factories import UserFactory

    _token, plain = services.api_token_create(
        actor=UserFactory._meta.model.objects.get(username="secretariat"),
        name="MOHA sync",
        owner=UserFactory._meta.model.objects.get(username="fp-vn"),
        scope="registrations",
        member_state=world.objects["member_state_a"],
    )
    client = world.client("anonymous")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {plain}"
    before = Participant.objects.count()

    response = _json(
        client, "POST", "/api/v1/participants/", {"delegation": world.pk("delegation_b"), "full_name": "X"}
    )

    assert response.status_code == 404
    assert Participant.objects.count() == before


def test_the_registration_form_ignores_a_foreign_delegation_and_a_status(world):
    from meetings.models import Participant

    client = world.client("focal_point_a")
    data = {
        "full_name": "Đỗ Thị Lan",
        "role": "delegate",
        "language": "vi",
        "status": "confirmed",
        "delegation": world.pk("delegation_b"),
        "member_state": world.pk("member_state_b"),
    }

    response = client.post(f"/en/my/meetings/{world.pk('meeting')}/participants/add/", data)

    assert response.status_code == 302, response.context["form"].errors
    participant = Participant.objects.get(full_name="Đỗ Thị Lan")
    assert (participant.delegation_id, participant.status) == (world.pk("delegation_a"), "registered")


def test_the_participant_edit_form_ignores_a_status_and_a_foreign_delegation(world):
    from meetings.models import Participant

    client = world.client("focal_point_a")
    participant = world.objects["participant_a"]
    data = {
        "full_name": participant.full_name,
        "role": participant.role,
        "language": "en",
        "position": "Adviser",
        "status": "confirmed",
        "delegation": world.pk("delegation_b"),
    }

    response = client.post(f"/en/my/participants/{participant.pk}/edit/", data)

    assert response.status_code == 302, response.context["form"].errors
    participant = Participant.objects.get(pk=participant.pk)
    assert (participant.delegation_id, participant.status, participant.position) == (
        world.pk("delegation_a"),
        "registered",
        "Adviser",
    )


def test_a_focal_points_upload_cannot_choose_another_country_visibility_or_status(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from documents.models import Document

    client = world.client("focal_point_a")
    data = {
        "title_en": "Country report of Viet Nam",
        "kind": "country_report",
        "language": "en",
        "meeting": world.pk("meeting"),
        "member_state": world.pk("member_state_b"),
        "visibility": "public",
        "status": "adopted",
        "file": SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
    }

    response = client.post("/en/documents/upload/", data)

    assert response.status_code == 302, response.context["form"].errors
    document = Document.objects.get(title_en="Country report of Viet Nam")
    assert document.member_state_id == world.pk("member_state_a")
    assert document.status != "adopted"
    assert document.visibility != "public"


def test_a_proposal_is_always_led_by_the_focal_points_own_country(world):
    from workplan.models import Initiative

    client = world.client("focal_point_a")
    data = {
        "title_en": "Digital skills for civil servants",
        "priority_area": world.pk("priority_area"),
        "planned_start": f"{dt.date.today().year + 1}-01-01",
        "planned_end": f"{dt.date.today().year + 1}-12-31",
        "lead": world.pk("member_state_b"),
        "status": "approved",
    }

    response = client.post(f"/en/workplan/{world.pk('work_plan')}/propose/", data)

    assert response.status_code == 302, response.context["form"].errors
    initiative = Initiative.objects.get(title_en="Digital skills for civil servants")
    assert (initiative.lead_id, initiative.status) == (world.pk("member_state_a"), "proposed")


# --- Personal data never in public answers. ----------------------------------------------------------------
# A link mailed to one participant is that participant's own key: its answer is theirs (a forged link: below).
OWN_LINKS = {"venue:certificate_download"}


def _text_of(response) -> str:
    """What a reader sees: a PDF's text, not its compressed bytes (where "3824" turns up by chance)."""
    if response.get("Content-Type", "").startswith("application/pdf"):
        import io

        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    return response.content.decode(errors="replace")


def test_an_own_link_answers_only_when_signed(world):
    url = url_for(world, "venue:certificate_download")
    forged = url[:-2] + ("A" if url[-2] != "A" else "B") + "/"  # the signature's last character changed

    assert request(world, "anonymous", "GET", url).status_code == 200
    assert request(world, "anonymous", "GET", forged).status_code == 404


def test_public_answers_carry_no_personal_data(world):
    """Everything an anonymous visitor or a read-only token can fetch, without a participant's details."""
    personal = ["Lê Văn Tám", "tam@moha.gov.vn", "3824", "Somchai", "s@ocsc.go.th"]
    leaks, checked = [], 0
    for name in sorted(routes()):
        if "GET" not in methods_for(name):
            continue
        url = url_for(world, name)
        for role in ("anonymous", "api_token"):
            response = request(world, role, "GET", url)
            if response.status_code != 200 or getattr(response, "streaming", False):
                continue
            if name in OWN_LINKS:
                continue
            body = _text_of(response)
            checked += 1
            leaks += [f"{role} {url}: {value}" for value in personal if value in body]
    assert leaks == []
    assert checked > 40  # the walk reached the public pages and API answers
    # …and the same details are there for those who may see them, so the check above can fail.
    staff_page = request(world, "secretariat", "GET", url_for(world, "secretariat:registrations"))
    assert "tam@moha.gov.vn" in staff_page.content.decode()


def test_a_focal_point_cannot_create_or_cancel_a_meeting_through_the_api_even_with_a_valid_body(world):
    """The API validates a schedule write before the service refuses it, so the matrix's empty bodies get 400
    from focal points; with a valid body the answer is 403 and nothing changes."""
    from meetings.models import Meeting

    client = world.client("focal_point_a")
    before = Meeting.objects.count()
    body = {
        "chairmanship": 23,
        "kind": "som",
        "title_en": "SOM by a focal point",
        "start": "2031-08-03T09:00:00+07:00",
        "end": "2031-08-03T17:00:00+07:00",
        "time_zone": "Asia/Ho_Chi_Minh",
    }

    created = _json(client, "POST", "/api/v1/meetings/", body)
    cancelled = _json(client, "POST", f"/api/v1/meetings/{world.pk('meeting')}/cancel/", {"reason": "No quorum"})

    assert (created.status_code, cancelled.status_code) == (403, 403)
    assert Meeting.objects.count() == before
    assert Meeting.objects.get(pk=world.pk("meeting")).status == Meeting.Status.PUBLISHED
