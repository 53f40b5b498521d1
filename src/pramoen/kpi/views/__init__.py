"""KPI pages, one module per audience: ``reporter`` (an ESA's report: form, evidence,
submission), ``documents`` (Word and PDF), ``review`` (marks, return, approval) and
``dashboard``; ``report_page`` builds what the report page shows.

Each view validates input, calls one service and renders; refusals are Thai messages.
"""
