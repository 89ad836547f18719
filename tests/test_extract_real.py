"""Real images from other projects (../shared/peer-data/real-documents/, never copied in): the real
ID-card specimen reads as its expect.json says — its printed number fails the GB 11643 check and
must come out invalid, never repaired — and the real pages that are none of our materials (a train
ticket, a 机动车登记证书 page, lab reports, …) come out ``unknown``. Runs the real OCR."""

from __future__ import annotations

import json

import pytest
from yichuang.extractors.document import read_pages

from tests.conftest import PEER
from yichuang.pipeline import open_runtime, read_files

REAL = PEER / "real-documents"
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (REAL / "expect.json").is_file(), reason="../shared/peer-data is not beside the checkout")]


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    import os

    home = tmp_path_factory.mktemp("home")
    old = {k: os.environ.get(k) for k in ("YICHUANG_HOME", "YICHUANG_STORAGE_URL", "YICHUANG_DATABASE_URL")}
    os.environ["YICHUANG_HOME"] = str(home)
    for k in ("YICHUANG_STORAGE_URL", "YICHUANG_DATABASE_URL"):
        os.environ.pop(k, None)
    try:
        expect = json.loads((REAL / "expect.json").read_text(encoding="utf-8"))
        read = read_files([REAL / name for name in expect], open_runtime())
        return expect, read_pages(read.pages)
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def test_real_id_card_specimen(documents):
    expect, docs = documents
    card = [d for d in docs if d.source.endswith("id_card_specimen_rot180.jpeg")]
    assert [d.material for d in card] == ["id_card"]
    want = expect["id_card_specimen_rot180.jpeg"]["fields"]
    assert {k: card[0].fields.get(k) for k in want} == want
    number = card[0].field_details["id_number"]
    assert not number.valid and number.repaired_from is None and number.reason


def test_real_negatives_are_unknown(documents):
    expect, docs = documents
    negatives = {name for name, e in expect.items() if e["material"] == "unknown"}
    got = {d.source.rsplit("/", 1)[-1]: d.material for d in docs if d.source.rsplit("/", 1)[-1] in negatives}
    assert set(got) == negatives and set(got.values()) == {"unknown"}, got


def test_real_look_alikes_say_what_they_are(documents):
    _, docs = documents
    what = {d.source.rsplit("/", 1)[-1]: d.recognised_as for d in docs}
    assert what["lab_results_table.jpg"] == what["hospital_lab_report_photo.jpg"] == "medical_lab_report"
    assert what["train_ticket_photo.jpg"] is None and what["id_card_specimen_rot180.jpeg"] is None
    # its title misread by OCR (机动车设记级书), the 登记栏 page is still told apart by its entries
    assert what["vehicle_registration_page.jpeg"] == "vehicle_registration_certificate"
