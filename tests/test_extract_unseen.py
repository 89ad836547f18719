"""Extraction mechanisms for documents the project has never seen (issue 9 follow-up), on OCR
lines given here (no OCR): a value written over a printed underline that OCR read as part of the
label's box, exclusions looked for in the title region only (a licence's scope saying 凭许可证经营),
a label that only begins a longer one (申请人|声明：…), a box that is as a whole another material's
label (never a value). Drawn pages of these classes: tests/data/extract/classes/ (test_extract_classes)."""

from __future__ import annotations

from yichuang.extractors.catalog import load_catalog
from yichuang.extractors.fields import read_fields
from yichuang.extractors.recognise import recognise, score_material

from yichuang.types import Line, OcrPage

H = 30


def _line(text: str, x: float, y: float, w: float | None = None, conf: float = 0.99) -> Line:
    w = w if w is not None else len(text) * H
    return Line(text=text, box=[[x, y], [x + w, y], [x + w, y + H], [x, y + H]], confidence=conf)


def _page(lines: list[Line]) -> OcrPage:
    return OcrPage(source="t.jpg", page=1, page_id="t-1", engine="fake", width=1240, height=1754, lines=lines)


def test_a_value_written_over_the_printed_underline_of_its_label_box():
    page = _page([_line("养犬登记申请表", 400, 100),
                  _line("犬主姓名：＿＿＿＿＿＿＿＿＿＿", 100, 250), _line("刘晓梅", 300, 236),
                  _line("住址：＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿", 100, 350), _line("成都市青羊区文翁路18号", 220, 334),
                  _line("联系电话：________________", 100, 450), _line("13882145566", 280, 437, 200)])
    r = read_fields(page, "dog_registration_form", load_catalog())
    assert {k: f.value for k, f in r.fields.items()} == {
        "owner_name": "刘晓梅", "address": "成都市青羊区文翁路18号", "phone": "13882145566"}


def test_an_underline_left_blank_is_unread_not_a_value():
    page = _page([_line("养犬登记申请表", 400, 100), _line("犬主姓名：＿＿＿＿＿＿＿＿", 100, 250),
                  _line("身份证号码：＿＿＿＿＿＿＿＿＿＿", 100, 350)])
    r = read_fields(page, "dog_registration_form", load_catalog())
    assert r.fields == {}
    assert {"owner_name", "owner_id_number"} <= set(r.unread)


LICENCE = [_line("统一社会信用代码", 90, 120), _line("91440300MA5F8K2L1X", 90, 156, 300),
           _line("营业执照", 500, 230, 240), _line("名称", 90, 430), _line("深圳市禾丰餐饮管理有限公司", 250, 430),
           _line("类型", 90, 520), _line("有限责任公司", 250, 520), _line("法定代表人", 90, 610), _line("陈佳欣", 250, 610),
           _line("经营范围", 90, 700), _line("餐饮服务；许可经营项目：", 250, 700), _line("凭许可证经营", 250, 740),
           _line("住所", 660, 430), _line("深圳市坪山区金田路128号", 820, 430), _line("成立日期", 660, 520),
           _line("2019年03月15日", 820, 520, 260), _line("登记机关", 660, 1380)]


def test_a_licence_whose_scope_names_a_permit_is_still_a_licence():
    catalog = load_catalog()
    page = _page(LICENCE)
    assert recognise(page, catalog).material == "business_license"
    plain = catalog.materials["business_license"]
    rec = plain.recognise.model_copy(update={"exclude": ["许可证"]})  # an exclusion the body names
    strict = plain.model_copy(update={"recognise": rec})
    from yichuang.extractors.normalise import canon
    from yichuang.extractors.recognise import head_rows, page_rows

    texts = [canon(x.text) for x in page.lines]
    assert score_material(strict, texts, head_rows(page), page_rows(page)) == \
        score_material(plain, texts, head_rows(page), page_rows(page)) >= plain.recognise.min_score


def test_an_exclusion_in_the_title_still_rules_a_material_out():
    catalog = load_catalog()
    page = _page([_line("个体工商户登记（备案）申请书", 300, 100), *LICENCE[3:11]])
    assert recognise(page, catalog).material != "business_license"


def test_a_label_that_begins_a_longer_one_is_not_read_as_the_field():
    page = _page([_line("食品经营许可申请书", 360, 100),
                  _line("申请人声明：本申请书所填写内容及所附材料均真实、合法、有效。", 90, 200, 900),
                  _line("申请人名称", 90, 300), _line("成都市锦江区家乐商贸有限公司", 330, 300, 600, conf=0.8)])
    r = read_fields(page, "food_license_application", load_catalog())
    assert r.fields["applicant"].value == "成都市锦江区家乐商贸有限公司"


