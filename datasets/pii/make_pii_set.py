#!/usr/bin/env python3
"""Deterministic generator for a labelled, multilingual PII held-out set.

Output: pii-heldout.jsonl next to this script, one JSON object per line:
    {"text": ..., "lang": "en|fr|es|de", "entities": [{"type", "start", "end"}]}
start/end are Python code-point indices, end exclusive.

A side file pii-heldout.negatives.jsonl lists, per line (same order), the hard
negatives planted in each record (kind/start/end). They are NOT entities; it only
helps analyse false positives by category.

Standard library only.  Seed 20261122.  Run:  python3 make_pii_set.py
"""
import calendar
import hashlib
import ipaddress
import json
import os
import random
import re
import sys
import unicodedata
import uuid
from collections import Counter

SEED = 20261122
N_RECORDS = 1500
OUT_DIR = os.path.dirname(os.path.abspath(__file__))
OUT_FILE = os.path.join(OUT_DIR, "pii-heldout.jsonl")
NEG_FILE = os.path.join(OUT_DIR, "pii-heldout.negatives.jsonl")

rng = random.Random(SEED)


def ch(seq):
    return rng.choice(seq)


def wchoice(pairs):
    items = [p[0] for p in pairs]
    weights = [p[1] for p in pairs]
    return rng.choices(items, weights=weights, k=1)[0]


def digits(n):
    return "".join(str(rng.randrange(10)) for _ in range(n))


def nz_digits(n):
    """n digits, first one 2-9 (subscriber numbers)."""
    return str(rng.randint(2, 9)) + digits(n - 1)


def rbytes(n):
    return bytes(rng.getrandbits(8) for _ in range(n))


# Segments ------------------------------------------------------------------
def T(text):
    return {"text": text}


def E(text, label, **meta):
    return {"text": text, "label": label, "meta": meta}


def N(text, kind):
    return {"text": text, "neg": kind}


# =============================================================================
# Checksum primitives (generation side)
# =============================================================================
def luhn_check_digit(partial):
    total = 0
    for i, c in enumerate(reversed(partial)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def iban_check_digits(cc, bban):
    rearranged = bban + cc + "00"
    num = int("".join(str(int(c, 36)) for c in rearranged))
    return "%02d" % (98 - num % 97)


B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def dsha256(b):
    return hashlib.sha256(hashlib.sha256(b).digest()).digest()


def b58encode(b):
    n = int.from_bytes(b, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    pad = len(b) - len(b.lstrip(b"\0"))
    return "1" * pad + out


def base58check_encode(version, payload):
    data = bytes([version]) + payload
    return b58encode(data + dsha256(data)[:4])


BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
BECH32_CONST = 1
BECH32M_CONST = 0x2BC830A3


def bech32_polymod(values):
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        top = chk >> 25
        chk = ((chk & 0x1FFFFFF) << 5) ^ v
        for i in range(5):
            if (top >> i) & 1:
                chk ^= gen[i]
    return chk


def bech32_hrp_expand(hrp):
    return [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]


def convertbits(data, frombits, tobits, pad=True):
    acc = 0
    bits = 0
    ret = []
    maxv = (1 << tobits) - 1
    max_acc = (1 << (frombits + tobits - 1)) - 1
    for value in data:
        if value < 0 or (value >> frombits):
            return None
        acc = ((acc << frombits) | value) & max_acc
        bits += frombits
        while bits >= tobits:
            bits -= tobits
            ret.append((acc >> bits) & maxv)
    if pad:
        if bits:
            ret.append((acc << (tobits - bits)) & maxv)
    elif bits >= frombits or ((acc << (tobits - bits)) & maxv):
        return None
    return ret


def segwit_encode(hrp, witver, program):
    const = BECH32_CONST if witver == 0 else BECH32M_CONST
    data = [witver] + convertbits(program, 8, 5)
    polymod = bech32_polymod(bech32_hrp_expand(hrp) + data + [0] * 6) ^ const
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH32_CHARSET[d] for d in data + checksum)


# =============================================================================
# Independent validators (verification side; written separately on purpose)
# =============================================================================
def luhn_valid(number):
    if not number.isdigit():
        return False
    s = 0
    parity = len(number) % 2
    for idx, c in enumerate(number):
        d = ord(c) - 48
        if idx % 2 == parity:
            d = d * 2
            d = d - 9 if d > 9 else d
        s += d
    return s % 10 == 0


IBAN_LEN = {"DE": 22, "FR": 27, "GB": 22, "ES": 24, "IT": 27, "NL": 18,
            "BE": 16, "CH": 21, "AT": 20, "PL": 28}


def iban_valid(text):
    s = text.replace(" ", "")
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]+", s):
        return False
    if IBAN_LEN.get(s[:2]) != len(s):
        return False
    moved = s[4:] + s[:4]
    rem = 0
    for c in moved:                       # piecewise mod-97 (ISO 7064)
        v = ord(c) - 48 if c.isdigit() else ord(c) - 55
        rem = (rem * (100 if v > 9 else 10) + v) % 97
    return rem == 1


def iban_mod97_ok(compact):
    """mod-97 only (no length rule) for scanning negatives."""
    moved = compact[4:] + compact[:4]
    rem = 0
    for c in moved:
        v = ord(c) - 48 if c.isdigit() else ord(c) - 55
        rem = (rem * (100 if v > 9 else 10) + v) % 97
    return rem == 1


def ssn_valid(text):
    m = re.fullmatch(r"(\d{3})-(\d{2})-(\d{4})", text)
    if not m:
        return False
    a, g, s = m.groups()
    if a in ("000", "666") or a[0] == "9":
        return False
    return g != "00" and s != "0000"


def b58check_decode(s):
    """Return payload incl. version byte, or None if invalid."""
    if not s or any(c not in B58 for c in s):
        return None
    n = 0
    for c in s:
        n = n * 58 + B58.index(c)
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    lead = len(s) - len(s.lstrip("1"))
    raw = b"\0" * lead + body
    if len(raw) < 5:
        return None
    data, chk = raw[:-4], raw[-4:]
    if hashlib.sha256(hashlib.sha256(data).digest()).digest()[:4] != chk:
        return None
    return data


def btc_base58_valid(addr):
    data = b58check_decode(addr)
    if data is None or len(data) != 21:
        return None
    if data[0] == 0x00 and addr[0] == "1":
        return "p2pkh"
    if data[0] == 0x05 and addr[0] == "3":
        return "p2sh"
    return None


def bech32_decode_verify(addr):
    """BIP-173/BIP-350 decoder. Returns (witver, program bytes) or None."""
    if any(ord(x) < 33 or ord(x) > 126 for x in addr):
        return None
    if addr.lower() != addr and addr.upper() != addr:
        return None
    addr = addr.lower()
    pos = addr.rfind("1")
    if pos < 1 or pos + 7 > len(addr) or len(addr) > 90:
        return None
    hrp = addr[:pos]
    if hrp != "bc":
        return None
    if any(c not in BECH32_CHARSET for c in addr[pos + 1:]):
        return None
    data = [BECH32_CHARSET.find(c) for c in addr[pos + 1:]]
    pm = bech32_polymod(bech32_hrp_expand(hrp) + data)
    if pm == BECH32_CONST:
        enc = "bech32"
    elif pm == BECH32M_CONST:
        enc = "bech32m"
    else:
        return None
    values = data[:-6]
    if not values:
        return None
    witver = values[0]
    prog = convertbits(values[1:], 5, 8, False)
    if prog is None or witver > 16 or not (2 <= len(prog) <= 40):
        return None
    if witver == 0 and (enc != "bech32" or len(prog) not in (20, 32)):
        return None
    if witver != 0 and enc != "bech32m":
        return None
    return witver, bytes(prog)


def self_test():
    """Known vectors from the BIPs / standards."""
    assert luhn_valid("4111111111111111") and luhn_valid("79927398713")
    assert not luhn_valid("4111111111111112")
    assert luhn_check_digit("411111111111111") == "1"
    assert iban_valid("GB82 WEST 1234 5698 7654 32")
    assert iban_valid("DE89370400440532013000")
    assert iban_check_digits("DE", "370400440532013000") == "89"
    g = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"           # genesis block address
    h = bytes.fromhex("62e907b15cbf27d5425399ebf6f0fb50ebb88f18")
    assert base58check_encode(0, h) == g and btc_base58_valid(g) == "p2pkh"
    assert b58check_decode(g)[1:] == h
    v173 = "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4"   # BIP-173 vector
    p = bytes.fromhex("751e76e8199196d454941c45d1b3a323f1433bd6")
    assert bech32_decode_verify(v173) == (0, p)
    assert segwit_encode("bc", 0, p) == v173.lower()
    assert bech32_decode_verify("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5") is None
    v350 = "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"  # BIP-350
    p1 = bytes.fromhex("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798")
    assert bech32_decode_verify(v350) == (1, p1)
    assert segwit_encode("bc", 1, p1) == v350
    # v1 address encoded with bech32 (not bech32m) must be rejected
    data = [1] + convertbits(p1, 8, 5)
    pm = bech32_polymod(bech32_hrp_expand("bc") + data + [0] * 6) ^ 1
    bad = "bc1" + "".join(BECH32_CHARSET[d] for d in data + [(pm >> 5 * (5 - i)) & 31 for i in range(6)])
    assert bech32_decode_verify(bad) is None
    assert ssn_valid("123-45-6789") and not ssn_valid("666-12-3456")
    assert not ssn_valid("000-12-3456") and not ssn_valid("912-12-3456")


# =============================================================================
# Names
# =============================================================================
NAMES = {
    "english": {
        "m": ["James", "John", "Michael", "David", "Robert", "William", "Daniel", "Matthew",
              "Thomas", "Christopher", "Andrew", "Joshua", "Ryan", "Benjamin", "Samuel",
              "Oliver", "Harry", "George", "Jack", "Ethan"],
        "f": ["Mary", "Jennifer", "Emily", "Sarah", "Jessica", "Elizabeth", "Laura", "Hannah",
              "Olivia", "Sophie", "Charlotte", "Amelia", "Rebecca", "Rachel", "Megan",
              "Katherine", "Grace", "Chloe", "Lucy", "Abigail"],
        "last": ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
                 "Taylor", "Anderson", "Thompson", "Moore", "Martin", "White", "Harris",
                 "Clarke", "Walker", "Wright", "Robinson", "Hughes", "Edwards", "Bennett",
                 "Cooper", "Murphy", "O'Connor", "Fitzgerald", "Campbell", "Stewart",
                 "Mitchell", "Kowalski"],
    },
    "french": {
        "m": ["Julien", "Nicolas", "Thomas", "Antoine", "Mathieu", "Pierre", "Louis", "Hugo",
              "Théo", "Lucas", "Baptiste", "François", "Jérôme", "Olivier", "Sébastien"],
        "f": ["Camille", "Léa", "Manon", "Chloé", "Émilie", "Sophie", "Juliette", "Céline",
              "Aurélie", "Inès", "Margaux", "Hélène", "Claire", "Anaïs", "Mathilde"],
        "last": ["Martin", "Bernard", "Dubois", "Robert", "Richard", "Petit", "Durand",
                 "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Bertrand",
                 "Roux", "Vincent", "Fournier", "Morel", "Girard", "Mercier", "Blanc",
                 "Guérin", "Chevalier", "Lemoine", "Faure", "Rousseau", "Gauthier"],
    },
    "spanish": {
        "m": ["José", "Juan", "Carlos", "Javier", "Miguel", "Alejandro", "Pablo", "Diego",
              "Sergio", "Andrés", "Fernando", "Raúl", "Álvaro", "Jorge", "Luis"],
        "f": ["María", "Lucía", "Carmen", "Ana", "Laura", "Marta", "Sofía", "Elena", "Paula",
              "Isabel", "Cristina", "Beatriz", "Claudia", "Natalia", "Pilar"],
        "last": ["García", "Fernández", "González", "Rodríguez", "López", "Martínez",
                 "Sánchez", "Pérez", "Gómez", "Jiménez", "Ruiz", "Hernández", "Díaz",
                 "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso", "Gutiérrez", "Navarro",
                 "Torres", "Domínguez", "Vázquez", "Ramos"],
    },
    "german": {
        "m": ["Lukas", "Jonas", "Maximilian", "Felix", "Leon", "Paul", "Tobias", "Florian",
              "Stefan", "Andreas", "Matthias", "Jürgen", "Klaus", "Wolfgang", "Niklas"],
        "f": ["Anna", "Lena", "Leonie", "Hannah", "Julia", "Katharina", "Sabine", "Petra",
              "Claudia", "Franziska", "Sophie", "Jana", "Miriam", "Ursula", "Birgit"],
        "last": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner",
                 "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter",
                 "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun",
                 "Krüger", "Hofmann", "Hartmann", "Lange", "Weiß", "Vogel", "Köhler"],
    },
    "nigerian": {
        "m": ["Chinedu", "Emeka", "Oluwaseun", "Tunde", "Adebayo", "Ifeanyi", "Obinna",
              "Babatunde", "Chukwuemeka", "Olumide", "Musa", "Ibrahim", "Kelechi", "Segun",
              "Uche"],
        "f": ["Ngozi", "Chiamaka", "Aisha", "Funmilayo", "Adaeze", "Yetunde", "Nkechi",
              "Folake", "Amaka", "Temitope", "Bukola", "Zainab", "Chioma", "Ifeoma", "Halima"],
        "last": ["Okafor", "Adeyemi", "Balogun", "Nwosu", "Okonkwo", "Eze", "Bello",
                 "Ogunleye", "Onyeka", "Abubakar", "Okoro", "Ibekwe", "Afolabi", "Nwachukwu",
                 "Olaniyan", "Uzoma", "Danjuma", "Chukwu", "Oyelaran", "Adewale"],
    },
    "indian": {
        "m": ["Rahul", "Arjun", "Vikram", "Rohan", "Aditya", "Sanjay", "Amit", "Karthik",
              "Siddharth", "Ravi", "Anil", "Suresh", "Pranav", "Nikhil", "Rajesh"],
        "f": ["Priya", "Ananya", "Kavya", "Divya", "Sneha", "Pooja", "Neha", "Aishwarya",
              "Lakshmi", "Meera", "Deepika", "Shreya", "Anjali", "Riya", "Sunita"],
        "last": ["Sharma", "Verma", "Patel", "Iyer", "Reddy", "Nair", "Gupta", "Singh",
                 "Kumar", "Mehta", "Joshi", "Rao", "Chatterjee", "Banerjee", "Menon",
                 "Pillai", "Desai", "Kapoor", "Agarwal", "Krishnan"],
    },
    "chinese": {
        "m": ["Wei", "Jun", "Hao", "Lei", "Yong", "Jie", "Tao", "Ming", "Qiang", "Zhiwei",
              "Haoran", "Yuxuan", "Jianguo", "Xiaolong", "Zihan"],
        "f": ["Fang", "Na", "Jing", "Mei", "Xiuying", "Yan", "Ling", "Min", "Hui", "Xin",
              "Yuting", "Jiayi", "Xiaomei", "Lan", "Shu"],
        "last": ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou",
                 "Xu", "Sun", "Zhu", "Guo", "Lin", "Gao", "Luo", "Zheng", "Liang", "Tang"],
    },
    "arabic": {
        "m": ["Mohammed", "Ahmed", "Omar", "Youssef", "Khalid", "Hassan", "Ali", "Tariq",
              "Karim", "Samir", "Mustafa", "Ibrahim", "Hamza", "Bilal", "Nabil"],
        "f": ["Fatima", "Aisha", "Layla", "Mariam", "Noor", "Yasmin", "Huda", "Salma", "Rania",
              "Leila", "Amira", "Zainab", "Nadia", "Samira", "Hana"],
        "last": ["Al-Farsi", "Haddad", "Khalil", "Nasser", "El-Sayed", "Mansour", "Al-Rashid",
                 "Hamdan", "Saleh", "Aziz", "Benali", "El Amrani", "Abdullah", "Barakat",
                 "Hijazi", "Darwish", "Suleiman", "Al-Hashimi", "Farouk", "Mahmoud"],
    },
}

