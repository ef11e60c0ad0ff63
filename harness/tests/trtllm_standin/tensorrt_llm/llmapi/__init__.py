"""tensorrt_llm.llmapi exports (1.2: LLM, SamplingParams, KvCacheConfig, CalibConfig, BatchingType,
TrtLlmArgs, TorchLlmArgs, BuildConfig, QuantConfig, QuantAlgo; main: no TrtLlmArgs, no BuildConfig).
KVCacheType is NOT exported here: it lives in tensorrt_llm.llmapi.kv_cache_type."""

from .._standin import has_engine_flow
from ..sampling_params import SamplingParams
from .llm import LLM, CompletionOutput, RequestOutput
from .llm_args import BatchingType, CalibConfig, KvCacheConfig, QuantAlgo, QuantConfig, TorchLlmArgs

if has_engine_flow():
    from ..builder import BuildConfig
    from .llm_args import TrtLlmArgs

__all__ = ["LLM", "CompletionOutput", "RequestOutput", "SamplingParams", "KvCacheConfig", "CalibConfig",
           "BatchingType", "QuantConfig", "QuantAlgo", "TorchLlmArgs"] + (
    ["BuildConfig", "TrtLlmArgs"] if has_engine_flow() else [])
