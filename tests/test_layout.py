"""The layout step on hand-made boxes: letter-spaced labels joined, gutters found only where a label
starts a column, regions cut at a wide empty band."""

from __future__ import annotations

import math

from yichuang.extractors.layout import Layout, cut_once, find_gutters, tokens_of, watermark_lines
from yichuang.extractors.normalise import canon

from yichuang.types import Line, OcrPage

H = 30


def _line(text: str, x: float, y: float, w: float | None = None) -> Line:
    w = w if w is not None else len(text) * H
    return Line(text=text, box=[[x, y], [x + w, y], [x + w, y + H], [x, y + H]], confidence=0.99)


def _page(lines: list[Line]) -> OcrPage:
    return OcrPage(source="t.jpg", page=1, page_id="t-1", engine="fake", width=1240, height=1754, lines=lines)


LABELS = ["名称", "类型", "法定代表人", "注册资本", "成立日期", "住所"]


def test_a_letter_spaced_label_in_two_boxes_is_joined_with_its_fused_value():
    toks, _ = tokens_of(_page([_line("名", 90, 100), _line("称深圳市禾丰餐饮管理有限公司", 190, 100)]), LABELS)
    assert [t.text for t in toks] == ["名称深圳市禾丰餐饮管理有限公司"]
    assert toks[0].x_at(2) == 190 + H  # where the value starts: in the box it came from


def test_boxes_that_only_look_like_a_label_start_are_not_joined():
    toks, _ = tokens_of(_page([_line("名", 90, 100), _line("深圳市禾丰", 190, 100)]), LABELS)
    assert [t.text for t in toks] == ["名", "深圳市禾丰"]


def _two_columns() -> list[Line]:
    rows = [("名称", "深圳市禾丰餐饮管理有限公司", "注册资本", "人民币伍拾万元整"),
            ("类型", "有限责任公司", "成立日期", "2019年03月15日"),
            ("法定代表人", "陈佳欣", "住所", "深圳市坪山区石井街道")]
    out = []
    for k, (a, b, c, d) in enumerate(rows):
        y = 100 + 60 * k
        out += [_line(a, 90, y), _line(b, 250, y, 400), _line(c, 700, y), _line(d, 860, y, 330)]
    return out


def test_the_gutter_between_two_columns_is_found():
    toks, _ = tokens_of(_page(_two_columns()), LABELS)
    starts = {t.idx for t in toks if any(t.text.startswith(lab) for lab in LABELS)}
    gutters = find_gutters(toks, starts)
    assert len(gutters) == 1 and 650 <= gutters[0].x0 < gutters[0].x1 <= 700
    cells = Layout(toks, [], gutters).cells()
    assert [[toks[i].text for i in cell] for cell in cells[:2]] == [["名称", "深圳市禾丰餐饮管理有限公司"],
                                                                    ["注册资本", "人民币伍拾万元整"]]


def test_a_label_column_next_to_its_values_is_no_gutter():
    lines = [_line(lab, 90, 100 + 60 * k) for k, lab in enumerate(LABELS[:3])]
    lines += [_line(val, 300, 100 + 60 * k) for k, val in enumerate(["深圳市禾丰", "有限责任公司", "陈佳欣"])]
    toks, _ = tokens_of(_page(lines), LABELS)
    starts = {t.idx for t in toks if t.text in LABELS}
    assert find_gutters(toks, starts) == []


def test_two_cards_side_by_side_are_cut_apart():
    left = [_line(t, 60, 100 + 60 * k) for k, t in enumerate(["姓名张大民", "性别男", "出生1992年8月17日"])]
    right = [_line(t, 1100, 100 + 60 * k) for k, t in enumerate(["中华人民共和国", "居民身份证", "签发机关深圳市公安局"])]
    toks, _ = tokens_of(_page(left + right), [])
    first, second = cut_once(toks, list(range(len(toks))))
    assert {toks[i].text for i in first} == {"姓名张大民", "性别男", "出生1992年8月17日"}
    assert len(second) == 3


