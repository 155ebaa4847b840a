"""The demo data: the real ACCSM history, the work plan and its papers, and demo logins.

`demo.loader.load_demo()` (the `load_demo` command) runs one loader per app. demo imports the apps;
no app imports demo.
"""
