"""The meetings' part of the REST API (/api/v1/): member states, chairmanships, meetings, agenda items,
changes, delegations and participants. Built on the framework in `api/`; registered in accsm_portal/api_urls.py."""