CULTURE_W = {
    "en": [("english", 30), ("nigerian", 15), ("indian", 15), ("chinese", 12), ("arabic", 12),
           ("french", 5), ("spanish", 6), ("german", 5)],
    "fr": [("french", 60), ("arabic", 18), ("english", 5), ("spanish", 5), ("nigerian", 4),
           ("chinese", 4), ("german", 4)],
    "es": [("spanish", 68), ("english", 8), ("arabic", 7), ("chinese", 5), ("french", 5),
           ("german", 4), ("indian", 3)],
    "de": [("german", 64), ("arabic", 10), ("english", 8), ("spanish", 5), ("french", 5),
           ("indian", 4), ("chinese", 4)],
}

TITLES = {
    "en": {"m": ["Mr.", "Mr.", "Dr.", "Prof."], "f": ["Ms.", "Mrs.", "Dr.", "Miss"]},
    "fr": {"m": ["M.", "Monsieur", "Dr"], "f": ["Mme", "Madame", "Dr"]},
    "es": {"m": ["Sr.", "Don", "Dr."], "f": ["Sra.", "Doña", "Dra."]},
    "de": {"m": ["Herr", "Dr.", "Herr Dr."], "f": ["Frau", "Dr.", "Frau Dr."]},
}


def new_person(lang):
    cult = wchoice(CULTURE_W[lang])
    d = NAMES[cult]
    g = ch("mf")
    first = ch(d[g])
    last = ch(d["last"])
    if cult == "spanish" and rng.random() < 0.35:
        second = ch([x for x in d["last"] if x != last])
        last = last + " " + second
    if cult == "chinese" and rng.random() < 0.5:
        display = last + " " + first
    else:
        display = first + " " + last
    return {"first": first, "last": last, "gender": g, "display": display, "culture": cult}


def fold(s):
    s = s.replace("ß", "ss").replace("æ", "ae").replace("ø", "o")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


# =============================================================================
# Entity generators
# =============================================================================
def g_NAME(lang, ctx):
    p = new_person(lang)
    ctx["persons"].append(p)
    return [E(p["display"], "PERSON", culture=p["culture"])]


def g_TNAME(lang, ctx):
    p = new_person(lang)
    ctx["persons"].append(p)
    title = ch(TITLES[lang][p["gender"]])
    return [T(title + " "), E(p["display"], "PERSON", culture=p["culture"], title=title)]


def _gender(ctx):
    if ctx["persons"]:
        return ctx["persons"][-1]["gender"]
    if "speaker" not in ctx:
        ctx["speaker"] = ch("mf")
    return ctx["speaker"]


def g_NE(lang, ctx):
    return [T("née" if _gender(ctx) == "f" else "né")]


def g_NACIDO(lang, ctx):
    return [T("nacida" if _gender(ctx) == "f" else "nacido")]


def g_NACIDO_CAP(lang, ctx):
    return [T("Nacida" if _gender(ctx) == "f" else "Nacido")]


FREEMAIL = {
    "en": ["gmail.com", "outlook.com", "yahoo.com", "hotmail.co.uk", "icloud.com",
           "protonmail.com", "aol.com", "yahoo.co.in", "btinternet.com"],
    "fr": ["orange.fr", "free.fr", "laposte.net", "gmail.com", "sfr.fr", "wanadoo.fr",
           "hotmail.fr", "outlook.fr"],
    "es": ["gmail.com", "hotmail.es", "yahoo.es", "telefonica.net", "outlook.es",
           "prodigy.net.mx"],
    "de": ["gmx.de", "web.de", "t-online.de", "gmail.com", "posteo.de", "gmx.net",
           "outlook.de"],
}
CORP = {
    "en": ["northwind-traders.com", "contoso.com", "fabrikam.co.uk", "acme-logistics.com",
           "brightline-health.org", "globex.net", "initech.io", "umbrella-insurance.com",
           "lagos-fintech.ng", "infosys-partners.in", "cs.example.edu"],
    "fr": ["dupont-associes.fr", "cabinet-moreau.fr", "mairie-lyon.fr", "banque-azur.fr",
           "transports-girard.com"],
    "es": ["grupo-iberica.es", "consultora-andina.com", "clinica-sanrafael.es",
           "ayto-valencia.es", "logistica-levante.es"],
    "de": ["mueller-gmbh.de", "stadtwerke-bonn.de", "kanzlei-hartmann.de",
           "autohaus-becker.de", "praxis-neumann.de"],
}
ROLES = ["billing", "support", "info", "accounts", "hr", "privacy", "sales", "helpdesk",
         "payroll", "kontakt", "contact", "facturation", "atencion.cliente"]


def email_for(p, lang):
    f = re.sub(r"[^a-z]", "", fold(p["first"]).lower())
    l = re.sub(r"[^a-z]", "", fold(p["last"]).lower())
    local = ch([f + "." + l, f[0] + "." + l, f + l, f + "_" + l, l + "." + f,
                f + "." + l + str(rng.randint(1, 99)), f + l[0], f[0] + l,
                f + str(rng.randint(70, 99)), f + "." + l])
    if rng.random() < 0.07:
        local += "+" + ch(["billing", "news", "work", "shop"])
    dom = ch(FREEMAIL[lang]) if rng.random() < 0.6 else ch(CORP[lang])
    return local + "@" + dom


def g_EMAIL(lang, ctx):
    r = rng.random()
    if ctx["persons"] and r < 0.6:
        addr = email_for(ctx["persons"][-1], lang)
    elif r < 0.88:
        addr = email_for(new_person(lang), lang)
    else:
        addr = ch(ROLES) + "@" + ch(CORP[lang])
    return [E(addr, "EMAIL_ADDRESS")]


# ---- phones -----------------------------------------------------------------
US_AREAS = ["212", "213", "305", "312", "415", "512", "617", "646", "702", "713", "202",
            "206", "303", "404", "503", "602", "718", "818", "919", "972"]
CA_AREAS = ["416", "604", "514", "613", "403", "778", "647", "905", "780", "902"]


def _nanp(areas):
    while True:
        ex = str(rng.randint(2, 9)) + digits(2)
        if ex[1:] != "11":
            return ch(areas), ex, digits(4)


def phone_nanp(areas, e164):
    a, x, l = _nanp(areas)
    if e164:
        return ch(["+1 {a} {x} {l}", "+1-{a}-{x}-{l}", "+1{a}{x}{l}", "+1 ({a}) {x}-{l}"]).format(a=a, x=x, l=l)
    return ch(["({a}) {x}-{l}", "({a}) {x}-{l}", "{a}-{x}-{l}", "{a}.{x}.{l}", "{a} {x} {l}",
               "1-{a}-{x}-{l}"]).format(a=a, x=x, l=l)


def phone_us(e164):
    return phone_nanp(US_AREAS, e164)


def phone_ca(e164):
    return phone_nanp(CA_AREAS, e164)


def phone_uk(e164):
    kind = wchoice([("mob", 5), ("lon", 3), ("geo3", 2), ("geo4", 1), ("geo02", 1)])
    if kind == "mob":
        nsn = "7" + ch("1234579") + digits(8)
        parts = (nsn[:4], nsn[4:])
    elif kind == "lon":
        nsn = "20" + ch("378") + digits(7)
        parts = ("20", nsn[2:6], nsn[6:])
    elif kind == "geo3":
        ac = ch(["121", "131", "141", "151", "161", "113", "114", "115", "116", "117", "118", "191"])
        nsn = ac + nz_digits(7)
        parts = (ac, nsn[3:6], nsn[6:])
    elif kind == "geo4":
        ac = ch(["1223", "1865", "1273", "1392", "1603", "1904", "1224", "1382"])
        nsn = ac + nz_digits(6)
        parts = (ac, nsn[4:])
    else:
        ac = ch(["29", "23", "24", "28"])
        nsn = ac + nz_digits(8)
        parts = (ac, nsn[2:6], nsn[6:])
    if e164:
        return ch(["+44 " + " ".join(parts), "+44" + nsn, "+44 " + " ".join(parts)])
    return ch(["0" + " ".join(parts), "0" + " ".join(parts), "0" + nsn])


NG_PREFIX = ["803", "806", "813", "816", "810", "814", "703", "706", "705", "802", "808",
             "812", "701", "708", "902", "907", "901", "909", "809", "817", "818", "908", "704"]


def phone_ng(e164):
    p = ch(NG_PREFIX)
    sub = digits(7)
    if e164:
        return ch(["+234 {p} {a} {b}", "+234{p}{a}{b}", "+234-{p}-{a}-{b}", "+234 {p} {a} {b}"]).format(p=p, a=sub[:3], b=sub[3:])
    return ch(["0{p} {a} {b}", "0{p}{a}{b}", "0{p}-{a}-{b}", "0{p} {a} {b}"]).format(p=p, a=sub[:3], b=sub[3:])


DE_MOB = ["151", "152", "157", "159", "160", "162", "163", "170", "171", "172", "173", "174",
          "175", "176", "177", "178", "179"]


def phone_de(e164):
    if rng.random() < 0.55:
        p = ch(DE_MOB)
        sub = nz_digits(8) if p.startswith("15") else nz_digits(ch([7, 8]))
        if e164:
            return ch(["+49 {p} {s}", "+49{p}{s}", "+49 {p} {s}"]).format(p=p, s=sub)
        k = len(sub) - 4
        return ch(["0{p} {s}", "0{p}/{s}", "0{p}-{s}", "0{p} {a} {b}"]).format(p=p, s=sub, a=sub[:k], b=sub[k:])
    ac = wchoice([("30", 4), ("89", 3), ("40", 3), ("69", 1), ("221", 1), ("211", 1), ("711", 1)])
    sub = nz_digits(ch([7, 8]) if len(ac) == 2 else ch([6, 7]))
    if e164:
        return ch(["+49 {ac} {s}", "+49{ac}{s}", "+49 {ac} {s}"]).format(ac=ac, s=sub)
    return ch(["0{ac} {s}", "(0{ac}) {s}", "0{ac}/{s}", "0{ac} {a} {b}"]).format(ac=ac, s=sub, a=sub[:3], b=sub[3:])


