"""The subject of a quantity: the noun phrase that says what was measured or counted.

Always whole jieba words, never a fragment: the few characters around the number
are cut into words, and the subject is made of those words or is empty.

- After a count, the counted thing (3个国考断面 → 国考断面): the words after it up
  to the first that cannot be part of the noun: a function word or verb listed in
  ``rules/qualifiers.yaml`` (``noun_stop``, ``subject_stop``, ``subject_verbs``), a
  word whose dictionary tag is in ``subject_tags.end_noun`` (p, c, u, d, r, f, q
  …), a unit (13家污染治理设施家单位 → 污染治理设施), at most ``max_noun`` characters.
- Otherwise the phrase before the number, back to the start of the clause or the
  last ``subject_stop`` word, without the linking words at its end (为, 达到, 同比
  上升 — only where a word starts, so 违法行为 keeps its 为) and without trailing
  ``subject_verbs`` (已提前完成 → nothing).
- A subject is never a bare verb (完成, 提前, 启动: ``subject_verbs``, or one word
  the dictionary tags ``subject_tags.bare_verb``).

>>> from govextract.rules import load_rules
>>> from govextract.structure.segment import make_tokenizer
>>> from govextract.extract.quantities import find_quantities
>>> rules = load_rules()
>>> tok = make_tokenizer(rules)
>>> def subjects(text):
...     return [(q.text, q.subject) for q in find_quantities(text, rules, tokenizer=tok)[0]]
>>> subjects("现场检查企业2841户次。查处环境违法行为84件，罚款金额1096.7622万。")
[('2841户次', '现场检查企业'), ('84件', '查处环境违法行为'), ('1096.7622万', '罚款金额')]
>>> subjects("推进我区13家污染治理设施家单位向公众开放。")
[('13家', '污染治理设施')]
>>> subjects("39项重点项目已完成20个，17项规划指标已提前完成4个。")
[('39项', '重点项目'), ('20个', '重点项目'), ('17项', '规划指标'), ('4个', '规划指标')]
>>> subjects("推动13家企业实施VOCs源头减排项目。")
[('13家', '企业')]
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

import regex as re

if TYPE_CHECKING:  # pragma: no cover
    from ..rules import RuleSet

#: a word that can be part of a noun: Han characters, Latin letters, digits (VOCs, PM2.5)
_WORDLIKE = re.compile(r"^[\p{Han}A-Za-z0-9.]+$")
#: how far back from a number its subject is looked for, in characters
_WINDOW = 24
#: a number written in digits: the start of the next quantity, never part of a noun
_DIGITS = re.compile(r"^[0-9.]+$")


@dataclass(frozen=True)
class SubjectRules:
    """The vocabulary of subjects, from ``rules/qualifiers.yaml``."""

    stop: frozenset[str]          # subject_stop: the phrase before a number starts after these
    noun_stop: frozenset[str]     # words that end the noun after a count
    verbs: frozenset[str]         # subject_verbs: never a subject alone, nor its last word
    end_noun_tags: frozenset[str]  # dictionary tags that end the noun after a count
    never_last_tags: frozenset[str]  # never the last word of a subject
    never_last_single_tags: frozenset[str]  # never its last word when of one character (新, 微)
    not_alone_tags: frozenset[str]  # one word with one of these tags is no subject
    noun_not_last_tags: frozenset[str]  # never the last word of the noun after a count
    units: frozenset[str]         # unit and measure-word surfaces: they end the noun after a count
    clause_marks: str
    max_noun: int = 12
    max_phrase: int = 16

    @property
    def tags(self) -> frozenset[str]:
        """The dictionary tags that matter here."""
        return (self.end_noun_tags | self.never_last_tags | self.never_last_single_tags | self.not_alone_tags
                | self.noun_not_last_tags)

    @classmethod
    def from_rules(cls, rules: "RuleSet", units: Iterable[str], clause_marks: str) -> "SubjectRules":
        q = rules.qualifiers
        tags = q.get("subject_tags", {}) or {}
        limits = q.get("subject_length", {}) or {}
        return cls(
            stop=frozenset(q.get("subject_stop", ()) or ()),
            noun_stop=frozenset(q.get("noun_stop", ()) or ()),
            verbs=frozenset(q.get("subject_verbs", ()) or ()),
            end_noun_tags=frozenset(tags.get("end_noun", ()) or ()),
            never_last_tags=frozenset(tags.get("never_last", ()) or ()),
            never_last_single_tags=frozenset(tags.get("never_last_single", ()) or ()),
            not_alone_tags=frozenset(tags.get("not_alone", ()) or ()),
            noun_not_last_tags=frozenset(tags.get("noun_not_last", ()) or ()),
            units=frozenset(units),
            clause_marks=clause_marks,
            max_noun=int(limits.get("noun", 12)),
            max_phrase=int(limits.get("phrase", 16)),
        )


def _words(tokenizer: Any, text: str) -> list[str]:
    return list(tokenizer.cut(text, HMM=False)) if tokenizer is not None else list(text)


def _tags(tokenizer: Any, sr: SubjectRules) -> Mapping[str, str]:
    if tokenizer is None or not hasattr(tokenizer, "cut"):
        return {}
    from ..structure.segment import word_tags

    return word_tags(tokenizer, sr.tags)


def counted_noun(text: str, end: int, sr: SubjectRules, tokenizer: Any) -> str:
    """The noun after a count that ends at ``end`` (3个国考断面和… → 国考断面), or ""."""
    j = end
    while j < len(text) and j - end < sr.max_noun + 8 and text[j] not in sr.clause_marks:
        j += 1
    tags = _tags(tokenizer, sr)
    words = _merge_single(_words(tokenizer, text[end:j]), sr)
    out: list[str] = []
    size = 0
    for i, w in enumerate(words):
        if size + len(w) > sr.max_noun:
            break
        if w in sr.units:
            # a unit closes the noun (育种场开展…) unless a new noun follows it (设施家单位)
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if out and not (nxt and _WORDLIKE.match(nxt) and not _ends_noun(nxt, tags, sr)):
                out.append(w)
            break
        opens = not out and w in sr.stop and tags.get(w) is None  # 2家全国重点实验室
        if not _WORDLIKE.match(w) or _DIGITS.match(w) or (_ends_noun(w, tags, sr) and not opens):
            break
        out.append(w)
        size += len(w)
    if out and tags.get(out[0]) in sr.noun_not_last_tags:
        return ""  # a verb straight after the count: no noun follows it
    return _finish(out, tags, sr, sr.noun_not_last_tags)


def _tagged_last(words: Sequence[str], tags: Mapping[str, str], sr: SubjectRules,
                 not_last: frozenset[str]) -> bool:
    """Whether the last word's dictionary tag says it cannot end a subject. A run of
    single characters is a word jieba did not know (占比 → 占 + 比): never cut inside it."""
    last = words[-1]
    if len(last) == 1 and len(words) > 1 and len(words[-2]) == 1:
        return False
    tag = tags.get(last)
    return tag in sr.never_last_tags | not_last or (len(last) == 1 and tag in sr.never_last_single_tags)


def _ends_noun(w: str, tags: Mapping[str, str], sr: SubjectRules) -> bool:
    return w in sr.noun_stop or w in sr.verbs or w in sr.stop or tags.get(w) in sr.end_noun_tags


def _merge_single(words: list[str], sr: SubjectRules) -> list[str]:
    """Runs of single Han characters joined: a word jieba did not know (保+种+场 → 保种场),
    except the function words that end a noun (和, 的)."""
    out: list[str] = []
    run = False
    for w in words:
        single = len(w) == 1 and _WORDLIKE.match(w) is not None and w not in sr.noun_stop and not w.isdigit()
        if single and run and out:
            out[-1] += w
        else:
            out.append(w)
        run = single
    return out


def _finish(words: Sequence[str], tags: Mapping[str, str], sr: SubjectRules,
            not_last: frozenset[str] = frozenset()) -> str:
    """Drop the words that never start or end a subject; nothing for a bare verb, a lone
    function word or a lone character."""
    words = list(words)
    while words and (words[-1] in sr.verbs or words[-1] in sr.stop or _tagged_last(words, tags, sr, not_last)):
        words.pop()
    while len(words) > 1 and words[0] in sr.verbs:
        words.pop(0)
    if all(_DIGITS.match(w) for w in words):
        return ""
    if len(words) == 1 and tags.get(words[0]) in sr.not_alone_tags:
        return ""
    out = "".join(words)
    return out if len(out) >= 2 else ""


def _spelled_by(word: str, vocabulary: frozenset[str]) -> bool:
    """Whether ``word`` is one or more words of ``vocabulary`` written together (提前完成).

    >>> _spelled_by("提前完成", frozenset({"提前", "完成"})), _spelled_by("行为", frozenset({"为"}))
    (True, False)
    """
    ok = [True] + [False] * len(word)
    for i in range(1, len(word) + 1):
        ok[i] = any(ok[j] and word[j:i] in vocabulary for j in range(max(0, i - 6), i))
    return ok[-1]


def phrase_before(text: str, start: int, floor: int, sr: SubjectRules, tokenizer: Any) -> tuple[str, bool]:
    """The noun phrase before a number at ``start`` (after ``floor``), and whether the
    clause held only linking words (同比上升2.8个百分点: the change is said of what came before)."""
    i = start - 1
    lo = max(floor, start - 2 * _WINDOW)
    while i >= lo and text[i] not in sr.clause_marks:
        i -= 1
    begin = i + 1
    # segmented from a little earlier when the phrase does not start a clause, so that a
    # word across its start (10万人|口 of 每10万人口) is seen whole, and dropped
    pad = 0 if begin == 0 or text[begin - 1] in sr.clause_marks else min(begin, 4)
    words: list[str] = []
    pos = begin - pad
    for w in _words(tokenizer, text[begin - pad:start]):
        if pos >= begin and w.strip():
            words.append(w)
        pos += len(w)
    while len(words) > 1 and sum(map(len, words)) > _WINDOW:
        words = words[1:]  # the words of the last _WINDOW characters
    if not words:
        return "", False
    tags = _tags(tokenizer, sr)
    # a number inside the phrase (较2020年) divides it: the part after the last number,
    # else the part before it (占GDP比重较2020年提高 → 占GDP比重)
    parts: list[list[str]] = [[]]
    for w in words:
        if _DIGITS.match(w):
            parts.append([])
        elif parts[-1] or len(parts) == 1 or len(w) > 1:
            parts[-1].append(w)  # not the one character that ends the number (2025年)
    subject, linking = _phrase_subject(parts[-1], tags, sr)
    for part in reversed(parts[:-1]):
        if subject:
            break
        subject, _ = _phrase_subject(part, tags, sr)
    return subject, linking and not subject


def _phrase_subject(words: list[str], tags: Mapping[str, str], sr: SubjectRules) -> tuple[str, bool]:
    # linking words at the end (为, 达到, 同比上升, 已提前完成): strip whole words, or runs of
    # words that spell linking words, never part of a word (违法行为 keeps its 为)
    linking = sr.stop | sr.verbs
    words = list(words)
    stripped = False
    while words:
        n = next((n for n in (3, 2, 1) if len(words) >= n and _spelled_by("".join(words[-n:]), linking)), 0)
        if not n:
            break
        del words[-n:]
        stripped = True
    # the phrase starts after the last stop word left (开展, 累计, 其中 …)
    for k in range(len(words) - 1, -1, -1):
        if words[k] in sr.stop:
            words = words[k + 1:]
            break
    if not words:
        return "", stripped
    # at most max_phrase characters: whole words from the left are dropped
    while len(words) > 1 and sum(map(len, words)) > sr.max_phrase:
        words = words[1:]
    k = len(words)  # the run of words at the end; punctuation (《》-/) ends it
    while k > 0 and _WORDLIKE.match(words[k - 1]):
        k -= 1
    return _finish(words[k:], tags, sr), False