def test_a_short_line_right_under_a_box_is_offered_as_its_wrapped_tail_and_joined():
    from yichuang.extractors.layout import join_below, wrapped_below

    lines = [_line("出租人（以下简", 90, 100), _line("吴红", 300, 115), _line("称甲方）", 100, 134),
             _line("用途", 90, 250), _line("商业经营", 300, 250)]
    toks, _ = tokens_of(_page(lines), LABELS)
    pairs = wrapped_below(toks)
    texts = [(toks[a].text, toks[b].text) for a, b in pairs]
    assert ("出租人（以下简", "称甲方）") in texts
    assert all(b != "吴红" and a != "吴红" for a, b in texts)  # a value beside the label is no tail of it
    assert not any(b == "用途" for _, b in texts)  # a line further down is no wrapped tail
    joined = join_below(toks, [p for p in pairs if toks[p[0]].text == "出租人（以下简"])
    label = next(t for t in joined if t.text.startswith("出租人"))
    assert label.text == "出租人（以下简称甲方）" and label.y1 == 134 + H and len(label.lines) == 2
    assert [t.idx for t in joined] == list(range(len(joined)))


def _big(text: str, x: float, y: float, size: float) -> Line:
    return Line(text=text, box=[[x, y], [x + size * len(text), y], [x + size * len(text), y + size],
                                [x, y + size]], confidence=0.99)


def test_large_words_repeated_over_the_page_are_a_watermark_and_no_token():
    body = [_line("姓名", 90, 100), _line("张三", 190, 100), _line("住址", 90, 160), _line("北京市海淀区", 190, 160),
            _line("公民身份号码", 90, 220), _line("110105198001011238", 300, 220)]
    marks = [_big("仅供办理登记使用", 60, 80, 120), _big("办理登记使用", 500, 300, 120), _big("仅供办理", 100, 600, 120)]
    page = _page(body + marks)
    assert watermark_lines(page.lines) == {6, 7, 8}
    toks, _ = tokens_of(page, ["姓名", "住址"])
    assert not any("登记" in t.text or "仅供" in t.text for t in toks)


def test_a_large_title_said_once_is_no_watermark():
    page = _page([_big("营业执照", 400, 40, 100), _line("名称", 90, 300), _line("深圳市禾丰餐饮管理有限公司", 190, 300),
                  _line("类型", 90, 360), _line("有限责任公司", 190, 360), _line("住所", 90, 420)])
    assert watermark_lines(page.lines) == set()


def test_a_header_cell_written_one_character_per_line_is_one_token():
    chars = [_line(c, 60, 300 + 40 * k) for k, c in enumerate("代理人信息")]
    rows = [_line("姓名", 150, 320), _line("王芳", 400, 320), _line("身份证号码", 150, 420),
            _line("110105199002023454", 400, 420, 300)]
    toks, _ = tokens_of(_page(chars + rows), ["姓名", "身份证号码"])
    stacked = [t for t in toks if t.text == "代理人信息"]
    assert len(stacked) == 1 and stacked[0].lines == [0, 1, 2, 3, 4]
    assert not any(t.text in "代理人信息" and len(t.text) == 1 for t in toks)


def test_single_character_values_under_each_other_are_no_header():
    page = _page([_line("性别", 60, 100), _line("女", 200, 100), _line("民族", 60, 150), _line("汉", 200, 150),
                  _line("关系", 60, 200), _line("妻", 200, 200)])
    toks, _ = tokens_of(page, ["性别", "民族"])
    assert {t.text for t in toks} >= {"女", "汉", "妻"}


def test_a_letter_spaced_label_with_one_character_misread_is_joined_as_that_label():
    """坐 | 攀 (落 misread) opening the row is 坐落; a label of three characters with one misread too."""
    labels = [*LABELS, "坐落", "权利人"]
    toks, _ = tokens_of(_page([_line("坐", 90, 100), _line("攀", 190, 100), _line("福建省福州市", 300, 100)]), labels)
    assert [t.text for t in toks] == ["坐落", "福建省福州市"]
    toks, _ = tokens_of(_page([_line("权", 90, 100), _line("利", 150, 100), _line("Y", 210, 100),
                               _line("吕雪", 300, 100)]), labels)
    assert [t.text for t in toks] == ["权利人", "吕雪"]


