"""Per-game seeds derived from one batch seed.

Game ``i`` of a batch with seed ``S`` is played with
``int(sha256(f"{S}/{i}").hexdigest()[:12], 16)``: a 48-bit integer that
depends only on ``S`` and ``i``, never on how many processes play the batch
or in which order they finish. 48 bits keep the seed exact in a spreadsheet
(at most 15 digits) and in JSON readers that use doubles, while collisions
stay negligible (about one pair in 10^5 batches of 100,000 games).
"""

from __future__ import annotations

import hashlib

SEED_BITS = 48


def game_seed(batch_seed: int | str, index: int) -> int:
    """The seed of game ``index`` (from 0) in the batch seeded with ``batch_seed``."""
    digest = hashlib.sha256(f"{batch_seed}/{index}".encode()).hexdigest()
    return int(digest[: SEED_BITS // 4], 16)
