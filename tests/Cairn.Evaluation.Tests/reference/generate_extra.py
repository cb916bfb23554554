#!/usr/bin/env python3
"""Adversarial extra reference cases for the Cairn metric library.

Run:
    . /work/refs/env.sh && /usr/bin/python3 generate_extra.py [OUT.json]

Default OUT is reference-values-extra.json next to this script. Same case format as
/work/main/tests/Cairn.Evaluation.Tests/reference/generate_reference.py
({"id","metric","options","inputs","expected","reference"}); every expected value is computed here by
running the reference implementation (or is {"error": ...} where the reference raises).

jiwer: this script uses jiwer 4.0.0 (git archive of tag v4.0.0 of github jitsi/jiwer, extracted to
$REFS_ROOT/jiwer-4.0.0, default /work/refs/jiwer-4.0.0); it removes the jiwer-3.1.0 entry that env.sh puts on PYTHONPATH.
Everything else comes from /work/refs (sacreBLEU 2.6.0, rouge-score 0.1.2, rapidfuzz 3.14.5 pure Python,
SQuAD v1.1 logic) and Debian's python3-sklearn 1.2.1 / numpy 1.24.2 / nltk 3.8.

Deterministic: fixed seeds (random.Random / numpy RandomState), no set/dict-order dependence.
"""
import functools
import os
import random
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
JIWER4 = os.path.join(os.environ.get("REFS_ROOT", "/work/refs"), "jiwer-4.0.0", "src")
# Swap jiwer 3.1.0 (from env.sh's PYTHONPATH) for 4.0.0 before anything imports jiwer, reference_cases included.
sys.path[:] = [p for p in sys.path if "jiwer-3" not in p]
sys.path.insert(0, JIWER4)

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import sklearn  # noqa: E402
from sklearn import metrics as skm  # noqa: E402
from sklearn.calibration import calibration_curve  # noqa: E402
import nltk  # noqa: E402
from nltk.stem import porter  # noqa: E402
import regex  # noqa: E402
import sacrebleu  # noqa: E402
from sacrebleu.metrics import CHRF, TER  # noqa: E402
from rouge_score import rouge_scorer  # noqa: E402
import jiwer  # noqa: E402
import rapidfuzz  # noqa: E402

import reference_cases as rc  # noqa: E402
from reference_cases import (F, L, add, calib_numpy, clf_inputs, run_bleu, run_chrf, run_rouge,  # noqa: E402
                             run_squad, run_ter, streams)

assert os.path.abspath(jiwer.__file__).startswith(os.path.abspath(JIWER4)), jiwer.__file__

# =====================================================================================
# Seeded text helpers
# =====================================================================================

VOCAB = ("the cat dog sat on mat a and of to in is was it for with that this by at from house tree "
         "river stone bird red blue green big small old new runs ran quick slow over under").split()


def rand_sentence(rng, n, vocab=VOCAB):
    return " ".join(rng.choice(vocab) for _ in range(n))


def move_blocks(rng, words, n_moves, min_len=2, max_len=10):
    w = list(words)
    for _ in range(n_moves):
        if len(w) < min_len + 1:
            break
        ln = rng.randint(min_len, min(max_len, len(w) - 1))
        s = rng.randrange(0, len(w) - ln + 1)
        block = w[s:s + ln]
        del w[s:s + ln]
        t = rng.randrange(0, len(w) + 1)
        w[t:t] = block
    return w


def perturb(rng, words, p_sub=0.1, p_del=0.05, p_ins=0.05, vocab=VOCAB):
    out = []
    for x in words:
        r = rng.random()
        if r < p_del:
            continue
        if r < p_del + p_sub:
            out.append(rng.choice(vocab))
        else:
            out.append(x)
        if rng.random() < p_ins:
            out.append(rng.choice(vocab))
    return out


# =====================================================================================
# sacreBLEU: BLEU
# =====================================================================================

