"""The REST API endpoints of registration (delegations, participants), registered in accsm_portal/api_urls.py."""