def phone_fr(e164):
    k = wchoice([("6", 5), ("7", 2), ("g", 4)])
    if k == "6":
        nsn = "6" + digits(8)
    elif k == "7":
        nsn = "7" + ch("3456789") + digits(7)
    else:
        nsn = ch("12345") + nz_digits(8)
    pairs = [nsn[1:3], nsn[3:5], nsn[5:7], nsn[7:9]]
    if e164:
        return ch(["+33 " + nsn[0] + " " + " ".join(pairs), "+33" + nsn, "+33 " + nsn[0] + " " + " ".join(pairs)])
    nat = ["0" + nsn[0]] + pairs
    return ch([" ".join(nat), " ".join(nat), ".".join(nat), "".join(nat)])


def phone_in(e164):
    nsn = ch("6789") + digits(9)
    if e164:
        return ch(["+91 {a} {b}", "+91-{a}-{b}", "+91{a}{b}", "+91 {a}{b}"]).format(a=nsn[:5], b=nsn[5:])
    return ch(["{a} {b}", "{a} {b}", "{a}{b}"]).format(a=nsn[:5], b=nsn[5:])


def phone_es(e164=True):
    if rng.random() < 0.7:
        n = ch("67") + digits(8) if rng.random() < 0.8 else "6" + digits(8)
        if n[0] == "7":
            n = "7" + ch("1234") + n[2:]
        return "+34 {} {} {}".format(n[:3], n[3:6], n[6:])
    ac = ch(["91", "93", "96", "95"])
    s = nz_digits(7)
    return "+34 {} {} {} {}".format(ac, s[:3], s[3:5], s[5:])


def phone_mx(e164=True):
    ac = ch(["55", "33", "81"])
    s = nz_digits(8)
    return ch(["+52 {ac} {a} {b}", "+52{ac}{a}{b}"]).format(ac=ac, a=s[:4], b=s[4:])


def phone_co(e164=True):
    s = "3" + ch("0123") + digits(8)
    return "+57 {} {} {}".format(s[:3], s[3:6], s[6:])


def phone_ar(e164=True):
    s = nz_digits(8)
    return "+54 9 11 {}-{}".format(s[:4], s[4:])


def phone_be(e164=True):
    s = "4" + ch("6789") + digits(7)
    return "+32 {} {} {} {}".format(s[:3], s[3:5], s[5:7], s[7:])


def phone_ch(e164=True):
    s = "7" + ch("56789") + digits(7)
    return "+41 {} {} {} {}".format(s[:2], s[2:5], s[5:7], s[7:])


def phone_at(e164=True):
    return "+43 664 " + nz_digits(7)


def phone_au(e164=True):
    s = "4" + digits(8)
    return "+61 {} {} {}".format(s[:3], s[3:6], s[6:])


def phone_jp(e164=True):
    s = ch(["90", "80", "70"]) + nz_digits(8)
    return "+81 {}-{}-{}".format(s[:2], s[2:6], s[6:])


def phone_ae(e164=True):
    s = "5" + ch("0245") + nz_digits(7)
    return "+971 {} {} {}".format(s[:2], s[2:5], s[5:])


PHONE_FUN = {"US": phone_us, "CA": phone_ca, "GB": phone_uk, "NG": phone_ng, "DE": phone_de,
             "FR": phone_fr, "IN": phone_in, "ES": phone_es, "MX": phone_mx, "CO": phone_co,
             "AR": phone_ar, "BE": phone_be, "CH": phone_ch, "AT": phone_at, "AU": phone_au,
             "JP": phone_jp, "AE": phone_ae}
NATIONAL_OK = {"US", "CA", "GB", "NG", "DE", "FR", "IN"}
CC = {"US": "1", "CA": "1", "GB": "44", "NG": "234", "DE": "49", "FR": "33", "IN": "91",
      "ES": "34", "MX": "52", "CO": "57", "AR": "54", "BE": "32", "CH": "41", "AT": "43",
      "AU": "61", "JP": "81", "AE": "971"}
PHONE_MIX = {
    "en": [("US", 28), ("CA", 6), ("GB", 27), ("NG", 17), ("IN", 16), ("AU", 2), ("JP", 1),
           ("AE", 2), ("DE", 1), ("FR", 1)],
    "fr": [("FR", 80), ("BE", 7), ("CH", 7), ("GB", 3), ("US", 3)],
    "es": [("ES", 45), ("MX", 15), ("CO", 8), ("AR", 7), ("US", 25)],
    "de": [("DE", 80), ("AT", 8), ("CH", 8), ("GB", 2), ("US", 2)],
}


NATIONAL_BY_LANG = {"en": {"US", "CA", "GB", "NG", "IN"}, "fr": {"FR"}, "es": {"US"}, "de": {"DE"}}


def g_PHONE(lang, ctx, force_e164=False):
    country = wchoice(PHONE_MIX[lang])
    national_ok = country in NATIONAL_BY_LANG[lang]
    e164 = True if not national_ok else (force_e164 or rng.random() < 0.25)
    return [E(PHONE_FUN[country](e164), "PHONE_NUMBER", country=country, e164=e164)]


def g_E164(lang, ctx):
    return g_PHONE(lang, ctx, force_e164=True)


# ---- cards ------------------------------------------------------------------
CARD_W = [("visa", 28), ("mastercard", 24), ("amex", 12), ("discover", 9), ("jcb", 9),
          ("diners", 8), ("unionpay", 8)]
BRAND_NAME = {"visa": ["Visa"], "mastercard": ["Mastercard", "MasterCard"],
              "amex": ["American Express", "Amex"], "discover": ["Discover"], "jcb": ["JCB"],
              "diners": ["Diners Club"], "unionpay": ["UnionPay"]}


def card_prefix(brand):
    if brand == "visa":
        return "4", 16
    if brand == "mastercard":
        return (str(rng.randint(51, 55)) if rng.random() < 0.7 else str(rng.randint(2221, 2720))), 16
    if brand == "amex":
        return ch(["34", "37"]), 15
    if brand == "discover":
        return ch(["6011", str(rng.randint(644, 649)), "65"]), 16
    if brand == "jcb":
        return str(rng.randint(3528, 3589)), 16
    if brand == "diners":
        return ch(["36", str(rng.randint(300, 305))]), 14
    return "62" + ch(["0", "1", "2", "5", "8"]), 16


def card_number(brand):
    prefix, length = card_prefix(brand)
    body = prefix + digits(length - 1 - len(prefix))
    return body + luhn_check_digit(body)


def group_card(num, sep):
    L = len(num)
    sizes = [4, 6, 5] if L == 15 else [4, 6, 4] if L == 14 else [4] * (L // 4) + ([L % 4] if L % 4 else [])
    out, i = [], 0
    for s in sizes:
        out.append(num[i:i + s])
        i += s
    return sep.join(out)


def fmt_card(num):
    style = wchoice([("plain", 3), ("space", 5), ("dash", 2)])
    return num if style == "plain" else group_card(num, " " if style == "space" else "-")


def g_CARD(lang, ctx, brand=None):
    brand = brand or wchoice(CARD_W)
    num = card_number(brand)
    return [E(fmt_card(num), "CREDIT_CARD", brand=brand)]


def g_BRANDCARD(lang, ctx):
    brand = wchoice(CARD_W)
    return [T(ch(BRAND_NAME[brand]) + " ")] + g_CARD(lang, ctx, brand)


# ---- IBAN -------------------------------------------------------------------
def es_dc(ds):
    w = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6]
    r = 11 - sum(int(a) * b for a, b in zip(ds, w)) % 11
    return "0" if r == 11 else "1" if r == 10 else str(r)


def bban_for(cc):
    if cc == "DE":
        return nz_digits(8) + digits(10)
    if cc == "FR":
        bank, branch, acct = ch(["30004", "30002", "20041", "10278", "30003", "11315"]), digits(5), digits(11)
        key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(acct)) % 97
        return bank + branch + acct + "%02d" % key
    if cc == "GB":
        return ch(["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "NAIA"]) + digits(6) + digits(8)
    if cc == "ES":
        bank, branch, acct = ch(["2100", "0049", "0182", "2038", "0081", "1465"]), digits(4), digits(10)
        return bank + branch + es_dc("00" + bank + branch) + es_dc(acct) + acct
    if cc == "IT":
        return ch("ABCDEFGHIJKLMNOPRSTUVWXYZ") + ch(["03069", "02008", "05034", "03062"]) + digits(5) + digits(12)
    if cc == "NL":
        while True:                                   # Dutch "elfproef" on the account
            acct = nz_digits(10)
            if sum(int(d) * (10 - i) for i, d in enumerate(acct)) % 11 == 0:
                return ch(["ABNA", "INGB", "RABO", "TRIO", "SNSB"]) + acct
    if cc == "BE":
        first = digits(10)
        r = int(first) % 97
        return first + "%02d" % (97 if r == 0 else r)
    if cc == "CH":
        return ch(["00762", "00230", "08390", "00700"]) + digits(12)
    if cc == "AT":
        return ch(["12000", "20111", "32000", "14000"]) + digits(11)
    if cc == "PL":
        return digits(8) + digits(16)
    raise ValueError(cc)


def make_iban(cc):
    b = bban_for(cc)
    return cc + iban_check_digits(cc, b) + b


def fmt_iban(s):
    if rng.random() < 0.55:
        return " ".join(s[i:i + 4] for i in range(0, len(s), 4))
    return s


IBAN_MIX = {
    "en": [("GB", 35), ("DE", 10), ("FR", 9), ("NL", 10), ("IT", 9), ("ES", 6), ("BE", 6),
           ("CH", 5), ("AT", 5), ("PL", 5)],
    "fr": [("FR", 60), ("BE", 14), ("CH", 10), ("DE", 4), ("IT", 4), ("ES", 4), ("NL", 4)],
    "es": [("ES", 70), ("FR", 6), ("IT", 6), ("DE", 6), ("GB", 6), ("PL", 6)],
    "de": [("DE", 60), ("AT", 15), ("CH", 15), ("NL", 4), ("PL", 6)],
}


def g_IBAN(lang, ctx):
    cc = wchoice(IBAN_MIX[lang])
    return [E(fmt_iban(make_iban(cc)), "IBAN_CODE", country=cc)]


# ---- SSN --------------------------------------------------------------------
def g_SSN(lang, ctx):
    while True:
        a = rng.randint(1, 899)
        if a != 666:
            break
    return [E("%03d-%02d-%04d" % (a, rng.randint(1, 99), rng.randint(1, 9999)), "US_SSN")]


# ---- IP ---------------------------------------------------------------------
def ipv4():
    k = wchoice([("10", 3), ("192", 3), ("172", 2), ("pub", 6)])
    if k == "10":
        o = [10, rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254)]
    elif k == "192":
        o = [192, 168, rng.randint(0, 255), rng.randint(1, 254)]
    elif k == "172":
        o = [172, rng.randint(16, 31), rng.randint(0, 255), rng.randint(1, 254)]
    else:
        while True:
            first = rng.randint(1, 223)
            if first not in (10, 127, 172, 192, 0):
                break
        o = [first, rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254)]
    return ".".join(map(str, o))


V6_PREFIX = ["2001:0db8", "2a02:0c7f", "2606:4700", "2a00:1450", "2001:0470", "2400:cb00",
             "2a01:04f8", "2804:0014"]


def ipv6():
    k = wchoice([("full", 3), ("comp", 4), ("v4", 2), ("ll", 1)])
    if k == "full":
        pre = ch(V6_PREFIX).split(":")
        groups = pre + ["%04x" % rng.getrandbits(16) for _ in range(6)]
        if rng.random() < 0.4:
            groups[2] = groups[3] = "0000"
        s = ":".join(groups)
        if rng.random() < 0.4:   # leading zeros dropped, still uncompressed
            s = ":".join(g.lstrip("0") or "0" for g in groups)
        return s, "v6_full"
    if k == "comp":
        pre = [int(x, 16) for x in ch(V6_PREFIX).split(":")]
        n_tail = rng.randint(1, 3)          # leaves a run of >= 2 zero groups -> "::"
        tail = [rng.getrandbits(16) for _ in range(n_tail)]
        groups = pre + [rng.getrandbits(16) for _ in range(rng.randint(0, 1))]
        groups = groups + [0] * (8 - len(groups) - n_tail) + tail
        s = ipaddress.IPv6Address(":".join("%x" % g for g in groups)).compressed
        return s, "v6_compressed"
    if k == "ll":
        s = ipaddress.IPv6Address("fe80::%x:%x:%x:%x" % tuple(rng.getrandbits(16) for _ in range(4))).compressed
        return s, "v6_compressed"
    v4 = ipv4()
    return ch(["::ffff:" + v4, "64:ff9b::" + v4, "::ffff:" + v4, "2001:db8::" + v4]), "v6_embedded_v4"


