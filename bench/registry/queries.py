"""The benchmark's queries: word × SDG pairs drawn from the products' own descriptions and goals.

Each pair comes from one product (a word of its description, one of its SDGs), so every query
finds at least that product, and no pair repeats: load on these URLs is never answered from the
response cache.
"""

import random

from dpg_registry.registry.models import Product, ProductSDG

MIN_WORD = 4


def word_sdg_pairs(count: int, seed: int = 11) -> list[tuple[str, int]]:
    rng = random.Random(seed)
    goals: dict[int, list[int]] = {}
    for product_id, sdg in ProductSDG.objects.values_list("product_id", "sdg_id").iterator(chunk_size=5000):
        goals.setdefault(product_id, []).append(sdg)
    ids = sorted(goals)
    rng.shuffle(ids)
    pairs: dict[tuple[str, int], None] = {}
    for start in range(0, len(ids), 2000):
        chunk = ids[start : start + 2000]
        for product_id, description in Product.objects.filter(id__in=chunk).values_list("id", "description"):
            words = [word.lower() for word in description.split() if word.isalpha() and len(word) >= MIN_WORD]
            if words:
                pairs.setdefault((rng.choice(words), rng.choice(goals[product_id])))
        if len(pairs) >= count:
            break
    return list(pairs)[:count]
