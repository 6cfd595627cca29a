"""Provenance: which articles are copies, rewrites or degraded versions of which.

Stage 5 of the pipeline, after dedup (which only merges identical cleaned texts). Three steps,
each its own module:

1. ``minhash``: candidate pairs at scale. MinHash signatures of each article's shingles and
   locality-sensitive hashing (bands of rows) find the pairs likely to share text, in time
   linear in the number of articles, instead of comparing every pair.
2. ``align``: for a candidate pair, align the sentences of one article with the other's, so the
   evidence is concrete: which passages are shared, how closely, and in which order.
3. ``relations``: from the alignment, the relation (``copy``, ``rewrite``, ``partial-copy``) and
   which side is the likely original.
"""