def test_a_sentence_below_a_label_is_not_its_value():
    page = _page([_line("不动产登记申请表", 480, 100), _line("权利人", 110, 300), _line("覃怡", 240, 296, 70, conf=0.8),
                  _line("申请人声明：本申请人对所填写的内容及提交的申请材料的真实性负责。", 100, 345, 900)])
    r = read_fields(page, "real_estate_application", load_catalog())
    assert r.fields["buyer"].value == "覃怡"


def test_a_box_that_is_another_materials_label_is_never_a_value():
    # label above value, three cells to a row: 毛色 (a label of the dog registration form) sits right of 犬只品种
    page = _page([_line("犬只狂犬病免疫证明", 400, 60),
                  _line("犬主姓名", 90, 170), _line("犬只品种", 450, 170), _line("毛色", 810, 170),
                  _line("周建国", 110, 230), _line("柯基犬", 470, 230), _line("黄白", 830, 230),
                  _line("免疫日期", 90, 320), _line("有效期至", 450, 320),
                  _line("2026年5月18日", 110, 380, 240), _line("2027年5月17日", 470, 380, 240)])
    r = read_fields(page, "dog_vaccination_cert", load_catalog())
    assert {k: f.value for k, f in r.fields.items()} == {
        "owner_name": "周建国", "breed": "柯基犬", "vaccinated_on": "2026-05-18", "valid_until": "2027-05-17"}


def test_lease_clauses_with_alias_remarks_and_written_terms():
    page = _page([_line("房屋租赁合同", 450, 80),
                  _line("出租人：王明（以下简称“甲方”）", 100, 180, 600),
                  _line("承租方（以下简称乙方）：成都市青禾餐饮有限公司", 100, 240, 900),
                  _line("甲方将坐落于成都市武侯区人民南路四段12号的房屋出租给乙方使用。", 100, 300, 1000),
                  _line("租赁期限为三年，自2026年1月1日起至2028年12月31日止。", 100, 360, 1000)])
    r = read_fields(page, "lease_contract", load_catalog())
    assert {k: f.value for k, f in r.fields.items()} == {
        "lessor": "王明", "lessee": "成都市青禾餐饮有限公司", "address": "成都市武侯区人民南路四段12号",
        "term_start": "2026-01-01", "term_end": "2028-12-31"}


def test_lease_clauses_in_other_wordings():
    catalog = load_catalog()
    agreement = [_line("房屋租赁协议", 450, 80), _line("甲方（出租人）：李红梅，身份证号码：510107198001011234", 100, 180, 1000),
                 _line("乙方（承租人）：张伟", 100, 240, 600),
                 _line("一、甲方同意将其位于成都市金牛区一环路北三段8号的商铺出租给乙方，建筑面积85平方米。", 100, 300, 1100),
                 _line("二、租期自二〇二六年一月一日起至二〇二八年十二月三十一日止，月租金为人民币3500元。", 100, 360, 1100)]
    contract = [_line("房屋租赁合同", 450, 80), _line("出租方：李红梅", 100, 180, 400), _line("承租方：张伟", 100, 240, 400),
                _line("第一条 房屋坐落在成都市金牛区一环路北三段8号，", 100, 300, 1100),
                _line("第二条 租赁期为2026年1月1日至2028年12月31日。", 100, 360, 1100)]
    for lines in (agreement, contract):
        r = read_fields(_page(lines), "lease_contract", catalog)
        assert {k: f.value for k, f in r.fields.items()} == {
            "lessor": "李红梅", "lessee": "张伟", "address": "成都市金牛区一环路北三段8号",
            "term_start": "2026-01-01", "term_end": "2028-12-31"}, lines[0].text
        assert r.unread == {}


