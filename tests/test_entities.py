"""The spaCy rule pipeline, imported without spaCy's command line (start-up): same entities."""

import json
import subprocess
import sys

TEXTS = [
    "身份证号110101199003074578（男）有效期限2015.03.01-长期",
    "统一社会信用代码91110105MA01ABCD2X 电话13812345678",
    "签发日期2020年1月5日至20301231",
    "11O1O119900307457X",
]

_RUN = """
import json, sys
from yichuang.extractors.entities import find_entities
out = [[(e.label, e.text, e.start, e.end) for e in find_entities(t)] for t in json.loads(sys.argv[1])]
print(json.dumps({"ents": out, "weasel": "weasel" in sys.modules, "cli": repr(sys.modules.get("spacy.cli"))}))
"""


def _run(prelude: str) -> dict:
    code = prelude + _RUN
    res = subprocess.run([sys.executable, "-c", code, json.dumps(TEXTS)], capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def test_spacy_without_its_cli_finds_the_same_entities():
    light = _run("")
    full = _run("import spacy.cli\n")  # spaCy imported the ordinary way, its commands and all
    assert light["ents"] == full["ents"]
    assert ["ID_NUMBER", "110101199003074578", 4, 22] in light["ents"][0]
    assert not light["weasel"] and light["cli"] == "None"  # no placeholder left behind


def test_the_real_spacy_cli_still_imports_after():
    from yichuang.extractors.entities import import_spacy

    import_spacy()
    import spacy.cli

    assert callable(spacy.cli.download) and callable(spacy.info)
