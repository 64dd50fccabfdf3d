"""Sample data for every kind of document, in Lao and in English: the preview a national
administrator sees before a template revision takes effect, and the data a new revision must
render without error before it is accepted."""

from __future__ import annotations

from typing import Any


def _money(figure: str, words: str) -> dict[str, str]:
    return {"figure": figure, "words": words}


_LO: dict[str, Any] = {
    "lang": "lo",
    "ministry": "ກະຊວງຍຸຕິທຳ",
    "office_parent": "ພະແນກປະຕິບັດຄຳຕັດສິນ ນະຄອນຫຼວງວຽງຈັນ",
    "office": "ຫ້ອງການປະຕິບັດຄຳຕັດສິນ ເມືອງໄຊເສດຖາ",
    "place": "ນະຄອນຫຼວງວຽງຈັນ",
    "number": "7/VT-XS/2026",
    "date": "4 ທັນວາ 2026",
    "case": {"number": "123/2026", "received_on": "2 ມີນາ 2026", "officer": "ທ້າວ ສົມພອນ ວົງສາ"},
    "decision": {
        "court": "ສານປະຊາຊົນ ນະຄອນຫຼວງວຽງຈັນ",
        "number": "45/ສປນ",
        "decided_on": "10 ມັງກອນ 2026",
        "final_on": "15 ກຸມພາ 2026",
        "kind": "ຄຳຕັດສິນແພ່ງ",
        "operative_part": "ໃຫ້ ທ້າວ ບຸນມີ ແກ້ວມະນີ ສົ່ງເງິນກູ້ຄືນ ຈຳນວນ 15.000.000 ກີບ.",
    },
    "creditors": [
        {
            "name": "ນາງ ສຸກສະຫວັນ ພົມມະຈັນ",
            "latin": "Souksavanh Phommachanh",
            "id": "ບັດປະຈຳຕົວ 01-234567",
            "address": "ບ້ານໂພນສະຫວ່າງ, ເມືອງຈັນທະບູລີ, ນະຄອນຫຼວງວຽງຈັນ",
        }
    ],
    "debtors": [
        {
            "name": "ທ້າວ ບຸນມີ ແກ້ວມະນີ",
            "latin": "Bounmy Keomany",
            "id": "ບັດປະຈຳຕົວ 01-765432",
            "address": "ບ້ານໜອງບອນ, ເມືອງໄຊເສດຖາ, ນະຄອນຫຼວງວຽງຈັນ",
        }
    ],
    "obligations": [
        {
            "label": "ຈ່າຍເງິນ",
            "text": "",
            "money": _money("15.000.000 ກີບ", "ສິບຫ້າລ້ານກີບ"),
        },
        {
            "label": "ຄ່າທຳນຽມສານ",
            "text": "",
            "money": _money("750.000 ກີບ", "ເຈັດແສນຫ້າສິບພັນກີບ"),
        },
    ],
    "signatory": {"position": "ຫົວໜ້າຫ້ອງການ", "name": "ທ່ານ ວິໄລ ສີສຸວັນ"},
    "replaces": None,
    "note": "",
}

_ASSET_LO = {
    "kind": "ທີ່ດິນ",
    "description": "ດິນປຸກສ້າງ 600 ຕາແມັດ ບ້ານໜອງບອນ",
    "identifier": "ໃບຕາດິນ ເລກທີ 0123/2015",
    "owner": "ທ້າວ ບຸນມີ ແກ້ວມະນີ",
}

