"""KPI reporting (issue 7, seed 000): OBEC KPI 10 reported by ESAs in a 6- and a 12-month round.

Layout:

* ``models`` — campaign (fiscal year BE) → indicators (instrument id per round) → rounds (due
  moment, Asia/Bangkok) → reporting units (ESAs); ``KpiReport`` per (round, indicator, ESA) with the
  answers document's ``fields``, the pinned instrument version hash and a ``version`` for optimistic
  concurrency; evidence (files through Django's storage API, or links); the reviewer's marks;
  reminders already sent.
* ``structure`` (pure) — the page and the score read from the KPI 10 instruments: issues with the
  evidence that applies to a primary/secondary ESA, the PA block, review points, the answers
  document the engine scores.
* ``pramoen.documents.uploads`` / ``pdfpages`` (pure, shared with awards) — size cap, magic bytes,
  one-A4-page check in a child process.
* ``services`` (writes, audited) · ``selectors`` (reads, dashboard) · ``rules`` (object-level
  permissions: a reporter sees only his ESA's reports — others are 404) · ``exports`` (Word/PDF via
  ``pramoen.documents.kpi_report``, Excel, chart) · ``views`` · ``management/commands/kpi.py``.

Decisions:

* 6-month score = count of issues the reviewer marks clear (instrument ``kpi10-6m``).
* 12-month score = the instrument's best-practice logic over boxes 3.1.1, 3.1.2, 3.2.1, 3.2.2; a
  box counts when the ESA ticked "มี" and the reviewer marked it clear; the reviewer is asked only
  about ticked boxes.
* Late = first submitted after the due moment (a report returned and resubmitted keeps its first
  submission time), or not submitted once the due moment has passed.
* The lesson learned (PA) must be a PDF: pages are counted exactly; other formats would need a
  LibreOffice conversion to count pages.
"""
