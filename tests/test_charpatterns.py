"""The entity patterns run without spaCy (extractors/charpatterns.py) find what spaCy's
EntityRuler finds, and a check process no longer imports spaCy."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest
from yichuang.extractors.charpatterns import CharRuler, Unsupported, _one_char_regex
from yichuang.extractors.entities import PATTERNS, find_entities, nlp

NOISE = list("0123456789") * 6 + list("OoDQIlL|ZSBXx×ABCMN") + list("年月日.-/长期身份证号码电话有效至")


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        text = "".join(rng.choice(NOISE) for _ in range(rng.randint(0, 60)))
        out.append(text.upper() if rng.random() < 0.5 else text)
    return out


def _spacy(pipeline, text: str) -> list[tuple[str, int, int]]:
    return [(e.label_, e.start_char, e.end_char) for e in pipeline(text).ents]


def _ties(ruler: CharRuler, text: str, start: int, end: int) -> set[str]:
    """The labels whose patterns match exactly text[start:end]."""
    return {lab for lab in ruler.labels if any((s, e) == (start, end) for s, e in _spans_of(ruler, lab, text))}


def _spans_of(ruler: CharRuler, label: str, text: str):
    for _, lab, steps, compiled in ruler._patterns:
        if lab == label:
            yield from ruler._spans(steps, compiled, text)


def _agree(ruler: CharRuler, pipeline, texts: list[str]) -> int:
    """Asserts the same spans as spaCy for every text; returns how many needed the tie rule
    (a span two labels match: spaCy's pick follows its set order, ours the pattern listed first)."""
    ties = 0
    for text in texts:
        ours, theirs = ruler.find(text), _spacy(pipeline, text)
        assert [x[1:] for x in ours] == [x[1:] for x in theirs], text
        for (a, s, e), (b, _, _) in zip(ours, theirs, strict=True):
            if a != b:
                ties += 1
                assert {a, b} <= _ties(ruler, text, s, e), text
                assert a == ruler.labels[min(ruler.labels.index(x) for x in _ties(ruler, text, s, e))]
    return ties


def test_the_project_patterns_match_as_spacy_does():
    ruler = CharRuler(PATTERNS)
    texts = _texts(3000, seed=7) + ["身份证号110101199003074578（男）有效期限2015.03.01-长期",
                                     "统一社会信用代码91110105MA01ABCD2X电话13812345678",
                                     "签发日期2020年1月5日至20301231", "11O1O119900307457X", ""]
    _agree(ruler, nlp(), texts)


def test_the_simulated_path_matches_as_the_regular_expressions_do():
    fast = CharRuler(PATTERNS)
    sim = CharRuler(PATTERNS)
    sim._patterns = [(rank, lab, steps, None) for rank, lab, steps, _ in sim._patterns]  # every pattern simulated
    for text in _texts(1500, seed=3):
        assert sim.find(text) == fast.find(text), text


def test_patterns_no_regular_expression_can_run_are_simulated_and_still_match_spacy():
    import spacy

    odd = [
        {"label": "RUN", "pattern": [{"TEXT": {"REGEX": r"^[0-9]$"}, "OP": "+"}, {"TEXT": "年"}]},
        {"label": "AHEAD", "pattern": [{"TEXT": {"REGEX": r"(?=[A-Z])[^X]"}, "OP": "{2,}"}]},
        {"label": "WORD", "pattern": [{"TEXT": {"REGEX": r"\b1"}}, {"TEXT": {"REGEX": r"^(月|日)$"}, "OP": "*"}]},
        {"label": "TWO", "pattern": [{"TEXT": {"REGEX": r"ab|[0-9]"}, "OP": "{3}"}]},
        {"label": "MIX", "pattern": [{"TEXT": {"REGEX": r"^[0-9BX]$"}, "OP": "{1,3}"}, {"TEXT": "期", "OP": "?"}]},
    ]
    ruler = CharRuler(odd)
    assert [c is None for *_, c in ruler._patterns] == [True, True, True, True, False]
    pipeline = spacy.blank("zh")
    pipeline.add_pipe("entity_ruler", config={"overwrite_ents": True}).add_patterns(odd)
    _agree(ruler, pipeline, _texts(1500, seed=5))


@pytest.mark.parametrize("regex", [r"\b1", r"(?<=a)b", r"(?=a).", r"ab", r"a|bc", r"(?i:a)", r"(?i)a", r"x*"])
def test_a_token_regex_that_is_not_one_plain_character_is_not_inlined(regex):
    assert _one_char_regex({"TEXT": {"REGEX": regex}}) is None


def test_a_pattern_spacy_alone_can_run_is_refused():
    with pytest.raises(Unsupported):
        CharRuler([{"label": "X", "pattern": [{"LOWER": "a"}]}])
    with pytest.raises(Unsupported):
        CharRuler([{"label": "X", "pattern": [{"TEXT": "a", "OP": "!"}]}])


def test_the_label_asked_for_wins_a_span_two_labels_match():
    # eighteen digits are an ID number's shape and a credit code's: asked for a credit code, it is one
    assert [e.label for e in find_entities("代码911101081234567890", "CREDIT_CODE")] == ["CREDIT_CODE"]
    assert [e.text for e in find_entities("号码110101199003074578", "ID_NUMBER")] == ["110101199003074578"]


def test_reading_values_imports_no_spacy():
    code = ("import sys, json\nfrom yichuang.extractors.normalise import clean_value\n"
            "v = clean_value('id_number', '身份证号 11010119900307457X')\n"
            "print(json.dumps([v.value if v else None, 'spacy' in sys.modules]))")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    value, spacy_loaded = json.loads(res.stdout)
    assert value == "11010119900307457X" and spacy_loaded is False