def g_IP(lang, ctx, v=None):
    v = v or ("4" if rng.random() < 0.6 else "6")
    if v == "4":
        return [E(ipv4(), "IP_ADDRESS", form="v4")]
    s, form = ipv6()
    return [E(s, "IP_ADDRESS", form=form)]


def g_IP4(lang, ctx):
    return g_IP(lang, ctx, "4")


def g_IP6(lang, ctx):
    return g_IP(lang, ctx, "6")


# ---- MAC --------------------------------------------------------------------
OUIS = ["001A2B", "3C5AB4", "F01898", "005056", "B827EB", "DCA632", "00E04C", "A4C361",
        "F4F5D8", "001B63", "3497F6", "E45F01", "00155D", "ACDE48"]


def g_MAC(lang, ctx):
    b = ch(OUIS) + "%06X" % rng.getrandbits(24)
    pairs = [b[i:i + 2] for i in range(0, 12, 2)]
    form = wchoice([("colon", 5), ("dash", 3), ("cisco", 2)])
    if form == "colon":
        s = ":".join(pairs)
    elif form == "dash":
        s = "-".join(pairs)
    else:
        s = ".".join(b[i:i + 4] for i in range(0, 12, 4)).lower()
    if form != "cisco" and rng.random() < 0.45:
        s = s.lower()
    return [E(s, "MAC_ADDRESS", form=form)]


# ---- URL --------------------------------------------------------------------
URL_HOSTS = {
    "en": ["www.northwind-traders.com", "portal.contoso-bank.com", "shop.brightlane.co.uk",
           "docs.acmecloud.io", "support.fabrikam.com", "intranet.globex-corp.net",
           "app.payflow.io", "www.cityhealthclinic.org", "status.hostwave.net",
           "secure-login.accountverify-help.com", "github.com", "www.eventbrite.co.uk"],
    "fr": ["www.boulangerie-martin.fr", "espace-client.banque-azur.fr", "www.service-public.fr",
           "rdv.clinique-lumiere.fr", "boutique.maison-durand.com"],
    "es": ["www.ferreteria-lopez.es", "sede.ayto-valencia.es", "clientes.banco-sol.es",
           "tienda.modacanaria.com", "www.clinica-sanrafael.es"],
    "de": ["www.autohaus-becker.de", "kundenportal.stadtwerke-bonn.de", "shop.buecherwelt.de",
           "termine.praxis-neumann.de", "www.kanzlei-hartmann.de"],
}
URL_PATHS = ["/account/settings", "/orders/track", "/reset-password", "/docs/api/v2/auth",
             "/products/{n}", "/blog/2024/03/security-update", "/invoices/{n}/download",
             "/de/kontakt", "/fr/mon-compte/factures", "/es/mi-cuenta/pedidos", "/login",
             "/support/tickets/{n}", "/s/{tok}", "/events/{n}-spring-meetup", "/index.php"]
URL_QUERIES = ["?id={n}&ref=email", "?utm_source=newsletter&utm_medium=email&utm_campaign=spring",
               "?token={tok}&lang={lang}", "?page=2&sort=price_desc", "?q=wireless+headphones",
               "?session={tok}", "?redirect=%2Fdashboard", "?lang={lang}", "?year=2025&format=pdf"]


def g_URL(lang, ctx):
    host = ch(URL_HOSTS[lang] + URL_HOSTS["en"][:4])
    fill = {"n": str(rng.randint(100, 99999)), "tok": "%08x" % rng.getrandbits(32), "lang": lang}
    if rng.random() < 0.22:                      # bare www. domain
        if host.startswith("www."):
            dom = host
        elif host.count(".") == 1:                 # github.com -> www.github.com
            dom = "www." + host
        else:                                      # shop.brightlane.co.uk -> www.brightlane.co.uk
            dom = "www." + host.split(".", 1)[1]
        s = dom + (ch(URL_PATHS).format(**fill) if rng.random() < 0.35 else "")
        return [E(s, "URL", form="www")]
    s = ch(["https://", "https://", "https://", "http://"]) + host
    if rng.random() < 0.9:
        s += ch(URL_PATHS).format(**fill)
    if rng.random() < 0.6:
        s += ch(URL_QUERIES).format(**fill)
    return [E(s, "URL", form="http")]


# ---- Bitcoin ----------------------------------------------------------------
def g_BTC(lang, ctx):
    kind = wchoice([("p2pkh", 35), ("p2sh", 20), ("bech32", 30), ("bech32m", 15)])
    if kind == "p2pkh":
        s = base58check_encode(0x00, rbytes(20))
    elif kind == "p2sh":
        s = base58check_encode(0x05, rbytes(20))
    elif kind == "bech32":
        s = segwit_encode("bc", 0, list(rbytes(20)))
    else:
        s = segwit_encode("bc", 1, list(rbytes(32)))
    return [E(s, "CRYPTO", kind=kind)]


# ---- dates ------------------------------------------------------------------
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"],
}


def rand_date(y0, y1):
    y = rng.randint(y0, y1)
    m = rng.randint(1, 12)
    d = rng.randint(1, calendar.monthrange(y, m)[1])
    return y, m, d


def fmt_date(lang, y, m, d):
    mn = MONTHS[lang][m - 1]
    if lang == "en":
        opts = [("%02d/%02d/%d" % (d, m, y), 2), ("%02d/%02d/%d" % (m, d, y), 2),
                ("%d-%02d-%02d" % (y, m, d), 2), ("%d %s %d" % (d, mn, y), 3),
                ("%s %d, %d" % (mn, d, y), 3), ("%02d.%02d.%d" % (d, m, y), 1),
                ("%d %s %d" % (d, mn[:3], y), 1)]
    elif lang == "fr":
        dd = "1er" if d == 1 else str(d)
        opts = [("%02d/%02d/%d" % (d, m, y), 4), ("%s %s %d" % (dd, mn, y), 4),
                ("%d-%02d-%02d" % (y, m, d), 1)]
    elif lang == "es":
        opts = [("%d de %s de %d" % (d, mn, y), 5), ("%02d/%02d/%d" % (d, m, y), 4),
                ("%02d-%02d-%d" % (d, m, y), 1)]
    else:
        opts = [("%02d.%02d.%d" % (d, m, y), 5), ("%d. %s %d" % (d, mn, y), 4),
                ("%d-%02d-%02d" % (y, m, d), 1)]
    return wchoice(opts)


def g_DOB(lang, ctx):
    y, m, d = rand_date(1938, 2007)
    return [E(fmt_date(lang, y, m, d), "DATE_OF_BIRTH", ymd=(y, m, d))]


# =============================================================================
# Hard-negative generators (never labelled)
# =============================================================================
def fail_luhn(body_digits):
    """Return a digit string of the same length guaranteed to FAIL Luhn."""
    if luhn_valid(body_digits):
        last = str((int(body_digits[-1]) + rng.randint(1, 9)) % 10)
        body_digits = body_digits[:-1] + last
    assert not luhn_valid(body_digits)
    return body_digits


def n_ORDER(lang, ctx):
    k = wchoice([("cardlike", 5), ("plain16", 2), ("short", 3)])
    if k == "cardlike":
        num = fail_luhn(ch(["4532", "5412", "4716", "6011", "5105"]) + digits(12))
        return [N(" ".join(num[i:i + 4] for i in range(0, 16, 4)), "order_cardlike")]
    if k == "plain16":
        return [N(fail_luhn(nz_digits(16)), "order_cardlike")]
    return [N(ch(["%d-%05d" % (rng.randint(2023, 2026), rng.randint(1, 99999)),
                  "%d" % rng.randint(100000, 9999999),
                  "%s-%s" % (digits(3), digits(7))]), "order_id")]


def n_INVOICE(lang, ctx):
    y = rng.randint(2023, 2026)
    return [N(ch(["INV-%d-%05d" % (y, rng.randint(1, 99999)), "FAC-%d-%04d" % (y, rng.randint(1, 9999)),
                  "RE-%d-%05d" % (y, rng.randint(1, 99999)), "F-%06d" % rng.randint(1, 999999),
                  "INV/%d/%04d" % (y, rng.randint(1, 9999))]), "invoice_id")]


def n_TICKET(lang, ctx):
    return [N(ch(["#%d" % rng.randint(10000, 99999), "INC%07d" % rng.randint(1, 9999999),
                  "TCK-%d" % rng.randint(10000, 99999), "CASE-%08d" % rng.randint(1, 99999999)]),
              "ticket_id")]


def n_VERSION(lang, ctx):
    k = wchoice([("semver", 4), ("iplike", 3), ("v4part", 2)])
    if k == "semver":
        s = "%d.%d.%d" % (rng.randint(0, 12), rng.randint(0, 30), rng.randint(0, 40))
        if rng.random() < 0.3:
            s += ch(["-beta.2", "-rc1", "-alpha"])
        return [N(ch(["v", ""]) + s, "version")]
    s = ".".join(str(rng.randint(0, 20)) for _ in range(4))      # looks like an IPv4 address
    if k == "v4part":
        s = "v" + s
    return [N(s, "version_iplike")]


def n_BUILD(lang, ctx):
    k = wchoice([("win", 5), ("iplike", 2)])
    if k == "win":
        s = ch(["10.0.%d.%d" % (ch([19044, 19045, 22621, 22631, 26100, 17763]), rng.randint(1000, 5000)),
                "6.1.7601.%d" % rng.randint(17000, 26000),
                "16.0.%d.%d" % (rng.randint(10000, 18000), rng.randint(20000, 20999))])
        return [N(s, "build")]
    return [N("%d.%d.%d.%d" % (rng.randint(1, 30), rng.randint(0, 9), rng.randint(0, 99), rng.randint(1, 250)),
              "version_iplike")]


def n_TS(lang, ctx):
    y, m, d = rand_date(2023, 2026)
    hh, mm, ss = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
    mon = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1]
    return [N(wchoice([("%d-%02d-%02dT%02d:%02d:%02dZ" % (y, m, d, hh, mm, ss), 4),
                       ("%d-%02d-%02d %02d:%02d:%02d" % (y, m, d, hh, mm, ss), 2),
                       ("%02d:%02d:%02d" % (hh, mm, ss), 2),
                       ("%d-%02d-%02dT%02d:%02d:%02d+01:00" % (y, m, d, hh, mm, ss), 1),
                       ("%02d/%s/%d:%02d:%02d:%02d +0000" % (d, mon, y, hh, mm, ss), 1)]),
              "timestamp")]


def n_TIME(lang, ctx):
    return [N("%02d:%s" % (rng.randint(8, 18), ch(["00", "15", "30", "45"])), "time")]


