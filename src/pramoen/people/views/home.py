"""``/``: the public landing page for visitors; each signed-in person's next steps (issue 20).
Also the public edition page (rules, groups and their criteria, call letter) that applicants
read before applying."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from pramoen.awards import letters
from pramoen.core.paging import page_of
from pramoen.core.views import ROLE_SUMMARIES
from pramoen.people import public
from pramoen.people.home import home_for


class CertificateLookupForm(forms.Form):
    code = forms.CharField(
        label="เลขที่ตรวจสอบเกียรติบัตร (พิมพ์ตามที่อยู่บนเกียรติบัตร)",
        max_length=40,
        error_messages={"required": "กรุณากรอกเลขที่ตรวจสอบบนเกียรติบัตร"},
    )

    def clean_code(self) -> str:
        # Typed with dashes or spaces, or the whole address from the certificate's QR code pasted.
        text = self.cleaned_data["code"].strip().rstrip("/").rsplit("/", 1)[-1]
        code = "".join(ch for ch in text.upper() if ch.isascii() and ch.isalnum())
        if not code:
            raise forms.ValidationError("เลขที่ตรวจสอบมีเฉพาะตัวอักษรภาษาอังกฤษและตัวเลข กรุณาตรวจอีกครั้ง")
        return code


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return landing(request)
    user = request.user
    memberships = user.memberships.filter(is_active=True).select_related("organization")
    roles = [
        {
            "label": m.get_role_display(),
            "organization": m.organization,
            "summary": ROLE_SUMMARIES.get(m.role, ""),
        }
        for m in memberships
    ]
    from pramoen.core.navigation import entries_for

    return render(
        request,
        "people/home.html",
        {"home": home_for(user=user), "roles": roles, "pages": entries_for(user)[1:]},
    )


def landing(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    page, query = page_of(request, public.current_editions(now=now), size=10)
    results, results_query = page_of(
        request, public.announced_editions(now=now), size=10, param="results"
    )
    return render(
        request,
        "people/landing.html",
        {
            "editions": page.object_list,
            "page": page,
            "query": query,
            "results": results.object_list,
            "results_page": results,
            "results_query": results_query,
            "coming": list(public.coming_announcements(now=now)[:10]),
            "lookup": CertificateLookupForm(),
            # an edition not open yet is listed without a link (its page is "not found" until then)
            "today": public.local_today(now),
        },
    )


@require_GET
def edition(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = public.public_edition(pk=pk, now=timezone.now())
    return render(
        request,
        "people/edition.html",
        {"campaign": campaign, "groups": public.edition_groups(campaign=campaign)},
    )


@require_GET
def edition_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The call letter (.docx) of an open edition, for anyone to read before applying."""
    campaign = public.public_edition(pk=pk, now=timezone.now())
    if "call" not in letters.LETTER_KINDS:
        raise Http404
    response = HttpResponse(
        letters.letter_docx(campaign, "call"),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="campaign-{campaign.pk}-{campaign.year_be}-call.docx"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def certificate_lookup(request: HttpRequest) -> HttpResponse:
    """``/judging/verify/``: a box to type a certificate's code; the answer is its own page."""
    form = CertificateLookupForm(request.GET or None)
    if form.is_valid():
        return redirect(reverse("judging:verify", args=[form.cleaned_data["code"]]))
    return render(request, "people/certificate_lookup.html", {"form": form})
