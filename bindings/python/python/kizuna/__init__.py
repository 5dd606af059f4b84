"""kizuna: the engine for social customer care in Japanese and English.

Normalise messy social text while keeping a map back to the original, classify mentions
(sentiment, intents, urgency, needs-reply, flame risk) with evidence, score reply SLAs in
business time with Japanese holidays, and compute engagement figures such as NPS.

>>> import kizuna
>>> kizuna.normalize("ﾌﾗｲﾄ遅延ｗｗｗｗ　最悪ーーー！！！！")
'ふらいと遅延ww 最悪ー!!'
"""

from ._kizuna import (
    Calendar,
    Classification,
    Classifier,
    ConfigError,
    Entity,
    Evidence,
    HoursError,
    InvalidOptionError,
    InvalidRangeError,
    KizunaError,
    Normalized,
    Normalizer,
    Nps,
    OrderError,
    OutOfRangeError,
    ParseError,
    RecordError,
    SlaMonitor,
    SlaPolicy,
    TimeZoneError,
    __version__,
    account_metrics,
    extract_entities,
    japanese_holidays,
    normalize,
    nps,
    nps_from_sentiment,
    profile,
    repeat_engagers,
    score_events,
)

__all__ = [
    "Calendar",
    "Classification",
    "Classifier",
    "ConfigError",
    "Entity",
    "Evidence",
    "HoursError",
    "InvalidOptionError",
    "InvalidRangeError",
    "KizunaError",
    "Normalized",
    "Normalizer",
    "Nps",
    "OrderError",
    "OutOfRangeError",
    "ParseError",
    "RecordError",
    "SlaMonitor",
    "SlaPolicy",
    "TimeZoneError",
    "__version__",
    "account_metrics",
    "extract_entities",
    "japanese_holidays",
    "normalize",
    "nps",
    "nps_from_sentiment",
    "profile",
    "repeat_engagers",
    "score_events",
]