def n_TRACK(lang, ctx):
    k = wchoice([("ups", 3), ("usps", 2), ("rm", 2), ("dhl", 2), ("fedex", 2)])
    if k == "ups":
        s = "1Z" + "".join(ch("0123456789ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(6)) + digits(10)
    elif k == "usps":
        s = "9400" + digits(18)
    elif k == "rm":
        s = ch(["RR", "AB", "LX", "CP"]) + digits(9) + "GB"
    elif k == "dhl":
        s = "JJD" + fail_luhn(digits(18))
    else:
        n = fail_luhn(nz_digits(12))
        s = " ".join(n[i:i + 4] for i in range(0, 12, 4))
    return [N(s, "tracking_no")]


def n_CARDBAD(lang, ctx):
    brand = wchoice(CARD_W)
    num = card_number(brand)
    bad = num[:-1] + str((int(num[-1]) + rng.randint(1, 9)) % 10)
    return [N(fmt_card(bad), "card_bad_luhn")]


def n_IBANBAD(lang, ctx):
    cc = wchoice(IBAN_MIX[lang])
    good = make_iban(cc)
    while True:
        chk = "%02d" % rng.randint(2, 98)
        cand = good[:2] + chk + good[4:]
        if not iban_valid(cand):
            break
    return [N(fmt_iban(cand), "iban_bad_check")]


def n_SSNBAD(lang, ctx):
    area = ch(["000", "666", "9%02d" % rng.randint(0, 99)])
    return [N("%s-%02d-%04d" % (area, rng.randint(1, 99), rng.randint(1, 9999)), "ssn_bad_area")]


def n_PRODCODE(lang, ctx):
    k = wchoice([("a", 3), ("b", 2), ("c", 2)])
    if k == "a":
        s = "%s-%s-%s-%s" % (nz_digits(3), nz_digits(3), digits(4), ch(["XL", "B", "BLK", "EU", "R2"]))
    elif k == "b":
        s = "%s.%s.%s" % (digits(3), digits(3), digits(3))
    else:
        s = "%s-%s-%s" % (nz_digits(4), digits(3), digits(3))
    return [N(s, "product_code")]


def n_DATE(lang, ctx):
    y, m, d = rand_date(2023, 2026)
    return [N(fmt_date(lang, y, m, d), "date_not_birth")]


def n_GIT(lang, ctx):
    h = "%040x" % rng.getrandbits(160)
    return [N(h if rng.random() < 0.6 else h[:ch([7, 8, 10, 12])], "git_hash")]


def n_UUID(lang, ctx):
    return [N(str(uuid.UUID(int=rng.getrandbits(128), version=4)), "uuid")]


def n_ISBN(lang, ctx):
    while True:
        if rng.random() < 0.75:
            grp = ch(["0", "1", "3", "2", "84"])
            pub = digits(rng.randint(2, 4))
            title = digits(12 - 3 - len(grp) - len(pub))
            core = "978" + grp + pub + title
            s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(core))
            full = core + str((10 - s % 10) % 10)
            txt = "978-%s-%s-%s-%s" % (grp, pub, title, full[-1])
            if not luhn_valid(full):
                return [N(txt, "isbn")]
        else:
            grp, pub = ch(["0", "1", "3"]), digits(3)
            title = digits(9 - len(grp) - len(pub))
            core = grp + pub + title
            c = (11 - sum(int(x) * (10 - i) for i, x in enumerate(core)) % 11) % 11
            cd = "X" if c == 10 else str(c)
            return [N("%s-%s-%s-%s" % (grp, pub, title, cd), "isbn")]


def n_PRICE(lang, ctx):
    a = rng.randint(5, 14999)
    c = rng.randint(0, 99)
    if lang == "en":
        s = ch(["$%s.%02d" % ("{:,}".format(a), c), "£%d.%02d" % (a, c), "€%s.%02d" % ("{:,}".format(a), c),
                "USD %s" % "{:,}".format(a * 10)])
    elif lang == "fr":
        s = ch(["%s,%02d €" % ("{:,}".format(a).replace(",", " "), c), "%d,%02d EUR" % (a, c)])
    else:
        s = ch(["%s,%02d €" % ("{:,}".format(a).replace(",", "."), c), "EUR %d,%02d" % (a, c)])
    return [N(s, "price")]


def n_ZIP(lang, ctx):
    if lang == "en":
        s = ch(["%05d" % rng.randint(1001, 99950), "%05d-%04d" % (rng.randint(1001, 99950), rng.randint(1, 9999)),
                ch(["SW1A 1AA", "M1 1AE", "EH1 2NG", "B33 8TH", "LS1 4AP", "CF10 1EP"])])
    elif lang == "fr":
        s = ch(["75008", "69002", "13001", "31000", "33000", "59800", "44000"])
    elif lang == "es":
        s = ch(["28013", "08001", "46002", "41004", "48001", "29015"])
    else:
        s = ch(["10115", "80331", "20095", "50667", "60311", "70173", "01067"])
    return [N(s, "zip_code")]


def n_EXP(lang, ctx):
    return [N("%02d/%02d" % (rng.randint(1, 12), rng.randint(26, 31)), "card_expiry")]


def g_PORT(lang, ctx):
    return [T(str(rng.randint(1024, 65535)))]


GEN = {
    "NAME": g_NAME, "TNAME": g_TNAME, "NE": g_NE, "NACIDO": g_NACIDO, "NACIDO_CAP": g_NACIDO_CAP,
    "EMAIL": g_EMAIL, "PHONE": g_PHONE, "E164": g_E164, "CARD": g_CARD, "BRANDCARD": g_BRANDCARD,
    "IBAN": g_IBAN, "SSN": g_SSN, "IP": g_IP, "IP4": g_IP4, "IP6": g_IP6, "MAC": g_MAC,
    "URL": g_URL, "BTC": g_BTC, "DOB": g_DOB, "PORT": g_PORT, "EXP": n_EXP,
    "N_ORDER": n_ORDER, "N_INVOICE": n_INVOICE, "N_TICKET": n_TICKET, "N_VERSION": n_VERSION,
    "N_BUILD": n_BUILD, "N_TS": n_TS, "N_TIME": n_TIME, "N_TRACK": n_TRACK,
    "N_CARDBAD": n_CARDBAD, "N_IBANBAD": n_IBANBAD, "N_SSNBAD": n_SSNBAD,
    "N_PRODCODE": n_PRODCODE, "N_DATE": n_DATE, "N_GIT": n_GIT, "N_UUID": n_UUID,
    "N_ISBN": n_ISBN, "N_PRICE": n_PRICE, "N_ZIP": n_ZIP,
}

# =============================================================================
# Templates.  "^" prefix = opening clause, "$" prefix = closing clause.
# =============================================================================
POS = {"en": {}, "fr": {}, "es": {}, "de": {}}

POS["en"]["PERSON"] = [
    "^My name is {NAME} and I'm writing about my recent order.",
    "^Hi, this is {NAME} from the Leeds office.",
    "Please contact {TNAME} about the invoice.",
    "{NAME} called yesterday asking about the refund.",
    "I spoke with {TNAME} from accounts this morning.",
    "The account holder is {TNAME}.",
    "Can you forward this to {NAME} before the audit?",
    "Meeting notes were taken by {NAME}.",
    "{TNAME} has approved the change request.",
    "Our new team lead, {NAME}, starts on Monday.",
    "^Dear {TNAME},",
    "$Best regards,\n{NAME}",
    "$Thanks again,\nsigned, {NAME}",
    "$Sincerely,\n{NAME}",
    "Patient name: {NAME}",
    "The package was signed for by {NAME}.",
    "{NAME} and {NAME} will both attend the workshop.",
    "According to {TNAME}, the contract was never countersigned.",
]
POS["en"]["EMAIL_ADDRESS"] = [
    "You can reach me at {EMAIL}.",
    "Send the signed contract to {EMAIL} before Friday.",
    "Please update my email address to {EMAIL}.",
    "Reply-To: {EMAIL}",
    "From: {NAME} <{EMAIL}>",
    "cc: {EMAIL}; {EMAIL}",
    "For billing questions write to {EMAIL}.",
    "My personal email is {EMAIL}, please use that instead of the work one.",
    "The login for {EMAIL} was locked after too many attempts.",
    "Contact {NAME} at {EMAIL} for access.",
    "Invitation sent to {EMAIL} (pending).",
]
POS["en"]["PHONE_NUMBER"] = [
    "Call me on {PHONE} after 6pm.",
    "My mobile number is {PHONE}.",
    "Tel: {PHONE}",
    "You can phone the front desk at {PHONE}.",
    "Please call {NAME} at {PHONE} to confirm the appointment.",
    "Phone: {PHONE} | Email: {EMAIL}",
    "If we get cut off, call me back on {PHONE}.",
    "Her cell phone is {PHONE}; text before calling.",
    "Best number to call: {PHONE}",
    "Mobile: {PHONE}",
    "The customer asked us to call {PHONE} instead of the landline.",
    "Telephone {PHONE} (office hours only).",
    "{NAME} ({E164}) confirmed the booking.",
    "WhatsApp: {E164}",
    "Emergency contact {NAME}, {E164}.",
    "Reach the on-site engineer on {E164}.",
]
POS["en"]["CREDIT_CARD"] = [
    "Please charge my card {CARD} for the annual renewal.",
    "Card number: {CARD}, expiry {EXP}.",
    "I paid with my {BRANDCARD} but was charged twice.",
    "The customer's credit card {CARD} was declined at checkout.",
    "Can you refund the {BRANDCARD} used on this booking?",
    "payment_method=card cc_number={CARD} status=authorized",
    "Use the corporate card {CARD} for the hotel.",
]
POS["en"]["IBAN_CODE"] = [
    "Please transfer the deposit to IBAN {IBAN}.",
    "My bank details are {IBAN} (account holder {NAME}).",
    "Refunds will be sent to the account {IBAN}.",
    "Account holder: {NAME}, IBAN: {IBAN}",
    "Salary should go to {IBAN} from next month.",
    "Beneficiary IBAN {IBAN}, reference {N_INVOICE}.",
]
POS["en"]["US_SSN"] = [
    "My SSN is {SSN}.",
    "Social Security Number: {SSN}",
    "Please verify the social security number {SSN} for {NAME}.",
    "The SSN {SSN} on the W-2 does not match our records.",
    "ssn={SSN}",
    "{NAME}'s social security no. is {SSN}.",
    "Employee record: {NAME}, {SSN}, payroll group B.",
    "Tax ID on the form: {SSN}.",
]
POS["en"]["IP_ADDRESS"] = [
    "Login attempt from {IP} was blocked by the firewall.",
    "The server at {IP} is not responding to ping.",
    "Failed password for root from {IP4} port {PORT} ssh2",
    "Please whitelist {IP} and {IP}.",
    "Client IP: {IP}",
    "Please add {IP6} to the allowlist for the VPN.",
    "DNS for the new host points to {IP}.",
    "Traffic spike from {IP6} around midnight.",
    '{"event": "login_failed", "src_ip": "{IP}", "user": "{EMAIL}"}',
]
POS["en"]["MAC_ADDRESS"] = [
    "The device MAC address is {MAC}.",
    "DHCP lease: {IP4} assigned to {MAC}.",
    "Unknown device {MAC} joined the guest network.",
    "Please register {MAC} for the printer on floor 3.",
    "Interface eth0 has hardware address {MAC}.",
    "Blocked station {MAC} on access point AP-2.",
]
POS["en"]["URL"] = [
    "You can reset your password at {URL}.",
    "More details: {URL}",
    "I found the form on {URL} yesterday.",
    "The full report is at {URL} if you need it.",
    "Phishing link reported: {URL}",
    "Download the installer from {URL} and run it as admin.",
    "Visit {URL} for opening hours.",
]
POS["en"]["CRYPTO"] = [
    "Send the payment to my BTC wallet {BTC}.",
    "Bitcoin address: {BTC}",
    "Donations accepted at {BTC}, thank you!",
    "The ransom note demanded 0.5 BTC sent to {BTC}.",
    "Withdrawal of 0.0213 BTC to {BTC} is pending.",
    "Please confirm the deposit address {BTC} before sending.",
]
POS["en"]["DATE_OF_BIRTH"] = [
    "I was born on {DOB}.",
    "Date of birth: {DOB}",
    "DOB {DOB}",
    "{NAME}, born {DOB}, is the primary applicant.",
    "My birthday is {DOB}, in case the form asks.",
    "Patient {NAME} (DOB: {DOB}) was admitted overnight.",
    "Please correct my date of birth to {DOB}.",
    "She was born {DOB} in Manchester.",
]

POS["fr"]["PERSON"] = [
    "^Je m'appelle {NAME} et je vous écris au sujet de ma commande.",
    "Merci de contacter {TNAME} au sujet de la facture.",
    "{NAME} a téléphoné hier pour demander un remboursement.",
    "J'ai parlé avec {TNAME} du service comptable ce matin.",
    "Le titulaire du compte est {TNAME}.",
    "Pouvez-vous transmettre ce message à {NAME} ?",
    "^Bonjour {TNAME},",
    "$Cordialement,\n{NAME}",
    "$Bien à vous, {NAME}",
    "Le colis a été signé par {NAME}.",
    "{TNAME} a validé la demande de changement.",
]
POS["fr"]["EMAIL_ADDRESS"] = [
    "Vous pouvez m'écrire à {EMAIL}.",
    "Envoyez le contrat signé à {EMAIL} avant vendredi.",
    "Mon adresse e-mail est {EMAIL}.",
    "Merci de mettre à jour mon courriel : {EMAIL}",
    "De : {NAME} <{EMAIL}>",
    "Pour toute question, écrivez à {EMAIL}.",
]
POS["fr"]["PHONE_NUMBER"] = [
    "Mon numéro de téléphone est le {PHONE}.",
    "N'hésitez pas à m'appeler au {PHONE} après 18 h.",
    "Tél. : {PHONE}",
    "Vous pouvez joindre {NAME} sur son portable au {PHONE}.",
    "Téléphone : {PHONE} – e-mail : {EMAIL}",
    "Mon mobile : {PHONE}",
    "Merci d'appeler le {PHONE} pour confirmer le rendez-vous.",
    "{NAME} ({E164}) a confirmé la réservation.",
]
POS["fr"]["CREDIT_CARD"] = [
    "Veuillez débiter ma carte {CARD} pour le renouvellement.",
    "Numéro de carte bancaire : {CARD}, expiration {EXP}.",
    "J'ai payé avec ma {BRANDCARD} mais j'ai été débité deux fois.",
    "La carte {CARD} du client a été refusée.",
]
POS["fr"]["IBAN_CODE"] = [
    "Merci d'effectuer le virement sur l'IBAN {IBAN}.",
    "Mes coordonnées bancaires : {IBAN}",
    "Le remboursement sera versé sur le compte {IBAN}.",
    "Titulaire : {NAME}, IBAN : {IBAN}",
    "Le salaire doit être versé sur {IBAN} à partir du mois prochain.",
]
POS["fr"]["US_SSN"] = [
    "Mon numéro de sécurité sociale américain (SSN) est {SSN}.",
    "SSN du salarié : {SSN}",
]
POS["fr"]["IP_ADDRESS"] = [
    "Tentative de connexion bloquée depuis l'adresse {IP}.",
    "Le serveur {IP} ne répond plus au ping.",
    "Merci d'ajouter {IP} à la liste blanche.",
    "Adresse IP du client : {IP}",
]
POS["fr"]["MAC_ADDRESS"] = [
    "L'adresse MAC de l'appareil est {MAC}.",
    "Bail DHCP : {IP4} attribuée à {MAC}.",
    "Un appareil inconnu ({MAC}) s'est connecté au réseau invité.",
]
POS["fr"]["URL"] = [
    "Vous pouvez réinitialiser votre mot de passe sur {URL}.",
    "Plus d'informations : {URL}",
    "Le formulaire est disponible sur {URL}.",
]
POS["fr"]["CRYPTO"] = [
    "Envoyez le paiement à l'adresse bitcoin {BTC}.",
    "Adresse BTC : {BTC}",
    "Le retrait de 0,015 BTC vers {BTC} est en attente.",
]
POS["fr"]["DATE_OF_BIRTH"] = [
    "Je suis {NE} le {DOB}.",
    "Date de naissance : {DOB}",
    "{NAME}, {NE} le {DOB}, est le demandeur principal.",
    "Merci de corriger ma date de naissance : {DOB}.",
    "Patient : {TNAME}, {NE} le {DOB}.",
]

POS["es"]["PERSON"] = [
    "^Me llamo {NAME} y le escribo por mi pedido.",
    "Por favor, contacte con {TNAME} sobre la factura.",
    "{NAME} llamó ayer para pedir un reembolso.",
    "Hablé con {TNAME} de contabilidad esta mañana.",
    "El titular de la cuenta es {TNAME}.",
    "¿Puede reenviar esto a {NAME}?",
    "^Buenos días, {TNAME}:",
    "$Atentamente,\n{NAME}",
    "$Un saludo, {NAME}",
    "El paquete fue firmado por {NAME}.",
]
POS["es"]["EMAIL_ADDRESS"] = [
    "Puede escribirme a {EMAIL}.",
    "Mi correo electrónico es {EMAIL}.",
    "Envíe el contrato firmado a {EMAIL} antes del viernes.",
    "De: {NAME} <{EMAIL}>",
    "Para dudas de facturación, escriba a {EMAIL}.",
]
POS["es"]["PHONE_NUMBER"] = [
    "Mi teléfono es el {PHONE}.",
    "Puede llamar a {NAME} al {PHONE}.",
    "Puede llamarme al {PHONE} a partir de las seis.",
    "Tel.: {PHONE}",
    "Teléfono móvil: {PHONE}",
    "Teléfono: {PHONE} · Correo: {EMAIL}",
    "{NAME} ({E164}) confirmó la reserva.",
]
POS["es"]["CREDIT_CARD"] = [
    "Por favor, cargue el importe a mi tarjeta {CARD}.",
    "Número de tarjeta: {CARD}, caducidad {EXP}.",
    "Pagué con mi {BRANDCARD} pero me cobraron dos veces.",
    "La tarjeta de crédito {CARD} fue rechazada.",
]
POS["es"]["IBAN_CODE"] = [
    "Realice la transferencia al IBAN {IBAN}.",
    "Mis datos bancarios: {IBAN}",
    "El reembolso se abonará en la cuenta {IBAN}.",
    "Titular: {NAME}, IBAN: {IBAN}",
]
POS["es"]["US_SSN"] = [
    "Mi número de seguro social (SSN) es {SSN}.",
    "SSN del empleado: {SSN}",
]
POS["es"]["IP_ADDRESS"] = [
    "Se bloqueó un intento de acceso desde {IP}.",
    "El servidor {IP} no responde.",
    "Dirección IP del cliente: {IP}",
]
POS["es"]["MAC_ADDRESS"] = [
    "La dirección MAC del equipo es {MAC}.",
    "Concesión DHCP: {IP4} asignada a {MAC}.",
]
POS["es"]["URL"] = [
    "Puede restablecer su contraseña en {URL}.",
    "Más información: {URL}",
    "El formulario está en {URL}.",
]
POS["es"]["CRYPTO"] = [
    "Envíe el pago a la dirección de bitcoin {BTC}.",
    "Dirección BTC: {BTC}",
]
POS["es"]["DATE_OF_BIRTH"] = [
    "Fecha de nacimiento: {DOB}",
    "{NAME}, {NACIDO} el {DOB}, es el solicitante principal.",
    "{NACIDO_CAP} el {DOB} en Sevilla.",
    "Por favor, corrija mi fecha de nacimiento: {DOB}.",
    "Paciente: {TNAME}, fecha de nacimiento {DOB}.",
]

POS["de"]["PERSON"] = [
    "^Mein Name ist {NAME} und ich schreibe wegen meiner Bestellung.",
    "Bitte kontaktieren Sie {TNAME} wegen der Rechnung.",
    "{NAME} hat gestern wegen einer Rückerstattung angerufen.",
    "Ich habe heute Morgen mit {TNAME} aus der Buchhaltung gesprochen.",
    "Kontoinhaber: {TNAME}",
    "Können Sie das bitte an {NAME} weiterleiten?",
    "^Guten Tag {TNAME},",
    "$Mit freundlichen Grüßen\n{NAME}",
    "$Viele Grüße, {NAME}",
    "Das Paket wurde von {NAME} angenommen.",
]
POS["de"]["EMAIL_ADDRESS"] = [
    "Sie erreichen mich unter {EMAIL}.",
    "Meine E-Mail-Adresse lautet {EMAIL}.",
    "Bitte senden Sie den unterschriebenen Vertrag an {EMAIL}.",
    "Von: {NAME} <{EMAIL}>",
]
POS["de"]["PHONE_NUMBER"] = [
    "Meine Telefonnummer ist {PHONE}.",
    "Sie können mich unter {PHONE} anrufen.",
    "Handy: {PHONE}",
    "Tel.: {PHONE}",
    "Telefon: {PHONE} · E-Mail: {EMAIL}",
    "Telefonisch erreichen Sie {NAME} unter {PHONE}.",
    "{NAME} ({E164}) hat die Buchung bestätigt.",
]
POS["de"]["CREDIT_CARD"] = [
    "Bitte belasten Sie meine Kreditkarte {CARD}.",
    "Kartennummer: {CARD}, gültig bis {EXP}.",
    "Ich habe mit meiner {BRANDCARD} bezahlt, aber der Betrag wurde doppelt abgebucht.",
    "Die Kreditkarte {CARD} des Kunden wurde abgelehnt.",
]
POS["de"]["IBAN_CODE"] = [
    "Bitte überweisen Sie den Betrag auf die IBAN {IBAN}.",
    "Meine Bankverbindung: {IBAN}",
    "Die Erstattung geht auf das Konto {IBAN}.",
    "Kontoinhaber: {NAME}, IBAN: {IBAN}",
]
POS["de"]["US_SSN"] = [
    "Meine US-Sozialversicherungsnummer (SSN) lautet {SSN}.",
]
POS["de"]["IP_ADDRESS"] = [
    "Anmeldeversuch von {IP} wurde blockiert.",
    "Der Server {IP} antwortet nicht mehr.",
    "Client-IP: {IP}",
]
POS["de"]["MAC_ADDRESS"] = [
    "Die MAC-Adresse des Geräts lautet {MAC}.",
    "DHCP-Lease: {IP4} an {MAC} vergeben.",
]
POS["de"]["URL"] = [
    "Ihr Passwort können Sie unter {URL} zurücksetzen.",
    "Weitere Informationen: {URL}",
]
POS["de"]["CRYPTO"] = [
    "Bitte senden Sie die Zahlung an die Bitcoin-Adresse {BTC}.",
    "BTC-Adresse: {BTC}",
]
POS["de"]["DATE_OF_BIRTH"] = [
    "Geburtsdatum: {DOB}",
    "{NAME}, geboren am {DOB}, hat den Antrag gestellt.",
    "Ich bin am {DOB} geboren.",
    "Bitte korrigieren Sie mein Geburtsdatum auf {DOB}.",
    "Patient: {TNAME}, geboren am {DOB}",
]

FULL = {
    "en": [
        "Hi, my name is {NAME} and my email is {EMAIL}. Please call me on {PHONE} if anything is unclear.",
        "New customer: {TNAME}, DOB {DOB}, email {EMAIL}, mobile {PHONE}.",
        "Ticket {N_TICKET}: {NAME} reports repeated login failures from {IP}; the laptop's MAC address is {MAC}.",
        "Refund request from {NAME}: card {CARD} was charged twice for order {N_ORDER}.",
        "Please wire the balance to {IBAN} and send the remittance advice to {EMAIL}.",
        "Employee onboarding: {NAME}, SSN {SSN}, date of birth {DOB}.",
        "Suspicious transfer: {NAME} sent funds to {BTC} from IP {IP} at {N_TS}.",
        "Dear {TNAME}, your account details have changed. If this wasn't you, visit {URL} or call {PHONE}.",
        "From: {NAME} <{EMAIL}>\nSubject: Invoice {N_INVOICE}\nPlease find the invoice attached. My direct phone line is {PHONE}.",
        'user="{EMAIL}" src={IP} mac={MAC} action=login result=FAIL ts={N_TS}',
        "{NAME} ({EMAIL}) shared a link: {URL}",
        "Applicant {NAME}, born {DOB}, lists {PHONE} as a mobile number.",
        "Hello, I'm {NAME}. Please refund my {BRANDCARD} or send the money to {IBAN}.",
    ],
    "fr": [
        "Bonjour, je m'appelle {NAME}, mon adresse e-mail est {EMAIL} et mon téléphone est le {PHONE}.",
        "Client : {TNAME}, date de naissance : {DOB}, IBAN : {IBAN}.",
        "{TNAME}, {NE} le {DOB}, souhaite ouvrir un compte. Merci de l'appeler au {PHONE}.",
        "Le virement de la facture {N_INVOICE} doit être effectué sur l'IBAN {IBAN} avant le {N_DATE}.",
        "Connexion suspecte depuis {IP} pour le compte {EMAIL}.",
    ],
    "es": [
        "Hola, me llamo {NAME}; mi correo es {EMAIL} y mi teléfono es el {PHONE}.",
        "Cliente: {TNAME}, fecha de nacimiento: {DOB}, IBAN: {IBAN}.",
        "{NAME}, {NACIDO} el {DOB}, solicita una tarjeta nueva. Puede llamar al {PHONE}.",
        "Acceso sospechoso desde {IP} a la cuenta {EMAIL}.",
    ],
    "de": [
        "Hallo, mein Name ist {NAME}, meine E-Mail-Adresse lautet {EMAIL} und Sie erreichen mich telefonisch unter {PHONE}.",
        "Kunde: {TNAME}, Geburtsdatum: {DOB}, IBAN: {IBAN}.",
        "{TNAME}, geboren am {DOB}, möchte ein Konto eröffnen. Bitte unter {PHONE} anrufen.",
        "Verdächtiger Login von {IP} für das Konto {EMAIL}.",
    ],
}

NEG = {
    "en": [
        "Order #{N_ORDER} has shipped and should arrive within three business days.",
        "Your order {N_ORDER} is being processed.",
        "Invoice {N_INVOICE} is due on {N_DATE}.",
        "Please upgrade the agent to version {N_VERSION} before the weekend.",
        "The crash happens on Windows build {N_BUILD}.",
        "Backup job completed at {N_TS} without errors.",
        "Tracking number: {N_TRACK}",
        "The card number {N_CARDBAD} failed validation, so the payment was not processed.",
        "The IBAN {N_IBANBAD} was rejected by the bank.",
        "The form rejected the SSN {N_SSNBAD}.",
        "Placeholder SSN {N_SSNBAD} must be replaced before filing.",
        "Product code {N_PRODCODE} is out of stock until next month.",
        "The quarterly review meeting is on {N_DATE} at {N_TIME}.",
        "Fixed in commit {N_GIT}.",
        "Request {N_UUID} timed out after 30 seconds.",
        "ISBN {N_ISBN}, paperback edition.",
        "The total comes to {N_PRICE} including tax.",
        "Delivery postcode/ZIP: {N_ZIP}.",
        "Ticket {N_TICKET} has been escalated to tier 2.",
        "Deploy {N_GIT} to staging at {N_TS}.",
        "Release notes for version {N_VERSION} are attached.",
        "Reference number {N_ORDER} was issued on {N_DATE}.",
        "Item {N_PRODCODE} costs {N_PRICE}.",
        "Correlation id {N_UUID}, build {N_BUILD}.",
    ],
    "fr": [
        "La commande n° {N_ORDER} a été expédiée.",
        "La facture {N_INVOICE} est à régler avant le {N_DATE}.",
        "Merci de mettre à jour l'agent vers la version {N_VERSION}.",
        "Le plantage se produit sur le build {N_BUILD}.",
        "La sauvegarde s'est terminée à {N_TS}.",
        "Numéro de suivi : {N_TRACK}",
        "Le numéro de carte {N_CARDBAD} a été refusé par le contrôle de validité.",
        "L'IBAN {N_IBANBAD} a été rejeté par la banque.",
        "Le code produit {N_PRODCODE} est en rupture de stock.",
        "La réunion de suivi aura lieu le {N_DATE} à {N_TIME}.",
        "Corrigé dans le commit {N_GIT}.",
        "La requête {N_UUID} a expiré.",
        "ISBN {N_ISBN}, édition de poche.",
        "Le total s'élève à {N_PRICE} TTC.",
        "Livraison au code postal {N_ZIP}.",
        "Le ticket {N_TICKET} a été transmis au niveau 2.",
    ],
    "es": [
        "El pedido n.º {N_ORDER} ya ha sido enviado.",
        "La factura {N_INVOICE} vence el {N_DATE}.",
        "Actualice el agente a la versión {N_VERSION}.",
        "El fallo ocurre en el build {N_BUILD}.",
        "Registro {N_TS}: copia de seguridad completada.",
        "Número de seguimiento: {N_TRACK}",
        "El número de tarjeta {N_CARDBAD} no superó la validación.",
        "El IBAN {N_IBANBAD} fue rechazado por el banco.",
        "El código de producto {N_PRODCODE} está agotado.",
        "La reunión de seguimiento es el {N_DATE} a las {N_TIME}.",
        "Corregido en el commit {N_GIT}.",
        "La solicitud {N_UUID} expiró.",
        "ISBN {N_ISBN}, edición de bolsillo.",
        "El total asciende a {N_PRICE} con IVA.",
        "Envío al código postal {N_ZIP}.",
        "La incidencia {N_TICKET} se escaló al nivel 2.",
    ],
    "de": [
        "Die Bestellung Nr. {N_ORDER} wurde versandt.",
        "Die Rechnung {N_INVOICE} ist bis zum {N_DATE} fällig.",
        "Bitte aktualisieren Sie den Agenten auf Version {N_VERSION}.",
        "Der Absturz tritt unter Build {N_BUILD} auf.",
        "Protokoll {N_TS}: Sicherung abgeschlossen.",
        "Sendungsnummer: {N_TRACK}",
        "Die Kartennummer {N_CARDBAD} hat die Prüfung nicht bestanden.",
        "Die IBAN {N_IBANBAD} wurde von der Bank abgelehnt.",
        "Der Artikelcode {N_PRODCODE} ist nicht vorrätig.",
        "Das Projektmeeting findet am {N_DATE} um {N_TIME} Uhr statt.",
        "Behoben in Commit {N_GIT}.",
        "Die Anfrage {N_UUID} ist abgelaufen.",
        "ISBN {N_ISBN}, Taschenbuchausgabe.",
        "Der Gesamtbetrag beträgt {N_PRICE} inkl. MwSt.",
        "Lieferung an die Postleitzahl {N_ZIP}.",
        "Das Ticket {N_TICKET} wurde an den 2nd-Level-Support eskaliert.",
    ],
}
FILL = {
    "en": ["Thanks in advance for your help.", "Let me know if you need anything else.",
           "Sorry for the late reply, it has been a busy week.",
           "The office will be closed for the holidays.",
           "Please keep this information confidential.",
           "I have attached the documents you requested.",
           "Looking forward to hearing from you.", "The issue seems to be resolved now."],
    "fr": ["Merci d'avance pour votre aide.", "N'hésitez pas si vous avez besoin d'autre chose.",
           "Désolé pour ma réponse tardive.", "Vous trouverez les documents demandés en pièce jointe."],
    "es": ["Gracias de antemano por su ayuda.", "Quedo a la espera de su respuesta.",
           "Disculpe la demora en responder.", "Adjunto los documentos solicitados."],
    "de": ["Vielen Dank im Voraus für Ihre Hilfe.", "Melden Sie sich gern, falls Sie noch etwas brauchen.",
           "Entschuldigen Sie die späte Antwort.", "Die gewünschten Unterlagen finden Sie im Anhang."],
}

TYPE_W = {
    "en": [("PERSON", 9), ("EMAIL_ADDRESS", 10), ("PHONE_NUMBER", 22), ("CREDIT_CARD", 11),
           ("IBAN_CODE", 6), ("US_SSN", 11), ("IP_ADDRESS", 9), ("MAC_ADDRESS", 7), ("URL", 9),
           ("CRYPTO", 8), ("DATE_OF_BIRTH", 9)],
}
for _l in ("fr", "es", "de"):
    TYPE_W[_l] = [("PERSON", 9), ("EMAIL_ADDRESS", 10), ("PHONE_NUMBER", 22), ("CREDIT_CARD", 9),
                  ("IBAN_CODE", 10), ("US_SSN", 1), ("IP_ADDRESS", 7), ("MAC_ADDRESS", 6),
                  ("URL", 7), ("CRYPTO", 6), ("DATE_OF_BIRTH", 10)]

LANG_W = [("en", 58), ("fr", 14), ("es", 14), ("de", 14)]

# Context lexicons (used to enforce the contract and to keep negatives fair)
PHONE_CTX = re.compile(r"\b(phone|call|tel|mobile|cell|whatsapp|t[ée]l[ée]phone|t[ée]l\.|appel|portable|"
                       r"tel[ée]fono|llam|m[óo]vil|celular|telefon|handy|anruf|angerufen|mobil)", re.I)
BIRTH_CTX = re.compile(r"\b(born|birth|dob|birthday|n[ée]e? le|naissance|nacid[oa]|nacimiento|"
                       r"geboren|geburtsdatum|geburtstag)", re.I)
VERSION_CTX = re.compile(r"(version|versi[óo]n|build|release)\W*$", re.I)
PH = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")


# =============================================================================
# Rendering and record assembly
# =============================================================================
def render(template, lang, ctx):
    segs, pos = [], 0
    for m in PH.finditer(template):
        if m.start() > pos:
            segs.append(T(template[pos:m.start()]))
        segs.extend(GEN[m.group(1)](lang, ctx))
        pos = m.end()
    if pos < len(template):
        segs.append(T(template[pos:]))
    return segs


def assemble(clause_list):
    text, ents, negs = "", [], []
    for ci, segs in enumerate(clause_list):
        if ci:
            if text[-1] in ".!?)":
                text += "\n" if rng.random() < 0.1 else " "
            else:                 # "Dear X," / "Tel: ..." / log lines end without a full stop
                text += "\n"
        for s in segs:
            st = len(text)
            text += s["text"]
            if "label" in s:
                ents.append({"type": s["label"], "start": st, "end": len(text), "meta": s["meta"]})
            elif "neg" in s:
                negs.append({"kind": s["neg"], "start": st, "end": len(text)})
    return text, ents, negs


def order_clauses(templates):
    opens = [t[1:] for t in templates if t.startswith("^")]
    closes = [t[1:] for t in templates if t.startswith("$")]
    mid = [t for t in templates if t[0] not in "^$"]
    rng.shuffle(mid)
    return opens[:1] + mid + closes[:1]


def build_record(lang, kind):
    ctx = {"persons": [], "lang": lang}
    if kind == "full":
        templates = [ch(FULL[lang])]
        if rng.random() < 0.25:
            templates.append(ch(NEG[lang]))
    elif kind == "neg":
        templates = rng.sample(NEG[lang], wchoice([(1, 4), (2, 4), (3, 2)]))
        if rng.random() < 0.3:
            templates.insert(rng.randint(0, len(templates)), ch(FILL[lang]))
    elif kind == "none":
        templates = rng.sample(FILL[lang], wchoice([(1, 2), (2, 2)]))
    else:
        n = wchoice([(1, 3), (2, 5), (3, 2)])
        templates = []
        while len(templates) < n:
            et = wchoice(TYPE_W[lang])
            t = ch(POS[lang][et])
            if t not in templates:            # no repeated clause inside one record
                templates.append(t)
        if rng.random() < 0.35:
            templates.append(ch(NEG[lang]))
        if rng.random() < 0.15:
            templates.append(ch(FILL[lang]))
        templates = order_clauses(templates)
    clauses = [render(t, lang, ctx) for t in templates]
    text, ents, negs = assemble(clauses)
    return {"text": text, "lang": lang, "entities": ents, "negatives": negs, "kind": kind}


# =============================================================================
# Verification
# =============================================================================
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
URL_RE = re.compile(r"(https?://|www\.)[A-Za-z0-9.-]+\.[a-z]{2,}(/[A-Za-z0-9._~%/+-]*)?(\?[A-Za-z0-9._~%=&+-]*)?")
MAC_RE = re.compile(r"([0-9A-Fa-f]{2}([:-]))[0-9A-Fa-f]{2}(\2[0-9A-Fa-f]{2}){4}|[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}")
SSN_RE = re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])")
DIGITRUN_CARD = re.compile(r"(?<![\w-])\d(?:[ -]?\d){11,18}(?![\w-])")
DIGITRUN_PHONE = re.compile(r"\d(?:[ ./()-]{0,2}\d){8,11}")
TITLES_ALL = {t for d in TITLES.values() for g in d.values() for t in g}


