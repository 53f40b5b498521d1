"""Judging and results (issue 6): committees → conflicts → assignment → reviews → results.

Layout, for newcomers:

* ``domain.py`` — pure arithmetic (no Django): mean/median, disagreement flags, calibration
  (per-judge z-scores rescaled to the raw range), tiers on the unrounded total, competition ranks
  (1, 2, 3, 3, 5) and the Thai rank titles.
* ``scoring.py`` — the one place that builds an answers document (the entry's applicant part +
  a review's indicator answers + the eligibility gate) and scores it with the instrument pinned by
  the group, refusing if the library version no longer matches the pinned hash. It also lists
  the applicant's values a rule reads (hours, percentages): the scoring page shows them marked
  "ข้อมูลจากผู้สมัคร" and a review is submitted only once the judge has confirmed each one.
* ``services/`` — every write, atomic and audited, one module per sub-domain: ``committees``,
  ``conflicts``, ``assignments``, ``eligibility``, ``reviews`` (optimistic locking on
  ``version``), ``results`` (consensus; a finalization locks an entry by writing its
  ``EntryResult``; an appeal reopens one entry) and ``certificates``.
* ``selectors/`` — reads with joins applied: ``work`` (``entry_for_judge`` turns "not assigned"
  and "conflicted" into the same 404), ``committees``, ``reviews`` and ``results``
  (``entry_outcomes``: every entry's panel result computed now from the stored answers).
* ``views/`` — one module per audience: ``judge`` (workspace and scoring page; htmx autosave
  returns points, level and the rule's Thai explanation), ``chair``, ``staff`` (committee
  set-up), ``results`` (public results, Excel export, appeals) and ``certificates`` (build and
  verification).
* ``certificates.py`` + ``management/commands/certificates.py`` — certificates through
  ``pramoen.documents.certificates`` (``pramoen certificates build --campaign ID --out DIR``).
  Each build is a ``CertificateBuild`` row (status, done/total, Thai error): the web runs it in
  a thread of the web process and polls a progress partial; the CLI runs it in the foreground.
"""
