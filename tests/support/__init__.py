"""What the tests share: local servers, hostile pages and strategies, the command line in a
subprocess or a pty, what the screen shows, and the pilot's `settle`.

Importable as `support.<module>` because pyproject puts tests/ on pytest's `pythonpath`.
"""
