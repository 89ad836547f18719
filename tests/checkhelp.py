"""Hand-written documents for checker tests: no OCR, no files."""

from __future__ import annotations

from yichuang.types import Document, ExtractedField

ZHANG = "110105199003071234"  # not a real person; check char computed below
LI = "110105198512120021"


def fixid(first17: str) -> str:
    from yichuang.extractors.validators import id_check_char

    return first17[:17] + id_check_char(first17[:17])


ZHANG, LI, WANG = fixid("11010519900307123"), fixid("11010519851212002"), fixid("31010419700101001")
ADDR = "北京市朝阳区建国路88号1单元302室"


def doc(material: str, source: str, page: int = 1, invalid: dict[str, str] | None = None, **fields: str) -> Document:
    invalid = invalid or {}
    details = {k: ExtractedField(value=v, confidence=0.95, source=f"{source}#{page}", box=[[0, 0], [1, 0], [1, 1], [0, 1]],
                                 valid=k not in invalid, reason=invalid.get(k, "")) for k, v in fields.items()}
    return Document(source=source, page=page, page_id=f"{source}-{page}", material=material, confidence=0.95,
                    fields=dict(fields), field_details=details)


def id_card(source: str, name: str, number: str, until: str = "2035-01-01", **kw) -> Document:
    return doc("id_card", source, name=name, id_number=number, birth_date=f"{number[6:10]}-{number[10:12]}-{number[12:14]}",
               address=ADDR, issuer="北京市公安局朝阳分局", valid_from="2015-01-01", valid_until=until, **kw)


def ibr_application(name: str = "张三", number: str | None = None, address: str = ADDR, **kw) -> Document:
    return doc("individual_business_application", "app.jpg", operator_name=name, operator_id_number=number or ZHANG,
               trade_name="朝阳惠民便利店", premises_address=address, business_scope="日用百货销售", phone="13812345678", **kw)


def lease(address: str = ADDR, lessee: str = "张三") -> Document:
    return doc("lease_contract", "lease.jpg", lessor="王五", lessee=lessee, address=address,
               term_start="2025-03-01", term_end="2028-02-29")


def food_application(name: str = "张三", number: str | None = None, **kw) -> Document:
    return doc("food_license_application", "food.jpg", applicant="朝阳惠民便利店", credit_code="91350100M000100Y43",
               legal_rep=name, legal_rep_id_number=number or ZHANG, premises_address=ADDR,
               business_format="食品销售经营者(便利店)", phone="13812345678", **kw)


def licence(name: str = "张三") -> Document:
    return doc("business_license", "licence.jpg", credit_code="91350100M000100Y43", entity_name="朝阳惠民便利店",
               entity_type="个体工商户", legal_rep=name, address=ADDR, established="2025-01-02", business_scope="日用百货")


def health(until: str = "2027-06-01") -> Document:
    return doc("health_certificate", "health.jpg", name="赵六", exam_date="2025-06-01", valid_until=until)
