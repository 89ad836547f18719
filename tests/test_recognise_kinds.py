"""Kind of paper before which paper (issue 9): a page's title says what kind of paper it is (an issued
certificate, an application, a deregistration form, a contract, a filing proof …); a material of
another kind is ruled out however many of its labels the page shows, and a title variant of the
material's own kind matches on its core. Pages: stored PP-OCR output of the first fresh set (seed 0,
scan), tests/data/recognise/*.ocr.json — no OCR at test time."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError
from yichuang.extractors.catalog import load_catalog
from yichuang.extractors.document import read_documents
from yichuang.extractors.recognise import kind_of, page_title, recognise, title_core
from yichuang.rulesets.schema import Catalog

from yichuang.types import Line, OcrPage

DATA = Path(__file__).parent / "data" / "recognise"


def _page(name: str) -> OcrPage:
    return OcrPage.model_validate_json((DATA / f"{name}.ocr.json").read_text(encoding="utf-8"))


def _lines(*rows: tuple[str, float]) -> OcrPage:
    """A page of one box per row: (text, type height in px)."""
    lines, y = [], 40.0
    for text, h in rows:
        lines.append(Line(text=text, box=[[100, y], [100 + h * len(text), y], [100 + h * len(text), y + h], [100, y + h]],
                          confidence=0.99))
        y += h * 2
    return OcrPage(source="t.jpg", page=1, page_id="t-1", engine="test", width=1200, height=1600, lines=lines)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.mark.parametrize(("title", "kind"), [
    ("食品经营许可证", "certificate"), ("食品经营许可申请书", "application"), ("食品经营许可证申请书", "application"),
    ("个体工商户注销登记申请书", "change"), ("个体工商户登记（备案）申请书", "application"),
    ("房屋租赁登记备案证明", "filing"), ("健康证明", "certificate"), ("二手房屋买卖协议", "contract"),
    ("委托代理书", "authorisation"), ("从业人员预防性健康检查表", "report"), ("经营场所平面布局图", "drawing"),
    ("常住人口登记卡", "certificate"), ("居民户口簿", "certificate"), ("张三", None),
])
def test_a_title_names_its_kind(catalog, title, kind):
    assert kind_of(title, catalog) == kind


def test_the_core_is_the_title_without_its_kinds_word(catalog):
    assert title_core("房屋租赁合同", catalog) == "房屋租赁"
    assert title_core("食品经营许可申请书", catalog) == "食品经营许可"
    assert title_core("张三", catalog) == "张三"


def test_the_title_is_the_tallest_top_row_that_ends_like_a_title(catalog):
    page = _lines(("附件2", 20), ("食品经营许可申请书（副本）", 44), ("申请人名称：某某便利店", 22), ("营业执照", 22))
    title = page_title(page, catalog)
    assert title is not None and title.text == "食品经营许可申请书" and title.kind == "application"
    # a "label：value" row or a long sentence is never the title; no title rules nothing out
    assert page_title(_lines(("身份证：110101199001011234", 40), ("姓名张三", 30)), catalog) is None


def test_a_row_of_number_cells_is_read_through_not_backtracked(catalog):
    """A form's ID-number cells OCR'd as one row of digits that does not end the row once made the
    trailer pattern backtrack exponentially (the bench hung on a never-seen form): now it is linear."""
    for digits in (20, 30, 60):
        row = "证件号码" + "1" * digits + "号"
        page = _lines(("食品经营许可申请书", 44), (row, 22))
        title = page_title(page, catalog)
        assert title is not None and title.text == "食品经营许可申请书"


@pytest.mark.parametrize(("name", "recognised_as", "guess"), [
    ("issued-food-permit", "food_business_permit", None),  # it carries every label of its application
    ("deregistration-application", "deregistration_or_change_application", "individual_business_application"),
    ("lease-filing-proof", "lease_filing_proof", "lease_contract"),
    ("registration-proof", "property_registration_proof", "property_certificate"),
    ("divorce-certificate", "divorce_certificate", "marriage_certificate"),
])
def test_a_paper_of_another_kind_is_not_the_material(catalog, name, recognised_as, guess):
    page = _page(name)
    rec = recognise(page, catalog)
    assert rec.material == "unknown"
    assert rec.recognised_as == recognised_as
    if guess:
        assert rec.best_guess is not None and rec.best_guess.material == guess
    assert [d.material for d in read_documents(page)] == ["unknown"]


def test_without_its_look_alike_the_kind_alone_keeps_the_permit_out(catalog):
    """The look-alikes name what a page is; the kind is what keeps it out of the material."""
    bare = catalog.model_copy(update={"lookalikes": {}})
    for name in ("issued-food-permit", "deregistration-application", "lease-filing-proof"):
        assert recognise(_page(name), bare).material == "unknown", name
    no_kinds = bare.model_copy(update={"kinds": {}})
    assert recognise(_page("issued-food-permit"), no_kinds).material == "food_license_application"


@pytest.mark.parametrize(("name", "material"), [
    ("sale-agreement-variant-title", "house_sale_contract"),  # 二手房屋买卖协议 ≈ 房屋买卖合同
    ("vaccination-variant-title", "dog_vaccination_cert"),  # 犬类狂犬病免疫接种证 ≈ 狂犬病免疫证明
    ("health-card", "health_certificate"),
])
def test_a_title_variant_of_the_same_kind_is_the_material(catalog, name, material):
    rec = recognise(_page(name), catalog)
    assert rec.material == material and rec.titled


def test_a_kind_the_catalog_does_not_define_is_refused(catalog):
    doc = catalog.model_dump()
    doc["materials"]["lease_contract"]["recognise"]["kind"] = "lease"
    with pytest.raises(ValidationError, match="recognise.kind 'lease'"):
        Catalog.model_validate(doc)


def test_a_short_core_is_only_part_of_a_title(catalog):
    """健康 (of 健康证) is inside many titles: a two-character core is not a whole title match, the
    page's labels must carry the rest (预防性健康检查合格证 has them; a bare title has not)."""
    card = _lines(("预防性健康检查合格证", 50), ("持证人姓名：罗宁桂", 24), ("性别：男", 24), ("体检日期：2026年7月26日", 24))
    assert recognise(card, catalog).material == "health_certificate"
    bare = _lines(("预防性健康检查合格证", 50), ("编号：11010812810358", 24))
    assert recognise(bare, catalog).material == "unknown"


