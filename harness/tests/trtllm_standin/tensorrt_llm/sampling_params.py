"""tensorrt_llm/sampling_params.py `@dataclass(kw_only=True) class SamplingParams` (init fields)."""

from dataclasses import dataclass, field


@dataclass(kw_only=True)
class SamplingParams:
    end_id: int = None
    pad_id: int = None
    max_tokens: int = 32
    bad: object = None
    bad_token_ids: list = None
    stop: object = None
    stop_token_ids: list = None
    include_stop_str_in_output: bool = False
    embedding_bias: object = None
    logits_processor: object = None
    apply_batched_logits_processor: bool = False
    n: int = 1
    best_of: int = None
    use_beam_search: bool = False
    top_k: int = None
    top_p: float = None
    top_p_min: float = None
    top_p_reset_ids: int = None
    top_p_decay: float = None
    seed: int = None
    temperature: float = None
    min_tokens: int = None
    beam_search_diversity_rate: float = None
    repetition_penalty: float = None
    presence_penalty: float = None
    frequency_penalty: float = None
    length_penalty: float = None
    early_stopping: int = None
    no_repeat_ngram_size: int = None
    min_p: float = None
    beam_width_array: list = None
    logprobs: int = None
    prompt_logprobs: int = None
    return_context_logits: bool = False
    return_generation_logits: bool = False
    exclude_input_from_output: bool = True
    return_encoder_output: bool = False
    return_perf_metrics: bool = False
    additional_model_outputs: list = None
    lookahead_config: object = None
    guided_decoding: object = None
    ignore_eos: bool = False
    detokenize: bool = True
    add_special_tokens: bool = True
    truncate_prompt_tokens: int = None
    skip_special_tokens: bool = True
    spaces_between_special_tokens: bool = True
    _extra: dict = field(default_factory=dict, repr=False)

    def greedy(self) -> bool:
        """TensorRT-LLM samples greedily when top_k is 1 or temperature 0, or nothing asks to sample."""
        if self.use_beam_search:
            return False
        if self.top_k == 1 or self.temperature == 0:
            return True
        return self.top_k in (None, 0) and self.top_p in (None, 0.0)  # top_k=0, top_p unset: greedy
