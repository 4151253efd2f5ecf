"""Shared REST framework pieces: permission, pagination, base classes, errors."""