@pytest.mark.parametrize("title", ["居住证", "中华人民共和国机动车驾驶证"])
def test_a_card_titled_as_another_card_is_not_the_id_card(catalog, title):
    """A 居住证 or a 驾驶证 carries the ID card's labels (姓名 性别 民族 出生 住址 公民身份号码), and an ID
    card's front has no title: a page titled as another paper of its kind is not it."""
    rows = [(title, 50), ("姓名张三", 24), ("性别男民族汉", 24), ("出生1990年3月7日", 24), ("住址北京市朝阳区建国路88号", 24),
            ("公民身份号码110105199003071234", 24)]
    assert recognise(_lines(*rows), catalog).material == "unknown"
    assert recognise(_lines(*rows[1:]), catalog).material == "id_card"  # the same labels, untitled: a card front


def test_a_page_titled_as_another_kind_never_continues_the_document_before(catalog):
    """After a contract, a page with 签字 on it would carry the contract on — unless its title says it is
    another kind of paper (a 注销登记申请书): then it is a document of its own, even with no look-alike
    to name it."""
    from yichuang.extractors.document import read_pages

    bare = catalog.model_copy(update={"lookalikes": {}})
    docs = read_pages([_page("sale-agreement-variant-title"), _page("deregistration-application")], bare)
    assert [(d.material, d.continues) for d in docs] == [("house_sale_contract", None), ("unknown", None)]


# ---- look-alikes and titles that name another paper (fresh3, stored PP-OCR output, scan / desk-phone) ----

