"""Routers by user and what they share (the one sign-in/role/CSRF dependency in ``auth``)."""
