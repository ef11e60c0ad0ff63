"""tensorrt_llm/sampling_params.py `@dataclass(kw_only=True) class SamplingParams` (init fields)."""

from dataclasses import field

from ._standin import with_fields


@with_fields({
    "end_id": None, "pad_id": None, "max_tokens": 32, "bad": None, "bad_token_ids": None, "stop": None,
    "stop_token_ids": None, "include_stop_str_in_output": False, "embedding_bias": None, "logits_processor": None,
    "apply_batched_logits_processor": False, "n": 1, "best_of": None, "use_beam_search": False, "top_k": None,
    "top_p": None, "top_p_min": None, "top_p_reset_ids": None, "top_p_decay": None, "seed": None, "temperature": None,
    "min_tokens": None, "beam_search_diversity_rate": None, "repetition_penalty": None, "presence_penalty": None,
    "frequency_penalty": None, "length_penalty": None, "early_stopping": None, "no_repeat_ngram_size": None,
    "min_p": None, "beam_width_array": None, "logprobs": None, "prompt_logprobs": None,
    "return_context_logits": False, "return_generation_logits": False, "exclude_input_from_output": True,
    "return_encoder_output": False, "return_perf_metrics": False, "additional_model_outputs": None,
    "lookahead_config": None, "guided_decoding": None, "ignore_eos": False, "detokenize": True,
    "add_special_tokens": True, "truncate_prompt_tokens": None, "skip_special_tokens": True,
    "spaces_between_special_tokens": True,
    "_extra": field(default_factory=dict, repr=False),
}, kw_only=True)
class SamplingParams:
    def greedy(self) -> bool:
        """TensorRT-LLM samples greedily when top_k is 1 or temperature 0, or nothing asks to sample."""
        if self.use_beam_search:
            return False
        if self.top_k == 1 or self.temperature == 0:
            return True
        return self.top_k in (None, 0) and self.top_p in (None, 0.0)  # top_k=0, top_p unset: greedy