@pytest.mark.parametrize(("name", "lookalike"), [
    ("fresh3-property-search-result", "property_search_result"),  # was placed as property_certificate
    ("fresh3-migration-permit", "household_migration_permit"),  # was placed as household_register
])
def test_a_paper_that_names_a_material_is_not_it(catalog, name, lookalike):
    """A 不动产登记信息查询结果证明 carries a 不动产权证书's labels (权利人, 坐落, 不动产单元号) and its
    不动产权证号 row; a 户口迁移证 names 户口 in its title and shows 公民身份号码. Neither is the paper it
    names: recognised as the look-alike it is — and unknown even when the catalog lists no look-alike,
    by the mechanism (a 查询 title is a kind of its own; 户口迁移证 is no misread 户口簿)."""
    rec = recognise(_page(name), catalog)
    assert (rec.material, rec.recognised_as) == ("unknown", lookalike)
    bare = catalog.model_copy(update={"lookalikes": {}})
    assert recognise(_page(name), bare).material == "unknown"


@pytest.mark.parametrize(("title", "kind"), [
    ("不动产登记信息查询结果证明", "query"), ("户籍信息查询结果", "query"), ("企业信用信息查询报告", "query"),
    ("不动产登记（转移）申请单", "application"), ("材料接收凭证", "filing"),
])
def test_more_kinds_of_paper(catalog, title, kind):
    assert kind_of(title, catalog) == kind


def test_a_title_word_inside_a_longer_title_is_no_misread_title():
    """One misread character of a title is fuzzy-matched — but 户口簿 against 户口迁移证 is two characters
    of three followed by a different paper's word; 授权委托证明书 ends as 授权委托书 does (书), 营业执 lost
    its last character: those still match."""
    from yichuang.extractors.recognise import text_has

    assert text_has("户口簿", ["户口迁移证"], whole=True) == 0.0
    assert text_has("户口簿", ["户口迁移证"]) > 0  # labels keep the old tolerance
    assert text_has("授权委托书", ["授权委托证明书"], whole=True) > 0
    assert text_has("营业执照", ["营业执"], whole=True) > 0


@pytest.mark.parametrize(("name", "material"), [
    ("fresh3-ibr-vertical-header", "individual_business_application"),  # 个体户开业一次性申报表
    ("fresh3-estate-application-form", "real_estate_application"),  # 不动产登记（转移）申请单
    ("fresh3-attorney-proof-title", "power_of_attorney"),  # 授权委托证明书
])
def test_local_form_titles_and_wordings_place_the_page(catalog, name, material):
    """A local form's title (个体户 for 个体工商户; 申请单) and its fields' wordings (个体户字号, 实际经营地址,
    常用手机: the lexicon, not the recognition labels) place it; a label | value row (身份证明类型 |
    居民身份证) is never its title."""
    page = _page(name)
    assert recognise(page, catalog).material == material
    title = page_title(page, catalog)
    assert title is None or "身份证明类型" not in title.text


def test_the_lexicon_never_places_an_untitled_page(catalog):
    """Field wordings count only on a page titled as the material: a page of labels alone is placed by
    the recognition labels, as before."""
    page = _lines(("个体户字号：南山乐购便利店", 24), ("实际经营地址：广东省深圳市南山区和平里大街50号", 24), ("常用手机：17294532284", 24),
                  ("姓名：郝峰", 24), ("本人证件号码：44030520010307734X", 24))
    assert recognise(page, catalog).material == "unknown"


def test_a_continuation_page_with_glare_still_joins_its_document(catalog):
    """A contract's page 2 (its clauses end, both parties sign) photographed with glare is flagged as a
    poor capture, but its text was read: it carries the contract on (its signatures count), and its
    quality problem stays on it for the notice."""
    from yichuang.extractors.document import read_pages

    docs = read_pages([_page("fresh3-sale-contract-p1"), _page("fresh3-sale-contract-p2-glare")], catalog)
    assert [d.material for d in docs] == ["house_sale_contract", "house_sale_contract"]
    assert docs[1].continues == docs[0].ref and not docs[1].quality.usable


# ---- look-alikes that name the paper they are about (fresh4's hard negatives) ----------------------

