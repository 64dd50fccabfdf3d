"""The TNA report: a Lao PDF with the ranked list and the heatmap, and the same as XLSX."""

from __future__ import annotations

from io import BytesIO

import pypdfium2 as pdfium
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.training.test_tna import HAND_BUILT, _answer, _officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(campaign):
    for index, special in enumerate(HAND_BUILT):
        _answer(_officer(index), campaign, special)
    return campaign


def test_the_pdf_report_holds_the_ranked_list_and_the_heatmap_in_lao(answered, cast):
    response = cast.client("trainer").get(reverse("training:report", args=[answered.pk, "pdf"]))
    assert response.status_code == 200
    pdf = pdfium.PdfDocument(response.content)
    text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "ບົດລາຍງານ ການປະເມີນຄວາມຕ້ອງການຝຶກອົບຮົມ" in text
    assert "ບຸລິມະສິດຂອງການຝຶກອົບຮົມ" in text
    # Competency 1 heads the ranked list with its priority 18.60, and is in the heatmap.
    # (pdfium repeats a consonant carrying two stacked marks, as in ຄົ້ນ: match around them.)
    first = text.index("ວິເຄາະຄຳຕັດສິນຂອງສານ")
    assert first < text.index("2. ການຮຽກ ແລະ ການແຈ້ງຄູ່ຄວາມ")
    assert "18.60" in text
    assert "ນະຄອນຫຼວງວຽງຈັນ" in text  # the heatmap's column
    assert "3.0" in text
    bitmap = pdf[0].render(scale=0.4)
    assert len(set(bytes(bitmap.buffer))) > 2


def test_the_xlsx_report_has_the_same_figures(answered, cast):
    response = cast.client("trainer").get(reverse("training:report", args=[answered.pk, "xlsx"]))
    book = load_workbook(BytesIO(response.content))
    priorities = book["priorities"]
    assert priorities["B3"].value == "1. ການຄົ້ນຄວ້າ ແລະ ວິເຄາະຄຳຕັດສິນຂອງສານ"
    assert priorities["F3"].value == pytest.approx(18.6)
    assert book["heatmap"]["B1"].value == "ນະຄອນຫຼວງວຽງຈັນ"
    assert book["heatmap"]["B2"].value == pytest.approx(3.0)


def test_only_the_owner_side_gets_the_report(answered, cast):
    url = reverse("training:report", args=[answered.pk, "pdf"])
    assert cast.client("officer").get(url).status_code == 404
    assert (
        cast.client("trainer")
        .get(reverse("training:report", args=[answered.pk, "exe"]))
        .status_code
        == 404
    )
