"""tensorrt_llm/llmapi/kv_cache_type.py: `class KVCacheType(str, Enum)`, case-insensitive
`_missing_`. Not re-exported by tensorrt_llm.llmapi."""

from enum import Enum


class KVCacheType(str, Enum):
    CONTINUOUS = "continuous"
    PAGED = "paged"
    DISABLED = "disabled"

    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            for member in cls:
                if member.value.lower() == value.lower():
                    return member
        return None