def _ruled_form() -> tuple[OcrPage, object]:
    """A tight bordered form: the image (for its rules) and the OCR lines a reader gives for it."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (1240, 600), "white")
    d = ImageDraw.Draw(img)
    xs, ys = [80, 280, 420, 540, 1160], [100, 142, 184, 226]
    for y in ys:
        d.line((xs[0], y, xs[-1], y), fill="black", width=2)
    for x in xs:
        d.line((x, ys[0], x, ys[-1]), fill="black", width=2)
    lines = [_line("个体工商户登记申请书", 400, 30),
             _line("经营者姓名", 90, 106), _line("黄志强", 290, 106), _line("邮编", 430, 106), _line("518000", 550, 106, 120),
             _line("经营场所", 90, 148), _line("深圳市福田区华强北路1002号", 290, 148, 600),
             _line("备注", 90, 190), _line("个人经营", 290, 190)]
    return _page(lines), img


def test_ruled_lines_from_the_image_keep_a_value_in_its_cell():
    from yichuang.extractors.layout import ruled_lines

    page, img = _ruled_form()
    rules = ruled_lines(img)
    assert sum(r.vertical for r in rules) == 5 and sum(not r.vertical for r in rules) == 4
    catalog = load_catalog()
    boxed = read_fields(page, "individual_business_application", catalog, rules=rules)
    assert boxed.fields["operator_name"].value == "黄志强"  # not 黄志强邮编: the next cell is past a rule
    assert boxed.fields["premises_address"].value == "深圳市福田区华强北路1002号"  # the row below is another cell
    assert {"rules"} <= set(boxed.layout.to_dict())
    plain = read_fields(page, "individual_business_application", catalog)  # the box grid alone cannot tell
    got = {k: f.value for k, f in plain.fields.items()}  # (黄志强邮编 is no name: unread, not read wrong)
    assert got.get("operator_name") != "黄志强" or got.get("premises_address") != "深圳市福田区华强北路1002号"


def test_a_page_without_a_table_has_no_rules():
    from PIL import Image, ImageDraw
    from yichuang.extractors.layout import ruled_lines
    from yichuang.samples.render import font

    img = Image.new("RGB", (1240, 600), "white")
    ImageDraw.Draw(img).text((100, 100), "本人承诺所提交的材料真实有效，并对其真实性负责。" * 2, font=font("sans", 28), fill="black")
    assert ruled_lines(img) == []


def test_a_vehicle_certificate_registration_page_with_a_misread_title_says_what_it_is():
    # the 登记栏 page of a 机动车登记证书, its title misread as OCR's fast profile does (设记级书)
    page = _page([_line("机动车设记级书编号：440012345678", 60, 40, 500), _line("登记栏", 300, 90),
                  _line("变更登记", 60, 140), _line("使用性质：预约出租客运", 200, 140, 400),
                  _line("抵押登记", 60, 200), _line("抵押权人姓名/名称", 200, 200, 300), _line("某某汽车金融有限公司", 520, 200, 300),
                  _line("抵押登记日期：2019-01-09", 200, 240, 400),
                  _line("解除抵押登记", 60, 300), _line("解除抵押日期：2022-03-18", 200, 300, 400)])
    rec = recognise(page, load_catalog())
    assert rec.material == "unknown" and rec.recognised_as == "vehicle_registration_certificate"


def test_a_clean_power_of_attorney_needs_no_review_and_an_ambiguous_one_does():
    catalog = load_catalog()
    clean = [_line("授权委托书", 500, 60), _line("委托人：崔强", 140, 160, 220), _line("代理人：马霞", 140, 220, 220),
             _line("证件号码：350102196404182206", 140, 280, 420),
             _line("委托内容：代为办理朝阳佳佳便利店个体工商户设立登记的申请及材料提交事宜", 140, 340, 950)]
    r = read_fields(_page(clean), "power_of_attorney", catalog)
    assert r.fields["agent_id_number"].value == "350102196404182206" and r.unread == {}
    # the number printed under the 委托人 (the agent named in the other column): whose it is is a person's call
    ambiguous = [clean[0], _line("委托人：崔强", 140, 160, 220), _line("代理人：马霞", 660, 160, 220),
                 _line("证件号码：350102196404182206", 140, 220, 420), clean[4]]
    r = read_fields(_page(ambiguous), "power_of_attorney", catalog)
    assert "agent_id_number" not in r.fields and "agent_id_number" in r.unread


def test_the_pipeline_keeps_the_image_rules_on_the_page_and_the_fields_use_them():
    """``read_page`` finds the rules in the image it read and keeps them on the OcrPage (plain data; a
    page stored before has none and still loads); ``read_documents`` reads the fields within the cells."""
    from yichuang.extractors.document import read_documents

    from yichuang.pipeline.read import _rules

    page, img = _ruled_form()
    ruled = page.model_copy(update={"rules": _rules(img, 0)})
    assert len(ruled.rules) == 9 and _rules(img, 90) == []  # a turned capture: another frame, none kept
    assert OcrPage.model_validate_json(ruled.model_dump_json(exclude={"rules"})).rules == []
    doc = read_documents(OcrPage.model_validate_json(ruled.model_dump_json()))[0]
    assert doc.material == "individual_business_application"
    assert doc.fields["operator_name"] == "黄志强" and doc.fields["premises_address"] == "深圳市福田区华强北路1002号"