class VerifyError(Exception):
    pass


def need(cond, msg):
    if not cond:
        raise VerifyError(msg)


def check_card(text, brand):
    seps = set(re.sub(r"\d", "", text))
    need(seps <= {" "} or seps <= {"-"}, "card separators " + text)
    d = re.sub(r"[ -]", "", text)
    need(d.isdigit() and luhn_valid(d), "card luhn " + text)
    if seps:
        need(text == group_card(d, seps.pop()), "card grouping " + text)
    L = len(d)
    ok = {
        "visa": d[0] == "4" and L == 16,
        "mastercard": (51 <= int(d[:2]) <= 55 or 2221 <= int(d[:4]) <= 2720) and L == 16,
        "amex": d[:2] in ("34", "37") and L == 15,
        "discover": (d[:4] == "6011" or 644 <= int(d[:3]) <= 649 or d[:2] == "65") and L == 16,
        "jcb": 3528 <= int(d[:4]) <= 3589 and L == 16,
        "diners": (d[:2] == "36" or 300 <= int(d[:3]) <= 305) and L == 14,
        "unionpay": d[:2] == "62" and 16 <= L <= 19,
    }[brand]
    need(ok, "card brand rule %s %s" % (brand, text))


def check_phone(text, country, e164):
    need(re.fullmatch(r"\+?[0-9 ()./-]+", text) is not None, "phone chars " + text)
    d = re.sub(r"\D", "", text)
    if e164:
        need(text.startswith("+") and 8 <= len(d) <= 15, "e164 " + text)
        need(d.startswith(CC[country]), "e164 cc " + text)
        nsn = d[len(CC[country]):]
    else:
        need(country in NATIONAL_OK and not text.startswith("+"), "national " + text)
        if country in ("US", "CA"):
            nsn = d[1:] if len(d) == 11 and d[0] == "1" else d
        elif country == "IN":
            nsn = d
        else:
            need(d[0] == "0" and d[1] != "0", "trunk 0 " + text)
            nsn = d[1:]
    if country in ("US", "CA"):
        need(len(nsn) == 10 and nsn[0] in "23456789" and nsn[1:3] != "11"
             and nsn[3] in "23456789" and nsn[4:6] != "11", "NANP " + text)
    elif country == "GB":
        need(len(nsn) == 10 and (nsn[0] == "7" and nsn[1] not in "06" or nsn[:2] == "20"
                                 or nsn[0] == "1" or nsn[:2] in ("23", "24", "28", "29")), "UK " + text)
    elif country == "NG":
        need(len(nsn) == 10 and nsn[:2] in ("70", "80", "81", "90"), "NG " + text)
    elif country == "DE":
        mob = nsn[:3] in DE_MOB
        need((mob and 10 <= len(nsn) <= 11) or (not mob and nsn[:2] in ("30", "89", "40", "69", "22", "21", "71")
                                                 and 9 <= len(nsn) <= 10), "DE " + text)
    elif country == "FR":
        need(len(nsn) == 9 and nsn[0] in "1234567", "FR " + text)
    elif country == "IN":
        need(len(nsn) == 10 and nsn[0] in "6789", "IN " + text)
    else:
        need(6 <= len(nsn) <= 12, "intl " + text)


