"""Provenance: which articles are copies, rewrites or degraded versions of which, and how an
article reads.

Stage 5 of the pipeline, after dedup (which only merges identical cleaned texts). Each step is
its own module:

1. ``minhash``: candidate pairs at scale. MinHash signatures of each article's content words
   and locality-sensitive hashing (bands of rows) find the pairs likely to share text, in time
   linear in the number of articles, instead of comparing every pair.
2. ``align``: for a candidate pair, align the sentences of one article with the other's
   (vectorised Dice of content words), so the evidence is concrete: which passages are shared,
   how closely, unchanged or not, and in which order.
3. ``relations``: from the alignments, the relation (``copy``, ``partial-copy``, ``rewrite``,
   ``stitched``) and which side is the likely original; ``ProvenanceIndex`` does it
   incrementally with signatures the store keeps as bytes; ``independent_groups`` counts the
   independent sources among an event's articles.
4. ``flags``: quality flags with evidence (``spun``, ``machine-translated``, ``stitched``,
   ``has-reader-comments``, ``typos``) from the text, the clean stage's cut lines and, when
   the corpus has it, the original (vocabulary in ``dateline.vocab.style``).
"""