def test_two_single_character_values_are_no_misread_label():
    """男 | 汉 in the middle of a row (values of 性别 and 民族): two characters off any label, not joined;
    nor is a pair one character off a two-character label that does not open its row."""
    labels = [*LABELS, "性别", "民族", "坐落"]
    toks, _ = tokens_of(_page([_line("性别", 90, 100), _line("男", 190, 100), _line("汉", 250, 100)]), labels)
    assert [t.text for t in toks] == ["性别", "男", "汉"]
    toks, _ = tokens_of(_page([_line("用途", 90, 100), _line("坐", 190, 100), _line("北", 250, 100)]), labels)
    assert [t.text for t in toks] == ["用途", "坐", "北"]


def test_letter_spaced_labels_down_a_column_are_no_vertical_header():
    """名 | 称… / 类 | 型… / 经 | 营者…: single characters one under another, each carried on by the box
    right of it into a label, are letter-spaced labels — not a header cell 名类经."""
    labels = [*LABELS, "经营者"]
    lines = [_line("名", 90, 100), _line("称綦江佳佳便利店", 190, 100), _line("类", 90, 145),
             _line("型个体工商户", 190, 145), _line("经", 90, 190), _line("营者魏文娟", 190, 190)]
    toks, _ = tokens_of(_page(lines), labels)
    assert [t.text for t in toks] == ["名称綦江佳佳便利店", "类型个体工商户", "经营者魏文娟"]


def _tilted(text: str, x: float, y: float, degrees: float, w: float | None = None) -> Line:
    """A text line rotated by ``degrees`` about its top-left corner (a photo taken at an angle)."""
    w = w if w is not None else len(text) * H
    a = math.radians(degrees)
    pts = [(0, 0), (w, 0), (w, H), (0, H)]
    return Line(text=text, box=[[x + u * math.cos(a) - v * math.sin(a), y + u * math.sin(a) + v * math.cos(a)]
                                for u, v in pts], confidence=0.99)


def test_long_lines_of_a_tilted_photo_are_no_watermark():
    """A licence photographed 9° off: its scope's long lines have tall upright boxes and share words
    (食品销售, 依法), but square to the text they are one line high — text, not a watermark."""
    scope = ["许可项目：餐饮服务；食品销售；小餐饮、小食杂、食品小作坊经营。", "一般项目：外卖递送服务；食品销售；农副产品销售；",
             "保健食品（预包装）销售；食品销售（仅销售预包装食品）。", "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）"]
    lines = [_tilted("经营范围", 90, 100 + 45 * k, -9) if k == 0 else _tilted("名称", 90, 100 + 45 * k, -9)
             for k in range(2)] + [_tilted(t, 250, 300 + 45 * k, -9) for k, t in enumerate(scope)]
    assert watermark_lines(lines) == set()
    page = _page(lines + [_tilted("仅供办理登记使用", 200, 900, -30, 900), _tilted("仅供办理登记使用", 600, 1300, -30, 900),
                          _tilted("办理登记使用", 100, 1500, -30, 700)])
    assert watermark_lines(page.lines) == {6, 7, 8}  # (words at an angle to the tilted text still are)


def test_a_page_read_turned_is_laid_out_upright():
    """Lines standing upright (a page turned 90°, read line by line): laid out turned back, its top at
    the page's right — 名称 above 类型, each label left of its value; the tokens keep the page's boxes."""
    def standing(text: str, x: float, y: float) -> Line:  # upright: x from the top (right edge), y along the line
        w = len(text) * H
        return Line(text=text, box=[[1000 - y - H, x], [1000 - y, x], [1000 - y, x + w], [1000 - y - H, x + w]],
                    confidence=0.99)

    rows = [("名称", "深圳市禾丰餐饮管理有限公司"), ("类型", "有限责任公司"), ("住所", "深圳市坪山区石井街道"),
            ("法定代表人", "陈佳欣"), ("注册资本", "人民币伍拾万元整")]
    lines = [ln for k, (lab, val) in enumerate(rows) for ln in (standing(lab, 90, 100 + 60 * k),
                                                                 standing(val, 300, 100 + 60 * k))]
    page = OcrPage(source="t.jpg", page=1, page_id="t-1", engine="fake", width=1000, height=1400, lines=lines)
    toks, _ = tokens_of(page, LABELS)
    assert [t.text for t in toks] == [canon(x) for row in rows for x in row]
    assert toks[0].box == lines[0].box
