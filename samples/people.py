"""Synthetic but valid identities, companies and places for sample documents."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from yichuang.extractors.validators import USCC_ALPHABET, id_check_char, uscc_check_char

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华玉兰萍建国红梅晓东海波宁志文斌辉鹏宇浩然俊峰琳雪莉婷颖佳欣怡晨阳子涵梓轩雨"
REGIONS = [
    ("110105", "北京市", "朝阳区", "北京市公安局朝阳分局"),
    ("110108", "北京市", "海淀区", "北京市公安局海淀分局"),
    ("310104", "上海市", "徐汇区", "上海市公安局徐汇分局"),
    ("500222", "重庆市", "綦江区", "重庆市公安局綦江区分局"),
    ("350102", "福建省福州市", "鼓楼区", "福州市公安局鼓楼分局"),
    ("440305", "广东省深圳市", "南山区", "深圳市公安局南山分局"),
    ("510107", "四川省成都市", "武侯区", "成都市公安局武侯区分局"),
    ("330106", "浙江省杭州市", "西湖区", "杭州市公安局西湖区分局"),
]
ROADS = ["建国路", "人民路", "解放大道", "中山路", "文化街", "长江路", "和平里大街", "学院南路", "新华路", "滨江大道"]
SHOP_WORDS = ["惠民", "邻里", "便民", "鑫源", "佳佳", "家乐", "百汇", "乐购", "好邻居", "优选"]
BREEDS = ["中华田园犬", "金毛寻回犬", "拉布拉多犬", "柯基犬", "泰迪犬", "比熊犬", "柴犬", "边境牧羊犬"]
ETHNICITIES = ["汉"] * 8 + ["回", "满", "蒙古", "壮", "土家"]
PROVINCE_SHORT = {"北京市": "京", "上海市": "沪", "重庆市": "渝", "福建省福州市": "闽", "广东省深圳市": "粤",
                  "四川省成都市": "川", "浙江省杭州市": "浙"}


@dataclass
class Person:
    name: str
    sex: str
    ethnicity: str
    birth: date
    address: str
    id_number: str
    issuer: str
    valid_from: date
    valid_until: str  # ISO date or 长期
    phone: str
    region: tuple[str, str, str, str]


def person(rng: random.Random, sex: str | None = None) -> Person:
    region = rng.choice(REGIONS)
    born = date(1955, 1, 1) + timedelta(days=rng.randrange(365 * 48))
    sex = sex or rng.choice("男女")
    seq = rng.randrange(100) * 10 + (rng.choice([1, 3, 5, 7, 9]) if sex == "男" else rng.choice([0, 2, 4, 6, 8]))
    first = f"{region[0]}{born:%Y%m%d}{seq:03d}"
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))
    issued = date(2012, 1, 1) + timedelta(days=rng.randrange(365 * 12))
    age = (issued - born).days // 365
    years = 10 if age < 26 else 20 if age < 46 else 0
    until = "长期" if years == 0 else date(issued.year + years, issued.month, min(issued.day, 28)).isoformat()
    return Person(name=name, sex=sex, ethnicity=rng.choice(ETHNICITIES), birth=born,
                  address=address(rng, region), id_number=first + id_check_char(first), issuer=region[3],
                  valid_from=issued, valid_until=until,
                  phone="1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9)),
                  region=region)


def address(rng: random.Random, region=None) -> str:
    region = region or rng.choice(REGIONS)
    return (f"{region[1]}{region[2]}{rng.choice(ROADS)}{rng.randrange(1, 300)}号"
            f"{rng.randrange(1, 12)}栋{rng.randrange(1, 6)}单元{rng.randrange(1, 30)}0{rng.randrange(1, 6)}室")


def credit_code(rng: random.Random, individual: bool = False, region: str = "110105") -> str:
    first = ("92" if individual else "91") + region + "".join(rng.choice(USCC_ALPHABET) for _ in range(9))
    return first + uscc_check_char(first)


def shop_name(rng: random.Random, district: str) -> str:
    return f"{district.removesuffix('区')}{rng.choice(SHOP_WORDS)}便利店"


def company_name(rng: random.Random, city: str) -> str:
    return f"{city.removesuffix('市')[-2:]}市{rng.choice(SHOP_WORDS)}商贸有限公司"


def unit_number(rng: random.Random, region: str) -> str:
    return f"{region}{rng.randrange(100, 999)}{rng.randrange(100, 999)}GB{rng.randrange(10000, 99999)}F{rng.randrange(10000000):08d}"[:28]


def cert_number(rng: random.Random, region) -> str:
    return f"{PROVINCE_SHORT[region[1]]}({rng.randrange(2015, 2025)}){region[2]}不动产权第{rng.randrange(10**6, 10**7):07d}号"
