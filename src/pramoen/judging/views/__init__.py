"""Judging pages, one module per audience: ``judge`` (workspace and scoring page), ``chair`` (a
group's assignment, reviews and results), ``staff`` (committee set-up), ``results`` (public
results, Excel, appeals) and ``certificates`` (build, files, verification, revocation).

Views validate input, call one service or selector and render; refusals are Thai messages.
"""
