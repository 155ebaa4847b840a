"""The REST API endpoints of registration (delegations, participants), registered in api/urls.py."""
