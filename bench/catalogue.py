#!/usr/bin/env python3
"""Writes a made-up catalogue of N products as JSON lines, the input of
`betterstore import-products`: names of two to four words from a vocabulary
of made-up words with some English, accented and CJK ones, a sentence of
description, three attributes, eight categories. The same N gives the same
file. "Dune" is in about one name in 2,000, so a search for "dune" finds a
result set of a realistic size (about 500 of 1M).

    bench/catalogue.py 1000000 > catalogue.jsonl
"""
import json
import random
import sys

count = int(sys.argv[1])
rng = random.Random(20261202)
syllables = ["ka", "lo", "mi", "ra", "ten", "vo", "shi", "an", "el", "dor", "ix", "um", "pre", "sta", "ne", "qua"]
made_up = sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(30000)})
english = ["garden", "lamp", "travel", "guide", "river", "stone", "winter", "kitchen", "history", "keyboard", "cable",
           "monitor", "chair", "night", "ocean", "forest", "silver", "paper", "coffee", "classic"]
accented = ["café", "crème", "élan", "Zürich", "señor", "façade", "naïve", "Ångström", "Mañana", "déjà"]
cjk = ["三体", "村上", "東京", "森林", "咖啡", "图书", "電腦", "夜空", "山水", "花園"]
categories = ["BOOKS", "COMPUTERS", "GARDEN", "KITCHEN", "TRAVEL", "MUSIC", "TOYS", "OFFICE"]
formats = ["Paperback", "Hardcover", "E-book (EPUB)", "Boxed set"]


def word():
    roll = rng.random()
    if roll < 0.80:
        return rng.choice(made_up)
    if roll < 0.90:
        return rng.choice(english)
    if roll < 0.95:
        return rng.choice(accented)
    return rng.choice(cjk)


out = sys.stdout
for number in range(1, count + 1):
    words = [word() for _ in range(rng.randint(2, 4))]
    if rng.random() < 0.0005:
        words[0] = "Dune"
    name = " ".join(words).capitalize()
    digital = rng.random() < 0.2
    product = {
        "id": f"p{number:07d}",
        "name": name,
        "description": " ".join(word() for _ in range(rng.randint(6, 12))).capitalize() + ".",
        "category": categories[number % len(categories)],
        "kind": "digital" if digital else "physical",
        "price": {"amount": rng.randint(100, 50000), "currency": "NZD"},
        "stock": 0 if digital else rng.randint(0, 200),
        "attributes": [{"name": "Maker", "value": " ".join(word() for _ in range(2)).title()},
                       {"name": "Format", "value": rng.choice(formats)},
                       {"name": "Code", "value": f"{rng.randint(0, 10**12):013d}"}],
    }
    out.write(json.dumps(product, ensure_ascii=False, separators=(",", ":")) + "\n")
