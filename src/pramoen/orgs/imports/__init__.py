"""Imports of master data from CSV and XLSX files with Thai headers (see docs/imports.md).

This package's ``__init__`` stays empty: ``reading`` and ``worker`` run in a child process
without Django. Use :mod:`pramoen.orgs.imports.api`.
"""
