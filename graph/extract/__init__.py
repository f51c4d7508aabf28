"""Rule-based extraction of diplomatic events from news articles.

Deterministic and explainable: per-language lexicons (``data/lexicons/<lang>.yaml``), the
gazetteer of states, leaders and organisations, and date normalisation against the
publication date. Modules, one concept each: :mod:`.token`, :mod:`.phrase`, :mod:`.lexicon`,
:mod:`.sentence`, :mod:`.mention`, :mod:`.temporal`, :mod:`.context`, :mod:`.participant`,
:mod:`.counterpart`, :mod:`.frame`, :mod:`.anniversary`, :mod:`.extraction`, :mod:`.contract`.

>>> from diplograph.graph.model import Article
>>> from diplograph.graph.date import PartialDate
>>> text = "Presiden Prabowo bertemu Presiden Putin di Moskow pada 10 Mei 2025."
>>> facts = extract_article(Article.from_text(text, published=PartialDate(2025, 5, 11), lang="id"))
>>> [(e["type"], e["date"], e["states"]) for e in to_contract(facts)["events"]]
[('meeting', '2025-05-10', ['IDN', 'RUS'])]
"""

from __future__ import annotations

from diplograph.graph._version import __version__
from diplograph.graph.extract import extraction as _extraction
from diplograph.graph.extract.contract import to_contract
from diplograph.graph.extract.extraction import extract_article

#: The extractor's version (recorded with every mention's provenance).
EXTRACTOR_VERSION = __version__

#: Whether these modules run compiled by mypyc (a wheel build) or as Python source (an editable
#: install, or a wheel built without a C compiler); the results are the same, only faster.
COMPILED = not (_extraction.__file__ or "").endswith(".py")

__all__ = ["COMPILED", "EXTRACTOR_VERSION", "extract_article", "to_contract"]