@pytest.mark.parametrize(("title", "kind"), [
    ("存量房买卖合同网签备案表", "filing"),  # the head noun comes last: a filing that names a contract
    ("房屋租赁合同备案证明", "filing"), ("营业执照遗失声明", "change"), ("行政处罚决定书", "notice"),
    ("水费缴费通知单", "notice"), ("受理通知书", "filing"), ("授权委托证明书", "authorisation"),
    ("犬只狂犬病免疫登记本", "certificate"), ("犬只免疫接种凭证", "certificate"), ("材料接收凭证", "filing"),
])
def test_a_title_is_of_the_kind_of_its_head_noun(catalog, title, kind):
    assert kind_of(title, catalog) == kind


def test_a_decision_that_names_the_permit_is_not_its_application(catalog):
    page = _lines(("准予变更食品经营许可决定书", 40), ("食许变字〔2026〕第123号", 22), ("某某便利店：", 22),
                  ("你单位提出的食品经营许可变更申请，经审查，符合法定条件，决定准予变更。", 22),
                  ("变更事项：经营项目　变更前：预包装食品销售", 22), ("经营场所：某市某区某路1号", 22),
                  ("申请人名称", 22), ("统一社会信用代码", 22), ("经营项目", 22))
    title = page_title(page, catalog)
    assert title is not None and title.kind == "change"
    assert recognise(page, catalog).material == "unknown"


def test_a_sentence_naming_a_paper_is_no_title(catalog):
    """A loss notice's lines (…遗失居民身份证，声明作废。) name the ID card; they are not its title."""
    page = _lines(("某某日报　2026年11月20日　第7版", 20), ("遗失声明", 34),
                  ("张三遗失居民身份证，声明作废。", 22), ("李四遗失不动产权证书，证号：001，声明作废。", 22),
                  ("某某便利店不慎遗失营业执照正本一份，声明作废。", 22))
    rec = recognise(page, catalog)
    assert rec.material == "unknown"
    assert rec.best_guess is None or rec.best_guess.material != "id_card" or rec.best_guess.score < 0.3


def test_a_temporary_card_is_not_the_card(catalog):
    page = _lines(("中华人民共和国临时居民身份证", 34), ("姓名　张三", 22), ("性别　男　民族　汉", 22), ("出生　1990年1月1日", 22),
                  ("住址　某市某区某路1号", 22), ("公民身份号码　110101199001011234", 22),
                  ("有效期限　2026.11.12-2027.02.10", 22))
    rec = recognise(page, catalog)
    assert rec.material == "unknown" and rec.recognised_as == "temporary_id_card"


def test_a_title_whose_closing_bracket_ocr_lost_still_ends_with_its_mark(catalog):
    page = _lines(("犬只免疫接种凭证（三联", 36), ("犬只所有人：张三", 22), ("犬只类型：柯基犬", 22))
    title = page_title(page, catalog)
    assert title is not None and title.text == "犬只免疫接种凭证" and title.kind == "certificate"


# ---- fresh5 (stored PP-OCR output, tests/data/recognise/fresh5-*.ocr.json) ---------------------------------------

def test_a_table_cell_naming_a_card_is_not_its_title(catalog):
    """结婚登记审查处理表: its row 提供证件情况 | 居民身份证户口簿 names the papers shown; the cell is no
    title, so the form is not an ID card (it was, on every capture style)."""
    rec = recognise(_page("fresh5-marriage-review-form"), catalog)
    assert rec.material == "unknown"


def test_a_title_beside_a_counterfoil_is_still_the_title(catalog):
    """存根 | 犬只狂犬病免疫证明 on the first row: the stub's word is no label of a title's cell."""
    assert recognise(_page("fresh5-vaccination-stub-beside-title"), catalog).material == "dog_vaccination_cert"


def test_a_bracketed_remark_naming_another_paper_rules_nothing_out(catalog):
    """社会信用代码（营业执照号） on a food application names where the number comes from: the exclusion
    营业执照 (a licence is not its application) does not apply to a label's remark."""
    rec = recognise(_page("fresh5-food-form-remark-names-licence"), catalog)
    assert rec.material == "food_license_application"


