"""The secretariat's pages, one module per area."""