_BODIES_LO: dict[str, dict[str, Any]] = {
    "summons": {"appear_on": "11 ທັນວາ 2026", "appear_time": "09:00"},
    "voluntary_minutes": {
        "held_on": "11 ທັນວາ 2026",
        "present": ["ນາງ ສຸກສະຫວັນ ພົມມະຈັນ", "ທ້າວ ບຸນມີ ແກ້ວມະນີ"],
        "outcome": "ຜູ້ຖືກປະຕິບັດຄຳຕັດສິນຂອງສານ ຕົກລົງຈ່າຍເງິນ ພາຍໃນ 30 ວັນ.",
    },
    "enforcement_order": {
        "noncompliance_on": "20 ມີນາ 2026",
        "officer": "ທ້າວ ສົມພອນ ວົງສາ",
        "comply_days": "30",
    },
    "notice_to_debtor": {"comply_days": "30", "method": "ມອບໃຫ້ຕໍ່ໜ້າ", "given_on": "25 ມີນາ 2026"},
    "freezing_order": {
        "asset": _ASSET_LO,
        "ordered_on": "2 ເມສາ 2026",
        "holder": "ທະນາຄານການຄ້າຕ່າງປະເທດລາວ",
        "amount": _money("15.750.000 ກີບ", "ສິບຫ້າລ້ານເຈັດແສນຫ້າສິບພັນກີບ"),
    },
    "freezing_release": {
        "asset": _ASSET_LO,
        "ordered_on": "2 ເມສາ 2026",
        "released_on": "2 ມິຖຸນາ 2026",
        "holder": "ທະນາຄານການຄ້າຕ່າງປະເທດລາວ",
        "reason": "ຜູ້ຖືກປະຕິບັດຄຳຕັດສິນຂອງສານ ໄດ້ຈ່າຍເງິນຄົບແລ້ວ.",
    },
    "seizure_minutes": {
        "done_on": "5 ເມສາ 2026",
        "place": "ບ້ານໜອງບອນ, ເມືອງໄຊເສດຖາ",
        "items": [
            {"description": "ລົດຈັກ ຮອນດ້າ ສີແດງ", "quantity": "1", "value": "8.000.000 ກີບ"},
            {"description": "ໂທລະທັດ ຊຳຊຸງ 55 ນິ້ວ", "quantity": "2", "value": "6.000.000 ກີບ"},
        ],
        "total": _money("14.000.000 ກີບ", "ສິບສີ່ລ້ານກີບ"),
        "witnesses": ["ນາຍບ້ານ ໜອງບອນ"],
    },
    "valuation_record": {
        "asset": _ASSET_LO,
        "method": "ໂດຍຄະນະກຳມະການ",
        "valued_on": "20 ເມສາ 2026",
        "members": [
            {"name": "ທ້າວ ສົມພອນ ວົງສາ", "role": "ພະນັກງານປະຕິບັດຄຳຕັດສິນຂອງສານ"},
            {"name": "ທ້າວ ຄຳຫຼ້າ ສີຫາລາດ", "role": "ນາຍບ້ານ"},
        ],
        "value": _money("250.000.000 ກີບ", "ສອງຮ້ອຍຫ້າສິບລ້ານກີບ"),
    },
    "valuation_notice": {
        "asset": _ASSET_LO,
        "valued_on": "20 ເມສາ 2026",
        "value": _money("250.000.000 ກີບ", "ສອງຮ້ອຍຫ້າສິບລ້ານກີບ"),
        "objection_days": "15",
    },
    "sale_advertisement": {
        "asset": _ASSET_LO,
        "started_on": "1 ພຶດສະພາ 2026",
        "days": "30",
        "value": _money("250.000.000 ກີບ", "ສອງຮ້ອຍຫ້າສິບລ້ານກີບ"),
    },
    "auction_notice": {
        "asset": _ASSET_LO,
        "auction_on": "15 ມິຖຸນາ 2026",
        "auction_time": "09:00",
        "auction_place": "ຫ້ອງການປະຕິບັດຄຳຕັດສິນ ເມືອງໄຊເສດຖາ",
        "reserve": _money("250.000.000 ກີບ", "ສອງຮ້ອຍຫ້າສິບລ້ານກີບ"),
        "deposit_rate": "10",
    },
    "auction_minutes": {
        "asset": _ASSET_LO,
        "auction_on": "15 ມິຖຸນາ 2026",
        "reserve": _money("250.000.000 ກີບ", "ສອງຮ້ອຍຫ້າສິບລ້ານກີບ"),
        "bids": [
            {"bidder": "ທ້າວ ພອນໄຊ ສີວົງ", "amount": "260.000.000 ກີບ", "status": "ຊະນະ"},
            {"bidder": "ນາງ ດາວວອນ ແສງສີ", "amount": "255.000.000 ກີບ", "status": "ສະເໜີລາຄາ"},
        ],
        "winner": "ທ້າວ ພອນໄຊ ສີວົງ",
        "price": _money("260.000.000 ກີບ", "ສອງຮ້ອຍຫົກສິບລ້ານກີບ"),
    },
    "receipt": {
        "receipt_number": "12/2026",
        "payer": "ທ້າວ ບຸນມີ ແກ້ວມະນີ",
        "amount": _money("5.000.000 ກີບ", "ຫ້າລ້ານກີບ"),
        "on": "4 ທັນວາ 2026",
        "method": "ເງິນສົດ",
        "purpose": "ຈ່າຍເງິນຕາມຄຳຕັດສິນ",
        "received_by": "ທ້າວ ສົມພອນ ວົງສາ",
        "original": None,
        "rate": "",
    },
    "payout_record": {
        "payee": "ນາງ ສຸກສະຫວັນ ພົມມະຈັນ",
        "amount": _money("5.000.000 ກີບ", "ຫ້າລ້ານກີບ"),
        "on": "10 ທັນວາ 2026",
        "method": "ໂອນເຂົ້າບັນຊີທະນາຄານ",
        "paid_by": "ທ້າວ ສົມພອນ ວົງສາ",
    },
    "suspension_order": {
        "on": "1 ກໍລະກົດ 2026",
        "ground": "ສານໄດ້ຮື້ຟື້ນຄະດີຄືນໃໝ່",
        "article": "71",
    },
    "resumption_order": {"on": "1 ກັນຍາ 2026", "suspended_on": "1 ກໍລະກົດ 2026"},
    "closure_order": {
        "on": "4 ທັນວາ 2026",
        "terminated_on": "1 ທັນວາ 2026",
        "ground": "ໄດ້ປະຕິບັດຄຳຕັດສິນຄົບຖ້ວນແລ້ວ",
        "outcome": "ປະຕິບັດໄດ້ຄົບຖ້ວນ",
        "paid": _money("15.750.000 ກີບ", "ສິບຫ້າລ້ານເຈັດແສນຫ້າສິບພັນກີບ"),
        "annul_days": "10",
    },
    "case_cover": {
        "state": "ປະຕິບັດຄຳຕັດສິນແບບບັງຄັບ",
        "officer": "ທ້າວ ສົມພອນ ວົງສາ",
        "received_on": "2 ມີນາ 2026",
        "closed_on": "",
        "events": [
            {"on": "2 ມີນາ 2026", "text": "ລົງທະບຽນສຳນວນ ເລກທີ 123/2026."},
            {"on": "20 ມີນາ 2026", "text": "ອອກຄຳສັ່ງປະຕິບັດຄຳຕັດສິນຂອງສານ."},
        ],
        "documents": [
            {"number": "3/VT-XS/2026", "title": "ຄຳສັ່ງປະຕິບັດຄຳຕັດສິນຂອງສານ", "date": "20 ມີນາ 2026"}
        ],
    },
}


_EN: dict[str, Any] = {
    **_LO,
    "lang": "en",
    "ministry": "Ministry of Justice",
    "office_parent": "Enforcement Division, Vientiane Capital",
    "office": "Enforcement Office, Xaysetha District",
    "place": "Vientiane Capital",
    "date": "4 December 2026",
    "signatory": {"position": "Head of office", "name": "Vilay Sisouvanh"},
}


def sample_data(kind: str, language: str = "lo", title: str = "") -> dict[str, Any]:
    """The data a template of `kind` is previewed and checked with (Lao names in both
    languages: the parties are Lao)."""
    base = _EN if language == "en" else _LO
    return {**base, "kind": kind, "title": title or kind, "body": _BODIES_LO.get(kind, {})}
