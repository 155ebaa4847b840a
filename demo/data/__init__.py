"""The demo's lists, as data: member states, the Work Plan 2021–2025's initiatives and progress, declarations."""