DATE_PATTERNS = []
for _lang, _ms in MONTHS.items():
    _alt = "|".join(sorted(set(_ms + [m[:3] for m in _ms]), key=len, reverse=True))
    DATE_PATTERNS.append(re.compile(r"(?P<d>\d{1,2})(?:er)?\.? (?:de )?(?P<mn>%s) (?:de )?(?P<y>\d{4})" % _alt))
    DATE_PATTERNS.append(re.compile(r"(?P<mn>%s) (?P<d>\d{1,2}), (?P<y>\d{4})" % _alt))


def check_date(text, ymd):
    y, m, d = ymd
    need(calendar.monthrange(y, m)[1] >= d, "calendar " + text)
    nums = re.fullmatch(r"(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})", text)
    if nums:
        a, b, c = (int(x) for x in nums.groups())
        cand = {(a, b, c)} if a > 31 else {(c, b, a), (c, a, b)}
        need((y, m, d) in cand, "numeric date " + text)
        return
    t = text.replace("1er", "1")
    for p in DATE_PATTERNS:
        mm = p.fullmatch(t)
        if mm:
            need(int(mm.group("d")) == d and int(mm.group("y")) == y, "date parts " + text)
            idx = [i for ms in MONTHS.values() for i, x in enumerate(ms) if mm.group("mn") in (x, x[:3])]
            need(m - 1 in idx, "month " + text)
            return
    need(False, "unparsed date " + text)