INTL = [
    ("Price: 𝟏,𝟐𝟑𝟒.𝟓 € or ¥100… «quoted» ¿qué? ¡sí!",
     ["Price: 𝟏,𝟐𝟑𝟒.𝟓 € or ¥ 100 ... « quoted » ¿ qué ? ¡ sí !", "Price 1,234.5 €, or ¥100…"]),
    ("𝟏.𝟓 vs 𝟙,𝟘 vs ١٢٣,٤ vs ५.५ and 𝟗.",
     ["𝟏.𝟓 vs 𝟙,𝟘 vs ١٢٣,٤ vs ५.५ and 𝟗 .", "1.5 vs 1,0 vs 123,4"]),
    ("“Smart quotes” and ‘single’ — dash – en-dash… end.",
     ["\"Smart quotes\" and 'single' - dash - en-dash... end.", "“Smart quotes” and ‘single’ — dash"]),
    ("Costs: $5, £4, ₹300, ₿0.1, ¢99, ₩1000 and 5‰ or 3%.",
     ["Costs: $ 5, £ 4, ₹ 300, ₿ 0.1, ¢ 99, ₩ 1000 and 5 ‰ or 3 %.", "Costs are $5 and £4."]),
    ("Emoji 👍🏽 family 👨‍👩‍👧 flag 🇫🇷 heart ❤️ done!",
     ["Emoji 👍 🏽 family 👨‍👩‍👧 flag 🇫🇷 heart ❤️ done !", "Emoji 👍🏽 family done"]),
    ("Math: ∑x²≤∞, a±b, 3×4÷2=6, √2≈1.414, x→y, ¬p∧q.",
     ["Math: ∑ x² ≤ ∞, a ± b, 3 × 4 ÷ 2 = 6, √2 ≈ 1.414, x → y, ¬ p ∧ q.", "∑x²≤∞ and a±b"]),
    ("Temp 25°C, 77°F; ©2024 ACME™ ®; §3 ¶2 †‡ •item",
     ["Temp 25 ° C, 77 ° F ; © 2024 ACME ™ ® ; § 3 ¶ 2 † ‡ • item", "Temp 25°C"]),
    ("日本語、中文。한국어！ «Привет», сказал он… — «Да».",
     ["日本語 、 中文 。 한국어 ！ « Привет » , сказал он … — « Да » .", "«Привет», сказал он."]),
    ("Arabic ؟ ، ؛ punctuation «نص» and Hebrew ״quote״ ׳",
     ["Arabic ؟ ، ؛ punctuation « نص » and Hebrew ״ quote ״ ׳", "Arabic punctuation"]),
    ("a.b,c 1.2,3 x.1 1.x ..1 1.. Ⅻ.Ⅳ ½,¾",
     ["a . b , c 1.2,3 x . 1 1 . x . . 1 1 . . Ⅻ.Ⅳ ½,¾", "a.b,c 1.2,3"]),
    ("hyphen-ated non‐breaking‑hyphen figure‒dash ⁓ swung",
     ["hyphen - ated non ‐ breaking ‑ hyphen figure ‒ dash ⁓ swung", "hyphenated words"]),
    ("𝔘𝔫𝔦𝔠𝔬𝔡𝔢! 𝕏: 𝟎𝟏𝟐? 🜁🜂.", ["𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ! 𝕏 : 𝟎𝟏𝟐 ? 🜁 🜂 .", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢!"]),
]

ZH = [
    ("他说：’你好’“世界”€100™←→", ["他 说 ： ’ 你好 ’ “ 世界 ” € 100 ™ ← →", "他说你好世界"]),
    ("𠀀𠮷𪚥𩸽是扩展B字符，𠀀𠮷。", ["𠀀 𠮷 𪚥 𩸽 是 扩展 B 字符 ， 𠀀𠮷 。", "扩展B字符"]),
    ("价格€5‰…—–“测试”∑∞≤≥√", ["价格 € 5 ‰ … — – “ 测试 ” ∑ ∞ ≤ ≥ √", "价格是五欧元"]),
    ("⅓杯水、②号、⑩位、㈱公司、㎞距离", ["⅓ 杯水 、 ② 号 、 ⑩ 位 、 ㈱ 公司 、 ㎞ 距离", "一杯水"]),
    ("Hello世界，this is 中文 mixed with English.", ["Hello 世界 ， this is 中文 mixed with English .", "Hello world, this is Chinese."]),
    ("\u2000\u2001空\u2002白\u3000字符\u2028行", ["空 白 字符 行", "空白字符"]),
    ("全角ＡＢＣ１２３！＠＃", ["全角 ＡＢＣ１２３ ！ ＠ ＃", "全角ABC123!@#"]),
    ("☀☁★☆♠♣✓✗❤⚠ 符号", ["☀ ☁ ★ ☆ ♠ ♣ ✓ ✗ ❤ ⚠ 符号", "符号"]),
    ("1,000.5元，-3.5°C，2019-2020年", ["1,000.5 元 ， -3.5 ° C ， 2019 - 2020 年", "1000.5元"]),
    ("⺀⻳⼀⿕⿰⿻ㄅㄆㆠ㇀㇣︐︙︰﹏", ["⺀ ⻳ ⼀ ⿕ ⿰ ⿻ ㄅ ㆠ", "部首"]),
    ("兀嗀﨎﨏﨑丽丸乁𠄢", ["兀 嗀 﨎 﨏 﨑 丽 丸 乁 𠄢", "兼容"]),
]

CHAR = [
    ("cafe\u0301 na\u00efve e\u0301\u0301", ["caf\u00e9 naïve é", "cafe\u0301 nai\u0308ve"]),
    ("𝔘𝔫𝔦 🍕🍕 👨‍👩‍👧", ["𝔘𝔫𝔦 🍕 👨‍👩‍👧‍👦", "Uni pizza"]),
    ("漢字かなカナ한글", ["漢字 かな カナ 한글", "漢字"]),
    ("a\u00a0b\u3000c\u2028d\u001ce", ["a b c d e", "abcde"]),
    ("ﬁne ﬂow Å Å", ["fine flow Å Å", "ﬁne"]),
    ("", ["nonempty", "x"]),
    ("\U0001F3F3\uFE0F\u200D\U0001F308 flag", ["\U0001F3F3\uFE0F\u200D\U0001F308 flag", "flag"]),
]

LOWER = [
    ("İSTANBUL İzmir DİYARBAKIR", ["istanbul izmir diyarbakır", "i̇stanbul i̇zmir"]),
    ("STRAẞE GROẞ Straße", ["straße groß straße", "strasse gross"]),
    ("ΟΔΟΣ ΟΔΟΣ. ΣΟΦΟΣ Σ", ["οδος οδος. σοφος σ", "οδoς οδος. σοφος σ", "οδοσ οδοσ. σοφοσ σ"]),
    ("\u212A\u212Aelvin 5\u212A and \u2126hm \u212B", ["kkelvin 5k and ωhm å", "KKelvin 5K and Ωhm Å"]),
    ("ᏣᎳᎩ ᎦᏬᏂᎯᏍᏗ Ꮳ", ["ꮳꮃꭹ ꭶꮼꮒꭿꮝꮧ ꮳ", "ᏣᎳᎩ ᎦᏬᏂᎯᏍᏗ"]),
    ("ǅemal ǈubav ǋe Ǳ", ["ǆemal ǉubav ǌe ǳ", "dzemal ljubav"]),
    ("ΑΣ ΘΕΟΣ ΑΣ.ΑΣ", ["ας θεος ας.ας", "ασ θεοσ ασ.ασ"]),
    ("ＦＵＬＬ Ｗｉｄｔｈ", ["ｆｕｌｌ ｗｉｄｔｈ", "full width"]),
    ("𐐀𐐁 DESERET 𞤀", ["𐐨𐐩 deseret 𞤢", "DESERET"]),
]

ENTITIES = [
    ("Tom &amp;lt; Jerry &amp;quot;x&amp;quot; &amp;amp; y", ["Tom < Jerry &quot;x&quot; &amp; y", "Tom &lt; Jerry"]),
    ("&lt;skipped&gt; a <skipped> b <skip<skipped>ped> c", ["<skipped> a b <skipped> c", "a b c"]),
    ("well-\nknown co-\noperation end-\n", ["wellknown cooperation end-", "well-known co-operation end"]),
    ("line\none\r\ntwo-\r\nthree", ["line one two- three", "line one two three"]),
    ("&#39;n&#39; &apos;s &quot;&quot; &gt;&gt; &AMP; &amp", ["'n' 's \"\" >> &AMP; &amp", "n s"]),
    ("trail\u001c\u001d\u001e\u001f", ["trail", "trail\u001c"]),
    ("trail2\u0085\u2028\u2029\u00a0\u3000 \t\n\r\x0b\x0c", ["trail2", "trail2 x"]),
    ("keep\u200b\ufeff\u180e", ["keep", "keep\u200b\ufeff\u180e"]),
    ("in\u001cside\u0085word\u2028x", ["in side word x", "inside"]),
    ("price-3 3-4 a-b 3 -4 3.-4 .5,", ["price - 3 3 - 4 a-b 3 -4 3. -4 .5 ,", "price 3"]),
]


def gen_bleu():
    p = [h for h, _ in INTL]
    r = [x for _, x in INTL]
    for tok in ["intl"]:
        run_bleu(f"bleu/corpus/intl-scripts/{tok}", p, r, tokenize=tok)
    run_bleu("bleu/corpus/intl-scripts/intl-lowercase", p, r, tokenize="intl", lowercase=True)
    run_bleu("bleu/sentence/intl-scripts/intl-eff", p, r, level="sentence", tokenize="intl", effective_order=True)
    p = [h for h, _ in ZH]
    r = [x for _, x in ZH]
    for tok in ["zh", "13a"]:
        run_bleu(f"bleu/corpus/zh-ranges/{tok}", p, r, tokenize=tok)
    run_bleu("bleu/sentence/zh-ranges/zh-eff", p, r, level="sentence", tokenize="zh", effective_order=True)
    p = [h for h, _ in CHAR]
    r = [x for _, x in CHAR]
    run_bleu("bleu/corpus/char-marks-astral/char", p, r, tokenize="char")
    run_bleu("bleu/sentence/char-marks-astral/char-eff", p, r, level="sentence", tokenize="char",
             effective_order=True)
    p = [h for h, _ in LOWER]
    r = [x for _, x in LOWER]
    for tok in ["13a", "intl", "none", "char"]:
        run_bleu(f"bleu/corpus/lowercase-specials/{tok}-lc", p, r, tokenize=tok, lowercase=True)
    run_bleu("bleu/sentence/lowercase-specials/13a-lc-eff", p, r, level="sentence", lowercase=True,
             effective_order=True)
    p = [h for h, _ in ENTITIES]
    r = [x for _, x in ENTITIES]
    for tok in ["13a", "intl", "none"]:
        run_bleu(f"bleu/corpus/entities-whitespace/{tok}", p, r, tokenize=tok)
    run_bleu("bleu/sentence/entities-whitespace/13a-eff", p, r, level="sentence", effective_order=True)

    # variable number of references (nrefs:var) and empty strings among references
    var_p = ["the cat sat on the mat", "a dog ran in the park today", "hello world", "one two three four five",
             "", "short", "the quick brown fox jumps over the lazy dog"]
    var_r = [["the cat sat on a mat", "a cat was on the mat", "there is a cat"],
             ["a dog ran in the park"],
             ["hello world !", "hi world"],
             ["one two three four five six seven", "one two", ""],
             ["empty hypothesis here"],
             ["short", "a much longer reference sentence"],
             ["the quick brown fox jumped over the lazy dogs", "a fast brown fox leaps over a lazy dog",
              "quick brown fox"]]
    run_bleu("bleu/corpus/var-refs/13a", var_p, var_r)
    run_bleu("bleu/sentence/var-refs/13a-eff", var_p, var_r, level="sentence", effective_order=True)
    run_bleu("bleu/corpus/var-refs-2-3/intl", var_p[:3] + var_p[6:], [var_r[0][:2], var_r[1] + ["x y"],
                                                                    var_r[2], var_r[6]], tokenize="intl")

    # smoothing with custom values; n-gram orders 2 and 6
    rng = random.Random(4242)
    sm_p, sm_r = [], []
    for _ in range(12):
        ref = rand_sentence(rng, rng.randint(3, 14))
        hyp = " ".join(perturb(rng, move_blocks(rng, ref.split(), 1, 2, 4), 0.25, 0.1, 0.1))
        sm_p.append(hyp)
        sm_r.append([ref])
    sm_p += ["x", "the"]
    sm_r += [["y z"], ["the the the"]]
    for smv in [0.5, 2, 0]:
        run_bleu(f"bleu/corpus/smooth/floor-{smv}", sm_p, sm_r, smooth_method="floor", smooth_value=smv)
        run_bleu(f"bleu/corpus/smooth/add-k-{smv}", sm_p, sm_r, smooth_method="add-k", smooth_value=smv)
    run_bleu("bleu/sentence/smooth/floor-0-eff", sm_p, sm_r, level="sentence", smooth_method="floor",
             smooth_value=0, effective_order=True)
    run_bleu("bleu/sentence/smooth/add-k-0.5", sm_p, sm_r, level="sentence", smooth_method="add-k",
             smooth_value=0.5)
    run_bleu("bleu/corpus/smooth/exp-with-ignored-value-2", sm_p, sm_r, smooth_method="exp", smooth_value=2)
    for mo in [2, 6]:
        run_bleu(f"bleu/corpus/order{mo}/exp", sm_p, sm_r, max_ngram_order=mo)
        run_bleu(f"bleu/sentence/order{mo}/exp-eff", sm_p, sm_r, level="sentence", max_ngram_order=mo,
                 effective_order=True)
    run_bleu("bleu/corpus/order6/none-eff", sm_p, sm_r, smooth_method="none", max_ngram_order=6, effective_order=True)

    # very short hypotheses with effective order at sentence level; empty hyps/refs
    short_p = ["a", "a b", "a b c", "b a", "", "a", "x y", "the . ,", "a a a a a"]
    short_r = [["a"], ["a b"], ["a b c d e"], ["a b"], ["a"], [""], ["x y z"], ["the . ,"], ["a"]]
    for sm in ["exp"]:
        run_bleu(f"bleu/sentence/short/{sm}-eff", short_p, short_r, level="sentence", smooth_method=sm,
                 effective_order=True)
    run_bleu("bleu/sentence/short/exp-noeff", short_p, short_r, level="sentence")
    run_bleu("bleu/corpus/short/exp-eff", short_p, short_r, effective_order=True)
    run_bleu("bleu/corpus/empty-refs", ["a b c", "", "d"], [[""], [""], ["d"]])
    run_bleu("bleu/sentence/all-empty", ["", "x", ""], [[""], [""], ["x"]], level="sentence")


# =====================================================================================
# sacreBLEU: chrF
# =====================================================================================

CHRF_SET = [
    ('"hello world," she said...', ['"hello world" she said.', "hello, world, she said ...", "Hello World"]),
    ("—dash end. (paren) [brack] 'quote'", ["— dash end . ( paren ) [ brack ] ' quote '", "dash end paren"]),
    ("... ?! ;", ["...", "?!;"]),
    ("a", ["a", "b"]),
    ("", ["nonempty", ""]),
    ("x", [""]),
    ("𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🍕🍕 cafe\u0301", ["𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🍕 café", "Unicode pizza cafe"]),
    ("The  Cat\tSAT\u00a0on\u3000the mat.", ["the cat sat on the mat.", "THE CAT SAT ON THE MAT."]),
    ("İstanbul ΟΔΟΣ \u212Aelvin ẞ", ["istanbul οδος kelvin ß", "i̇stanbul οδος kelvin ß"]),
    ("don't won't it's O'Neil's (hi) end!", ["do not will not it is O'Neil 's ( hi ) end !", "don't won't"]),
    ("ab ab ab ab", ["ab", "abab ab"]),
    ("the cat the cat the cat", ["cat the cat the", "the the cat cat"]),
]


def gen_chrf():
    p = [h for h, _ in CHRF_SET]
    r = [x for _, x in CHRF_SET]
    run_chrf("chrf/punct-astral/default", p, r)
    run_chrf("chrf/punct-astral/nw2", p, r, word_order=2)
    run_chrf("chrf/punct-astral/nw2-eps", p, r, word_order=2, eps_smoothing=True)
    run_chrf("chrf/punct-astral/ws", p, r, whitespace=True)
    run_chrf("chrf/punct-astral/ws-nw2-lc", p, r, whitespace=True, word_order=2, lowercase=True)
    run_chrf("chrf/punct-astral/beta1-nw2", p, r, beta=1, word_order=2)
    run_chrf("chrf/punct-astral/beta3", p, r, beta=3)
    run_chrf("chrf/punct-astral/c4-nw2-eps", p, r, char_order=4, word_order=2, eps_smoothing=True)
    # variable number of references
    vp = p[:6]
    vr = [r[0], r[1][:1], r[2], r[3][:1], r[4], r[5]]
    run_chrf("chrf/var-refs/nw2", vp, vr, word_order=2)
    # multi-reference corpora where the best reference (by sentence F) differs per segment, incl. exact ties
    rng = random.Random(777)
    mp, mr, picks = [], [], []
    while len(mp) < 30:
        base = rand_sentence(rng, rng.randint(2, 9))
        refs = [" ".join(perturb(rng, base.split(), 0.3, 0.2, 0.2)) or "x" for _ in range(3)]
        if rng.random() < 0.25:
            refs[2] = refs[0][::-1]  # same chars, different order -> close F values
        hyp = " ".join(perturb(rng, base.split(), 0.2, 0.1, 0.1))
        m = CHRF(word_order=2)
        fs = [m.sentence_score(hyp, [x]).score for x in refs]
        picks.append(int(np.argmax(fs)))
        mp.append(hyp)
        mr.append(refs)
    assert len(set(picks)) == 3, picks
    run_chrf("chrf/best-ref-varies/nw0", mp, mr)
    run_chrf("chrf/best-ref-varies/nw2", mp, mr, word_order=2)
    run_chrf("chrf/best-ref-varies/beta1-lc", mp, mr, beta=1, lowercase=True)
    # ties: identical F, different statistics -> the first reference with the best F wins
    # (found by exhaustive search over short a/b strings: equal chrF, different n-gram statistics)
    tp = ["a aba", "a aaa", "a bba", "ab cd"]
    tr = [["a", "a baa"], ["a abb", "a ba"], ["b bbb", "a aa"], ["ab", "cd"]]
    m = CHRF()
    for h, rs in zip(tp[:3], tr[:3]):
        st = [m._extract_corpus_statistics([h], [[x]])[0] for x in rs]
        assert m._compute_f_score(st[0]) == m._compute_f_score(st[1]) and st[0] != st[1]  # check only
    assert m.corpus_score(tp, streams(tr)).score != m.corpus_score(tp, streams([x[::-1] for x in tr])).score
    run_chrf("chrf/ties/nw0", tp, tr)
    run_chrf("chrf/ties/nw2", tp, tr, word_order=2)
    run_chrf("chrf/empty/all-empty-eps", ["", ""], [[""], ["", "a"]], eps_smoothing=True, word_order=2)


# =====================================================================================
# sacreBLEU: TER
# =====================================================================================

TER_SET = [
    ("我们今天去北京大学参观，很开心！你呢？", ["今天我们去了北京大学参观。很开心!你呢?", "我们去北京大学，开心！"]),
    ("ひらがなだけのぶん", ["ひらがな だけの ぶん", "ひらがなだけのぶんです"]),
    ("カタカナテキスト", ["カタカナ テキスト", "カタカナテキスト。"]),
    ("東京はとても大きいです。カタカナもある：（テスト）；「引用」〜", ["東京は大きいです。カタカナもある：（テスト）；『引用』",
                                                "東京 は とても 大きい です 。"]),
    ("ｶﾀｶﾅ ｡｢半角｣､･ ㇰㇱㇲ", ["ｶﾀｶﾅ｡ ｢半角｣ ､ ･ ㇰㇱㇲ", "カタカナ"]),
    ("John's car is red and it's Mary's", ["John 's car is red and it is Mary's", "john's car is red, it's mary's."]),
    ("It's Bob's's 's end's", ["It 's Bob 's 's 's end 's", "its bobs end"]),
    ("It costs 1,000.5 dollars, or 2,000-3,000 in 2019-2020.", ["It costs 1000.5 dollars , or 2,000 - 3,000 in 2019 - 2020 .",
                                                               "it costs 1,000.5 dollars"]),
    ("Tom &amp; Jerry &quot;cheese&quot; &lt;3 &gt; &#39;n&#39; &amp;lt;", ['Tom & Jerry "cheese" <3 > \'n\' &lt;',
                                                                        "tom and jerry"]),
    ("The Quick BROWN fox; jumps! over? the (lazy) dog: yes.", ["the quick brown fox jumps over the lazy dog yes",
                                                              "The quick brown fox ; jumps ! over ? the ( lazy ) dog : yes ."]),
    ("ｆｕｌｌｗｉｄｔｈ ＡＢＣ，１２３。ＤＥＦ．", ["fullwidth ABC, 123. DEF.", "ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３ ＤＥＦ"]),
    ("multi\nline text-\nwrapped\n-here", ["multi line text-wrapped-here", "multiline text wrapped here"]),
    ("안녕하세요, 세계! ㈜회사 ㎏", ["안녕하세요 , 세계 ! ㈜ 회사 ㎏", "안녕 세계"]),
    ("İSTANBUL ΟΔΟΣ \u212Aelvin ẞ", ["istanbul οδος kelvin ß", "İstanbul Οδος Kelvin ẞ"]),
    ("漢字ひらがなカタカナ漢字", ["漢字 ひらがな カタカナ 漢字", "漢字"]),
    ("a-b 3-4 -5 x.y 1.5 .5 5. a,b 1,5", ["a - b 3 - 4 - 5 x . y 1.5 .5 5 . a , b 1,5", "ab 34 5"]),
]


def gen_ter():
    p = [h for h, _ in TER_SET]
    r = [x for _, x in TER_SET]
    for nm in [False, True]:
        for npct in [False, True]:
            for asn in [False, True]:
                for cs in [False, True]:
                    run_ter(f"ter/special/n{int(nm)}-p{int(npct)}-a{int(asn)}-c{int(cs)}", p, r, normalized=nm,
                            no_punct=npct, asian_support=asn, case_sensitive=cs)
    # shifts: reordered blocks of 2..10 words, repeated words
    rng = random.Random(9001)
    sp, sr = [], []
    for i in range(24):
        n = rng.randint(8, 30)
        vocab = VOCAB[:6] if i % 3 == 0 else VOCAB  # small vocabulary -> many repeated words
        ref = rand_sentence(rng, n, vocab).split()
        hyp = move_blocks(rng, ref, rng.randint(1, 3), 2, 10)
        if i % 2:
            hyp = perturb(rng, hyp, 0.1, 0.05, 0.05, vocab)
        sp.append(" ".join(hyp))
        sr.append([" ".join(ref)])
    sp += ["d e f a b c", "a b a b a b c", "c a b a b a b", "x y z a b c d e f g h i j k",
           "b c d e f g h i j k l a", "l a b c d e f g h i j k", "a a a a b b b b", "the the cat cat"]
    sr += [["a b c d e f"], ["a b c a b a b"], ["a b a b a b c"], ["a b c d e f g h i j k x y z"],
           ["a b c d e f g h i j k l"], ["a b c d e f g h i j k l"], ["b b b b a a a a"], ["the cat the cat"]]
    run_ter("ter/shifts/default", sp, sr)
    # long sentences (60..120 words) where beam width and the candidate limit matter
    rng = random.Random(31337)
    lp, lr = [], []
    for i in range(8):
        n = rng.randint(60, 120)
        vocab = VOCAB[:8] if i % 2 == 0 else VOCAB
        ref = rand_sentence(rng, n, vocab).split()
        hyp = perturb(rng, move_blocks(rng, ref, rng.randint(3, 8), 2, 10), 0.08, 0.04, 0.04, vocab)
        lp.append(" ".join(hyp))
        lr.append([" ".join(ref)])
    # very unequal lengths: beam widened (ref/hyp ratio > 50) and the opposite
    lp.append("the cat")
    lr.append([rand_sentence(rng, 115)])
    lp.append(rand_sentence(rng, 120, VOCAB[:5]))
    lr.append([rand_sentence(rng, 25, VOCAB[:5])])
    run_ter("ter/long/default", lp, lr)
    # alignments far from the diagonal (junk prefix/suffix/middle, truncated hypothesis): the beam
    # (width 25 around i * len_ref/len_hyp) cuts off the optimal path, so TER > the true optimum
    rng = random.Random(1)
    bp_, br_ = [], []
    for t in range(12):
        n = rng.randint(30, 100)
        ref = [rng.choice(VOCAB) for _ in range(n)]
        k = rng.randint(30, 80)
        junk = [rng.choice(VOCAB[:5]) for _ in range(k)]
        hyp = [junk + ref, ref + junk, ref[k // 2:] if k // 2 < n else ref, ref[:n // 2] + junk + ref[n // 2:]][t % 4]
        bp_.append(" ".join(hyp))
        br_.append([" ".join(ref)])
    from sacrebleu.metrics import lib_ter
    beam = lib_ter._BEAM_WIDTH
    base = [TER().sentence_score(h, r).score for h, r in zip(bp_, br_)]
    lib_ter._BEAM_WIDTH = 10 ** 6
    wide = [TER().sentence_score(h, r).score for h, r in zip(bp_, br_)]
    lib_ter._BEAM_WIDTH = beam
    assert sum(a != b for a, b in zip(base, wide)) >= 4, (base, wide)  # check only; not recorded
    run_ter("ter/beam-limited/default", bp_, br_)
    # 2 and 3 references, variable references
    rng = random.Random(555)
    mp, mr2, mr3 = [], [], []
    for i in range(15):
        base = rand_sentence(rng, rng.randint(5, 25)).split()
        refs = [" ".join(perturb(rng, move_blocks(rng, base, 1, 2, 6), 0.15, 0.1, 0.1)) for _ in range(3)]
        mp.append(" ".join(perturb(rng, base, 0.1, 0.05, 0.05)))
        mr2.append(refs[:2])
        mr3.append(refs)
    run_ter("ter/multi/2ref", mp, mr2)
    run_ter("ter/multi/3ref", mp, mr3)
    vr = [mr3[i][:1 + i % 3] for i in range(len(mr3))]
    run_ter("ter/multi/var-refs", mp, vr)
    # empty hypothesis / empty reference
    run_ter("ter/empty/hyp", ["", "a b"], [["a b c"], ["a b"]])
    run_ter("ter/empty/ref", ["a b c", "x"], [[""], ["x"]])
    run_ter("ter/empty/ref-only", ["a b c"], [[""]])
    run_ter("ter/empty/ref-among-refs", ["a b c", ""], [["", "a b"], ["", "x y z"]])
    run_ter("ter/empty/punct-only-nopunct", ["., ?", "!"], [["; :"], ["( )"]], no_punct=True)


# =====================================================================================
# ROUGE
# =====================================================================================

STEM_WORDS = ("caresses ponies ties caress cats feed agreed plastered bled motoring sing conflated troubled sized "
              "hopping tanned falling hissing fizzed failing filing happy sky skies dying lying tying news innings "
              "outings cannings howe proceed exceed succeed relational conditional rational valenci hesitanci "
              "digitizer conformabli radicalli differentli vileli analogousli vietnamization predication operator "
              "feudalism decisiveness hopefulness callousness formaliti sensitiviti sensibiliti triplicate formative "
              "formalize electriciti electrical hopeful goodness revival allowance inference airliner gyroscopic "
              "adjustable defensible irritant replacement adjustment dependent adoption homologou communism "
              "activate angulariti homologous effective bowdlerize probate rate cease controll roll generously "
              "generalization fulli logi bli").split()


def gen_rouge():
    st_nltk = porter.PorterStemmer(mode=porter.PorterStemmer.NLTK_EXTENSIONS)
    st_orig = porter.PorterStemmer(mode=porter.PorterStemmer.ORIGINAL_ALGORITHM)
    st_mart = porter.PorterStemmer(mode=porter.PorterStemmer.MARTIN_EXTENSIONS)
    words = STEM_WORDS
    # one item per word: prediction = the word (some upper-cased), reference = a stem from a Porter variant.
    # Items where NLTK_EXTENSIONS differs from the other variants expose the stemmer mode.
    preds = [w.upper() if i % 7 == 3 else w for i, w in enumerate(words)]
    for tag, st in [("nltk-stem", st_nltk), ("original-stem", st_orig)]:
        refs = [[st.stem(w)] for w in words]
        run_rouge(f"rouge/stem-words/ref-{tag}/stem1", preds, refs, True, rouge_types=["rouge1"])
    # whole sentences of inflections
    sent_p = [" ".join(words[:50]), " ".join(words[50:]), "The runners RUNNING runs ran; generously generalized "
              "generalizations.", "Dying lying tying dies lies ties; skies sky skis; news innings outings."]
    sent_r = [[" ".join(st_orig.stem(w) for w in words[:50][::-1])], [" ".join(st_mart.stem(w) for w in words[50:])],
              ["runner run running ran generous general generalization"], ["die lie tie dy ly ty ski ski news inning outing"]]
    run_rouge("rouge/stem-sentences/stem1", sent_p, sent_r, True)

    # digits, non-ASCII letters
    na_p = ["The 1990s covid19 COVID-19 mp3 4x4 b2b", "café résumé naïve Straße groß İstanbul \u212Aelvin",
            "ΟΔΟΣ Москва 東京 北京 日本", "K\u212A kk ǅ ǆ ﬁne ﬂ", "a_b c-d e.f g/h 3.14 1,000",
            "über uber ÜBER Zürich zurich", "élan ELAN e\u0301lan", "", "!!! ??? ..."]
    na_r = [["the 1990 s covid 19 covid19 mp3 4 x 4 b2b"], ["cafe resume naive strasse gross istanbul kelvin"],
            ["οδος москва 東京 日本"], ["kk kk dz dz fine fl"], ["a b c d e f g h 3 14 1 000"],
            ["ber uber ber z rich zurich"], ["lan elan e lan"], ["nonempty"], ["..."]]
    for stem in [False, True]:
        run_rouge(f"rouge/non-ascii-digits/stem{int(stem)}", na_p, na_r, stem,
                  rouge_types=["rouge1", "rouge2", "rougeL", "rougeLsum", "rouge3"])
    # multi-line texts for rougeLsum, blank lines, \r\n
    ml_p = ["the cat sat\n\non the mat\n", "\n\nfirst line here\nsecond line there\n\n\nthird\n",
            "one two three\r\nfour five six", "a b c\n \n d e f", "no newlines at all in this one",
            "x\ny\nz\nx\ny\nz", "  \n\t\n  ", "repeat repeat\nrepeat repeat\nrepeat"]
    ml_r = [["the cat\nsat on the mat"], ["first line\nsecond line\nthird line"], ["one two three\nfour five six"],
            ["d e f\na b c"], ["no newlines\nat all\nin this one"], ["x y z\nx y z"], ["something"],
            ["repeat\nrepeat repeat repeat\nrepeat"]]
    for stem in [False, True]:
        run_rouge(f"rouge/multiline/stem{int(stem)}", ml_p, ml_r, stem)
    run_rouge("rouge/multiline/lsum-only", ml_p, ml_r, False, rouge_types=["rougeLsum"])
    # rouge3/4/9
    rng = random.Random(2718)
    hp, hr = [], []
    for i in range(12):
        ref = rand_sentence(rng, rng.randint(1, 20), VOCAB[:10])
        hyp = " ".join(perturb(rng, ref.split(), 0.1, 0.05, 0.05, VOCAB[:10]))
        hp.append(hyp)
        hr.append([ref])
    hp += ["a b c d e f g h i", "a b c d e f g h i j", "a"]
    hr += [["a b c d e f g h i"], ["a b c d e f g h i j"], ["a"]]
    run_rouge("rouge/high-order/stem0", hp, hr, False, rouge_types=["rouge3", "rouge4", "rouge9", "rouge1"])
    run_rouge("rouge/high-order/stem1", hp, hr, True, rouge_types=["rouge9", "rouge4", "rougeL"])
    # score_multi with 3 references where different types pick different references (and f-measure ties)
    rng = random.Random(1618)
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], use_stemmer=False)
    mp, mr = [], []
    tries = 0
    while len(mp) < 15:
        tries += 1
        assert tries < 200000
        base = rand_sentence(rng, rng.randint(4, 9), VOCAB[:7]).split()
        refs = [" ".join(perturb(rng, move_blocks(rng, base, 1, 2, 3), 0.2, 0.15, 0.15, VOCAB[:7])) for _ in range(3)]
        hyp = " ".join(perturb(rng, base, 0.15, 0.1, 0.1, VOCAB[:7]))
        sc = [scorer.score(x, hyp) for x in refs]
        picks = {int(np.argmax([s[t].fmeasure for s in sc])) for t in ("rouge1", "rouge2", "rougeL")}
        if len(picks) >= (3 if len(mp) < 6 else 2):
            mp.append(hyp)
            mr.append(refs)
    mp += ["a b c d", "a b"]
    mr += [["a b c d x x x x", "x x x x a b c d", "a b c d y y y y"], ["a", "b", "a b c d"]]
    run_rouge("rouge/multi-ref-picks/stem0", mp, mr, False)
    run_rouge("rouge/multi-ref-picks/stem1-r3", mp, mr, True, rouge_types=["rouge1", "rouge2", "rouge3", "rougeL"])
    # bootstrap: seeds 0, 1, 12345; n_samples 1, 10, 1000; confidence 0.9; 1, 2 and 37 items
    rng = random.Random(4040)
    bp, br = [], []
    for _ in range(37):
        ref = rand_sentence(rng, rng.randint(3, 16))
        bp.append(" ".join(perturb(rng, ref.split(), 0.2, 0.1, 0.1)))
        br.append([ref])
    for n_items, runs in ((1, [(0, 1), (12345, 1000)]), (2, [(1, 10), (0, 1000)]),
                          (37, [(0, 1), (1, 10), (12345, 1000)])):
        for seed, ns in runs:
            run_rouge(f"rouge/bootstrap/items{n_items}/seed{seed}-n{ns}-ci0.9", bp[:n_items], br[:n_items], False,
                      boot=(seed, ns, 0.9))
    run_rouge("rouge/bootstrap/items37/seed0-n1000-ci0.9-stem-r3", bp, br, True,
              rouge_types=["rougeLsum", "rouge3", "rouge1"], boot=(0, 1000, 0.9))


# =====================================================================================
# jiwer 4.0.0
# =====================================================================================

# the "reference" texts of this file name the jiwer release
run_jiwer_words = functools.partial(rc.run_jiwer_words, jiwer_label="jiwer 4.0.0 ")
run_jiwer_chars = functools.partial(rc.run_jiwer_chars, jiwer_label="jiwer 4.0.0 ")

WS_PAIRS = [  # (hypothesis, reference)
    ("a\tb c", "a b c"),
    ("a\t\tb c", "a b c"),
    ("a\u00a0b c", "a b c"),
    ("a\u00a0\u00a0b c", "a b c"),
    ("a\u3000b c", "a b c"),
    ("a \u3000b c", "a b c"),
    ("line one\r\nline two", "line one line two"),
    ("line one\nline two", "line one line two"),
    ("a \t\u00a0\u3000 b", "a b"),
    ("  \t lead and trail \u3000\u00a0 ", "lead and trail"),
    ("\u2028a\u2028b\u2028", "a b"),
    ("a\u200bb c", "ab c"),
    ("x  y   z    w", "x y z w"),
    ("a\x1cb\x1d\x1ec", "a b c"),
]
EMOJI_PAIRS = [
    ("👨‍👩‍👧 family", "👨‍👩‍👦 family"),
    ("cafe\u0301", "caf\u00e9"),
    ("e\u0301\u0301\u0301", "e"),
    ("🇫🇷🇩🇪", "🇩🇪🇫🇷"),
    ("𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "Unicode"),
    ("👍🏽👍", "👍👍🏽"),
    ("한국어", "\u1112\u1161\u11ab\u1100\u116e\u11a8\u110b\u1165"),
    ("ﬁ ﬂ", "fi fl"),
]


def gen_jiwer():
    hyps = [h for h, _ in WS_PAIRS]
    refs = [r for _, r in WS_PAIRS]
    for i, (h, r) in enumerate(WS_PAIRS):
        if i in (0, 2, 6, 10, 11, 13):
            run_jiwer_words(f"ws-{i:02d}", [h], [r], metrics=("wer",))
    run_jiwer_words("ws-all", hyps, refs)
    run_jiwer_chars("ws-all", hyps, refs)
    for i in (9,):
        run_jiwer_chars(f"ws-{i:02d}", [WS_PAIRS[i][0]], [WS_PAIRS[i][1]])
    eh = [h for h, _ in EMOJI_PAIRS]
    er = [r for _, r in EMOJI_PAIRS]
    run_jiwer_chars("emoji-marks-all", eh, er)
    for i in (0, 1):
        run_jiwer_chars(f"emoji-marks-{i:02d}", [eh[i]], [er[i]])
    run_jiwer_words("emoji-marks-all", eh, er, metrics=("wer", "mer"))
    # long sentences (> 64 and > 128 words / characters) with many ties (repeated tokens)
    rng = random.Random(6464)
    lh, lr = [], []
    for n in (65, 70, 100, 129, 140, 200):
        ref = [rng.choice("ab") for _ in range(n)]
        hyp = perturb(rng, ref, 0.15, 0.1, 0.1, ["a", "b", "c"])
        lh.append(" ".join(hyp))
        lr.append(" ".join(ref))
    run_jiwer_words("long-ties-65", lh[:1], lr[:1], metrics=("wer",))
    run_jiwer_words("long-ties-129", lh[3:4], lr[3:4], metrics=("wer",))
    run_jiwer_words("long-ties-all", lh, lr)
    ch, cr = [], []
    for n in (64, 65, 127, 128, 129, 130, 200, 300):
        ref = "".join(rng.choice("ab ") for _ in range(n))
        hyp = "".join(perturb(rng, list(ref), 0.15, 0.1, 0.1, ["a", "b", "c", " "]))
        ch.append(hyp)
        cr.append(ref)
    run_jiwer_chars("long-ties-65", ch[1:2], cr[1:2])
    run_jiwer_chars("long-ties-129", ch[4:5], cr[4:5])
    run_jiwer_chars("long-ties-all", ch, cr)
    # shifted block in a long sentence (many equal-cost alignments), and a long natural sentence
    ref = rand_sentence(rng, 150, VOCAB[:12]).split()
    hyp = move_blocks(rng, ref, 4, 3, 10)
    run_jiwer_words("long-moved-blocks", [" ".join(hyp)], [" ".join(ref)], metrics=("wer", "wil"))
    run_jiwer_chars("long-moved-blocks", [" ".join(hyp)], [" ".join(ref)])
    # same words recurring across sentences of a corpus (global vocabulary)
    ch = ["the cat sat", "sat the cat", "cat cat cat", "the", "dog the cat sat on", "on sat cat the"]
    cr = ["the cat sat on", "the cat sat", "the cat", "cat", "the dog sat on the cat", "the cat sat on"]
    run_jiwer_words("shared-vocab", ch, cr, metrics=("wer", "mer"))
    run_jiwer_chars("shared-vocab", ch, cr)
    # jiwer 4 empty-reference semantics (corpus-level counts)
    for tag, h, r in [("empty-ref-empty-hyp", [""], [""]),
                      ("empty-ref-nonempty-hyp", ["a b c"], [""]),
                      ("whitespace-ref", ["a"], [" \t\u3000 "]),
                      ("all-empty-refs", ["a", "", "b c"], ["", "", ""]),
                      ("all-empty-both", ["", " ", "\t"], ["", "  ", "\u00a0"]),
                      ("one-empty-ref-of-three", ["a b", "x", "c"], ["a b", "", "c d"])]:
        if tag != "whitespace-ref":
            run_jiwer_words(tag, h, r, metrics=("wer", "mer", "wip") + (("wil",) if tag == "all-empty-refs" else ()))
        run_jiwer_chars(tag, h, r)


# =====================================================================================
# SQuAD
# =====================================================================================

SQUAD = [
    ("theater", ["the ater", "theater"]),
    ("another", ["other", "an other"]),
    ("A dog", ["dog"]),
    ("a dog", ["dog"]),
    ("An Apple", ["apple"]),
    ("THE end", ["end"]),
    ("a_b the_c", ["b c", "a_b the_c"]),
    ("the1 a2 an3", ["1 2 3"]),
    ("1the 2a 3an", ["1 2 3"]),
    ("éthe théa aé", ["é", "éthe théa aé"]),
    ("the² a² an²", ["²"]),
    ("theⅣ aⅣ Ⅳthe", ["Ⅳ"]),
    ("the-end a.b an,c", ["end b c"]),
    ("the's a's", ["s s"]),
    ("...", ["!!!"]),
    ("!!!", ["the"]),
    ("“quoted” ‘single’ — dash … ellipsis", ["quoted single dash ellipsis"]),
    ("«guillemets» ¿qué? ¡sí!", ["guillemets qué sí"]),
    ("naïve—café", ["naïve café", "naïvecafé"]),
    ("Ⓐ the Ⓑ", ["Ⓐ Ⓑ"]),
    ("the cat", ["cat", "the cat", "a cat sat"]),
    ("cat sat", ["the cat sat on", "cat", "sat cat"]),
    ("İstanbul", ["i̇stanbul", "istanbul"]),
    ("Straße", ["strasse", "straße"]),
    ("\u212Aelvin", ["kelvin"]),
    ("a\u00a0the\u3000an", [""]),
    ("", [""]),
    ("x", ["", "x"]),
    ("the the the", ["a an"]),
    ("tab\tsep\nnew", ["tab sep new"]),
]


def gen_squad():
    run_squad("adversarial", SQUAD)
    run_squad("articles-in-words", SQUAD[:14])
    run_squad("punct-unicode", SQUAD[14:20])
    run_squad("multi-ref-and-case", SQUAD[20:])


# =====================================================================================
# scikit-learn: classification
# =====================================================================================

def try_score(fn):
    try:
        return {"score": F(fn())}
    except ValueError as e:
        return {"error": str(e)}


def gen_classification():
    rs = np.random.RandomState(31415)
    sets = {}
    sets["str-missing-pred"] = (np.array(["cat", "dog", "bird", "cat", "dog", "bird", "cat", "dog", "bird", "cat"]),
                                np.array(["cat", "dog", "cat", "cat", "dog", "dog", "cat", "cat", "dog", "dog"]))
    sets["str-missing-true"] = (np.array(["cat", "dog", "dog", "cat", "dog", "cat", "dog", "cat"]),
                                np.array(["cat", "fish", "dog", "fish", "dog", "cat", "cat", "cat"]))
    nonascii = np.array(["café", "Cafe", "naïve", "Ärger", "猫", "zebra", "Zebra", "éclair"])
    y = rs.choice(nonascii, 60)
    p = y.copy()
    flip = rs.random_sample(60) < 0.4
    p[flip] = rs.choice(nonascii[:6], int(flip.sum()))
    sets["str-nonascii"] = (y, p)
    sets["bin-no-pos-pred"] = (np.array(["yes", "no", "yes", "no", "no"]), np.array(["no", "no", "no", "no", "no"]))
    sets["bin-no-pos-true"] = (np.array([0, 0, 0, 0, 0, 0]), np.array([0, 1, 0, 0, 1, 0]))
    sets["bin-nothing-pos"] = (np.array([0, 0, 0, 0]), np.array([0, 0, 0, 0]))

    prf = {"precision": skm.precision_score, "recall": skm.recall_score, "f1": skm.f1_score}

    def run_prf(name, k, opt):
        y, p = sets[k]
        kw = dict(opt)
        if name.startswith("fbeta"):
            fn, metric = skm.fbeta_score, "fbeta"
        else:
            fn, metric = prf[name], name
        tag = "/".join(f"{a}={b}" for a, b in opt.items())
        add(f"{metric}/extra/{k}/{tag}", metric, opt, clf_inputs(y, p), try_score(lambda: fn(y, p, **kw)),
            f"sklearn.metrics.{fn.__name__}(labels, predictions, **options)")

    for k, zero_metric in [("str-missing-pred", "precision"), ("str-missing-true", "recall")]:
        # the metric whose denominator is 0 for the missing class, with both zero_division values
        for avg in ["macro", "weighted"]:
            for zd in [0, 1]:
                run_prf(zero_metric, k, {"average": avg, "zero_division": zd})
        for zd in [0, 1]:
            run_prf("f1", k, {"average": "macro", "zero_division": zd})
        for beta in [0, 0.5, 2]:
            run_prf("fbeta", k, {"beta": beta, "average": "macro", "zero_division": 1})
        run_prf("f1", k, {"average": "micro"})
        run_prf("recall" if k == "str-missing-pred" else "precision", k, {"average": "micro"})
        run_prf("precision", k, {"average": "binary", "pos_label": "dog"})
    for name, avg in [("precision", "weighted"), ("f1", "macro")]:
        run_prf(name, "str-nonascii", {"average": avg})
    run_prf("f1", "str-nonascii", {"average": "binary", "pos_label": "猫"})
    run_prf("fbeta", "str-nonascii", {"beta": 0, "average": "weighted"})
    run_prf("fbeta", "str-nonascii", {"beta": 0.5, "average": "micro"})
    run_prf("fbeta", "str-nonascii", {"beta": 2, "average": "binary", "pos_label": "Ärger"})
    for k, pl, names in [("bin-no-pos-pred", "yes", ["precision", "f1", "fbeta"]),
                         ("bin-no-pos-true", 1, ["recall", "f1", "fbeta"]),
                         ("bin-nothing-pos", 1, ["precision", "recall", "f1"])]:
        for name in names:
            opt = {"average": "binary", "pos_label": pl, "zero_division": 1}
            if name == "fbeta":
                opt = {"beta": 2, **opt}
            run_prf(name, k, opt)
        if k != "bin-nothing-pos":
            run_prf("f1", k, {"average": "binary", "pos_label": pl, "zero_division": 0})
    # confusion matrix: code-point label order
    for k in ["str-nonascii", "str-missing-true"]:
        y, p = sets[k]
        labs = np.unique(np.concatenate([y, p]))
        cm = skm.confusion_matrix(y, p, labels=labs)
        assert (cm == skm.confusion_matrix(y, p)).all()
        add(f"confusion_matrix/extra/{k}", "confusion_matrix", {}, clf_inputs(y, p),
            {"labels": L(labs), "matrix": L(cm)},
            "sklearn.metrics.confusion_matrix (rows = true label, cols = predicted, labels sorted by numpy)")
    # cohen kappa with 5 classes
    y5 = rs.randint(0, 5, 80)
    p5 = np.clip(y5 + rs.choice([-2, -1, 0, 0, 0, 1, 2], 80), 0, 4)
    p5m = np.where(p5 == 2, 3, p5)  # class 2 never predicted
    s5 = np.array(["a-low", "b-mid", "C-high", "ä-top", "Z-max"])
    for tag, (y, p) in [("5class", (y5, p5)), ("5class-missing-pred", (y5, p5m)), ("5class-strings", (s5[y5], s5[p5]))]:
        for w in (["quadratic"] if tag == "5class" else ["linear", "quadratic"]):
            add(f"cohen_kappa/extra/{tag}/w={w}", "cohen_kappa", {"weights": w}, clf_inputs(y, p),
                try_score(lambda: skm.cohen_kappa_score(y, p, weights=w)),
                "sklearn.metrics.cohen_kappa_score(y1=labels, y2=predictions, weights=...)")
    # matthews
    mcc = [("multiclass-5", y5, p5), ("multiclass-strings", *sets["str-nonascii"]),
           ("all-pred-one-class", np.array([0, 1, 2, 1, 0, 2]), np.array([1, 1, 1, 1, 1, 1])),
           ("both-constant", np.array([2, 2, 2]), np.array([2, 2, 2])),
           ("binary-anti", np.array([0, 1, 0, 1]), np.array([1, 0, 1, 0])),
           ("labels-one-class", np.array(["x", "x", "x", "x"]), np.array(["x", "y", "z", "x"]))]
    for tag, y, p in mcc:
        add(f"matthews_corrcoef/extra/{tag}", "matthews_corrcoef", {}, clf_inputs(y, p),
            try_score(lambda: skm.matthews_corrcoef(y, p)), "sklearn.metrics.matthews_corrcoef")

    # roc_auc ovr weighted
    def probs(n, k, seed, decimals=4, imbalance=None):
        r = np.random.RandomState(seed)
        y = r.choice(k, size=n, p=imbalance)
        logits = r.normal(0, 1.0, size=(n, k))
        logits[np.arange(n), y] += 1.0
        pr = np.exp(logits)
        pr /= pr.sum(1, keepdims=True)
        pr = np.round(pr, decimals)
        pr[:, -1] = np.round(1 - pr[:, :-1].sum(1), decimals)
        pr = np.clip(pr, 0, 1)
        return y, pr

    y3, p3 = probs(90, 3, 21, 1, [0.6, 0.3, 0.1])
    y4, p4 = probs(150, 4, 22, 3, [0.1, 0.2, 0.3, 0.4])
    ystr = np.array(["β", "α", "Γ", "a"])[y4]
    for tag, y, pr in [("3class-ties-imbalanced", y3, p3), ("4class-imbalanced", y4, p4),
                       ("4class-strings-nonascii", ystr, p4)]:
        add(f"roc_auc/ovr-weighted/{tag}", "roc_auc", {"multi_class": "ovr", "average": "weighted"},
            {"labels": L(y), "scores": L(pr)},
            try_score(lambda: skm.roc_auc_score(y, pr, multi_class="ovr", average="weighted")),
            "sklearn.metrics.roc_auc_score(multi_class='ovr', average='weighted'); columns = sorted labels")
    add("roc_auc/ovr-macro/4class-strings-nonascii", "roc_auc", {"multi_class": "ovr", "average": "macro"},
        {"labels": L(ystr), "scores": L(p4)},
        try_score(lambda: skm.roc_auc_score(ystr, p4, multi_class="ovr", average="macro")),
        "sklearn.metrics.roc_auc_score(multi_class='ovr', average='macro'); columns = sorted labels")
    # average precision pos_label 0 with ties
    yb = rs.randint(0, 2, 50)
    sb = np.round(np.clip(0.5 + 0.3 * (1 - 2 * yb) + rs.normal(0, 0.3, 50), 0, 1), 1)
    add("average_precision/extra/pos0-ties-50", "average_precision", {"pos_label": 0},
        {"labels": L(yb), "scores": L(sb)}, try_score(lambda: skm.average_precision_score(yb, sb, pos_label=0)),
        "sklearn.metrics.average_precision_score(pos_label=0) (scores = score of class 0)")
    yt = np.array([0, 0, 1, 1, 0, 1, 0, 0])
    st = np.array([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5])
    for pl in (0, 1):
        add(f"average_precision/extra/all-tied/pos{pl}", "average_precision", {"pos_label": pl},
            {"labels": L(yt), "scores": L(st)}, try_score(lambda: skm.average_precision_score(yt, st, pos_label=pl)),
            "sklearn.metrics.average_precision_score(pos_label=...)")
    yt2 = np.array([1, 1, 1, 0])
    st2 = np.array([0.9, 0.1, 0.1, 0.1])
    add("average_precision/extra/no-pos0-in-ties", "average_precision", {"pos_label": 0},
        {"labels": L(yt2), "scores": L(st2)}, try_score(lambda: skm.average_precision_score(yt2, st2, pos_label=0)),
        "sklearn.metrics.average_precision_score(pos_label=0)")
    # log loss
    ym = np.array([0, 1, 2, 2, 1, 0, 1])
    pm = np.array([[0.5, 0.5, 0.5], [2.0, 1.0, 1.0], [0.1, 0.1, 0.1], [0.0, 0.0, 0.0], [0.2, 0.3, 0.1],
                   [1.0, 1.0, 0.0], [0.3, 0.3, 0.3]])
    add("log_loss/extra/multiclass-unnormalised-rows", "log_loss", {}, {"labels": L(ym), "scores": L(pm)},
        try_score(lambda: skm.log_loss(ym, pm)),
        "sklearn.metrics.log_loss (1.2.1: clip to [eps, 1-eps] then divide each row by its sum)")
    y1 = np.array([1, 0, 1, 1, 0])
    p1 = np.array([0.8, 0.3, 1.0, 0.0, 1e-20])
    add("log_loss/extra/binary-1d", "log_loss", {}, {"labels": L(y1), "scores": L(p1)},
        try_score(lambda: skm.log_loss(y1, p1)), "sklearn.metrics.log_loss (1-D scores = P(greater label))")
    ys = np.array(["ja", "nein", "ja", "nein"])
    ps = np.array([0.1, 0.9, 0.3, 0.6])
    add("log_loss/extra/binary-1d-strings", "log_loss", {}, {"labels": L(ys), "scores": L(ps)},
        try_score(lambda: skm.log_loss(ys, ps)), "sklearn.metrics.log_loss (1-D scores = P('nein'), the greater label)")
    ysm = np.array(["ü", "b", "A", "b", "ü"])
    psm = np.array([[0.2, 0.3, 0.5], [0.1, 0.8, 0.1], [0.6, 0.2, 0.2], [0.3, 0.3, 0.3], [0.0, 0.5, 0.5]])
    add("log_loss/extra/multiclass-strings-order", "log_loss", {}, {"labels": L(ysm), "scores": L(psm)},
        try_score(lambda: skm.log_loss(ysm, psm)), "sklearn.metrics.log_loss (columns = sorted labels 'A','b','ü')")
    # brier pos_label 0
    add("brier_score/extra/pos0", "brier_score", {"pos_label": 0}, {"labels": L(yb), "scores": L(sb)},
        try_score(lambda: skm.brier_score_loss(yb, sb, pos_label=0)),
        "sklearn.metrics.brier_score_loss(pos_label=0) (scores = P(class 0))")
    add("brier_score/extra/pos0-all-class0", "brier_score", {"pos_label": 0},
        {"labels": [0, 0, 0], "scores": [0.1, 0.9, 0.5]},
        try_score(lambda: skm.brier_score_loss([0, 0, 0], [0.1, 0.9, 0.5], pos_label=0)),
        "sklearn.metrics.brier_score_loss(pos_label=0)")

    # calibration
    yc = rs.randint(0, 2, 120)
    sc = np.round(np.clip(0.5 + 0.25 * (2 * yc - 1) + rs.normal(0, 0.25, 120), 0, 1), 1)  # many ties
    sc[:30] = 0.3  # a big tie block
    edge_s = np.array([0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 0.05, 0.15, 0.35, 0.65, 0.95] * 2)
    edge_y = np.array([0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0, 1, 1, 1] + [1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 1])
    cal = [("ties-120", yc, sc, nb, "quantile") for nb in (1, 3, 10, 20)]
    cal += [("on-edges", edge_y, edge_s, 10, "uniform"), ("on-edges", edge_y, edge_s, 20, "uniform"),
            ("on-edges", edge_y, edge_s, 10, "quantile"), ("on-edges", edge_y, edge_s, 1, "uniform")]
    for tag, y, p, nb, strat in cal:
        pt, pp = calibration_curve(y, p, n_bins=nb, strategy=strat)
        pt2, pp2, cnt, ece = calib_numpy(y, p, nb, strat)
        assert np.array_equal(pt, pt2) and np.array_equal(pp, pp2), tag
        add(f"calibration/extra/{tag}/{strat}-{nb}", "calibration", {"n_bins": nb, "strategy": strat},
            {"labels": L(y), "scores": L(p)},
            {"prob_true": L(pt), "prob_pred": L(pp), "counts": L(cnt), "ece": F(ece)},
            "prob_true/prob_pred: sklearn.calibration.calibration_curve; counts/ece: numpy re-implementation of "
            "sklearn's binning (asserted equal to sklearn's prob_true/prob_pred)")


# =====================================================================================
# scikit-learn: regression
# =====================================================================================

def gen_regression():
    rs = np.random.RandomState(2024)
    fns = {
        "mae": (skm.mean_absolute_error, "sklearn.metrics.mean_absolute_error"),
        "mse": (skm.mean_squared_error, "sklearn.metrics.mean_squared_error"),
        "rmse": (lambda y, p: np.sqrt(skm.mean_squared_error(y, p)), "numpy.sqrt(sklearn.metrics.mean_squared_error)"),
        "r2": (skm.r2_score, "sklearn.metrics.r2_score (force_finite default)"),
        "mape": (skm.mean_absolute_percentage_error, "sklearn.metrics.mean_absolute_percentage_error"),
        "median_absolute_error": (skm.median_absolute_error, "sklearn.metrics.median_absolute_error"),
        "explained_variance": (skm.explained_variance_score,
                               "sklearn.metrics.explained_variance_score (force_finite default)"),
    }
    sets = []
    y = np.round(rs.normal(-50, 30, 41), 3)
    sets.append(("negative-41", y, np.round(y + rs.normal(0, 10, 41), 3), None))
    # r2 is left out of the one-sample sets: sklearn returns NaN there (warning), not a number or an error
    sets.append(("one-sample", np.array([-3.5]), np.array([2.25]),
                 {"mae", "mse", "median_absolute_error", "explained_variance"}))
    sets.append(("one-sample-exact", np.array([7.0]), np.array([7.0]), {"mape", "explained_variance"}))
    # mse/rmse/r2/explained_variance/mape overflow to inf here: only the finite ones are recorded
    sets.append(("huge-1e300", np.array([1e300, -1e300, 5e299, 0.0]), np.array([-1e300, 1e300, 4e299, 1e299]),
                 {"mae", "median_absolute_error"}))
    sets.append(("big-1e150", np.array([1e150, -2e150, 3e150, 0.0, 1.5e150]),
                 np.array([1.1e150, -1e150, 2.5e150, 1e149, 1.5e150]), {"mse", "rmse", "r2", "explained_variance"}))
    sets.append(("tiny-1e-300", np.array([1e-300, -2e-300, 3e-300, 5e-324]), np.array([2e-300, -1e-300, 3e-300, 0.0]),
                 {"mae", "mse", "r2", "mape", "explained_variance"}))
    sets.append(("mixed-magnitudes", np.array([1e-10, 1e10, -1e5, 3.0, 1e-300, 1e15]),
                 np.array([2e-10, 1.0000001e10, -1e5, 2.0, 0.0, 1.0000000001e15]), {"mae", "mape"}))
    sets.append(("median-even-6", np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]), np.array([1.5, 1.0, 3.25, 7.0, 4.0, 6.0]),
                 {"median_absolute_error"}))
    sets.append(("median-odd-7", np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]),
                 np.array([1.5, 1.0, 3.25, 7.0, 4.0, 6.0, -7.0]), {"median_absolute_error"}))
    sets.append(("median-even-2", np.array([0.1, 0.2]), np.array([0.3, 0.7]), {"median_absolute_error", "r2"}))
    # pairwise-summation sizes (numpy sums in blocks of 8 / 128)
    for n, only in ((9, {"mae"}), (129, {"mae"}),
                    (1000, {"mae", "mse", "r2", "explained_variance", "mape"})):
        y = rs.uniform(-1, 1, n) * 10.0 ** rs.randint(-8, 9, n)
        sets.append((f"pairwise-sum-{n}", y, y + rs.normal(0, 1, n) * np.abs(y) * 0.1 + 0.1, only))
    for tag, y, p, only in sets:
        for name, (fn, ref) in fns.items():
            if only and name not in only:
                continue
            add(f"{name}/extra/{tag}", name, {}, {"labels": L(y), "predictions": L(p)}, {"score": F(fn(y, p))}, ref)


# =====================================================================================

def regex_version():
    """The `regex` module (sacreBLEU's intl tokenizer) reports an internal version; add the Debian package's."""
    import subprocess
    try:
        deb = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-regex"], capture_output=True, text=True,
                             check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        deb = "unknown"
    return f"{regex.__version__} (Debian python3-regex {deb})"


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "reference-values-extra.json")
    gen_bleu()
    gen_chrf()
    gen_ter()
    gen_rouge()
    gen_jiwer()
    gen_squad()
    gen_classification()
    gen_regression()
    jv = rc.jiwer_version()
    assert jv == "4.0.0", jv
    rc.write_cases(out, "generate_extra.py", {
        "sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
        "sacrebleu": sacrebleu.__version__, "rouge_score": "0.1.2", "nltk": nltk.__version__,
        "jiwer": jv, "jiwer_commit": "19e88eae1815e7ca40db9b45b14af5f1f9d8b6ce",
        "rapidfuzz": rapidfuzz.__version__, "rapidfuzz_implementation": rc.rapidfuzz_implementation(),
        "regex": regex_version(), "python_unicodedata": unicodedata.unidata_version})

if __name__ == "__main__":
    main()
