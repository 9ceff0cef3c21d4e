"""The benchmark's queries, drawn from the products' own data, no two alike (so the response cache answers none):

- a word of a product's description with one of its SDGs (most queries; each finds at least that product);
- one of the descriptions' most common words with an SDG (large match sets);
- no search at all, only filters: an SDG, a status and a category.
"""

import random
from collections import Counter

from dpg_registry.registry.models import Product, ProductSDG
from dpg_registry.standard.models import Category

MIN_WORD = 4
COMMON_WORDS = 100
STATUSES = ("dpg", "nominee", "archived", "excluded")


def benchmark_queries(count: int, seed: int = 11) -> list[dict]:
    """``count`` distinct queries as parameters: ``q`` and ``sdg``, or ``sdg``, ``status`` and ``category``."""
    rng = random.Random(seed)
    goals: dict[int, list[int]] = {}
    for product_id, sdg in ProductSDG.objects.values_list("product_id", "sdg_id").iterator(chunk_size=5000):
        goals.setdefault(product_id, []).append(sdg)
    ids = sorted(goals)
    rng.shuffle(ids)
    pairs: dict[tuple[str, int], None] = {}
    frequency: Counter = Counter()
    for start in range(0, len(ids), 2000):
        chunk = ids[start : start + 2000]
        for product_id, description in Product.objects.filter(id__in=chunk).values_list("id", "description"):
            words = [word.lower() for word in description.split() if word.isalpha() and len(word) >= MIN_WORD]
            frequency.update(words)
            if words:
                pairs.setdefault((rng.choice(words), rng.choice(goals[product_id])))
        if len(pairs) >= count:
            break
    common = [{"q": word, "sdg": sdg} for word, _ in frequency.most_common(COMMON_WORDS) for sdg in range(1, 18)]
    categories = list(Category.objects.values_list("key", flat=True))
    filters_only = [
        {"sdg": sdg, "status": status, "category": category}
        for sdg in range(1, 18) for status in STATUSES for category in categories
    ]
    drawn = [{"q": word, "sdg": sdg} for word, sdg in pairs]
    queries = list({tuple(query.items()): query for query in common + filters_only + drawn}.values())[:count]
    rng.shuffle(queries)
    return queries