def validate_entity(rec, e):
    text = rec["text"]
    s, t = e["start"], e["end"]
    v = text[s:t]
    need(0 <= s < t <= len(text), "bounds")
    need(v == v.strip() and v, "whitespace in span %r" % v)
    need(s == 0 or not text[s - 1].isalnum(), "left boundary %r in %r" % (v, text))
    need(t == len(text) or not (text[t].isalnum() or text[t] == "@"), "right boundary %r" % v)
    typ, meta = e["type"], e["meta"]
    if typ == "EMAIL_ADDRESS":
        need(EMAIL_RE.fullmatch(v) is not None, "email " + v)
    elif typ == "URL":
        need(URL_RE.fullmatch(v) is not None and v[-1] not in ".,;:!?)", "url " + v)
    elif typ == "PHONE_NUMBER":
        check_phone(v, meta["country"], meta["e164"])
        if not meta["e164"]:
            window = text[max(0, s - 60):s] + " " + text[t:t + 40]
            need(PHONE_CTX.search(window) is not None, "national phone without context: " + text)
    elif typ == "CREDIT_CARD":
        check_card(v, meta["brand"])
    elif typ == "IBAN_CODE":
        need(iban_valid(v), "iban " + v)
        need(" " not in v or all(len(g) == 4 for g in v.split(" ")[:-1]), "iban grouping " + v)
        need(v[:2] == meta["country"], "iban country " + v)
    elif typ == "US_SSN":
        need(ssn_valid(v), "ssn " + v)
    elif typ == "IP_ADDRESS":
        ip = ipaddress.ip_address(v)
        need((ip.version == 4) == (meta["form"] == "v4"), "ip version " + v)
        if meta["form"] == "v6_compressed":
            need("::" in v, "compressed " + v)
        if meta["form"] == "v6_full":
            need("::" not in v and v.count(":") == 7, "full " + v)
        if meta["form"] == "v6_embedded_v4":
            need("." in v and ip.version == 6, "embedded " + v)
    elif typ == "MAC_ADDRESS":
        need(MAC_RE.fullmatch(v) is not None, "mac " + v)
    elif typ == "CRYPTO":
        if v.startswith("bc1"):
            r = bech32_decode_verify(v)
            need(r is not None, "bech32 " + v)
            want = {"bech32": (0, 20), "bech32m": (1, 32)}[meta["kind"]]
            need((r[0], len(r[1])) == want, "segwit kind " + v)
        else:
            need(btc_base58_valid(v) == meta["kind"], "base58check " + v)
    elif typ == "DATE_OF_BIRTH":
        check_date(v, meta["ymd"])
        window = text[max(0, s - 50):s] + " " + text[t:t + 12]    # "Ich bin am <date> geboren."
        need(BIRTH_CTX.search(window) is not None, "DOB without birth context: " + text)
    elif typ == "PERSON":
        need(v.split()[0] not in TITLES_ALL, "title inside person span " + v)
        need(all(w[0].isupper() for w in v.split()), "person capitalisation " + v)
        need(re.fullmatch(r"[^\W\d_]+(?:[ '-][^\W\d_]+)+", v) is not None, "person chars " + v)
    else:
        need(False, "unknown type " + typ)


def validate_negative(rec, n):
    text = rec["text"]
    v = text[n["start"]:n["end"]]
    kind = n["kind"]
    need("@" not in v and "http" not in v and "www." not in v, "neg looks like email/url " + v)
    for m in DIGITRUN_CARD.finditer(v):
        need(not luhn_valid(re.sub(r"\D", "", m.group())), "neg passes Luhn " + v)
    if kind in ("order_cardlike", "card_bad_luhn"):
        need(not luhn_valid(re.sub(r"\D", "", v)), "card-like neg passes Luhn " + v)
    if kind == "isbn" and len(re.sub(r"\D", "", v)) >= 12:
        need(not luhn_valid(re.sub(r"\D", "", v)), "isbn passes Luhn " + v)
    compact = v.replace(" ", "")
    if re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", compact):
        need(not iban_mod97_ok(compact), "neg passes mod-97 " + v)
    if kind == "iban_bad_check":
        need(not iban_valid(v) and not iban_mod97_ok(compact), "bad iban validates " + v)
    for m in SSN_RE.finditer(v):
        need(not ssn_valid(m.group()), "neg is a valid SSN " + v)
    if kind == "ssn_bad_area":
        need(re.fullmatch(r"(000|666|9\d\d)-\d{2}-\d{4}", v) is not None, "ssn_bad shape " + v)
    for tok in re.findall(r"[0-9A-Za-z:.]+", v):
        tok = tok.strip(".:")
        if "." in tok or ":" in tok:
            try:
                ipaddress.ip_address(tok.lstrip("v"))
                is_ip = True
            except ValueError:
                is_ip = False
            if is_ip:
                need(kind == "version_iplike", "neg is an IP " + v)
                need(VERSION_CTX.search(text[:n["start"]]) is not None, "IP-like version w/o context " + text)
        if re.fullmatch(r"[%s]{25,35}" % B58, tok):
            need(b58check_decode(tok) is None, "neg passes base58check " + v)
        if tok.lower().startswith("bc1"):
            need(bech32_decode_verify(tok) is None, "neg passes bech32 " + v)
    need(MAC_RE.search(v) is None, "neg looks like MAC " + v)
    if kind == "product_code":
        need(PHONE_CTX.search(text) is None, "phone-like code in record with phone context: " + text)
    if kind in ("date_not_birth", "timestamp"):
        need(BIRTH_CTX.search(text) is None, "non-birth date in record with birth context: " + text)
    if PHONE_CTX.search(text):
        for m in DIGITRUN_PHONE.finditer(v):
            dd = re.sub(r"\D", "", m.group())
            need(not (9 <= len(dd) <= 12), "phone-like negative near phone context: " + text)


def unlabelled_scan(rec):
    """Nothing that validates as a checksum/format type may sit outside labelled spans."""
    text = rec["text"]
    covered = [(e["start"], e["end"]) for e in rec["entities"]]

    def inside(a, b):
        return any(s <= a and b <= t for s, t in covered)
    for m in DIGITRUN_CARD.finditer(text):
        dd = re.sub(r"\D", "", m.group())
        if 13 <= len(dd) <= 19 and luhn_valid(dd) and not inside(m.start(), m.end()):
            raise VerifyError("unlabelled Luhn-valid number %r in %r" % (m.group(), text))
    for m in SSN_RE.finditer(text):
        if ssn_valid(m.group()) and not inside(m.start(), m.end()):
            raise VerifyError("unlabelled valid SSN in " + text)
    for m in EMAIL_RE.finditer(text):
        need(inside(m.start(), m.end()), "unlabelled email in " + text)
    for m in re.finditer(r"(https?://|www\.)\S+", text):
        need(inside(m.start(), m.start() + 4), "unlabelled url in " + text)
    for m in MAC_RE.finditer(text):
        need(inside(m.start(), m.end()), "unlabelled MAC in " + text)
    negspans = [(n["start"], n["end"], n["kind"]) for n in rec["negatives"]]
    for m in re.finditer(r"[0-9A-Fa-f:.]*[.:][0-9A-Fa-f:.]*", text):
        tok = m.group().strip(".:")
        if not tok:
            continue
        try:
            ipaddress.ip_address(tok)
        except ValueError:
            continue
        st = m.start() + m.group().find(tok)
        ok = inside(st, st + len(tok)) or any(a <= st and st + len(tok) <= b and k == "version_iplike"
                                              for a, b, k in negspans)
        need(ok, "unlabelled IP %r in %r" % (tok, text))
    ents = sorted(rec["entities"], key=lambda e: e["start"])
    for a, b in zip(ents, ents[1:]):
        need(a["end"] <= b["start"], "overlapping entities in " + text)
    for n in rec["negatives"]:
        need(not any(s < n["end"] and n["start"] < t for s, t in covered), "negative overlaps entity")


def validate_record(rec):
    for e in rec["entities"]:
        validate_entity(rec, e)
    for n in rec["negatives"]:
        validate_negative(rec, n)
    unlabelled_scan(rec)


# =============================================================================
# Main
# =============================================================================
def main():
    self_test()
    n_neg = round(N_RECORDS * 0.25)
    n_none = round(N_RECORDS * 0.03)
    n_full = round(N_RECORDS * 0.15)
    kinds = ["neg"] * n_neg + ["none"] * n_none + ["full"] * n_full
    kinds += ["pos"] * (N_RECORDS - len(kinds))
    rng.shuffle(kinds)

    records, seen, rejected = [], set(), Counter()
    for kind in kinds:
        lang = wchoice(LANG_W)
        for attempt in range(200):
            rec = build_record(lang, kind)
            if rec["text"] in seen:
                rejected["duplicate"] += 1
                continue
            try:
                validate_record(rec)
            except VerifyError as ex:
                rejected[str(ex)[:40]] += 1
                if os.environ.get("PII_DEBUG"):
                    print("REJECT:", ex, file=sys.stderr)
                continue
            if kind == "pos" and not rec["entities"]:
                continue
            break
        else:
            sys.exit("could not build a valid record")
        seen.add(rec["text"])
        records.append(rec)

    # ---------------- final, independent verification pass -----------------
    for i, rec in enumerate(records):
        for e in rec["entities"]:
            assert rec["text"][e["start"]:e["end"]] == rec["text"][e["start"]:e["end"]].strip()
        validate_record(rec)                       # raises on any failure
        if rec["kind"] in ("neg", "none"):
            assert not rec["entities"], i
    # re-serialise and check the file round-trips exactly
    with open(OUT_FILE, "w", encoding="utf-8") as f, open(NEG_FILE, "w", encoding="utf-8") as g:
        for rec in records:
            out = {"text": rec["text"], "lang": rec["lang"],
                   "entities": [{"type": e["type"], "start": e["start"], "end": e["end"]}
                                for e in rec["entities"]]}
            f.write(json.dumps(out, ensure_ascii=False) + "\n")
            g.write(json.dumps({"negatives": rec["negatives"]}, ensure_ascii=False) + "\n")
    with open(OUT_FILE, encoding="utf-8") as f:
        lines = [json.loads(x) for x in f]
    assert len(lines) == len(records)
    for ln, rec in zip(lines, records):
        assert ln["text"] == rec["text"]
        for a, b in zip(ln["entities"], rec["entities"]):
            assert ln["text"][a["start"]:a["end"]] == rec["text"][b["start"]:b["end"]]

    # ---------------- report -------------------------------------------------
    types = Counter(e["type"] for r in records for e in r["entities"])
    langs = Counter(r["lang"] for r in records)
    negs = Counter(n["kind"] for r in records for n in r["negatives"])
    sub = Counter()
    for r in records:
        for e in r["entities"]:
            m = e["meta"]
            if e["type"] == "PHONE_NUMBER":
                sub["PHONE %s %s" % (m["country"], "E.164" if m["e164"] else "national")] += 1
            elif e["type"] == "CREDIT_CARD":
                sub["CARD " + m["brand"]] += 1
            elif e["type"] == "IBAN_CODE":
                sub["IBAN " + m["country"]] += 1
            elif e["type"] == "CRYPTO":
                sub["CRYPTO " + m["kind"]] += 1
            elif e["type"] == "IP_ADDRESS":
                sub["IP " + m["form"]] += 1
            elif e["type"] == "MAC_ADDRESS":
                sub["MAC " + m["form"]] += 1
            elif e["type"] == "PERSON":
                sub["PERSON " + m["culture"]] += 1
    no_ent = sum(1 for r in records if not r["entities"])
    neg_only = sum(1 for r in records if not r["entities"] and r["negatives"])
    print("records: %d  (no entities: %d, hard-negative-only: %d = %.1f%%)"
          % (len(records), no_ent, neg_only, 100.0 * neg_only / len(records)))
    print("languages:", dict(sorted(langs.items())))
    print("entities per type:")
    for k, v in sorted(types.items(), key=lambda kv: -kv[1]):
        print("  %-14s %5d" % (k, v))
    print("  %-14s %5d" % ("TOTAL", sum(types.values())))
    print("hard negatives per kind:")
    for k, v in sorted(negs.items(), key=lambda kv: -kv[1]):
        print("  %-16s %5d" % (k, v))
    print("sub-types:")
    for k, v in sorted(sub.items()):
        print("  %-26s %4d" % (k, v))
    print("rejected during generation (resampled):", dict(rejected))
    print("all checks passed; wrote", OUT_FILE)


if __name__ == "__main__":
    main()
