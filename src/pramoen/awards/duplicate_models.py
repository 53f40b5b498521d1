"""Portfolio fingerprints and the near-duplicate pairs found among them (imported by
``awards.models``; the computation is :mod:`pramoen.documents.fingerprint`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

PAGES_SHOWN = 5


class PortfolioSignature(models.Model):
    """What is kept of one entry's portfolio to compare it with others without the file."""

    entry = models.OneToOneField(
        "awards.Entry", on_delete=models.CASCADE, related_name="portfolio_signature"
    )
    # documents.fingerprint: {"version", "doc": [minhash…], "shingles", "pages": [{…}, …]}
    data = models.JSONField()
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("ลายพิมพ์แฟ้มผลงาน")
        verbose_name_plural = _("ลายพิมพ์แฟ้มผลงาน")

    def __str__(self) -> str:
        return f"ลายพิมพ์แฟ้มผลงาน {self.entry_id}"


class PortfolioBand(models.Model):
    """One locality-sensitive-hashing key of a signature: signatures sharing a key are compared."""

    signature = models.ForeignKey(
        PortfolioSignature, on_delete=models.CASCADE, related_name="bands"
    )
    key = models.CharField(max_length=24)

    class Meta:
        indexes = [models.Index(fields=["key"], name="awards_portfolio_band_key")]

    def __str__(self) -> str:
        return self.key


class PortfolioMatch(models.Model):
    """Two entries whose portfolios share much of their text or scanned pages (``entry_a`` has
    the smaller primary key). Recomputed whenever either portfolio is checked again."""

    entry_a = models.ForeignKey("awards.Entry", on_delete=models.CASCADE, related_name="+")
    entry_b = models.ForeignKey("awards.Entry", on_delete=models.CASCADE, related_name="+")
    similarity = models.DecimalField(_("ความคล้าย"), max_digits=5, decimal_places=4)
    text_share = models.DecimalField(max_digits=5, decimal_places=4)
    image_share = models.DecimalField(max_digits=5, decimal_places=4)
    # [[page of a, page of b, similarity, "text" | "image"], …]
    pages = models.JSONField(default=list)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("แฟ้มผลงานที่อาจซ้ำกัน")
        verbose_name_plural = _("แฟ้มผลงานที่อาจซ้ำกัน")
        constraints = [
            models.UniqueConstraint(fields=["entry_a", "entry_b"], name="awards_match_once"),
            models.CheckConstraint(
                condition=models.Q(entry_a__lt=models.F("entry_b")), name="awards_match_ordered"
            ),
        ]
        indexes = [models.Index(fields=["entry_b"], name="awards_match_entry_b")]

    def __str__(self) -> str:
        return f"{self.entry_a_id} ≈ {self.entry_b_id}"

    @property
    def percent(self) -> int:
        return int((self.similarity * 100).to_integral_value())

    @property
    def first_pages(self) -> list[tuple[int, int]]:
        """The first matching page pairs (page of a, page of b), for a one-line summary."""
        return [(p[0], p[1]) for p in self.pages[:PAGES_SHOWN]]

    @property
    def more_pages(self) -> int:
        return max(0, len(self.pages) - PAGES_SHOWN)
