"""The 1-D divergence lab: exact divergences, optimal critics and fits, and 1-D trainers.

In 1-D every density is known, so the exact answer (quadrature, closed forms) can stand next
to what training with the engine's own objectives finds. Qt-free, like the rest of ``engine``.
"""
