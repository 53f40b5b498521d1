"""The REST API at ``/api/v1/`` (django-ninja): docs/api.md."""