def test_letter_spaced_labels_cut_into_boxes_count_as_labels(catalog):
    """姓 | 名 | 许静, 性 | 别 | 男 on an electronic health certificate: the pieces are joined again."""
    assert recognise(_page("fresh5-health-e-cert-spaced-labels"), catalog).material == "health_certificate"


@pytest.mark.parametrize(("name", "lookalike"), [
    ("fresh5-getihu-deregistration-application", "deregistration_or_change_application"),
    ("fresh5-hukou-migration-permit", "household_migration_permit"),
    ("fresh5-estate-acceptance-receipt", "acceptance_receipt"),
])
def test_fresh5_lookalikes_are_recognised_as_what_they_are(catalog, name, lookalike):
    rec = recognise(_page(name), catalog)
    assert rec.material == "unknown" and rec.recognised_as == lookalike


@pytest.mark.parametrize(("name", "material"), [
    ("fresh4-sale-transfer-title", "house_sale_contract"),  # 房屋转让合同: 房屋 of 房屋买卖, a contract
    ("fresh4-vaccination-booklet-title", "dog_vaccination_cert"),  # 犬只免疫接种凭证: 免疫 of 免疫证明
])
def test_a_title_in_unlisted_wording_is_placed_by_the_fields_the_page_yields(catalog, name, material):
    """The title names its kind and shares a word of the material's title; the page yields the
    material's fields (the catalog's lexicon reads them) — so it is that material, not unknown."""
    page = _page(name)
    assert recognise(page, catalog).material == "unknown"  # by its title and labels alone: not placed
    docs = read_documents(page, catalog)
    assert [d.material for d in docs] == [material]


def test_placing_by_fields_needs_a_shared_title_word_and_the_same_kind(catalog):
    """婚姻登记记录证明 shares only 婚 with 结婚证; a 抵押借款合同 shares no word with a sale or a lease."""
    from yichuang.extractors.recognise import shares_title_word

    for text, material in (("婚姻登记记录证明", "marriage_certificate"), ("个人住房抵押借款合同", "house_sale_contract"),
                           ("个人住房抵押借款合同", "lease_contract")):
        title = page_title(_lines((text, 40), ("姓名：张三", 22)), catalog)
        assert title is not None and not shares_title_word(catalog.materials[material].recognise.titles, title, catalog)
    title = page_title(_lines(("房屋转让合同", 40), ("甲方：张三", 22)), catalog)
    assert shares_title_word(catalog.materials["house_sale_contract"].recognise.titles, title, catalog)


def test_a_titled_paper_of_the_same_kind_never_continues_the_document_before(catalog):
    """A 个人住房抵押借款合同 after a sale contract: a contract too, with 甲方 and 签字 on it, but its title
    names another paper — a document of its own, not the sale contract's page 2. An untitled page
    with the contract's clauses and signatures still carries it on."""
    from yichuang.extractors.document import read_pages

    mortgage = _lines(("个人住房抵押借款合同", 40), ("抵押人（甲方）：张三　身份证号码：110101199003074578", 22),
                      ("抵押权人（乙方）：某某银行股份有限公司", 22), ("第一条　抵押人以其房屋作为借款的抵押物。", 22),
                      ("甲方（签字）：", 22), ("乙方（盖章）：", 22))
    page2 = _lines(("收到全部房款之日起三十日内腾空房屋并交付乙方。", 22), ("第五条　本合同自双方签字之日起生效。", 22),
                   ("甲方（签字）：", 22), ("乙方（签字）：", 22))
    sale = _page("sale-agreement-variant-title")
    docs = read_pages([sale, mortgage.model_copy(update={"page_id": "m-1", "source": "m.jpg"})], catalog)
    assert [(d.material, d.continues) for d in docs] == [("house_sale_contract", None), ("unknown", None)]
    docs = read_pages([sale, page2.model_copy(update={"page_id": "p2-1", "source": "p2.jpg"})], catalog)
    assert [d.material for d in docs] == ["house_sale_contract", "house_sale_contract"] and docs[1].continues == docs[0].ref
