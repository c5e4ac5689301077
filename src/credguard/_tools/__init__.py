"""Tools for people who read policies: describe, diff, lint, requirements, audit.

Nothing on the check path imports this package; the public names reach
``credguard`` lazily (see ``credguard.__init__``).
"""
